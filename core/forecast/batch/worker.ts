// Worker thread entry: forecasts the jobs the pool sends, one message per job. The source tree runs
// it through tsx; the desktop build bundles it with esbuild into forecast-worker.mjs (electron/build.ts).
import { parentPort, threadId } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { runOne } from './run-one';

if (!parentPort) throw new Error('batch/worker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (msg: WorkerRequest) => {
  const response: WorkerResponse = { index: msg.index, result: runOne(msg.job, () => performance.now(), threadId) };
  port.postMessage(response);
});
