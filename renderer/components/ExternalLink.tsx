import type { ReactNode } from 'react';
import { useBridge } from '../bridge';

/** A link to the web: opens in the user's browser (desktop) or a new tab (browser mode); the app itself never navigates away. */
export function ExternalLink({ href, children, testId }: { readonly href: string; readonly children: ReactNode; readonly testId?: string }) {
  const bridge = useBridge();
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      data-testid={testId}
      onClick={(e) => {
        e.preventDefault();
        bridge.openExternal(href);
      }}
    >
      {children}
    </a>
  );
}

/**
 * Document-level guard: a click on any link leaving the app (one not written with ExternalLink, e.g.
 * inside imported text) is turned into an external open instead of a navigation. Same-origin
 * `blob:` links with a `download` attribute (reports saved in browser mode) pass.
 */
export function installLinkGuard(doc: Document, openExternal: (url: string) => void): () => void {
  const onClick = (e: MouseEvent): void => {
    const a = (e.target as Element | null)?.closest?.('a[href]');
    if (!(a instanceof HTMLAnchorElement) || e.defaultPrevented) return;
    const url = new URL(a.href, doc.baseURI);
    const base = new URL(doc.baseURI);
    if (url.origin === base.origin && url.protocol === base.protocol) return;
    // A download of bytes the app made itself (a report as a Blob of this origin) saves a file, it never navigates.
    if (url.protocol === 'blob:' && url.origin === base.origin && a.hasAttribute('download')) return;
    e.preventDefault();
    if (url.protocol === 'https:' || url.protocol === 'http:') openExternal(url.toString());
  };
  doc.addEventListener('click', onClick, true);
  return () => doc.removeEventListener('click', onClick, true);
}
