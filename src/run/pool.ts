/** Runs transform jobs in-process or over a small pool of worker threads; both give the same results. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { WorkerEntryMissingError } from './errors.ts';
import { loadTransformModule, runTransformJob } from './transform-file.ts';
import type { TransformFn, TransformJob, TransformJobResult } from './types.ts';

export interface RunJobsOptions {
  /** Worker threads to start; 0 runs in-process. */
  workers: number;
  /** In-process transform (functions cannot cross into workers); default `applyRecipe`. */
  transform?: TransformFn;
  /** URL of a module exporting `transform`, loaded in every worker (and in-process when `transform` is not given). */
  transformModule?: string;
  /** Called as each job finishes, in completion order. */
  onResult?: (result: TransformJobResult) => void;
  /** Workers started earlier (startWorkers) with the same transformModule: used first, so their start-up is already paid. */
  started?: StartedWorker[];
  /**
   * Jobs known only later (migrate's project layer decides them while `jobs` run): queued when it
   * resolves, on the same workers, and returned after `jobs`. Since the caller is then busy on this
   * thread and cannot hand out jobs one by one, `jobs` are all posted at once, spread over the
   * workers (each runs its share in order); a rejection ends the run with that error.
   */
  later?: Promise<TransformJob[]>;
}

/** A worker thread started ahead of its jobs, loading the transform while the caller still reads files. */
export interface StartedWorker {
  worker: Worker;
  /** It posted 'ready' (the transform loaded). */
  ready: boolean;
  /** It failed or exited before being given jobs. */
  crash?: unknown;
  exited: boolean;
  /** Stops recording into this object: runJobs listens itself from then on. */
  release: () => void;
}

/**
 * Starts `count` workers now, so that loading the parsers overlaps the caller's own work (migrate
 * starts them while it is still reading files, once enough candidates are found). Hand them to
 * runJobs as `started`; ones runJobs does not need are terminated by it.
 */
export function startWorkers(count: number, transformModule?: string): StartedWorker[] {
  const entry = resolveWorkerEntry();
  if (!existsSync(fileURLToPath(entry))) return [];
  return Array.from({ length: count }, () => {
    const worker = new Worker(entry, { workerData: { transformModule } });
    const onMessage = (message: unknown) => {
      if (message === 'ready') started.ready = true;
    };
    const onError = (error: unknown) => (started.crash = error);
    const onExit = () => (started.exited = true);
    const release = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const started: StartedWorker = { worker, ready: false, exited: false, release };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    return started;
  });
}

/**
 * The compiled worker entry. Workers cannot run TypeScript, so from the sources (vitest) this
 * points at the build output `dist/src/run/worker.js`.
 */
export function resolveWorkerEntry(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('../../dist/src/run/worker.js', here) : new URL('./worker.js', here);
}

/** True when workers can be started (the compiled entry exists). */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(resolveWorkerEntry()));
}

/** Runs every job and returns the results in job order. */
export async function runJobs(jobs: TransformJob[], options: RunJobsOptions): Promise<TransformJobResult[]> {
  if (options.workers <= 0 || (jobs.length === 0 && options.later === undefined)) {
    for (const started of options.started ?? []) void started.worker.terminate();
    const first = await runInProcess(jobs, options);
    return options.later ? [...first, ...(await runInProcess(await options.later, options))] : first;
  }
  return runOnWorkers(jobs, options);
}

async function runInProcess(jobs: TransformJob[], options: RunJobsOptions): Promise<TransformJobResult[]> {
  if (jobs.length === 0) return [];
  // the recipe (and its parsers) load only when there is something to transform
  const transform = options.transform ?? (options.transformModule ? await loadTransformModule(options.transformModule) : (await import('../recipe.ts')).applyRecipe);
  const results: TransformJobResult[] = [];
  let lastYield = Date.now();
  for (const job of jobs) {
    const result = runTransformJob(job, transform);
    results.push(result);
    options.onResult?.(result);
    if (Date.now() - lastYield > 50) {
      // let timers run (progress bar redraws) during long in-process runs
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  return results;
}

function runOnWorkers(jobs: TransformJob[], options: RunJobsOptions): Promise<TransformJobResult[]> {
  const entry = resolveWorkerEntry();
  if (!existsSync(fileURLToPath(entry))) return Promise.reject(new WorkerEntryMissingError(fileURLToPath(entry)));
  // with jobs still to come, every worker asked for is kept: how many will come is not known yet
  const size = options.later ? options.workers : Math.min(options.workers, jobs.length);
  const started = [...(options.started ?? [])];
  for (const unneeded of started.splice(size)) void unneeded.worker.terminate();
  const results = new Map<number, TransformJobResult>();
  const all = [...jobs];
  const queue = [...jobs];
  const workers = new Set<Worker>();
  let waiting = options.later !== undefined;

  return new Promise<TransformJobResult[]>((resolve, reject) => {
    let settled = false;
    /** The next() of workers left without a job while later jobs are awaited. */
    const idle: (() => void)[] = [];
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve(all.map((job) => results.get(job.id) as TransformJobResult));
      else reject(error);
    };
    const record = (result: TransformJobResult) => {
      results.set(result.id, result);
      options.onResult?.(result);
      if (!waiting && results.size === all.length) finish();
    };
    /** Starts a worker; returns how to post it a job (it runs the jobs posted, in order). */
    const start = (early?: StartedWorker): ((job: TransformJob) => void) => {
      early?.release();
      const worker = early?.worker ?? new Worker(entry, { workerData: { transformModule: options.transformModule } });
      workers.add(worker);
      let ready = early?.ready ?? false;
      /** Posted and not yet answered, oldest first: the first is the one running. */
      const inFlight: TransformJob[] = [];
      let crash: unknown = early?.crash;
      const post = (job: TransformJob) => {
        inFlight.push(job);
        worker.postMessage(job);
      };
      const next = () => {
        if (settled || inFlight.length > 0) return;
        const job = queue.shift();
        if (job !== undefined) post(job);
        else if (waiting) idle.push(next);
        else {
          workers.delete(worker);
          void worker.terminate();
        }
      };
      worker.on('message', (message: TransformJobResult | 'ready') => {
        if (message === 'ready') ready = true;
        else {
          const answered = inFlight.findIndex((job) => job.id === message.id);
          if (answered >= 0) inFlight.splice(answered, 1);
          record(message);
        }
        next();
      });
      worker.on('error', (error) => {
        crash = error;
      });
      worker.on('exit', () => {
        if (settled || !workers.delete(worker)) return; // terminated by us
        // failing to load the transform would fail the same way for every job: end the run
        if (!ready) {
          finish(crash ?? new Error('a worker thread exited before it was ready'));
          return;
        }
        // a worker runs its jobs in order: the first unanswered one crashed it, the others go back to the queue
        const failed = inFlight.shift();
        queue.unshift(...inFlight.splice(0));
        for (const wake of idle.splice(0)) wake();
        if (failed !== undefined) {
          const reason = crash instanceof Error ? crash.message : 'the worker thread exited';
          record({
            id: failed.id,
            ok: false,
            error: {
              message: `worker crashed: ${reason}`,
              hint: 'the file was left untouched; this is a bug in agora-token-migrate, please report it with the file',
            },
          });
        }
        if (!settled && (queue.length > 0 || (waiting && workers.size === 0))) start();
      });
      // started earlier and already loaded: its 'ready' came before these listeners
      if (ready) next();
      return post;
    };
    const posts: ((job: TransformJob) => void)[] = [];
    for (let index = 0; index < size; index++) {
      const early = started[index];
      if (early?.exited) {
        // it died while loading: the same load would fail for every job
        finish(early.crash ?? new Error('a worker thread exited before it was ready'));
        return;
      }
      posts.push(start(early));
    }
    if (options.later) {
      // posted now, before the caller keeps this thread busy; a worker still loading reads them once loaded
      queue.splice(0).forEach((job, index) => posts[index % posts.length](job));
      options.later.then(
        (more) => {
          all.push(...more);
          queue.push(...more);
          waiting = false;
          for (const wake of idle.splice(0)) wake();
          if (workers.size === 0 && queue.length > 0) start();
          if (results.size === all.length) finish();
        },
        (error: unknown) => finish(error),
      );
    }
  });
}
