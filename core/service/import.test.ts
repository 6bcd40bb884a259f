import { appendFileSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedData } from '../../test/shared-data';
import { isHeadroomError } from '../lib';
import { openService, type Service } from './service';

let dir: string;
let service: Service;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-import-svc-'));
  service = await openService({ dataDir: dir });
});
afterEach(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = (signal = new AbortController().signal) => ({ signal, progress: () => {} });

describe('import.files', () => {
  it('imports into the named source and reports status per file', async () => {
    const path = sharedData('azure', 'exports', 'finops-toolkit_EA_ActualCost_Small.csv');
    const first = await service.handlers['import.files']({ paths: [path], source: 'azure-ea' }, ctx());
    expect(first.results.map((r) => [r.status, r.format, r.rows_read])).toEqual([['imported', 'azure-ea-legacy', 11]]);
    const again = await service.handlers['import.files']({ paths: [path], source: 'azure-ea' }, ctx());
    expect(again.results[0]?.status).toBe('unchanged');
    expect(again.results[0]?.rows_written).toBe(0);
    const sources = await service.store.listSources();
    expect(sources.map((s) => [s.name, s.kind])).toEqual([['azure-ea', 'files']]);
  });

  it('refuses a file that changed between planning and commit, keeping nothing; imports it once it is stable', async () => {
    const path = join(dir, 'growing.csv');
    copyFileSync(sharedData('focus', 'focus-1.0_sample_1000rows.csv'), path);
    // The `import` phase starts after the plan and before the store's transaction: the download "goes on".
    const growing = { signal: new AbortController().signal, progress: (p: { phase: string }) => (p.phase === 'import' ? appendFileSync(path, '\n') : undefined) };
    const e = await service.handlers['import.files']({ paths: [path] }, growing).catch((x: unknown) => x);
    expect(isHeadroomError(e) && e.code).toBe('BAD_FILE');
    expect((e as Error).message).toContain(`${path}: the file changed while it was being imported`);
    expect((await service.store.coverage()).every((c) => c.charges.rows === 0)).toBe(true);
    const ok = await service.handlers['import.files']({ paths: [path] }, ctx());
    expect(ok.results[0]?.status).toBe('imported');
    expect(ok.results[0]?.rows_read).toBe(1000);
  });

  it('refuses a --currency that is not an ISO 4217 code', async () => {
    const e = await service.handlers['import.files']({ paths: [sharedData('focus', 'focus-1.0_sample_1000rows.csv')], currency: 'XX1' }, ctx()).catch((x: unknown) => x);
    expect(isHeadroomError(e) && e.code).toBe('BAD_INPUT');
  });

  it('stops with CANCELLED when the signal is aborted, importing nothing', async () => {
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    const e = await service.handlers['import.files']({ paths: [sharedData('focus', 'focus-1.0_sample_1000rows.csv')] }, ctx(ac.signal)).catch((x: unknown) => x);
    expect(isHeadroomError(e) && e.code).toBe('CANCELLED');
    const cov = await service.store.coverage();
    expect(cov.every((c) => c.charges.rows === 0)).toBe(true);
  });

  it('drops the staged copy of each file after importing it, and after refusing one', async () => {
    const staged = (): Promise<number> =>
      service.store.withConnection(async (c) => {
        const r = await c.runAndReadAll(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'hr_import_stage'`);
        return Number(r.getRowObjectsJson()[0]?.['n']);
      });
    const good = sharedData('focus', 'focus-1.0_sample_1000rows.csv');
    const res = await service.handlers['import.files']({ paths: [good] }, ctx());
    expect(res.results[0]?.rows_written).toBeGreaterThan(0);
    expect(await staged()).toBe(0);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'BilledCost,EffectiveCost,BillingCurrency,ChargeCategory,ChargePeriodStart\n1,1,USD,Usage,2024-09-01T00:00:00Z\nx,1,USD,Usage,2024-09-01T00:00:00Z\n');
    await expect(service.handlers['import.files']({ paths: [bad] }, ctx())).rejects.toThrow(`${bad}, line 3, column "BilledCost"`);
    expect(await staged()).toBe(0);
  });
});
