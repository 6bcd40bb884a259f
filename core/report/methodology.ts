/**
 * The methodology appendix (issue 8): how each number in the report was produced, in short
 * paragraphs filled with this report's own figures (model, candidates, calibration factors,
 * backtest scores, coverage). Plain text, shared by the HTML/PDF and XLSX renderers. The wording
 * follows the code it describes: core/forecast/select (selection, split-conformal calibration),
 * core/report/model (monthly quantiles of summed paths), core/plan/budgets/status,
 * core/plan/capacity, core/plan/commitments/recommend, core/plan/anomalies/detect.
 */
import type { Report } from './model';

export interface MethodologyTopic {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const num = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

export function methodology(r: Report): MethodologyTopic[] {
  const m = r.model;
  const topics: MethodologyTopic[] = [];
  const selection =
    m.requested === 'auto'
      ? `The model was chosen automatically: every candidate (ETS, standard and dynamic Theta, ARIMA for short seasons, seasonal naive, MSTL) is fitted once on the training data, re-estimated with the same specification at rolling forecast origins, and scored by its mean backtest MASE (mean absolute scaled error, Hyndman & Koehler 2006); the median and mean of the candidates compete too, and the lowest score wins.${
          m.candidates.length > 0
            ? ` Scores here: ${[...m.candidates]
                .sort((a, b) => (Number.isNaN(a.score) ? 1 : Number.isNaN(b.score) ? -1 : a.score - b.score))
                .map((c) => `${c.spec} ${Number.isNaN(c.score) ? 'failed' : num(c.score)}`)
                .join('; ')}.`
            : ''
        }`
      : `The model family was fixed by the request (${m.requested}); its specification was chosen by AICc within the family.`;
  topics.push({
    title: 'Forecast model',
    paragraphs: [
      `Daily ${r.view === 'effective' ? 'EffectiveCost (amortized)' : 'BilledCost'} of the scope in ${r.currency}, ${m.trainingDays} training days, weekly season (${m.period} days). Chosen: ${m.spec}${m.members.length > 0 ? ` (members: ${m.members.join(', ')})` : ''}.`,
      ...(m.basis.length > 0 ? [`Forecast basis (charges split by FOCUS ChargeFrequency): ${m.basis.join(' ')}`] : []),
      selection,
      m.excludedDays > 0
        ? `${m.excludedDays} training day(s) were excluded (labelled anomalies, days without data) and replaced by the model's own interpolation before fitting, so one-off events do not shape the forecast.`
        : 'No training day was excluded.',
    ],
  });
  const calib =
    m.calibration.length > 0
      ? `Interval widths are calibrated by split-conformal prediction (Vovk, Gammerman & Shafer 2005): at each backtest origin the ratio of the absolute error to the interval half-width is recorded, and the finite-sample ⌈(N+1)·level⌉-th smallest ratio scales the half-widths (factors ${m.calibration.map((c) => `${pct(c.level)}: ×${num(c.factor, 2)}`).join(', ')}, bounded to 0.5–4). The sample paths are scaled about the mean by the average factor.`
      : 'Interval widths come from the model itself (no backtest was possible for conformal calibration).';
  topics.push({
    title: 'Intervals and monthly quantiles',
    paragraphs: [
      calib,
      `Monthly P10/P50/P90 are the 10th, 50th and 90th percentiles (Hyndman & Fan definition 7) of ${r.forecast.paths} simulated daily sample paths summed over each month (seed ${m.seed}); the month in progress adds its observed days to every path. Quantiles of months do not add up to the quantile of their sum.`,
    ],
  });
  const bt = m.backtest;
  topics.push({
    title: 'Backtest scores',
    paragraphs: [
      bt
        ? `Rolling-origin evaluation on ${bt.windows} window(s) of ${bt.horizon} days (step ${bt.step}): MAE ${num(bt.mae, 2)}, RMSE ${num(bt.rmse, 2)}, sMAPE ${num(bt.smape, 2)} %, MASE ${num(bt.mase)}. Observed interval coverage before calibration: ${bt.coverage.map((c) => `${pct(c.level)} interval ${pct(c.rate)}`).join(', ')}. MASE divides the error by the in-sample one-step seasonal-naive error (lower is better); over a multi-step horizon a value above 1 is usual and does not by itself mean the model is worse than seasonal naive over that horizon.`
        : 'The series was too short for a rolling-origin backtest; no accuracy figures are available.',
    ],
  });
  const cov = r.assumptions.coverage;
  topics.push({
    title: 'Data coverage',
    paragraphs: [
      cov.length === 0
        ? 'No source coverage was recorded.'
        : `Sources: ${cov.map((c) => `${c.name} (${c.kind}, ${c.rows.toLocaleString('en-US')} rows, ${c.firstDay ?? '—'} to ${c.lastDay ?? '—'}${c.lagDays !== null && c.lagDays > 0 ? `, ${c.lagDays} day(s) behind the report` : ''})`).join('; ')}. Actuals end on the last complete day before the report date; the day in progress is left out.`,
    ],
  });
  if (r.sections.budgets) {
    topics.push({
      title: 'Budget breach probability',
      paragraphs: [
        "Each budget's forecast for its own scope gives sample paths for the rest of the period; each path's period total is actual-to-date plus the path's sum over the remaining days. The probability over is the share of totals above the amount, P10/P50/P90 are their quantiles, and the likely breach date is the first day on which at least half of the paths' cumulative cost exceeds the amount. Reading it off joint paths keeps the autocorrelation the model put into them.",
      ],
    });
  }
  if (r.sections.capacity) {
    topics.push({
      title: 'Capacity exhaustion',
      paragraphs: [
        "Each pool's daily peak is forecast as sample paths. Per path the first day the peak exceeds target × capacity is found; exhaustion P10/P50/P90 are quantiles of those first-passage dates (none = fewer paths cross within the horizon). The order-by date is the P10 date minus the lead time; the needed capacity is the service-level quantile of each path's horizon maximum divided by the target.",
      ],
    });
  }
  if (r.sections.commitments) {
    topics.push({
      title: 'Commitment sizing',
      paragraphs: [
        'Commitment-eligible compute usage (on-demand equivalent per hour, net of existing commitments until they expire) is forecast over the term. With discount d, the commitment that minimises expected cost is the d-quantile of the pooled usage distribution (newsvendor critical fractile, Arrow, Harris & Marschak 1951): P(usage > commitment) = 1 − d. Savings P10/P50/P90 are quantiles over sample paths. The trailing-30-day figure applies the savings-maximising rule to the last 30 observed days, as the providers’ recommendations do, and is evaluated on the same forecast paths.',
      ],
    });
  }
  if (r.sections.anomalies) {
    topics.push({
      title: 'Anomalies',
      paragraphs: [
        'Daily EffectiveCost of usage per service, per billing account and per sub-account × service is decomposed by robust MSTL (weekly cycle); the remainder is scored by a robust z-score (median and 1.4826 · MAD). Days beyond the threshold seed an anomaly, neighbouring days extend it; expected = trend + season, impact = actual − expected over its days. Yearly recurrences and holiday windows are dropped and one event seen on several series is reported once. Drivers are the dimension values whose cost moved most against the same weekday’s median of the four weeks before; the month-end impact is the month’s cost with the anomalous days as observed minus the same with them replaced by their expected values. Labelled anomalies are excluded from the forecast training as described above.',
      ],
    });
  }
  if (r.sections.scenarios) {
    topics.push({
      title: 'Scenarios',
      paragraphs: ["A scenario applies its drivers (growth, step, window, price, workload) to every sample path of the baseline forecast of its scope, so scenario P10/P50/P90 are quantiles of the same futures with the drivers applied; the baseline is the scenario's own scope forecast."],
    });
  }
  topics.push({
    title: 'Reproducibility',
    paragraphs: [
      `The stamp is the SHA-256 of the canonical JSON (keys sorted) of the daily data slice, the per-service series, scope, currency, cost view, the model's specification, parameters, seed and horizon, the number of sample paths, the forecast basis, the plan sections' inputs and the report format version (${r.version}). The same data and settings give the same stamp; any change in them gives another.`,
    ],
  });
  return topics;
}
