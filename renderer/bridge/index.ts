import { createContext, createElement, type ReactNode, useContext } from 'react';
import { api, type Method, type Req, type Res } from '../../core/api';
import { desktopTransport } from './desktop';
import type { HeadroomPreload } from './preload-api';
import { httpTransport, takeSessionToken } from './http';
import { BridgeError, type CallOptions, type ServiceFile, type Transport } from './types';

export { BridgeError, type CallOptions, type ServiceFile, type Transport } from './types';
export { httpTransport, takeSessionToken } from './http';
export { desktopTransport } from './desktop';
export type { HeadroomPreload, DesktopFile, SendResult } from './preload-api';
export { CHANNELS } from './preload-api';

/** The one typed client the pages use; every transport is derived from core/api. */
export interface Bridge {
  readonly kind: Transport['kind'];
  call<K extends Method>(method: K, req: Req<K>, options?: CallOptions): Promise<Res<K>>;
  /** Whether the contract (as built into this renderer) has the method: pages for features not on this build are absent. */
  has(method: string): method is Method;
  fileForService(file: File): Promise<ServiceFile>;
  readonly openFileDialog: (() => Promise<ServiceFile[]>) | undefined;
  /** The OS save dialog (desktop); undefined in the browser, which downloads a Blob instead. */
  readonly saveFile: ((name: string, base64: string) => Promise<string | null>) | undefined;
  openExternal(url: string): void;
}

/** Wraps a transport; responses are checked against the method's response schema. */
export function createBridge(transport: Transport): Bridge {
  return {
    kind: transport.kind,
    async call<K extends Method>(method: K, req: Req<K>, options: CallOptions = {}): Promise<Res<K>> {
      const raw = await transport.call(method, req, options);
      const parsed = api[method].res.safeParse(raw);
      if (!parsed.success) throw new BridgeError('INTERNAL', `The service answered "${method}" in an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'}): the app and the service are different versions.`);
      return parsed.data as Res<K>;
    },
    has: (method: string): method is Method => Object.prototype.hasOwnProperty.call(api, method),
    fileForService: (file) => transport.fileForService(file),
    openFileDialog: transport.openFileDialog,
    saveFile: transport.saveFile,
    openExternal: (url) => transport.openExternal(url),
  };
}

/** Electron when the preload API is present, else HTTP with the session token from the URL. */
export function connect(win: Window & { headroom?: HeadroomPreload }): Bridge {
  if (win.headroom) return createBridge(desktopTransport(win.headroom));
  const token = takeSessionToken(win);
  if (!token) throw new BridgeError('AUTH', 'No session token: open the full URL that "headroom serve" printed (it ends with #token=…).');
  return createBridge(httpTransport(token));
}

const BridgeContext = createContext<Bridge | null>(null);

export function BridgeProvider({ bridge, children }: { readonly bridge: Bridge; readonly children: ReactNode }) {
  return createElement(BridgeContext.Provider, { value: bridge }, children);
}

export function useBridge(): Bridge {
  const b = useContext(BridgeContext);
  if (!b) throw new Error('useBridge outside BridgeProvider');
  return b;
}
