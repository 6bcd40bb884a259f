/**
 * Preload (sandboxed, context-isolated): exposes exactly the named methods of HeadroomPreload as
 * `window.headroom`. No generic invoke: each method maps to one fixed channel, and main validates
 * every payload again.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { Progress } from '../../core/lib';
import { CHANNELS, type HeadroomPreload, type SendResult } from '../../renderer/bridge/preload-api';

export const preloadApi = {
  send: (method: string, req: unknown, callId: string) => ipcRenderer.invoke(CHANNELS.send, method, req, callId) as Promise<SendResult>,
  cancel: (callId: string) => ipcRenderer.send(CHANNELS.cancel, callId),
  onProgress: (listener: (callId: string, progress: Progress) => void) => {
    const wrapped = (_event: unknown, callId: string, progress: Progress): void => listener(callId, progress);
    ipcRenderer.on(CHANNELS.progress, wrapped);
    return () => void ipcRenderer.removeListener(CHANNELS.progress, wrapped);
  },
  openFiles: () => ipcRenderer.invoke(CHANNELS.openFiles),
  saveFile: (name: string, base64: string) => ipcRenderer.invoke(CHANNELS.saveFile, name, base64) as Promise<string | null>,
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  openExternal: (url: string) => ipcRenderer.send(CHANNELS.openExternal, url),
  secrets: {
    set: (ref: string, secret: string) => ipcRenderer.invoke(CHANNELS.secretSet, ref, secret) as Promise<void>,
    has: (ref: string) => ipcRenderer.invoke(CHANNELS.secretHas, ref) as Promise<boolean>,
    remove: (ref: string) => ipcRenderer.invoke(CHANNELS.secretRemove, ref) as Promise<void>,
  },
} satisfies HeadroomPreload;

contextBridge.exposeInMainWorld('headroom', preloadApi);
