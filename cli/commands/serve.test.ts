import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../../core/lib';
import { parseServeFlags } from './serve';

describe('headroom serve flags', () => {
  it('defaults to loopback on a free port', () => {
    expect(parseServeFlags([])).toEqual({ port: 0, host: '127.0.0.1', dataDir: undefined, memoryLimit: undefined, noDemo: false });
    expect(parseServeFlags(['--port', '8123', '--host=::1', '--data-dir', '/d', '--memory-limit', '2GB'])).toEqual({ port: 8123, host: '::1', dataDir: '/d', memoryLimit: '2GB', noDemo: false });
    expect(parseServeFlags(['--memory-limit=512mb']).memoryLimit).toBe('512mb');
    expect(parseServeFlags(['--no-demo']).noDemo).toBe(true);
  });

  it('refuses non-loopback hosts and bad ports with a message saying why', () => {
    expect(() => parseServeFlags(['--host', '0.0.0.0'])).toThrow(/only listens on this computer/);
    expect(() => parseServeFlags(['--host', '192.168.1.5'])).toThrow(HeadroomError);
    expect(() => parseServeFlags(['--port', '70000'])).toThrow('--port "70000" must be a whole number from 0 to 65535.');
    expect(() => parseServeFlags(['--port=-1'])).toThrow('--port "-1" must be a whole number from 0 to 65535.');
    expect(() => parseServeFlags(['--port'])).toThrow(/needs a value/);
    expect(() => parseServeFlags(['--open'])).toThrow(/Unknown option/);
  });
});
