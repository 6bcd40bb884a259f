import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../test/cli-harness';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../core/lib';
import { seedDailyCost, tempDir } from '../../core/store/testing/fixtures';
import { parseHorizon, parseSections } from './report';

const run = runCli;

let dir: string;
let cleanup: () => void;
let total = 0;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-cli-report-'));
  const today = dayOf(new Date());
  const from = addDays(today, -120);
  total = 0;
  await seedDailyCost(dir, from, today, (i) => {
    const v = 100 + (i % 7) * 3;
    total += v;
    return v;
  });
});
afterEach(() => cleanup());

describe('headroom report', () => {
  it('writes a CSV whose monthly actuals add up to the data, with progress on stderr', async () => {
    const out = join(dir, 'r.csv');
    const r = await run(['report', '--format', 'csv', '--out', out, '--horizon', '30d', '--data-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/report: forecasting/);
    const text = readFileSync(out, 'utf8');
    const sum = text.split('\r\n').filter((l) => l.startsWith('actual,total,')).reduce((a, l) => a + Number(l.split(',')[3]), 0);
    expect(sum).toBeCloseTo(total, 6);
    const stamp = /stamp ([0-9a-f]{64})/.exec(r.out)?.[1];
    expect(text).toContain(`meta,stamp_sha256,,${stamp},`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes HTML, XLSX and (with a browser) PDF files', async () => {
    for (const f of ['html', 'xlsx', ...(existsSync('/usr/bin/chromium') ? ['pdf'] : [])]) {
      const out = join(dir, `r.${f}`);
      expect((await run(['report', '--format', f, '--out', out, '--data-dir', dir])).code).toBe(0);
      const head = readFileSync(out).subarray(0, 4);
      expect(head.toString('latin1')).toBe({ xlsx: 'PK\u0003\u0004', pdf: '%PDF', html: '<!DO' }[f]);
    }
  });

  it('refuses a missing or read-only folder with exit 1 before doing any work', async () => {
    const missing = await run(['report', '--format', 'csv', '--out', join(dir, 'nope', 'r.csv'), '--data-dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/does not exist/);
    // The folder is a regular file (ENOTDIR even for root): refused up front, nothing written.
    const plain = join(dir, 'plain.txt');
    writeFileSync(plain, 'x');
    const notDir = await run(['report', '--format', 'csv', '--out', join(plain, 'r.csv'), '--data-dir', dir]);
    expect(notDir.code).toBe(1);
    expect(notDir.err).toContain(`Cannot write ${join(plain, 'r.csv')}: ${plain} is not a folder`);
    expect(readFileSync(plain, 'utf8')).toBe('x');
    // /proc refuses new files even to root: the probe catches it before any work, no partial file.
    const proc = await run(['report', '--format', 'csv', '--out', '/proc/headroom-report.csv', '--sections', 'none', '--data-dir', dir]);
    expect(proc.code).toBe(1);
    expect(proc.err).toMatch(/Cannot write \/proc\/headroom-report\.csv: the folder \/proc is not writable by this user \((ENOENT|EACCES|EPERM|EROFS)\)/);
    expect(proc.err).not.toMatch(/report: forecasting/);
    expect(readdirSync('/proc').filter((f) => f.includes('headroom-report'))).toEqual([]);
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      const r = await run(['report', '--format', 'csv', '--out', join(ro, 'r.csv'), '--data-dir', dir]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/not writable/);
      chmodSync(ro, 0o700);
    }
    // PDF without a browser: exit 1 before any work, naming what to do.
    const saved = process.env['HEADROOM_CHROMIUM'];
    process.env['HEADROOM_CHROMIUM'] = '/nonexistent/chrome';
    try {
      const noBrowser = await run(['report', '--format', 'pdf', '--out', join(dir, 'r.pdf'), '--data-dir', dir]);
      expect(noBrowser.code).toBe(1);
      expect(noBrowser.err).toContain('HEADROOM_CHROMIUM points to /nonexistent/chrome, which does not exist. Point it to a Chrome, Chromium or Edge executable.');
      expect(noBrowser.err).not.toMatch(/report: reading costs/);
      expect(existsSync(join(dir, 'r.pdf'))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env['HEADROOM_CHROMIUM'];
      else process.env['HEADROOM_CHROMIUM'] = saved;
    }
    const bad = await run(['report', '--format', 'doc', '--out', join(dir, 'r.doc'), '--data-dir', dir]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('headroom: --format "doc" must be csv, xlsx, html or pdf.\n\nUsage: headroom report');
    const none = await run(['report', '--out', join(dir, 'r.csv'), '--data-dir', dir]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('headroom: --format is required: give csv, xlsx, html or pdf.\n\nUsage: headroom report');
    const from = await run(['report', '--format', 'csv', '--out', join(dir, 'f.csv'), '--from', '2026-02-30', '--data-dir', dir]);
    expect([from.code, existsSync(join(dir, 'f.csv'))]).toEqual([1, false]);
    expect(from.err).toContain('headroom: --from "2026-02-30" is not a date: give a day as YYYY-MM-DD, e.g. 2026-03-31.\n\nUsage: headroom report');
    const scope = await run(['report', '--format', 'csv', '--out', join(dir, 'f.csv'), '--scope', 'planet=mars', '--data-dir', dir]);
    expect(scope.code).toBe(1);
    expect(scope.err).toContain('headroom: --scope "planet=mars": unknown dimension "planet"; use provider, billing_account,');
    const currency = await run(['report', '--format', 'csv', '--out', join(dir, 'f.csv'), '--currency', 'dollars', '--data-dir', dir]);
    expect(currency.code).toBe(1);
    expect(currency.err).toContain('headroom: --currency "dollars" is not a three-letter ISO 4217 code such as USD, EUR or GBP.\n\nUsage: headroom report');
  });

  it('parses horizons in days and weeks', () => {
    expect([parseHorizon(undefined), parseHorizon('90d'), parseHorizon('45'), parseHorizon('13w')]).toEqual([90, 90, 45, 91]);
    expect(() => parseHorizon('3m')).toThrow(/--horizon/);
    expect([parseSections(undefined), parseSections('none'), parseSections('budgets, capacity,budgets')]).toEqual([undefined, [], ['budgets', 'capacity']]);
    expect(() => parseSections('costs')).toThrow('--sections: "costs" is not one of capacity, commitments, budgets, anomalies or scenarios (or "none").');
  });
});
