import type { Method, Progress, Req, Res } from '../../core/api';

export type { Method, Req, Res, Progress };

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Receives progress of long calls (import, sync, batch forecast, report). */
  readonly onProgress?: (p: Progress) => void;
}

/** A file the user picked or dropped, made readable by the service (a path on the service's machine). */
export interface ServiceFile {
  readonly path: string;
  readonly name: string;
}

/** How calls reach core/service: Electron IPC (preload) or loopback HTTP. */
export interface Transport {
  readonly kind: 'electron' | 'http';
  call(method: string, req: unknown, options: CallOptions): Promise<unknown>;
  /** Makes a browser `File` (picked or dropped) readable by the service. */
  fileForService(file: File): Promise<ServiceFile>;
  /** The OS file dialog (Electron only; the browser uses an <input type=file>). */
  readonly openFileDialog?: () => Promise<ServiceFile[]>;
  /** Saves bytes (base64) through the OS save dialog (Electron only); the chosen path, or null if cancelled. */
  readonly saveFile?: (name: string, base64: string) => Promise<string | null>;
  /** Opens an http(s) link in the user's browser, never inside the app. */
  openExternal(url: string): void;
}

/** What a failed call throws in the renderer: the service's error code and message. */
export class BridgeError extends Error {
  readonly code: string;
  readonly location: { readonly file?: string; readonly line?: number; readonly column?: string } | undefined;
  constructor(code: string, message: string, location?: BridgeError['location']) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    this.location = location;
  }
}
