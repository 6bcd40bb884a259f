import { describe, expect, it } from 'vitest';
import { memoryConnection } from '../../../test/charges-harness';
import { creditsSum, isoOrUsDay, lit, utcTimestamp } from './sql';

async function one(expr: string): Promise<unknown> {
  const conn = await memoryConnection();
  const r = await conn.runAndReadAll(`SELECT CAST(${expr} AS VARCHAR) AS v`);
  return r.getRowObjectsJson()[0]?.['v'];
}

describe('timestamp and day parsing', () => {
  const cases: [string, string | null][] = [
    ['2024-09-01 00:00:00', '2024-09-01 00:00:00'], // FOCUS sample: no zone = UTC
    ['2023-11-01T00:00:00.000Z', '2023-11-01 00:00:00'], // AWS CUR
    ['2019-09-16T00:00:00-07:00', '2019-09-16 07:00:00'], // GCP file export, Pacific offset
    ['2023-11-13T10:00Z', '2023-11-13 10:00:00'], // OCI: no seconds
    ['2020-10-01 20:00:00 UTC', '2020-10-01 20:00:00'], // BigQuery JSON
    ['2023-10-31 17:00:00-07', '2023-11-01 00:00:00'], // hour offset only
    ['2023-02-01T30:00:00Z', null], // FOCUS spec example: hour 30
    ['4/1/25', null], // not ISO 8601
    ['', null],
  ];
  for (const [text, want] of cases) {
    it(`utcTimestamp(${JSON.stringify(text)}) = ${want}`, async () => {
      expect(await one(utcTimestamp(lit(text)))).toBe(want);
    });
  }

  it('reads Azure US-style days with four-digit years only', async () => {
    expect(await one(isoOrUsDay(lit('9/2/2023')))).toBe('2023-09-02');
    expect(await one(isoOrUsDay(lit('09/21/2023')))).toBe('2023-09-21');
    expect(await one(isoOrUsDay(lit('2020-09-22')))).toBe('2020-09-22');
    expect(await one(isoOrUsDay(lit('4/1/25')))).toBeNull();
    expect(await one(isoOrUsDay(lit('13/01/2023')))).toBeNull();
  });

  it('sums credits written as a Python repr or as JSON', async () => {
    expect(await one(creditsSum(lit("[{'name': 'FreeTrial', 'amount': -5e-06, 'full_name': None}, {'amount': -1.25}]")))).toBe('-1.250005000000');
    expect(await one(creditsSum(lit('[{"name": "x", "amount": -2.5, "type": "PROMOTION"}]')))).toBe('-2.500000000000');
    expect(await one(creditsSum(lit('[]')))).toBe('0.000000000000');
  });
});
