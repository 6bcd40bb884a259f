import type { HeadroomPreload } from './preload-api';
import type { Progress } from '../../core/api';
import { BridgeError, type CallOptions, type ServiceFile, type Transport } from './types';

let nextCall = 0;

/** Calls core/service through the preload API (`window.headroom`) in the desktop app. */
export function desktopTransport(preload: HeadroomPreload): Transport {
  const listeners = new Map<string, (p: Progress) => void>();
  preload.onProgress((callId, p) => listeners.get(callId)?.(p));
  return {
    kind: 'electron',
    async call(method: string, req: unknown, options: CallOptions): Promise<unknown> {
      const callId = `c${++nextCall}`;
      if (options.onProgress) listeners.set(callId, options.onProgress);
      const onAbort = (): void => preload.cancel(callId);
      options.signal?.addEventListener('abort', onAbort);
      try {
        const r = await preload.send(method, req, callId);
        if (!r.ok) throw new BridgeError(r.error.code, r.error.message, r.error.location);
        return r.value;
      } finally {
        listeners.delete(callId);
        options.signal?.removeEventListener('abort', onAbort);
      }
    },
    async fileForService(file: File): Promise<ServiceFile> {
      const path = preload.pathForFile(file);
      if (path === '') throw new BridgeError('BAD_INPUT', `"${file.name}" is not a file on disk: save it first, then import it.`);
      return { path, name: file.name };
    },
    openFileDialog: () => preload.openFiles(),
    saveFile: (name, base64) => preload.saveFile(name, base64),
    openExternal: (url) => preload.openExternal(url),
  };
}
