// Milliseconds per candidate file of `migrate`'s job (recipe + output re-parse), in-process:
// cold (first run of each file in a fresh process, after the modules loaded) and warm (the
// median of N rounds, wall; and the process's CPU time over those rounds, which a shared machine
// disturbs less). `node bench/per-candidate.mjs [--rounds 30] [--set examples|fixtures|all]
// [--per-file]` after `npm run build`. Not part of `npm test`; no test asserts a timing.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const rounds = Number(option('rounds', '30'));
const set = option('set', 'examples');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const isScript = (p) => /\.(?:[cm]?[jt]s|tsx?)$/.test(p) && !p.endsWith('.d.ts');
const files = [];
if (set === 'examples' || set === 'all') {
  for (const example of readdirSync(join(root, 'examples'))) {
    const before = join(root, 'examples', example, 'before');
    try {
      statSync(before);
    } catch {
      continue;
    }
    files.push(...walk(before).filter(isScript));
  }
}
if (set === 'fixtures' || set === 'all') files.push(...walk(join(root, 'test/fixtures')).filter((p) => /\.input\.[cm]?[jt]sx?$/.test(p)));

const t0 = performance.now();
const { applyRecipe } = await import(join(root, 'dist/src/recipe.js'));
const { runTransformJob } = await import(join(root, 'dist/src/run/transform-file.js'));
const { mentionsAgora } = await import(join(root, 'dist/src/analysis/sources.js'));
const loadMs = performance.now() - t0;

const jobs = files
  .map((path, id) => ({ id, path, source: readFileSync(path, 'utf8') }))
  .filter((job) => mentionsAgora(job.source));

const run = (job) => {
  const start = performance.now();
  const result = runTransformJob(job, applyRecipe);
  return { ms: performance.now() - start, result };
};

const cold = jobs.map((job) => run(job).ms);
const samples = jobs.map(() => []);
const cpuStart = process.cpuUsage();
for (let r = 0; r < rounds; r++) jobs.forEach((job, i) => samples[i].push(run(job).ms));
const cpu = process.cpuUsage(cpuStart);
const warmCpuMs = (cpu.user + cpu.system) / 1000 / (rounds * jobs.length);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const warm = samples.map(median);
const sum = (xs) => xs.reduce((a, b) => a + b, 0);

if (args.includes('--per-file')) {
  jobs.forEach((job, i) => console.log(`${cold[i].toFixed(1).padStart(7)} ${warm[i].toFixed(2).padStart(7)}  ${relative(root, job.path)}`));
}
console.log(
  JSON.stringify({
    set,
    candidates: jobs.length,
    rounds,
    loadMs: +loadMs.toFixed(1),
    coldMsPerFile: +(sum(cold) / jobs.length).toFixed(2),
    warmMsPerFile: +(sum(warm) / jobs.length).toFixed(2),
    warmCpuMsPerFile: +warmCpuMs.toFixed(2),
    load: (await import('node:os')).loadavg().map((x) => +x.toFixed(2)),
  }),
);
