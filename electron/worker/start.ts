/**
 * Starts the service in the desktop app's utilityProcess: opens core/service on the data folder main
 * passes in HEADROOM_DATA_DIR, with the batch forecaster's worker threads on the bundled
 * forecast-worker.mjs (the desktop build has no sources and no tsx), loads the demo on first start,
 * and binds the host to the parent port. `worker/index.ts` calls it with `process.parentPort`.
 */
import { lineLogger } from '../../core/lib';
import { loadDemoIfEmpty, openService, resolveMemoryLimit, type Service, type ServiceOptions } from '../../core/service';
import { bundledForecastWorker } from './bundle';
import { createWorkerHost, type ToWorker } from './host';

export interface ParentPort {
  on(event: 'message', listener: (e: { data: ToWorker }) => void): void;
  postMessage(message: unknown): void;
}

/** Where the utilityProcess writes its log lines: its stderr, which Electron passes to the app's (utilityProcess stdio: inherit). */
const toStderr = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * The service's options in the utilityProcess whose bundle is `moduleUrl` (worker/index.js): the
 * data folder main passes in HEADROOM_DATA_DIR, DuckDB's memory limit from HEADROOM_MEMORY_LIMIT
 * (main passes its environment on; a bad value is a HeadroomError naming it), and a logger: the
 * service's warnings and errors (e.g. forecast threads that could not start) go to `write`.
 */
export function workerServiceOptions(env: Readonly<Record<string, string | undefined>>, moduleUrl: string, write: (line: string) => void = toStderr): ServiceOptions {
  const dataDir = env['HEADROOM_DATA_DIR'];
  if (!dataDir) throw new Error('HEADROOM_DATA_DIR is not set for the worker');
  const memoryLimit = resolveMemoryLimit({ env });
  return { dataDir, forecastWorker: bundledForecastWorker(moduleUrl), logger: lineLogger(write, 'headroom service: '), ...(memoryLimit !== undefined ? { store: { memoryLimit } } : {}) };
}

export async function startWorker(port: ParentPort, env: Readonly<Record<string, string | undefined>>, moduleUrl: string): Promise<Service> {
  const service = await openService(workerServiceOptions(env, moduleUrl));
  // First start: an empty data folder shows the demo dataset.
  await loadDemoIfEmpty(service);
  const onMessage = createWorkerHost(service.handlers, (m) => port.postMessage(m));
  port.on('message', (e) => void onMessage(e.data));
  port.postMessage({ type: 'ready' });
  return service;
}
