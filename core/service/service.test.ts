import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, type HandlerContext } from '../api';
import { HeadroomError } from '../lib';
import { TEST_SELECT, days, makeCharges, tempDir, writeChargesCsv, type TestCharge } from '../store/testing/fixtures';
import { dispatch, toApiError } from './dispatch';
import { openService, type Service } from './service';

let dir: string;
let cleanup: () => void;
let service: Service;
const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-service-'));
  service = await openService({ dataDir: dir, clock: () => new Date('2026-02-01T10:00:00Z') });
});
afterEach(async () => {
  await service.close();
  cleanup();
});

async function load(rows: readonly TestCharge[]): Promise<void> {
  const src = await service.store.ensureSource({ name: 'files', kind: 'files' });
  const f = writeChargesCsv(dir, 'c.csv', rows);
  await service.store.importChargesFromSelect({ sourceId: src.id, file: f.file, contentSha256: f.sha, format: 'test', selectSql: TEST_SELECT, params: { file: f.file } });
}

describe('service handlers', () => {
  it('implement every api method and their responses parse with the response schemas', async () => {
    await load(makeCharges(1, ['111'], days('2025-01-01', 3)));
    for (const name of Object.keys(api) as (keyof typeof api)[]) {
      expect(typeof service.handlers[name]).toBe('function');
    }
    const reqs: Record<string, unknown> = {
      'sources.list': {},
      summary: { by: ['service'] },
      'series.daily': { by: ['region'], view: 'billed' },
      coverage: {},
      'metrics.series': { name: 'x', step: 'day', agg: 'p95' },
    };
    for (const [name, req] of Object.entries(reqs)) {
      const res = await dispatch(service.handlers, name, req, ctx);
      const schema = api[name as keyof typeof api].res;
      expect(schema.safeParse(res).success, name).toBe(true);
    }
  });

  it('dispatch refuses unknown methods and invalid requests with HeadroomErrors', async () => {
    await expect(dispatch(service.handlers, 'nope', {}, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const e = await dispatch(service.handlers, 'summary', { by: ['colour'] }, ctx).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HeadroomError);
    expect(toApiError(e)).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('by.0') });
    const e2 = await dispatch(service.handlers, 'summary', { from: '2025-02-30' }, ctx).catch((x: unknown) => x);
    expect(toApiError(e2).code).toBe('BAD_INPUT');
    expect(toApiError(new Error('boom'))).toEqual({ code: 'INTERNAL', message: 'boom' });
  });

  it('coverage reports the import time from the service clock', async () => {
    await load(makeCharges(2, ['111'], days('2025-01-01', 4)));
    const res = await service.handlers.coverage({}, ctx);
    expect(res.sources).toHaveLength(1);
    expect(res.sources[0]).toMatchObject({
      source: { name: 'files', kind: 'files' },
      charges: { rows: 12, firstDay: '2025-01-01', lastDay: '2025-01-04', currencies: ['USD'] },
      imports: 1,
      lastImportAt: '2026-02-01T10:00:00.000Z',
    });
  });
});
