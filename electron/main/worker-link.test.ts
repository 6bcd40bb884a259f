import { describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../worker/host';
import { createWorkerLink } from './worker-link';

function fakeChild() {
  const listeners: Record<string, ((m: never) => void)[]> = {};
  const posted: ToWorker[] = [];
  return {
    posted,
    child: { postMessage: (m: ToWorker) => posted.push(m), on: (e: string, l: (m: never) => void) => (listeners[e] ??= []).push(l) },
    emit: (e: string, m: unknown) => listeners[e]?.forEach((l) => l(m as never)),
  };
}

describe('worker link', () => {
  it('pairs replies with calls by id and forwards progress', async () => {
    const f = fakeChild();
    const link = createWorkerLink(f.child as never);
    const progress: unknown[] = [];
    const a = link.call('c1', 'summary', {}, (p) => progress.push(p));
    const b = link.call('c2', 'coverage', {}, () => {});
    f.emit('message', { type: 'progress', id: 'c1', progress: { phase: 'x', done: 1 } } satisfies FromWorker);
    f.emit('message', { type: 'result', id: 'c2', value: 2 } satisfies FromWorker);
    f.emit('message', { type: 'error', id: 'c1', error: { code: 'BAD_INPUT', message: 'no' } } satisfies FromWorker);
    await expect(b).resolves.toEqual({ ok: true, value: 2 });
    await expect(a).resolves.toEqual({ ok: false, error: { code: 'BAD_INPUT', message: 'no' } });
    expect(progress).toEqual([{ phase: 'x', done: 1 }]);
    link.cancel('c1');
    expect(f.posted.at(-1)).toEqual({ type: 'cancel', id: 'c1' });
  });

  it('fails calls in flight when the worker exits', async () => {
    const f = fakeChild();
    const link = createWorkerLink(f.child as never);
    const a = link.call('c1', 'summary', {}, () => {});
    f.emit('exit', 3);
    await expect(a).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
