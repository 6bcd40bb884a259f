import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../test/shared-data';
import { metricCsvToPoints, parseTimestamp } from './metric-csv-to-points';

describe('metric CSV → points', () => {
  it('reads a NAB file and restores the clamped spring-forward hour', () => {
    const file = sharedData('usage', 'nab', 'ec2_network_in_5abac7.csv');
    const text = readFileSync(file, 'utf8');
    const parsed = metricCsvToPoints(text, file, 'network_in');
    const dataLines = text.trim().split('\n').length - 1;
    expect(parsed.layout).toBe('wide');
    expect(parsed.rows).toBe(dataLines);
    const pts = parsed.series[0]!.points;
    expect(pts).toHaveLength(dataLines); // nothing dropped
    const i = pts.findIndex((p) => p.ts === '2014-03-09T01:56:00.000Z');
    // The 12 rows written as 03:00:00 become 02:01 … 02:56, in file order, with their values.
    expect(pts.slice(i + 1, i + 13).map((p) => p.ts.slice(11, 16))).toEqual(['02:01', '02:06', '02:11', '02:16', '02:21', '02:26', '02:31', '02:36', '02:41', '02:46', '02:51', '02:56']);
    expect(pts.slice(i + 1, i + 4).map((p) => p.value)).toEqual([42.0, 103.2, 42.0]);
    expect(pts[i + 13]!.ts).toBe('2014-03-09T03:01:00.000Z');
    expect(new Set(pts.map((p) => p.ts)).size).toBe(pts.length);
    expect(parsed.notes.join(' ')).toMatch(/12 rows sharing 2014-03-09T03:00:00.000Z/);
  });

  it('keeps other duplicates and reads a long file with labels', () => {
    const text = [
      'timestamp,metric,labels,value',
      '2026-01-01T00:00:00Z,cpu,"{""host"":""a""}",1',
      '2026-01-01T00:05:00Z,cpu,"{""host"":""a""}",2',
      '2026-01-01T00:05:00Z,cpu,"{""host"":""a""}",3',
      '2026-01-01 00:00:00,cpu,host=b,10',
      '1767225900,mem,,5',
    ].join('\n');
    const p = metricCsvToPoints(text, 'long.csv');
    expect(p.layout).toBe('long');
    expect(p.series.map((s) => [s.name, s.labels, s.points.length])).toEqual([
      ['cpu', { host: 'a' }, 3],
      ['cpu', { host: 'b' }, 1],
      ['mem', {}, 1],
    ]);
    expect(p.series[2]!.points[0]!.ts).toBe('2026-01-01T00:05:00.000Z');
    expect(metricCsvToPoints(text, 'long.csv', 'mem').series).toHaveLength(1);
  });

  it('parses offsets and rejects bad input naming file, line and column', () => {
    expect(parseTimestamp('2026-01-01T01:00:00+01:00')).toBe(Date.UTC(2026, 0, 1));
    expect(parseTimestamp('2026-02-30 00:00:00')).toBeUndefined();
    expect(() => metricCsvToPoints('timestamp,value\n2026-01-01,abc\n', 'x.csv', 'm')).toThrow('x.csv, line 2, column "value": "abc" is not a number');
    expect(() => metricCsvToPoints('timestamp,value\nyesterday,1\n', 'x.csv', 'm')).toThrow(/x.csv, line 2, column "timestamp": "yesterday"/);
    expect(() => metricCsvToPoints('when,how\n', 'x.csv', 'm')).toThrow(/header must be/);
    expect(() => metricCsvToPoints('timestamp,value\n2026-01-01,1\n', 'x.csv')).toThrow(/--name/);
    // Number() alone would read these as 31, 3 and 1e3; a ragged row would lose its extra field unseen.
    for (const v of ['0x1F', '0b11', '0o7', '1e3e', '.', '1.2.3']) expect(() => metricCsvToPoints(`timestamp,value\n2026-01-01,${v}\n`, 'x.csv', 'm')).toThrow(`x.csv, line 2, column "value": "${v}" is not a number`);
    for (const v of ['-1.5', '+2', '.5', '3.', '1e-3', '2E+4']) expect(metricCsvToPoints(`timestamp,value\n2026-01-01,${v}\n`, 'x.csv', 'm').series[0]!.points[0]!.value).toBe(Number(v));
    expect(() => metricCsvToPoints('timestamp,value\n2026-01-01,1\n2026-01-02,2,7\n', 'x.csv', 'm')).toThrow('x.csv, line 3: 3 fields, but the header has 2 (timestamp,value).');
    expect(() => metricCsvToPoints('timestamp,metric,labels,value\n2026-01-01,cpu,host=a,zone=b,5\n', 'x.csv')).toThrow(/line 2: 5 fields, but the header has 4 .*Quote a field that contains a comma/);
    expect(() => metricCsvToPoints('timestamp,value\n2026-01-01\n', 'x.csv', 'm')).toThrow('x.csv, line 2: 1 field, but the header has 2');
  });
});
