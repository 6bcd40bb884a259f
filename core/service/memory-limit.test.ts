import { describe, expect, it } from 'vitest';
import { HeadroomError } from '../lib';
import { parseMemoryLimit, resolveMemoryLimit } from './memory-limit';

describe('parseMemoryLimit', () => {
  it("accepts DuckDB's size syntax, case-insensitive, and gives DuckDB the exact bytes", () => {
    const bytes = (v: string): number => parseMemoryLimit(v, '--memory-limit').bytes;
    expect(bytes('512MB')).toBe(512_000_000);
    expect(bytes('2GB')).toBe(2_000_000_000);
    expect(bytes('2gb')).toBe(2_000_000_000);
    expect(bytes('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(bytes('1.5gib')).toBe(1_610_612_736);
    expect(bytes('768MiB')).toBe(768 * 1024 ** 2);
    expect(bytes('0.5 TB')).toBe(5e11);
    expect(bytes(' 4G ')).toBe(4e9);
    expect(bytes('200000KB')).toBe(2e8);
    expect(bytes('3 gigabytes')).toBe(3e9);
    expect(bytes('128MB')).toBe(128e6); // the minimum itself
    expect(bytes('128000000B')).toBe(128e6);
    expect(parseMemoryLimit('1.5GiB', '--memory-limit').setting).toBe('1610612736B');
  });

  it('refuses what is not a size, and sizes below 128 MB, naming the flag, the value and a valid example', () => {
    const refused = (v: string, source = '--memory-limit'): string => {
      try {
        parseMemoryLimit(v, source);
      } catch (e) {
        expect(e).toBeInstanceOf(HeadroomError);
        expect((e as HeadroomError).code).toBe('BAD_INPUT');
        return (e as Error).message;
      }
      throw new Error(`${v} was accepted`);
    };
    for (const v of ['', 'lots', '2', '2GB extra', '80%', '1e9B', '-1', 'none', '-2GB', '2 G B', 'GB', '2XB', '1,5GB']) {
      const msg = refused(v);
      expect(msg).toContain(`--memory-limit "${v}" is not a memory size`);
      expect(msg).toContain('e.g. --memory-limit 2GB');
    }
    expect(refused('64MB')).toBe('--memory-limit "64MB" is below the minimum of 128MB (DuckDB needs room for an import\'s staging next to its buffers): give at least 128MB, e.g. --memory-limit 2GB.');
    expect(refused('122MiB')).toMatch(/below the minimum/); // 127.9 MB
    expect(refused('0GB')).toMatch(/below the minimum/);
    expect(refused('99999999TiB')).toMatch(/larger than any machine's memory/);
    expect(refused('lots', 'HEADROOM_MEMORY_LIMIT')).toMatch(/^HEADROOM_MEMORY_LIMIT="lots" is not a memory size: .* e\.g\. HEADROOM_MEMORY_LIMIT=2GB/);
  });
});

describe('resolveMemoryLimit', () => {
  it('the flag wins over HEADROOM_MEMORY_LIMIT; an empty variable is unset; neither gives the store default', () => {
    expect(resolveMemoryLimit({ flag: '256MB', env: { HEADROOM_MEMORY_LIMIT: '4GB' } })).toBe('256000000B');
    expect(resolveMemoryLimit({ env: { HEADROOM_MEMORY_LIMIT: '4GB' } })).toBe('4000000000B');
    expect(resolveMemoryLimit({ env: { HEADROOM_MEMORY_LIMIT: ' ' } })).toBeUndefined();
    expect(resolveMemoryLimit({ env: {} })).toBeUndefined();
    // a good flag does not read a bad variable; a bad one is named as what it is
    expect(resolveMemoryLimit({ flag: '1GB', env: { HEADROOM_MEMORY_LIMIT: 'lots' } })).toBe('1000000000B');
    expect(() => resolveMemoryLimit({ env: { HEADROOM_MEMORY_LIMIT: 'lots' } })).toThrow(/^HEADROOM_MEMORY_LIMIT="lots"/);
    expect(() => resolveMemoryLimit({ flag: '', env: {} })).toThrow(/^--memory-limit "" is not a memory size/);
  });
});
