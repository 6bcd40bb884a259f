// Worker thread entry: forecasts the jobs the pool sends, one message per job.
import { parentPort } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { runOne } from './run-one';

if (!parentPort) throw new Error('batch/worker.ts must run in a worker thread');
const port = parentPort;
port.on('message', (msg: WorkerRequest) => {
  const response: WorkerResponse = { index: msg.index, result: runOne(msg.job, () => performance.now()) };
  port.postMessage(response);
});
