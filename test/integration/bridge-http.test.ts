// The renderer's HTTP transport against the real `headroom serve` server and service (fresh data dir).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceEndpoint } from '../../cli/serve/endpoint';
import { type RunningServer, startServer } from '../../cli/serve/server';
import { openService, type Service } from '../../core/service';
import { BridgeError, createBridge, httpTransport } from '../../renderer/bridge';

let dir: string;
let service: Service;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'headroom-bridge-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html>');
  service = await openService({ dataDir: join(dir, 'data') });
  server = await startServer({ api: serviceEndpoint(service.handlers), staticDir: dir, uploadDir: join(dir, 'uploads') });
});
afterAll(async () => {
  await server.close();
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('renderer bridge over HTTP', () => {
  it('calls the service and validates the answer against the contract', async () => {
    const bridge = createBridge(httpTransport(server.token, `http://127.0.0.1:${server.port}`));
    expect(await bridge.call('sources.list', {})).toEqual({ sources: [] });
    const s = await bridge.call('summary', {});
    expect(s).toEqual({ period: null, totals: [], groups: [] });
  });

  it('turns a schema failure into a BridgeError with the service message', async () => {
    const bridge = createBridge(httpTransport(server.token, `http://127.0.0.1:${server.port}`));
    const err = await bridge.call('summary', { from: 'yesterday' } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BridgeError);
    expect((err as BridgeError).code).toBe('BAD_INPUT');
    expect((err as BridgeError).message).toMatch(/from/);
  });

  it('reports a wrong token as AUTH', async () => {
    const bridge = createBridge(httpTransport('wrong', `http://127.0.0.1:${server.port}`));
    const err = await bridge.call('sources.list', {}).catch((e: unknown) => e);
    expect((err as BridgeError).code).toBe('AUTH');
  });

  it('streams over SSE when progress is wanted', async () => {
    const bridge = createBridge(httpTransport(server.token, `http://127.0.0.1:${server.port}`));
    const seen: unknown[] = [];
    expect(await bridge.call('coverage', {}, { onProgress: (p) => seen.push(p) })).toEqual({ sources: [] });
  });
});
