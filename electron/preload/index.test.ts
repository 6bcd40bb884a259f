import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (..._a: unknown[]) => ({ ok: true, value: 1 }));
const send = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
  ipcRenderer: { invoke, send, on: vi.fn(), removeListener: vi.fn() },
  webUtils: { getPathForFile: () => '/tmp/x.csv' },
}));

await import('./index');

describe('preload', () => {
  it('exposes exactly the named API as window.headroom, nothing generic', () => {
    const api = exposed['headroom'] as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual(['headroom']);
    expect(Object.keys(api).sort()).toEqual(['cancel', 'onProgress', 'openExternal', 'openFiles', 'pathForFile', 'saveFile', 'secrets', 'send']);
    expect(Object.keys(api['secrets'] as object).sort()).toEqual(['has', 'remove', 'set']);
    expect(api).not.toHaveProperty('invoke');
  });

  it('maps each method to its fixed channel', async () => {
    const api = exposed['headroom'] as { send(m: string, r: unknown, id: string): Promise<unknown>; cancel(id: string): void };
    await api.send('summary', {}, 'c1');
    api.cancel('c1');
    expect(invoke).toHaveBeenCalledWith('headroom:send', 'summary', {}, 'c1');
    expect(send).toHaveBeenCalledWith('headroom:cancel', 'c1');
  });
});
