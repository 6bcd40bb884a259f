/** Bytes the service sent as base64 (reports), decoded in the browser. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** UTF-8 text of base64 bytes (the HTML report for its preview). */
export function base64ToText(base64: string): string {
  return new TextDecoder('utf-8').decode(base64ToBytes(base64));
}

/**
 * The file name a report is saved under: `headroom-<scope>-<data through>.<ext>`, made only of
 * characters every file system and the desktop save-dialog check accept.
 */
export function reportFileName(format: string, dataThrough: string, scope: readonly { readonly value: string }[]): string {
  const slug = scope
    .map((s) => s.value)
    .join('-')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `headroom-report${slug ? `-${slug}` : ''}-${dataThrough}.${format}`;
}
