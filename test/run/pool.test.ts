/**
 * Workers started ahead of their jobs (migrate starts them while it still reads files): runJobs
 * adopts them whether they finished loading or not, gives the same results as in-process runs,
 * terminates the ones it does not need, and ends the run when one died while loading.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runJobs, startWorkers } from '../../src/run/pool.ts';
import type { TransformJob } from '../../src/run/types.ts';
import { FAILING_LOAD_TRANSFORM, FAKE_TRANSFORM, V1_CJS_SERVER } from './helpers.ts';

const jobs: TransformJob[] = Array.from({ length: 12 }, (_, id) => ({
  id,
  path: `src/s${id}.js`,
  source: id % 5 === 0 ? "require('agora-access-token');\nconst = ;\n" : V1_CJS_SERVER,
  moduleKind: 'commonjs',
}));

async function untilReady(started: ReturnType<typeof startWorkers>): Promise<void> {
  for (let waited = 0; !started.every((s) => s.ready); waited += 20) {
    if (waited > 30_000) throw new Error('workers did not load');
    await delay(20);
  }
}

describe('workers started ahead of their jobs', () => {
  it('are adopted once loaded, with the in-process results', async () => {
    const expected = await runJobs(jobs, { workers: 0, transformModule: FAKE_TRANSFORM });
    expect(expected.filter((r) => r.ok)).toHaveLength(9);
    const started = startWorkers(2, FAKE_TRANSFORM);
    await untilReady(started);
    expect(await runJobs(jobs, { workers: 2, transformModule: FAKE_TRANSFORM, started })).toEqual(expected);
  });

  it('are adopted while still loading, and started ones beyond what the run needs are ended', async () => {
    const expected = await runJobs(jobs.slice(0, 1), { workers: 0, transformModule: FAKE_TRANSFORM });
    const started = startWorkers(3, FAKE_TRANSFORM);
    expect(started.some((s) => s.ready)).toBe(false);
    const exits = started.map((s) => new Promise((resolve) => s.worker.once('exit', resolve)));
    expect(await runJobs(jobs.slice(0, 1), { workers: 3, transformModule: FAKE_TRANSFORM, started })).toEqual(expected);
    await Promise.all(exits);
  });

  it('are ended when the run parses in-process after all', async () => {
    const started = startWorkers(1, FAKE_TRANSFORM);
    const exit = new Promise((resolve) => started[0].worker.once('exit', resolve));
    await runJobs([], { workers: 0, transformModule: FAKE_TRANSFORM, started });
    await exit;
  });

  it('end the run when one died while loading the transform', async () => {
    const started = startWorkers(1, FAILING_LOAD_TRANSFORM);
    for (let waited = 0; !started[0].exited; waited += 20) {
      if (waited > 30_000) throw new Error('the worker did not exit');
      await delay(20);
    }
    await expect(runJobs(jobs, { workers: 1, transformModule: FAILING_LOAD_TRANSFORM, started })).rejects.toThrow('fixture: this transform module cannot be loaded');
  });
});

describe('jobs known later (migrate hands over the files the project layer answers for)', () => {
  const first = jobs.slice(0, 7);
  const more = jobs.slice(7);

  it('run after the first jobs on the same workers, with the in-process results, in job order', async () => {
    const expected = await runJobs(jobs, { workers: 0, transformModule: FAKE_TRANSFORM });
    const started = startWorkers(2, FAKE_TRANSFORM);
    await untilReady(started);
    const seen: number[] = [];
    let handOver: (jobs: TransformJob[]) => void = () => undefined;
    const later = new Promise<TransformJob[]>((resolve) => (handOver = resolve));
    const slow = first.map((job) => ({ ...job, source: `${job.source}// SLOW_JOB\n` }));
    const slowExpected = await runJobs(slow, { workers: 0, transformModule: FAKE_TRANSFORM });
    const running = runJobs(slow, { workers: 2, transformModule: FAKE_TRANSFORM, started, later, onResult: (r) => seen.push(r.id) });
    // this thread busy, as with the project layer: handed out one at a time, two of the 250 ms jobs
    // would run meanwhile and the other five take 750 ms more; posted at once, all have run
    for (const busyUntil = Date.now() + 2500; Date.now() < busyUntil; );
    await delay(100);
    expect(seen.sort((a, b) => a - b)).toEqual(first.map((job) => job.id));
    handOver(more);
    expect(await running).toEqual([...slowExpected, ...expected.slice(7)]);
    // in-process too, and with nothing handed over
    expect(await runJobs(first, { workers: 0, transformModule: FAKE_TRANSFORM, later: Promise.resolve(more) })).toEqual(expected);
    expect(await runJobs(first, { workers: 2, transformModule: FAKE_TRANSFORM, later: Promise.resolve([]) })).toEqual(expected.slice(0, 7));
  });

  it('a worker crash fails only its job: the jobs posted behind it run on a new worker', async () => {
    const crashing = first.map((job) => (job.id === 1 ? { ...job, source: `${V1_CJS_SERVER}// CRASH_WORKER\n` } : job));
    const expected = await runJobs(jobs, { workers: 0, transformModule: FAKE_TRANSFORM });
    const results = await runJobs(crashing, { workers: 1, transformModule: FAKE_TRANSFORM, later: Promise.resolve(more) });
    expect(results.map((r) => r.id)).toEqual(jobs.map((job) => job.id));
    expect(results[1]).toMatchObject({ ok: false, error: { message: 'worker crashed: the worker thread exited' } });
    expect(results.filter((r) => r.id !== 1)).toEqual(expected.filter((r) => r.id !== 1));
  });

  it('a rejection ends the run with its error', async () => {
    await expect(runJobs(first, { workers: 2, transformModule: FAKE_TRANSFORM, later: Promise.reject(new Error('project layer failed')) })).rejects.toThrow('project layer failed');
  });
});
