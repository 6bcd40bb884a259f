import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToText, reportFileName } from './download';

describe('download helpers', () => {
  it('decodes base64 to the exact bytes and UTF-8 text', () => {
    expect([...base64ToBytes('AAEC/w==')]).toEqual([0, 1, 2, 255]);
    expect(base64ToText(btoa(String.fromCharCode(...new TextEncoder().encode('Coût € <b>')))) ).toBe('Coût € <b>');
  });

  it('names the file after the scope and the last data day, safe for any file system', () => {
    expect(reportFileName('pdf', '2026-07-19', [])).toBe('headroom-report-2026-07-19.pdf');
    expect(reportFileName('csv', '2026-07-19', [{ value: 'Virtual Machines' }, { value: '../../etc/Ünï' }])).toBe('headroom-report-virtual-machines-etc-uni-2026-07-19.csv');
  });
});
