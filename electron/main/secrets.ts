/**
 * Secrets at rest, encrypted with the OS keychain through Electron's safeStorage (async API:
 * Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux). The renderer can store a
 * secret and ask whether one exists; it can never read one back. Encrypted blobs live in
 * `secrets.json` in the data folder.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from './ipc';

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export function createSecretStore(safeStorage: SafeStorageLike, dir: string): SecretStore & { get(ref: string): Promise<string | undefined> } {
  const file = join(dir, 'secrets.json');
  const load = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const save = async (all: Record<string, string>): Promise<void> => {
    await writeFile(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  };
  return {
    async set(ref, secret) {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('The OS keychain is not available, so Headroom will not store secrets: use the provider’s own credential chain instead.');
      const all = await load();
      all[ref] = (await safeStorage.encryptStringAsync(secret)).toString('base64');
      await save(all);
    },
    async has(ref) {
      return Object.prototype.hasOwnProperty.call(await load(), ref);
    },
    async remove(ref) {
      const all = await load();
      delete all[ref];
      await save(all);
    },
    /** Main-process only (for handing a credential to the worker); never exposed over IPC. */
    async get(ref) {
      const blob = (await load())[ref];
      return blob === undefined ? undefined : (await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'))).result;
    },
  };
}
