/**
 * The preload API's type: the short list of named methods `window.headroom` exposes
 * (STYLE.md §7). The renderer consumes it; `electron/preload/index.ts` implements it and checks
 * the object with `satisfies HeadroomPreload`. Types and channel names only.
 */
import type { ApiError, Progress } from '../../core/api';

export interface DesktopFile {
  readonly path: string;
  readonly name: string;
}

/** `send` settles with an envelope because Electron flattens rejected invokes into a generic message. */
export type SendResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: ApiError };

export interface HeadroomPreload {
  /** Calls one core/api method; main checks the name is in the contract and validates `req` with its schema. */
  send(method: string, req: unknown, callId: string): Promise<SendResult>;
  /** Cancels the call started with `callId` (its AbortSignal fires in the worker). */
  cancel(callId: string): void;
  /** Progress of long calls; returns the unsubscribe function. */
  onProgress(listener: (callId: string, progress: Progress) => void): () => void;
  /** The OS open-file dialog for billing exports. */
  openFiles(): Promise<DesktopFile[]>;
  /**
   * Saves bytes (base64) through the OS save dialog, suggesting `name`; resolves to the chosen path,
   * or null when the user cancelled. Main validates the name and the bytes, and writes the file.
   */
  saveFile(name: string, base64: string): Promise<string | null>;
  /** The path of a dropped or picked `File` (Electron's webUtils). */
  pathForFile(file: File): string;
  /** Opens an http(s) link in the user's browser. */
  openExternal(url: string): void;
  /** Cloud credentials, kept with the OS keychain through safeStorage; the renderer can store and check, never read back. */
  readonly secrets: {
    set(ref: string, secret: string): Promise<void>;
    has(ref: string): Promise<boolean>;
    remove(ref: string): Promise<void>;
  };
}

/** IPC channel names (one place, shared by preload and main). */
export const CHANNELS = {
  send: 'headroom:send',
  cancel: 'headroom:cancel',
  progress: 'headroom:progress',
  openFiles: 'headroom:open-files',
  saveFile: 'headroom:save-file',
  openExternal: 'headroom:open-external',
  secretSet: 'headroom:secret-set',
  secretHas: 'headroom:secret-has',
  secretRemove: 'headroom:secret-remove',
} as const;
