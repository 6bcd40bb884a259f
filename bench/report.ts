/**
 * Report speed on the demo dataset: `npm run bench:report [-- --formats csv,xlsx,html,pdf]`.
 * Loads the demo into a fresh data folder, builds one full report (every plan section) and prints
 * the wall and process-CPU time of each step (reading costs, anomaly scan, forecast, each plan),
 * then the rendering time and size of each format. PDF needs Chrome/Chromium (skipped otherwise).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../core/api';
import { dayOf } from '../core/lib';
import { findChromium, loadDemo, openService } from '../core/service';
import { assembleReport, renderReport } from '../core/service/report';

const formatsArg = process.argv.indexOf('--formats');
const formats = (formatsArg > 0 ? (process.argv[formatsArg + 1] ?? '') : 'csv,xlsx,html,pdf').split(',').filter((f): f is 'csv' | 'xlsx' | 'html' | 'pdf' => ['csv', 'xlsx', 'html', 'pdf'].includes(f));
const cpuMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-report-'));
try {
  const service = await openService({ dataDir: dir });
  try {
    await loadDemo(service, { asOf: dayOf(new Date()) });
    const rows: { step: string; wall: number; cpu: number }[] = [];
    let step = 'start';
    let wall0 = performance.now();
    let cpu0 = cpuMs();
    const mark = (next: string): void => {
      rows.push({ step, wall: performance.now() - wall0, cpu: cpuMs() - cpu0 });
      step = next;
      wall0 = performance.now();
      cpu0 = cpuMs();
    };
    const req = api['reports.build'].req.parse({ format: 'html', title: 'Demo report' });
    const ctx = { signal: new AbortController().signal, progress: (p: { message?: string }) => mark(p.message ?? '') };
    const a = await assembleReport({ store: service.store, dataDir: dir, clock: () => new Date(), logger: service.logger, forecastWorker: service.forecastWorker }, req, ctx);
    mark('');
    const total = rows.slice(1).reduce((s, r) => ({ wall: s.wall + r.wall, cpu: s.cpu + r.cpu }), { wall: 0, cpu: 0 });
    console.log('step                      wall ms    cpu ms');
    for (const r of rows.slice(1)) console.log(`${r.step.padEnd(24)} ${r.wall.toFixed(0).padStart(8)} ${r.cpu.toFixed(0).padStart(9)}`);
    console.log(`${'total (report model)'.padEnd(24)} ${total.wall.toFixed(0).padStart(8)} ${total.cpu.toFixed(0).padStart(9)}`);
    console.log(`sections: ${a.sections.join(', ')}; excluded anomalies ${a.excludedAnomalies}; stamp ${a.report.stamp.slice(0, 16)}…`);
    const havePdf = ((): boolean => {
      try {
        findChromium();
        return true;
      } catch {
        return false;
      }
    })();
    for (const f of formats) {
      if (f === 'pdf' && !havePdf) {
        console.log('render pdf   skipped: no Chrome/Chromium found');
        continue;
      }
      const t0 = performance.now();
      const bytes = await renderReport(a.report, f);
      console.log(`render ${f.padEnd(5)} ${(performance.now() - t0).toFixed(0).padStart(8)} ms  ${bytes.length.toLocaleString('en-US')} bytes`);
    }
  } finally {
    await service.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
