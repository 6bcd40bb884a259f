/**
 * The utilityProcess that hosts core/service for the desktop app (DuckDB and the forecast engine
 * never run in the main process, so the window stays responsive). The data folder comes from main;
 * forecasts fan out over worker threads running the bundled forecast-worker.mjs beside this file.
 */
import { startWorker, type ParentPort } from './start';

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const service = await startWorker(port, process.env, import.meta.url);
process.on('exit', () => void service.close());
