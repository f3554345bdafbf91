/**
 * The files `check` must parse, on worker threads: each worker loads the analysis once and checks
 * a share of the files (reading them itself, so no contents cross threads), posting back findings
 * only. Results come back in the order of the files given.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerEntryMissingError } from '../run/errors.ts';
import type { CheckTarget } from './files.ts';
import type { TargetResult } from './run.ts';

/**
 * Below this many files to parse, `check` parses them in-process: on the benchmark tree with 1,000
 * planted servers (about 1,300 files to parse, 2 cores, load 2.5) two workers took the same wall
 * time as one thread (3.8-4.2 s against 3.8-4.3 s) and 230 MiB against 140 MiB, since the files to
 * parse are found by the byte pass on this thread and each worker loads the parsers and warms them up.
 */
export const CHECK_WORKER_MIN_CANDIDATES = 2000;
/** Files to parse per worker at least, so a machine with many cores does not start one per core for a few thousand files. */
export const CHECK_FILES_PER_WORKER = 500;

/** Files sent to a worker at a time: few messages, yet an even spread. */
const BATCH = 16;

/** The compiled worker entry (workers cannot run TypeScript: from the sources it is the build output). */
function workerEntry(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/src/check/worker.js', here) : new URL('./worker.js', here);
}

/** True when workers can be started (the compiled entry exists). */
export function checkWorkersAvailable(): boolean {
  return existsSync(fileURLToPath(workerEntry()));
}

/** A batch of files to check, by position in the run's list. */
export interface CheckBatch {
  start: number;
  targets: CheckTarget[];
}

/** What a worker posts for a batch. */
export interface CheckBatchResult {
  start: number;
  results: TargetResult[];
}

/** Checks `targets` on `count` worker threads; rejects when a worker fails (the analysis never throws per file). */
export function checkCandidatesOnWorkers(targets: CheckTarget[], count: number): Promise<TargetResult[]> {
  const entry = workerEntry();
  if (!existsSync(fileURLToPath(entry))) return Promise.reject(new WorkerEntryMissingError(fileURLToPath(entry)));
  const batches: CheckBatch[] = [];
  for (let start = 0; start < targets.length; start += BATCH) batches.push({ start, targets: targets.slice(start, start + BATCH) });
  const results = new Array<TargetResult>(targets.length);
  let pending = batches.length;
  const workers: Worker[] = [];
  return new Promise<TargetResult[]>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve(results);
      else reject(error);
    };
    for (let i = 0; i < Math.min(count, batches.length); i++) {
      const worker = new Worker(entry);
      workers.push(worker);
      const next = () => {
        const batch = batches.shift();
        if (batch) worker.postMessage(batch);
      };
      worker.on('message', (message: CheckBatchResult | 'ready') => {
        if (message !== 'ready') {
          message.results.forEach((result, offset) => (results[message.start + offset] = result));
          if (--pending === 0) finish();
        }
        next();
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`a check worker thread exited (code ${code}) before the run ended`));
      });
    }
  });
}
