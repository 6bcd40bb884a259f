/**
 * Main-process IPC: every payload arrives as `unknown`, is checked against a zod schema, and is
 * answered only for the app's own top-level frame (VS Code's validatedIpcMain pattern). Calls to
 * core/service are relayed to the worker; the method must be in core/api and the request must
 * parse with that method's schema before it leaves main.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { api, isMethod } from '../../core/api';
import type { Progress } from '../../core/lib';
import { CHANNELS, type DesktopFile, type SendResult } from '../../renderer/bridge/preload-api';
import { isTrustedSender, openExternalSafely } from './security';

/** The subset of ipcMain used here (injected, so wiring is tested without Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => void): void;
}

export interface WorkerLink {
  call(id: string, method: string, req: unknown, onProgress: (p: Progress) => void): Promise<SendResult>;
  cancel(id: string): void;
}

export interface SecretStore {
  set(ref: string, secret: string): Promise<void>;
  has(ref: string): Promise<boolean>;
  remove(ref: string): Promise<void>;
}

export interface IpcDeps {
  readonly ipcMain: IpcMainLike;
  readonly worker: WorkerLink;
  readonly secrets: SecretStore;
  /** Shows the OS open dialog; returns the chosen paths. */
  readonly openFiles: (sender: WebContents) => Promise<string[]>;
  /** Shows the OS save dialog suggesting `name` and writes `bytes` to the chosen path; null when cancelled. */
  readonly saveFile: (sender: WebContents, name: string, bytes: Uint8Array) => Promise<string | null>;
}

/** Largest file the renderer may hand main to save (a report is a few MB at most). */
export const MAX_SAVE_BYTES = 100 * 1024 * 1024;
/** A plain file name with one of the extensions the app exports: no folders, no leading dot. */
const saveNameSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.()-]{0,150}\.(csv|xlsx|html|pdf)$/, 'a file name such as headroom-report.pdf (letters, digits, space, _.()- ; csv, xlsx, html or pdf)');
const saveFileSchema = z.tuple([
  saveNameSchema,
  z
    .string()
    .max(Math.ceil(MAX_SAVE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 bytes'),
]);

const sendSchema = z.tuple([z.string().regex(/^[A-Za-z0-9_.]+$/), z.unknown(), z.string().regex(/^c\d{1,12}$/)]);
const idSchema = z.tuple([z.string().regex(/^c\d{1,12}$/)]);
const urlSchema = z.tuple([z.string().max(4096)]);
const refSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'a secret reference is 1–128 letters, digits or _.:-');
const secretSetSchema = z.tuple([refSchema, z.string().min(1).max(16_384)]);
const secretRefSchema = z.tuple([refSchema]);

class IpcRefused extends Error {}

function trusted(event: IpcMainInvokeEvent): void {
  if (!isTrustedSender(event)) throw new IpcRefused('IPC refused: not from the app window.');
}

/** Registers every channel of the preload API. */
export function registerIpc(deps: IpcDeps): void {
  const { ipcMain, worker } = deps;

  ipcMain.handle(CHANNELS.send, async (event, ...args): Promise<SendResult> => {
    trusted(event);
    const parsed = sendSchema.safeParse(args);
    if (!parsed.success) return { ok: false, error: { code: 'BAD_INPUT', message: 'Malformed call.' } };
    const [method, req, callId] = parsed.data;
    if (!isMethod(method)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown method "${method}".` } };
    const checked = api[method].req.safeParse(req ?? {});
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ');
      return { ok: false, error: { code: 'BAD_INPUT', message: `Invalid request for "${method}": ${issues}` } };
    }
    const sender = event.sender;
    return worker.call(callId, method, checked.data, (progress) => {
      if (!sender.isDestroyed()) sender.send(CHANNELS.progress, callId, progress);
    });
  });

  ipcMain.on(CHANNELS.cancel, (event, ...args) => {
    if (!isTrustedSender(event)) return;
    const parsed = idSchema.safeParse(args);
    if (parsed.success) worker.cancel(parsed.data[0]);
  });

  ipcMain.handle(CHANNELS.openFiles, async (event): Promise<DesktopFile[]> => {
    trusted(event);
    const paths = await deps.openFiles(event.sender);
    return paths.map((path) => ({ path, name: path.split(/[\\/]/).pop() ?? path }));
  });

  ipcMain.handle(CHANNELS.saveFile, async (event, ...args): Promise<string | null> => {
    trusted(event);
    const [name, base64] = saveFileSchema.parse(args);
    return deps.saveFile(event.sender, name, new Uint8Array(Buffer.from(base64, 'base64')));
  });

  ipcMain.on(CHANNELS.openExternal, (event, ...args) => {
    if (!isTrustedSender(event)) return;
    const parsed = urlSchema.safeParse(args);
    if (parsed.success) openExternalSafely(parsed.data[0]);
  });

  ipcMain.handle(CHANNELS.secretSet, async (event, ...args) => {
    trusted(event);
    const [ref, secret] = secretSetSchema.parse(args);
    await deps.secrets.set(ref, secret);
  });
  ipcMain.handle(CHANNELS.secretHas, async (event, ...args) => {
    trusted(event);
    return deps.secrets.has(secretRefSchema.parse(args)[0]);
  });
  ipcMain.handle(CHANNELS.secretRemove, async (event, ...args) => {
    trusted(event);
    await deps.secrets.remove(secretRefSchema.parse(args)[0]);
  });
}
