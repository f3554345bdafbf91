/** Worker-thread entry: applies the transform to each job it is sent and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { applyRecipe } from '../recipe.ts';
import { loadTransformModule, runTransformJob } from './transform-file.ts';
import type { TransformFn, TransformJob } from './types.ts';

const port = parentPort;
if (port === null) throw new Error('src/run/worker.ts is a worker-thread entry; start it with new Worker()');
const { transformModule } = (workerData ?? {}) as { transformModule?: string };
const transform: TransformFn = transformModule ? await loadTransformModule(transformModule) : applyRecipe;
port.on('message', (job: TransformJob) => {
  port.postMessage(runTransformJob(job, transform));
});
// jobs are sent only after this, so a transform that fails to load fails the run once, not every file
port.postMessage('ready');
