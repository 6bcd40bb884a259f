/**
 * Resumability after a real kill: `headroom sync aws` runs as its own process and is SIGKILLed while
 * it waits for the second month; the rerun finds the first month committed, fetches only the rest
 * and ends with totals equal to the data to the cent.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../../core/lib';
import { openStore } from '../../core/store';
import { startAwsCe, type AwsCeServer } from '../servers/aws-ce/server';
import { generateDaily, totalCents } from '../servers/common/generate';
import { runCli } from '../helpers/cli';
import { repoRoot } from '../shared-data';

const accounts = [{ id: '222233334444', name: 'solo' }];
const rows = generateDaily({ seed: 9, from: parseDay('2026-03-01'), to: parseDay('2026-06-01'), accounts, services: ['AWS Lambda', 'Amazon DynamoDB'], regions: ['us-west-2'], currency: 'USD' });

let server: AwsCeServer;
let dir: string;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  server = await startAwsCe({ rows, accounts, pageSize: 1000 });
  dir = mkdtempSync(join(tmpdir(), 'headroom-kill-'));
  writeFileSync(join(dir, 'credentials'), '[k]\naws_access_key_id = AKIDKILL\naws_secret_access_key = kill-secret\n');
  writeFileSync(join(dir, 'config'), '[profile k]\nregion = us-east-1\n');
  env = { ...process.env, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_CONFIG_FILE: join(dir, 'config') };
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(dir, 'credentials');
  process.env['AWS_CONFIG_FILE'] = join(dir, 'config');
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a killed sync', () => {
  it('resumes from the last committed month', async () => {
    const data = join(dir, 'data');
    expect((await runCli(['source', 'add', 'aws', '--name', 'k', '--profile', 'k', '--endpoint', server.url, '--data-dir', data], env)).code).toBe(0);
    // The second month's request hangs until the process is killed.
    server.faults.add({ kind: 'slow', op: 'GetCostAndUsage', skip: 1, delayMs: 60_000 });
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'headroom.js'), 'sync', 'aws', '--from', '2026-03-01', '--to', '2026-06-01', '--data-dir', data], { env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 45_000;
    while (server.received.filter((r) => r.op === 'GetCostAndUsage').length < 2) {
      if (Date.now() > deadline) throw new Error('the child sync never reached the second month');
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    server.faults.clear();

    const store = await openStore(data);
    const march = await store.read((sql) => sql.all(`SELECT CAST(ROUND(SUM(BilledCost), 2) AS VARCHAR) AS b, MAX(ChargePeriodStart) < DATE '2026-04-01' AS only_march FROM charges`));
    await store.close();
    expect(march[0]?.['b']).toBe(totalCents(rows.filter((r) => r.day < '2026-04-01'), (r) => r.unblended));
    expect(march[0]?.['only_march']).toBe(true);

    const before = server.received.length;
    const rerun = await runCli(['sync', 'aws', '--from', '2026-03-01', '--to', '2026-06-01', '--json', '--data-dir', data], env);
    expect(rerun.code).toBe(0);
    const periods = server.received.slice(before).filter((r) => r.op === 'GetCostAndUsage').map((r) => (r.body['TimePeriod'] as { Start: string }).Start);
    expect(periods).toEqual(['2026-04-01', '2026-05-01']);
    const s2 = await openStore(data);
    const all = await s2.read((sql) => sql.all(`SELECT CAST(ROUND(SUM(BilledCost), 2) AS VARCHAR) AS b, COUNT(*) AS n FROM charges`));
    await s2.close();
    expect(all[0]?.['b']).toBe(totalCents(rows, (r) => r.unblended));
    expect(Number(all[0]?.['n'])).toBe(rows.length);
  });
});
