/**
 * Colour arithmetic for the specs that check chart bands against their card: CSS colours as
 * Chromium computes them, alpha compositing, and the WCAG 2.x contrast ratio
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio, relative luminance as defined there).
 */
export type Rgb = readonly [number, number, number];

/** `rgb(r, g, b)` or `rgba(r, g, b, a)` as CSS computes it. */
export function rgba(css: string): { rgb: Rgb; a: number } {
  const m = /rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)/.exec(css);
  if (!m) throw new Error(`not a computed colour: ${css}`);
  return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], a: m[4] === undefined ? 1 : Number(m[4]) };
}

/** `fg` painted over the opaque `bg`. */
export function over(fg: { rgb: Rgb; a: number }, bg: Rgb): Rgb {
  return [0, 1, 2].map((i) => fg.a * fg.rgb[i]! + (1 - fg.a) * bg[i]!) as unknown as Rgb;
}

/** WCAG 2.x relative luminance and contrast ratio. */
export function contrast(x: Rgb, y: Rgb): number {
  const lum = (c: Rgb): number => {
    const [r, g, b] = c.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(x), lum(y)].sort((a, b) => b - a) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
