import type { Method, Req, Res } from '../../core/api';
import type { Served } from './harness';

/** Calls the service directly over its HTTP API (with the session token): the independent side of a spec's check. */
export async function apiCall<K extends Method>(served: Served, method: K, req: Req<K>): Promise<Res<K>> {
  const res = await fetch(`${served.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(req),
  });
  const body = (await res.json()) as { value?: Res<K>; error?: { message: string } };
  if (!res.ok || body.value === undefined) throw new Error(`${method} failed (${res.status}): ${body.error?.message ?? 'no value'}`);
  return body.value;
}

/** Whole dollars as en-US renders them (the e2e browser runs with locale en-US). */
export const usdWhole = (v: number): string => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(v);
export const percent = (v: number): string => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 }).format(v);
