import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openService, type Service } from '../../core/service';
import { createWorkerHost, type FromWorker } from './host';

let dir: string;
let service: Service;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'headroom-worker-'));
  service = await openService({ dataDir: dir });
});
afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('worker host', () => {
  it('answers a call with its result, tagged with the call id', async () => {
    const out: FromWorker[] = [];
    const host = createWorkerHost(service.handlers, (m) => out.push(m));
    await host({ type: 'call', id: 'c1', method: 'sources.list', req: {} });
    expect(out).toEqual([{ type: 'result', id: 'c1', value: { sources: [] } }]);
  });

  it('returns BAD_INPUT for a payload the schema refuses and NOT_FOUND for an unknown method', async () => {
    const out: FromWorker[] = [];
    const host = createWorkerHost(service.handlers, (m) => out.push(m));
    await host({ type: 'call', id: 'c2', method: 'summary', req: { from: 'not a day' } });
    await host({ type: 'call', id: 'c3', method: 'shell.exec', req: {} });
    expect(out.map((m) => [m.id, m.type === 'error' ? m.error.code : m.type])).toEqual([['c2', 'BAD_INPUT'], ['c3', 'NOT_FOUND']]);
  });
});
