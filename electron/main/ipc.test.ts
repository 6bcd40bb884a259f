import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => {});
vi.mock('electron', () => ({ shell: { openExternal } }));

const { registerIpc } = await import('./ipc');
const { CHANNELS } = await import('../../renderer/bridge/preload-api');

type Listener = (event: unknown, ...args: unknown[]) => unknown;

function setup() {
  const handlers = new Map<string, Listener>();
  const calls: { id: string; method: string; req: unknown }[] = [];
  const cancelled: string[] = [];
  const sent: unknown[][] = [];
  const secrets = new Map<string, string>();
  const saved: { name: string; bytes: number[] }[] = [];
  registerIpc({
    ipcMain: { handle: (c, l) => handlers.set(c, l as Listener), on: (c, l) => handlers.set(c, l as Listener) },
    worker: {
      call: async (id, method, req, onProgress) => {
        calls.push({ id, method, req });
        onProgress({ phase: 'work', done: 1, total: 2 });
        return { ok: true, value: { echoed: method } };
      },
      cancel: (id) => cancelled.push(id),
    },
    secrets: { set: async (r, s) => void secrets.set(r, s), has: async (r) => secrets.has(r), remove: async (r) => void secrets.delete(r) },
    openFiles: async () => ['/home/u/bill.csv'],
    saveFile: async (_sender, name, bytes) => {
      saved.push({ name, bytes: [...bytes] });
      return name === 'cancel.csv' ? null : `/home/u/Documents/${name}`;
    },
  });
  const app = { senderFrame: { parent: null, url: 'headroom://app/index.html' }, sender: { isDestroyed: () => false, send: (...a: unknown[]) => sent.push(a) } };
  const foreign = { senderFrame: { parent: null, url: 'https://evil.example/' }, sender: app.sender };
  const sub = { senderFrame: { parent: {}, url: 'headroom://app/index.html' }, sender: app.sender };
  const invoke = (channel: string, event: unknown, ...args: unknown[]) => handlers.get(channel)!(event, ...args);
  return { invoke, calls, cancelled, sent, secrets, saved, app, foreign, sub };
}

beforeEach(() => openExternal.mockClear());

describe('main IPC wiring', () => {
  it('relays a valid call to the worker and its progress to the sender', async () => {
    const t = setup();
    await expect(t.invoke(CHANNELS.send, t.app, 'summary', { from: '2026-01-01' }, 'c7')).resolves.toEqual({ ok: true, value: { echoed: 'summary' } });
    expect(t.calls).toEqual([{ id: 'c7', method: 'summary', req: { from: '2026-01-01' } }]);
    expect(t.sent).toEqual([[CHANNELS.progress, 'c7', { phase: 'work', done: 1, total: 2 }]]);
  });

  it('validates payloads as unknown before anything reaches the worker', async () => {
    const t = setup();
    expect(await t.invoke(CHANNELS.send, t.app, 'summary', { from: 'yesterday' }, 'c1')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await t.invoke(CHANNELS.send, t.app, 'fs.readFile', {}, 'c2')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await t.invoke(CHANNELS.send, t.app, { method: 'summary' }, {}, 'c3')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await t.invoke(CHANNELS.send, t.app, 'summary', {}, '../../x')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(t.calls).toEqual([]);
  });

  it('refuses callers that are not the app top frame', async () => {
    const t = setup();
    await expect(t.invoke(CHANNELS.send, t.foreign, 'summary', {}, 'c1')).rejects.toThrow(/not from the app window/);
    await expect(t.invoke(CHANNELS.send, t.sub, 'summary', {}, 'c1')).rejects.toThrow(/not from the app window/);
    await expect(t.invoke(CHANNELS.openFiles, t.foreign)).rejects.toThrow();
    t.invoke(CHANNELS.cancel, t.foreign, 'c1');
    t.invoke(CHANNELS.openExternal, t.foreign, 'https://example.com/');
    expect(t.cancelled).toEqual([]);
    expect(openExternal).not.toHaveBeenCalled();
    expect(t.calls).toEqual([]);
  });

  it('cancels, opens files, opens only http(s) links, and never reads a secret back', async () => {
    const t = setup();
    t.invoke(CHANNELS.cancel, t.app, 'c9');
    t.invoke(CHANNELS.cancel, t.app, { id: 'c9' });
    expect(t.cancelled).toEqual(['c9']);
    expect(await t.invoke(CHANNELS.openFiles, t.app)).toEqual([{ path: '/home/u/bill.csv', name: 'bill.csv' }]);
    t.invoke(CHANNELS.openExternal, t.app, 'file:///etc/passwd');
    t.invoke(CHANNELS.openExternal, t.app, 'https://focus.finops.org/');
    expect(openExternal.mock.calls).toEqual([['https://focus.finops.org/']]);
    await t.invoke(CHANNELS.secretSet, t.app, 'aws:prod', 's3cr3t');
    expect(await t.invoke(CHANNELS.secretHas, t.app, 'aws:prod')).toBe(true);
    await expect(t.invoke(CHANNELS.secretSet, t.app, '../../etc', 'x')).rejects.toThrow();
    expect(Object.values(CHANNELS).some((c) => /secret-get/.test(c))).toBe(false);
  });

  it('saves a report through the save dialog with the decoded bytes; refuses paths, other extensions, non-base64 and foreign callers', async () => {
    const t = setup();
    const base64 = Buffer.from('Month,Total\r\n2026-01,12.50\r\n').toString('base64');
    expect(await t.invoke(CHANNELS.saveFile, t.app, 'headroom-report 2026-07-20.csv', base64)).toBe('/home/u/Documents/headroom-report 2026-07-20.csv');
    expect(Buffer.from(t.saved[0]!.bytes).toString('utf8')).toBe('Month,Total\r\n2026-01,12.50\r\n');
    expect(await t.invoke(CHANNELS.saveFile, t.app, 'cancel.csv', base64)).toBeNull();
    for (const bad of [['../../.bashrc.csv', base64], ['/etc/x.pdf', base64], ['report.exe', base64], ['.hidden.csv', base64], ['r.csv', 'not base64!'], ['r.csv', 42], ['r.csv']]) {
      await expect(t.invoke(CHANNELS.saveFile, t.app, ...bad)).rejects.toThrow();
    }
    await expect(t.invoke(CHANNELS.saveFile, t.foreign, 'r.csv', base64)).rejects.toThrow(/not from the app window/);
    expect(t.saved.map((s) => s.name)).toEqual(['headroom-report 2026-07-20.csv', 'cancel.csv']);
  });
});
