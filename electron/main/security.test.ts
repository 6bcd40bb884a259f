import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => {});
vi.mock('electron', () => ({ shell: { openExternal } }));

const { CSP, hardenSession, hardenWebContents, isAppUrl, isTrustedSender, openExternalSafely, secureWebPreferences } = await import('./security');

type Handler = (...args: unknown[]) => void;

/** A stand-in WebContents recording the handlers security.ts installs. */
function fakeContents() {
  const on: Record<string, Handler> = {};
  let windowOpen: ((d: { url: string }) => { action: string }) | undefined;
  return {
    on: (name: string, h: Handler) => (on[name] = h),
    setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (windowOpen = h),
    fire(name: string, url: string) {
      const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
      on[name]!(event, url);
      return event.defaultPrevented;
    },
    open: (url: string) => windowOpen!({ url }),
  };
}

beforeEach(() => openExternal.mockClear());

describe('electron security', () => {
  it('isolates, sandboxes and removes Node from every window', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({ preload: '/p.js', contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
  });

  it('opens only http(s) externally', () => {
    expect(openExternalSafely('https://focus.finops.org/')).toBe(true);
    expect(openExternalSafely('file:///etc/passwd')).toBe(false);
    expect(openExternalSafely('javascript:alert(1)')).toBe(false);
    expect(openExternalSafely('smb://host/share')).toBe(false);
    expect(openExternal.mock.calls).toEqual([['https://focus.finops.org/']]);
  });

  it('denies window.open and navigation away from the app; the link goes to the browser', () => {
    const c = fakeContents();
    hardenWebContents(c as never);
    expect(c.open('https://example.com/x')).toEqual({ action: 'deny' });
    expect(c.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', 'headroom://app/index.html#/explore')).toBe(false);
    expect(c.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-attach-webview', 'headroom://app/')).toBe(true);
    expect(openExternal.mock.calls).toEqual([['https://example.com/x'], ['https://evil.example/']]);
  });

  it('adds the CSP header and refuses every permission', () => {
    let headers: ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    let perm: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    hardenSession({
      webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) },
      setPermissionRequestHandler: (h: typeof perm) => (perm = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    } as never);
    let out: unknown;
    headers!({ responseHeaders: { 'X-A': ['1'] } }, (r) => (out = r));
    expect(out).toEqual({ responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [CSP] } });
    let granted: boolean | undefined;
    perm!({}, 'geolocation', (ok) => (granted = ok));
    expect(granted).toBe(false);
    expect(check!()).toBe(false);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
  });

  it('trusts only the top frame of the app', () => {
    expect(isAppUrl('headroom://app/index.html')).toBe(true);
    expect(isAppUrl('headroom://evil/index.html')).toBe(false);
    expect(isTrustedSender({ senderFrame: { parent: null, url: 'headroom://app/index.html' } } as never)).toBe(true);
    expect(isTrustedSender({ senderFrame: { parent: {}, url: 'headroom://app/index.html' } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: { parent: null, url: 'https://evil.example/' } } as never)).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
  });
});
