/** Worker-thread entry of `check` (src/check/workers.ts): checks each batch of files it is sent. */
import { parentPort } from 'node:worker_threads';
import { createModuleKindCache } from '../analysis/module-kind.ts';
import { analyzeAgoraUsage } from '../analysis/agora-usage.ts';
import { checkCandidate } from './run.ts';
import type { CheckBatch, CheckBatchResult } from './workers.ts';

const port = parentPort;
if (port === null) throw new Error('src/check/worker.ts is a worker-thread entry; start it with new Worker()');
const moduleKinds = createModuleKindCache();
port.on('message', (batch: CheckBatch) => {
  const result: CheckBatchResult = { start: batch.start, results: batch.targets.map((target) => checkCandidate(target, analyzeAgoraUsage, moduleKinds)) };
  port.postMessage(result);
});
port.postMessage('ready');
