import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext, Req, Res } from '../api';
import { addDays, daysBetween, parseDay, type Day } from '../lib';
import { thanksgivingDay } from '../plan';
import { seedDailyCost, tempDir, usageRow } from '../store/testing/fixtures';
import { dispatch } from './dispatch';
import { openService, type Service } from './service';

const ctx: HandlerContext = { signal: new AbortController().signal, progress: () => {} };
// 200 days of a weekly pattern with small deterministic noise up to 2026-12-15, and two +300 spikes:
// one on the Tuesday–Wednesday before Thanksgiving (inside the default US retail window), one on
// two ordinary days in September.
const FROM = parseDay('2026-05-29');
const TO = parseDay('2026-12-15');
const THANKS = daysBetween(FROM, addDays(thanksgivingDay(2026), -2));
const SEPT = daysBetween(FROM, parseDay('2026-09-15'));
const amountOf = (i: number): number => 100 + (i % 7) * 10 + ((i * 37) % 11) / 5 + ([THANKS, THANKS + 1, SEPT, SEPT + 1].includes(i) ? 300 : 0);

let dir: string;
let cleanup: () => void;
let service: Service;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir('headroom-holidays-'));
  await seedDailyCost(dir, FROM, TO, amountOf);
  service = await openService({ dataDir: dir, clock: () => new Date(`${TO}T08:00:00Z`) });
});
afterEach(async () => {
  await service.close();
  cleanup();
});

const call = <K extends 'anomalies.list' | 'anomalies.holidays' | 'anomalies.set_holidays'>(name: K, req: Req<K>): Promise<Res<K>> => dispatch(service.handlers, name, req, ctx) as Promise<Res<K>>;
/** Start days of the reported anomalies on the service's series (one event is also seen per billing account). */
const starts = async (): Promise<Day[]> => [...new Set((await call('anomalies.list', {})).anomalies.map((a) => a.start))].sort();

describe('the anomaly holiday calendar', () => {
  it('default (US retail) hides the Thanksgiving-week spike; "none" reports it; a user window hides the September one', async () => {
    const thanks = addDays(FROM, THANKS);
    const sept = addDays(FROM, SEPT);
    const shown = await call('anomalies.holidays', {});
    expect(shown).toMatchObject({ presets: ['us-retail'], windows: [], is_default: true });
    expect(shown.available.map((p) => p.id)).toEqual(['us-retail', 'year-end', 'western-europe']);
    expect(shown.occurrences.filter((o) => o.start.startsWith('2026'))).toEqual([
      { name: 'Thanksgiving week', start: '2026-11-23', end: '2026-12-01', source: 'us-retail' },
      { name: 'Year-end holidays', start: '2026-12-20', end: '2027-01-06', source: 'us-retail' },
    ]);
    expect(await starts()).toEqual([sept]);

    const none = await call('anomalies.set_holidays', { presets: [], windows: [] });
    expect(none.is_default).toBe(false);
    expect(none.occurrences).toEqual([]);
    expect(await starts()).toEqual([sept, thanks]);

    // A recurring window of the company's own (its September sale) and nothing else.
    await call('anomalies.set_holidays', { presets: [], windows: [{ name: 'September sale', from: '09-14', to: '09-17' }] });
    expect(await starts()).toEqual([thanks]);
    // The same as a one-off window, with the default preset: both spikes are calendar effects.
    const both = await call('anomalies.set_holidays', { presets: ['us-retail'], windows: [{ name: 'Launch', from: sept, to: addDays(sept, 1) }], from_year: 2026, to_year: 2026 });
    expect(both.occurrences.map((o) => o.name)).toEqual(['Launch', 'Thanksgiving week', 'Year-end holidays']);
    expect(await starts()).toEqual([]);
    // Kept in the store: a new service on the same folder reads the same calendar.
    await service.close();
    service = await openService({ dataDir: dir, clock: () => new Date(`${TO}T08:00:00Z`) });
    expect(await call('anomalies.holidays', {})).toMatchObject({ presets: ['us-retail'], windows: [{ name: 'Launch', from: sept, to: addDays(sept, 1) }] });
  });

  it('a bad calendar is refused with the field named, and the saved one is unchanged', async () => {
    await call('anomalies.set_holidays', { presets: ['year-end'], windows: [] });
    await expect(call('anomalies.set_holidays', { presets: ['year-end'], windows: [{ name: 'Sale', from: '2026-09-20', to: '2026-09-14' }] })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: "windows[0].to: 2026-09-14 is before 2026-09-20; give the window's last day, on or after its first.",
    });
    await expect(call('anomalies.set_holidays', { presets: ['lunar-new-year'], windows: [] })).rejects.toThrow(/^presets\[0\]: "lunar-new-year" is not a holiday preset/);
    await expect(call('anomalies.holidays', { from_year: 2030, to_year: 2020 })).rejects.toThrow(/to_year 2020/);
    expect(await call('anomalies.holidays', {})).toMatchObject({ presets: ['year-end'], windows: [] });
    // A value in the store that is not a calendar (written by hand) says how to set it again.
    await service.store.kvSet('settings', 'anomaly-holidays', { presets: ['nope'], windows: [] });
    await expect(call('anomalies.list', {})).rejects.toThrow(/stored anomaly holiday calendar is not valid.*headroom anomalies holidays --reset/);
  });

  it('a scan is kept until the data changes: a label (kv) keeps it, new charges replace it', async () => {
    const sept = addDays(FROM, SEPT);
    expect(await starts()).toEqual([sept]);
    const writes = service.store.dataWrites;
    expect(writes % 2).toBe(0);
    await dispatch(service.handlers, 'anomalies.label', { start: sept, scope: [{ dimension: 'service', value: 'Amazon EC2' }], label: 'planned' }, ctx);
    expect(service.store.dataWrites).toBe(writes);
    expect((await call('anomalies.list', {})).anomalies.map((a) => [a.start, a.label])).toEqual([[sept, 'planned']]);
    // The same days again with one more spike in July: one data write, and the next list sees it.
    const JULY = daysBetween(FROM, parseDay('2026-07-07'));
    const src = (await service.store.listSources())[0]!;
    const rows = Array.from({ length: daysBetween(FROM, TO) }, (_, i) => usageRow(addDays(FROM, i), amountOf(i) + (i === JULY ? 300 : 0)));
    await service.store.replaceChargeRows({ sourceId: src.id, from: FROM, to: TO, rows, format: 'test' });
    expect(service.store.dataWrites).toBe(writes + 2);
    expect(await starts()).toEqual([addDays(FROM, JULY), sept]);
  });
});
