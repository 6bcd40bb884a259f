/**
 * Where the desktop build's forecast worker lies. electron/build.ts emits it next to the service
 * worker's bundle (worker/index.js); electron-builder unpacks it from app.asar (electron-builder.yml
 * `asarUnpack`), so a packaged app finds it under app.asar.unpacked/ and Node loads it as a real
 * file, with no help from Electron's asar patches (see electron/README.md).
 */
import { fileURLToPath } from 'node:url';
import type { WorkerEntry } from '../../core/service';

export const FORECAST_WORKER_FILE = 'forecast-worker.mjs';

/** The bundled forecast worker beside the module at `moduleUrl`, inside app.asar.unpacked when that module is inside app.asar. */
export function bundledForecastWorker(moduleUrl: string): WorkerEntry {
  const file = fileURLToPath(new URL(`./${FORECAST_WORKER_FILE}`, moduleUrl));
  return { kind: 'script', file: file.replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked') };
}
