/**
 * Every piece of window hardening, in one place (STYLE.md §8). The renderer is treated as
 * untrusted: it runs sandboxed with context isolation and no Node, may only load the app's own
 * pages, may not open windows or navigate away, and every IPC message is checked for its sender
 * frame before its payload is validated.
 */
import { RENDERER_CSP } from '../../core/api';
import { shell, type IpcMainInvokeEvent, type Session, type WebContents, type WebPreferences } from 'electron';

/** The custom scheme the renderer is served from (`headroom://app/index.html`). */
export const APP_SCHEME = 'headroom';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** The renderer's policy, shared by every host (core/api/csp.ts). */
export const CSP = RENDERER_CSP;

/** WebPreferences for every window: isolated, sandboxed, no Node, no webviews. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Whether a URL is one of the app's own pages. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'app';
  } catch {
    return false;
  }
}

/** Opens http(s) links in the user's browser; anything else (file:, javascript:, custom schemes) is dropped. Returns whether it opened. */
export function openExternalSafely(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  void shell.openExternal(u.toString());
  return true;
}

/**
 * Denies window.open (links go to the system browser when they are http(s)), navigation away
 * from the app, redirects, and <webview> attachment.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  const stay = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternalSafely(url);
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** CSP on every response, and no permission (camera, geolocation, notifications…) is ever granted. */
export function hardenSession(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/** IPC is answered only for the app's own top-level frame. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
