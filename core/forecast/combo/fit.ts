import { HeadroomError, isHeadroomError } from '../../lib';
import type { FitRecord, Fitter, FittedModel } from '../types';
import type { ComboSpec } from './spec';

export interface ComboFit {
  readonly spec: ComboSpec;
  readonly members: readonly { readonly name: string; readonly model: FittedModel }[];
  readonly record: FitRecord;
}

/**
 * Fits every member on the same data. A member that fails is left out with a warning; the
 * combination fails only when no member fits.
 */
export function fitCombo(y: readonly number[], period: number, spec: ComboSpec, lookup: (name: string) => Fitter | undefined): ComboFit {
  const members: { name: string; model: FittedModel }[] = [];
  const warnings: string[] = [];
  for (const name of spec.members) {
    const f = lookup(name);
    if (!f) {
      warnings.push(`combination member ${name} is not available; left out`);
      continue;
    }
    try {
      members.push({ name, model: f(y, { period }) });
    } catch (e) {
      if (!isHeadroomError(e) && !(e instanceof RangeError)) throw e;
      warnings.push(`combination member ${name} failed (${e.message}); left out`);
    }
  }
  if (members.length === 0) throw new HeadroomError('BAD_INPUT', `No member of the combination could be fitted: ${warnings.join('; ')}.`);
  const n = y.length;
  const residuals = Array.from({ length: n }, (_, t) => {
    const rs = members.map((m) => m.model.record.residuals[t] as number).filter((v) => Number.isFinite(v));
    return rs.length === members.length ? combine(rs, spec.how) : Number.NaN;
  });
  const finite = residuals.filter((v) => Number.isFinite(v));
  const sigma2 = finite.length > 0 ? finite.reduce((s, v) => s + v * v, 0) / finite.length : Number.NaN;
  const params: Record<string, number> = {};
  for (const m of members) for (const [k, v] of Object.entries(m.model.record.params)) if (!/^s\d+$/.test(k)) params[`${m.name}.${k}`] = v;
  const label = `${spec.how === 'median' ? 'Median' : 'Mean'}(${members.map((m) => m.model.record.spec).join(', ')})`;
  const record: FitRecord = {
    family: 'combo',
    spec: label,
    params,
    n,
    residuals,
    sigma2,
    warnings: [...warnings, ...members.flatMap((m) => m.model.record.warnings)],
  };
  return { spec, members, record };
}

/** Median (average of the two middle values for an even count) or mean. */
export function combine(values: readonly number[], how: 'median' | 'mean'): number {
  if (how === 'mean') return values.reduce((s, v) => s + v, 0) / values.length;
  const s = [...values].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 === 1 ? (s[k] as number) : ((s[k - 1] as number) + (s[k] as number)) / 2;
}
