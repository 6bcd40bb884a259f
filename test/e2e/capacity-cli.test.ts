// `headroom demo && headroom capacity --json && headroom commitments --json`, as a user runs them
// (default model and paths), checking the documented JSON shapes and the plans' own consistency.
// The numbers themselves are checked against brute force in test/integration/capacity-demo.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main';

const dir = mkdtempSync(join(tmpdir(), 'headroom-e2e-capacity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function headroom(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]): Writable => new Writable({ write: (c: Buffer | string, _e, cb) => (into.push(c.toString()), cb()) });
  const code = await main([...argv, '--data-dir', dir], { stdout: sink(out), stderr: sink(err), env: {}, signal: new AbortController().signal });
  return { code, out: out.join(''), err: err.join('') };
}

const plus = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('headroom demo && headroom capacity / commitments', () => {
  it('shows the demo pools with a vCPU-quota exhaustion distribution and an order-by date', async () => {
    expect((await headroom('demo', '--as-of', '2026-06-01')).code).toBe(0);
    const r = await headroom('capacity', '--json');
    expect(r.err).toBe('');
    const { pools } = JSON.parse(r.out) as { pools: { name: string; capacity: number; target: number; exhaustion: Record<string, string | null>; order_by: string | null; needed_capacity: number; recommendations: unknown[] }[] };
    expect(pools.map((p) => p.name).sort()).toEqual(['aws-ec2-vcpu-us-east-1', 'gke-shop-prod-cpu']);
    const vcpu = pools.find((p) => p.name === 'aws-ec2-vcpu-us-east-1')!;
    expect(Object.keys(vcpu)).toEqual(['name', 'capacity', 'target', 'exhaustion', 'order_by', 'needed_capacity', 'recommendations']);
    expect(vcpu.target).toBe(0.8);
    const { p10, p50, p90 } = vcpu.exhaustion;
    expect(p10).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p10! <= (p50 ?? '9999') && (p50 ?? '9999') <= (p90 ?? '9999')).toBe(true);
    expect(vcpu.order_by).toBe(plus(p10!, -14));
    // The pool is planned past the capacity in force: the add recommendation makes up the difference.
    expect(vcpu.needed_capacity).toBeGreaterThan(vcpu.capacity);
    expect(vcpu.recommendations).toContainEqual(expect.objectContaining({ kind: 'add_capacity', order_by: vcpu.order_by }));
  });

  it('recommends a commitment with its savings band beside the trailing-30-day method', async () => {
    const r = await headroom('commitments', '--term', '1y', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { recommendations: Record<string, unknown>[]; expiring: { expires: string }[] };
    expect(Object.keys(json)).toEqual(['recommendations', 'expiring']);
    const aws = json.recommendations.find((x) => String(x['scope']).startsWith('AWS '))!;
    expect(Object.keys(aws)).toEqual(['scope', 'hourly_commitment', 'expected_savings', 'break_even_utilization', 'trailing_30d_commitment']);
    const s = aws['expected_savings'] as { p10: number; p50: number; p90: number };
    expect(s.p10).toBeLessThanOrEqual(s.p50);
    expect(s.p50).toBeLessThanOrEqual(s.p90);
    expect(aws['hourly_commitment']).toBeGreaterThan(0);
    expect(aws['break_even_utilization']).toBeCloseTo(0.72, 2);
    expect(json.expiring.length).toBeGreaterThan(0);
  });
});
