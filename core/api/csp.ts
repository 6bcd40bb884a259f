/**
 * The Content-Security-Policy of the renderer, whichever host serves it (`headroom serve` over
 * loopback HTTP, or Electron's `headroom://app` scheme): same-origin scripts and connections only,
 * no framing, no plugins, no base-uri or form tricks. Styles allow inline attributes (charts set them).
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
