import { describe, expect, it } from 'vitest';
import { describeDriver, driverProblem, driversNamedIn, fromDriverText, toDriverText, type DriverForm } from './drivers';

const form = (f: Partial<DriverForm> & Pick<DriverForm, 'kind'>): DriverForm => ({ value: '', mode: 'factor', from: '', last: '', ramp: '0', growth: '', spread: '', ...f });

describe('scenario driver forms', () => {
  it('writes the API forms: % a year as a rate, a price change as a factor, the window end as the day after', () => {
    expect(toDriverText(form({ kind: 'growth', value: '20', from: '2027-01-01' }))).toBe('growth:rate=0.2,from=2027-01-01');
    expect(toDriverText(form({ kind: 'growth', value: '7.5', from: '2027-01-01' }))).toBe('growth:rate=0.075,from=2027-01-01');
    expect(toDriverText(form({ kind: 'price', value: '-10', from: '2027-02-01' }))).toBe('price:factor=0.9,from=2027-02-01');
    expect(toDriverText(form({ kind: 'price', value: '3', from: '2027-02-01' }))).toBe('price:factor=1.03,from=2027-02-01');
    expect(toDriverText(form({ kind: 'step', mode: 'add', value: '150', from: '2027-03-01' }))).toBe('step:add=150,from=2027-03-01');
    expect(toDriverText(form({ kind: 'step', value: '0.7', from: '2027-03-01' }))).toBe('step:factor=0.7,from=2027-03-01');
    expect(toDriverText(form({ kind: 'window', value: '1.5', from: '2026-11-27', last: '2026-11-30' }))).toBe('window:factor=1.5,from=2026-11-27,to=2026-12-01');
    expect(toDriverText(form({ kind: 'workload', value: '200', from: '2027-02-01', ramp: '30' }))).toBe('workload:level=200,from=2027-02-01,ramp=30');
    expect(toDriverText(form({ kind: 'workload', value: '200', from: '2027-02-01', ramp: '30', growth: '50', spread: '30' }))).toBe('workload:level=200,from=2027-02-01,ramp=30,growth=0.5,spread=0.3');
  });

  it('leaves what is not a number or is missing for the service to name', () => {
    expect(toDriverText(form({ kind: 'growth', value: 'lots' }))).toBe('growth:rate=lots');
    expect(toDriverText(form({ kind: 'window', value: '2', from: '2027-01-05', last: 'soon' }))).toBe('window:factor=2,from=2027-01-05,to=soon');
  });

  it('reads stored drivers back into the same form', () => {
    for (const text of ['growth:rate=0.2,from=2027-01-01', 'price:factor=0.9,from=2027-02-01', 'step:add=150,from=2027-03-01', 'step:factor=0.7,from=2027-03-01', 'window:factor=1.5,from=2026-11-27,to=2026-12-01', 'workload:level=200,from=2027-02-01,ramp=30', 'workload:level=30,from=2027-01-20,ramp=3,growth=0.5,spread=0.3']) {
      const f = fromDriverText(text);
      expect(f).not.toBeNull();
      expect(toDriverText(f!)).toBe(text);
    }
    expect(fromDriverText('price:factor=0.9,from=2027-02-01')).toMatchObject({ value: '-10' });
    expect(fromDriverText('workload:level=30,from=2027-01-20,growth=0.05,spread=0.25')).toMatchObject({ growth: '5', spread: '25' });
    expect(fromDriverText('window:factor=2,from=2027-01-01,to=2027-01-10')).toMatchObject({ last: '2027-01-09' });
    expect(fromDriverText('boom:x=1')).toBeNull();
  });

  it('finds the drivers a service message names and strips its prefix', () => {
    const texts = ['growth:rate=0.2,from=2027-01-01', 'window:factor=2,from=2027-01-01,to=2027-01-10', 'window:factor=2,from=2027-01-05,to=2027-01-20'];
    const overlap = 'Scenario "X": Window drivers "window:factor=2,from=2027-01-01,to=2027-01-10" and "window:factor=2,from=2027-01-05,to=2027-01-20" overlap (2027-01-05 to 2027-01-09): merge them.';
    expect(driversNamedIn(overlap, texts)).toEqual([1, 2]);
    const missing = 'Scenario "X": Driver "growth:rate=0.2,from=2027-01-01": "from" is missing. Write it like growth:rate=0.2,from=2027-01-01.';
    expect(driversNamedIn(missing, texts)).toEqual([0]);
    expect(driverProblem(missing)).toBe('"from" is missing.');
    expect(driverProblem(overlap)).toBe('Window drivers "window:factor=2,from=2027-01-01,to=2027-01-10" and "window:factor=2,from=2027-01-05,to=2027-01-20" overlap (2027-01-05 to 2027-01-09): merge them.');
    expect(driversNamedIn('Scenario "X" has no drivers', texts)).toEqual([]);
  });
});

describe('drivers in words', () => {
  it('formats rates, amounts and dates', () => {
    expect(describeDriver('growth:rate=0.2,from=2027-01-01', 'USD')).toBe('+20% a year from Jan 1, 2027');
    expect(describeDriver('price:factor=0.9,from=2027-02-01', 'USD')).toBe('prices -10% from Feb 1, 2027');
    expect(describeDriver('step:add=150,from=2027-03-01', 'USD')).toBe('+$150.00 a day from Mar 1, 2027');
    expect(describeDriver('window:factor=1.5,from=2026-11-27,to=2026-12-01', 'USD')).toBe('× 1.5 from Nov 27, 2026 through Nov 30, 2026');
    expect(describeDriver('workload:level=200,from=2027-02-01,ramp=30', 'EUR')).toBe('new workload of €200.00 a day from Feb 1, 2027, 30-day ramp-up');
    expect(describeDriver('workload:level=200,from=2027-02-01,ramp=30,growth=0.5,spread=0.3', 'EUR')).toBe('new workload of €200.00 a day from Feb 1, 2027, 30-day ramp-up, +50% a year, size ±30 %');
  });
});
