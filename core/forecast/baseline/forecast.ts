import type { BaselineFit } from './fit';

/** Point forecasts of a baseline fit for steps 1..h. */
export function baselineMean(fit: BaselineFit, h: number): number[] {
  const { base, spec, drift, lastSeason } = fit;
  const n = base.length;
  const m = spec.period;
  const out: number[] = [];
  for (let t = 1; t <= h; t++) {
    switch (spec.kind) {
      case 'naive':
        out.push(base[n - 1] as number);
        break;
      case 'drift':
        out.push((base[n - 1] as number) + drift * t);
        break;
      case 'snaive':
        out.push(base[n - m + ((t - 1) % m)] as number);
        break;
      case 'naive2':
        out.push((base[n - 1] as number) * (lastSeason[(t - 1) % lastSeason.length] as number));
        break;
    }
  }
  return out;
}
