/**
 * Training-window rules written as text, so that tools (the M4 bench) can compare rules without
 * code edits. A rule gives the `trainingWindow` option of `forecastSeries` (the most recent values
 * `auto` trains on) for a series' period and horizon:
 *
 * | rule | window |
 * |---|---|
 * | `all` | the whole series (`Infinity`) |
 * | `auto` | the default, `autoTrainingWindow(period, horizon)` = `max(40h,20c)` |
 * | `N` | the most recent N values (N ≥ 2) |
 * | `Kh` | K × the horizon |
 * | `Kc` | K × the longest cycle the candidates model (1 when none; 168 for period 24, 365.25 for 7) |
 * | `max(r1,r2,…)` | the largest of the windows of rules r1, r2, … (`all` in it wins) |
 *
 * K may be fractional; windows are rounded up to whole values.
 */
import { HeadroomError } from '../lib';
import { autoTrainingWindow, longestAutoCycle } from './forecast-series';

export interface TrainingWindowContext {
  readonly period: number;
  readonly horizon: number;
}

const SYNTAX = 'all, auto, N (values), Kh (K × horizon), Kc (K × longest cycle) or max(rule, rule, …)';

/** The `trainingWindow` value (a whole number ≥ 2, or Infinity) that `rule` gives in `ctx`. */
export function trainingWindowFromRule(rule: string, ctx: TrainingWindowContext): number {
  const r = rule.trim().toLowerCase();
  const bad = (why: string): HeadroomError => new HeadroomError('BAD_INPUT', `training-window rule "${rule}" ${why}: write ${SYNTAX}.`);
  if (r === 'all') return Infinity;
  if (r === 'auto') return autoTrainingWindow(ctx.period, ctx.horizon);
  const max = /^max\((.*)\)$/.exec(r);
  if (max) {
    const parts = splitRules(max[1] as string);
    if (parts.length < 2) throw bad('needs at least two rules inside max(…)');
    return Math.max(...parts.map((p) => trainingWindowFromRule(p, ctx)));
  }
  const m = /^(\d+(?:\.\d+)?)([hc]?)$/.exec(r);
  if (!m) throw bad('is not understood');
  const k = Number(m[1]);
  const unit = m[2] === 'h' ? ctx.horizon : m[2] === 'c' ? longestAutoCycle(ctx.period) : 1;
  if (m[2] === '' && !Number.isInteger(k)) throw bad('is not a whole number of values');
  const w = Math.ceil(k * unit);
  if (w < 2) throw bad(`gives ${w} value(s) for period ${ctx.period}, horizon ${ctx.horizon}; a window needs at least 2`);
  return w;
}

/** Splits a comma-separated list of rules, keeping the commas inside max(…) with their rule. */
export function splitRules(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new HeadroomError('BAD_INPUT', `training-window rules "${text}" have an unmatched ")".`);
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) throw new HeadroomError('BAD_INPUT', `training-window rules "${text}" have an unmatched "(".`);
  out.push(cur.trim());
  return out.filter((s) => s.length > 0);
}
