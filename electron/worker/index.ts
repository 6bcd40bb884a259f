/**
 * The utilityProcess that hosts core/service for the desktop app (DuckDB and the forecast engine
 * never run in the main process, so the window stays responsive). The data folder comes from main.
 */
import { loadDemoIfEmpty, openService } from '../../core/service';
import { createWorkerHost, type ToWorker } from './host';

interface ParentPort {
  on(event: 'message', listener: (e: { data: ToWorker }) => void): void;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const dataDir = process.env['HEADROOM_DATA_DIR'];
if (!dataDir) throw new Error('HEADROOM_DATA_DIR is not set for the worker');

const service = await openService({ dataDir });
// First start: an empty data folder shows the demo dataset.
await loadDemoIfEmpty(service);
const onMessage = createWorkerHost(service.handlers, (m) => port.postMessage(m));
port.on('message', (e) => void onMessage(e.data));
port.postMessage({ type: 'ready' });
process.on('exit', () => void service.close());
