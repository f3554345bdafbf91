#!/usr/bin/env node
/**
 * `npm run bench`: `check` and `migrate` over a real-world tree, against ripgrep (the reading-speed
 * floor) and jscodeshift's own CLI running the same recipe.
 *
 * The corpus (bench/.corpus-real/, gitignored, built once and reused): the published npm tarballs of
 * PACKAGES at pinned versions (`npm pack`), extracted with every node_modules/dist/build/coverage
 * directory renamed so nothing skips them (~10k JS/TS files), plus N planted v1 token servers (copies
 * of the examples' `before` trees, rotating through all of them) under planted/. For each N it
 * times, median of RUNS after one warm-up run, each command in a fresh process:
 *   rg            rg -l --no-ignore over the same file kinds, for check's trigger pattern (the floor)
 *   check         agora-token-migrate check --format json
 *   migrate -n    agora-token-migrate migrate --dry-run --json
 *   migrate       agora-token-migrate migrate --json --force on a hard-linked copy (fresh per run; writes replace links)
 *   jscodeshift   jscodeshift -t transforms/accesstoken2.ts --dry, as many workers as CPUs
 * and prints wall time, files/s, peak RSS and the ratios to rg and to jscodeshift. Every planted
 * server must be reported by check and changed by both migrate runs, or the bench fails (exit 1).
 *
 * Usage: node bench/run.mjs [--planted 50,1000] [--runs 3] [--jscodeshift-max 1000]
 *        node bench/run.mjs --synthetic [options of bench/synthetic.mjs]
 * jscodeshift is measured up to --jscodeshift-max planted servers (once, without warm-up, above 50);
 * larger N are extrapolated linearly in candidates from the two smallest measured N and labelled so.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

if (process.argv.includes('--synthetic')) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bench/synthetic.mjs'), ...process.argv.slice(2).filter((a) => a !== '--synthetic')], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

const execFileAsync = promisify(execFile);
const CORPUS = path.join(ROOT, 'bench/.corpus-real');
const TREE = path.join(CORPUS, 'tree');
const COPY = path.join(CORPUS, 'copy');
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
const JSCODESHIFT = path.join(ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');
const RG = findOnPath('rg');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
// printed by every measured Node process on exit: its peak resident set size (all threads)
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n@@maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

/** The tree of the issue: published sources of well-known packages, pinned. */
const PACKAGES = [
  'typescript@5.9.3',
  '@babel/core@8.1.3',
  'eslint@10.16.0',
  'webpack@5.113.0',
  'rxjs@7.8.2',
  'lodash@4.18.1',
  'three@0.187.0',
  '@angular/core@22.2.6',
  'next@16.5.0',
];
const SKIPPED_DIR_NAMES = ['node_modules', 'dist', 'build', 'coverage'];
const EXAMPLES = readdirSync(path.join(ROOT, 'examples'))
  .filter((name) => existsSync(path.join(ROOT, 'examples', name, 'before')))
  .sort();
/** What check reads and rg is given: the extensions of src/check/check-file.ts. */
const CHECKED_GLOBS = ['*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,go,py,java,php,h,hh,hpp,cc,cpp,cxx,cs,html,htm}', 'package.json', 'pubspec.yaml', '!*.d.ts', '!*.d.mts', '!*.d.cts'];
/** The rules that report a v1 builder: the JS/TS ones, and the Go one for the planted Go servers (examples/go-fetch-rtc-token). */
const V1_RULES = new Set(['v1-import', 'v1-builder-call', 'go-v1-builder']);

const args = parseArgs(process.argv.slice(2));
const planted = args.planted ?? [50, 1000];
const runs = args.runs ?? 3;
const jscodeshiftMax = args['jscodeshift-max'] ?? 1000;

if (!existsSync(BIN)) {
  console.error('bench: dist/src/cli/bin.js is missing; run `npm run build` first (npm run bench does)');
  process.exit(2);
}
const { triggerPattern, ALL_TRIGGERS } = await import(path.join(ROOT, 'dist/src/check/triggers.js'));
const RG_PATTERN = triggerPattern(ALL_TRIGGERS);

ensureBaseTree();
const cpus = os.availableParallelism();
console.log(
  `corpus: ${PACKAGES.join(' ')} (bench/.corpus-real/tree)\n` +
    `machine: ${cpus} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; ` +
    `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at start; median of ${runs} runs after a warm-up\n` +
    (RG ? '' : 'ripgrep not found (apt-get install ripgrep): the rg row and ratios are left out\n'),
);

const rows = [['planted', 'command', 'wall', 'files/s', 'peak RSS', 'x rg', 'jscodeshift / this', 'runs']];
const measured = [];
let failed = false;
for (const count of planted) {
  plant(count);
  const result = { planted: count, times: {} };
  const samples = {};
  const time = async (name, argv, options = {}) => {
    const n = options.runs ?? runs;
    const all = [];
    if (options.warmup ?? true) await measure(argv, options);
    for (let run = 0; run < n; run++) all.push(await measure(argv, options));
    const walls = all.map((s) => s.wallMs).sort((a, b) => a - b);
    const sample = { wallMs: walls[Math.floor(walls.length / 2)], rssKiB: Math.max(...all.map((s) => s.maxRssKiB ?? 0)) || undefined, last: all[all.length - 1], runs: n };
    samples[name] = sample;
    return sample;
  };
  if (RG) await time('rg', [RG, '-l', '--no-ignore', '--hidden', ...CHECKED_GLOBS.flatMap((g) => ['-g', g]), '-e', RG_PATTERN, TREE], { okCodes: [0, 1], node: false });
  const check = await time('check', [BIN, 'check', '--format', 'json', TREE], { okCodes: [1] });
  const dry = await time('migrate --dry-run', [BIN, 'migrate', '--dry-run', '--json', TREE], { okCodes: [0] });
  // --force: the copy lies in this repository's ignored bench folder, not in a checkout whose edits need review
  const write = await time('migrate (writes, on a copy)', [BIN, 'migrate', '--json', '--force', COPY], { okCodes: [0], before: copyTree });
  const shiftArgv = [JSCODESHIFT, '-t', path.join(ROOT, 'transforms/accesstoken2.ts'), '--dry', `--cpus=${cpus}`, '--extensions=js,cjs,mjs,jsx,ts,cts,mts,tsx', TREE];
  if (count <= jscodeshiftMax) await time('jscodeshift', shiftArgv, count > 50 ? { runs: 1, warmup: false, okCodes: [0, 1] } : { okCodes: [0, 1] });

  // every planted server found and migrated
  const checkReport = JSON.parse(check.last.stdout);
  const files = checkReport.summary?.filesScanned ?? checkReport.findings.length;
  const foundBy = (names) => new Set(names.map((name) => /^planted\/(s\d+)\//.exec(name)?.[1]).filter(Boolean)).size;
  const found = foundBy(checkReport.findings.filter((f) => V1_RULES.has(f.ruleId)).map((f) => path.relative(TREE, path.resolve(ROOT, f.file)).split(path.sep).join('/')));
  const changedDry = foundBy(JSON.parse(dry.last.stdout).files.filter((f) => f.status === 'changed').map((f) => path.relative(TREE, path.resolve(ROOT, f.path)).split(path.sep).join('/')));
  const changedWrite = foundBy(JSON.parse(write.last.stdout).files.filter((f) => f.status === 'changed').map((f) => path.relative(COPY, path.resolve(ROOT, f.path)).split(path.sep).join('/')));
  const shiftOk = samples.jscodeshift ? /(\d+) ok/.exec(samples.jscodeshift.last.stdout)?.[1] : undefined;
  console.log(
    `planted ${count}: check reports ${found}, migrate --dry-run changes ${changedDry}, migrate changes ${changedWrite}` +
      ' planted servers' +
      (shiftOk !== undefined ? ` (jscodeshift reports ${shiftOk} files changed)` : '') +
      `; check read ${files} files`,
  );
  for (const [what, value] of [['check', found], ['migrate --dry-run', changedDry], ['migrate', changedWrite]]) {
    if (value !== count) {
      console.error(`bench: ${what} found ${value} of ${count} planted servers`);
      failed = true;
    }
  }
  result.files = files;
  result.samples = samples;
  measured.push(result);
}

// jscodeshift above --jscodeshift-max: linear in candidates from the two smallest measured N
const withShift = measured.filter((m) => m.samples.jscodeshift);
for (const m of measured) {
  if (m.samples.jscodeshift || withShift.length < 2) continue;
  const [a, b] = withShift;
  const slope = (b.samples.jscodeshift.wallMs - a.samples.jscodeshift.wallMs) / (b.planted - a.planted);
  m.samples.jscodeshift = { wallMs: b.samples.jscodeshift.wallMs + slope * (m.planted - b.planted), extrapolated: true, runs: 0 };
}

for (const m of measured) {
  const rg = m.samples.rg?.wallMs;
  const shift = m.samples.jscodeshift?.wallMs;
  for (const [name, s] of Object.entries(m.samples)) {
    rows.push([
      String(m.planted),
      name + (s.extrapolated ? ' (extrapolated)' : ''),
      `${(s.wallMs / 1000).toFixed(2)} s`,
      Math.round(m.files / (s.wallMs / 1000)).toLocaleString('en-US'),
      s.rssKiB ? `${(s.rssKiB / 1024).toFixed(0)} MiB` : '-',
      rg ? `${(s.wallMs / rg).toFixed(1)}x` : '-',
      shift && name !== 'jscodeshift' && name !== 'rg' ? `${(shift / s.wallMs).toFixed(1)}x` : '-',
      s.extrapolated ? '-' : String(s.runs),
    ]);
  }
}
console.log('');
printTable(rows);
console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
targets();
if (failed) process.exitCode = 1;

function targets() {
  const at = (n) => measured.find((m) => m.planted === n)?.samples;
  const s50 = at(50);
  const s1000 = at(1000);
  const lines = [];
  if (s50?.rg) {
    lines.push(`check within 3x of rg (50 planted): ${(s50.check.wallMs / s50.rg.wallMs).toFixed(1)}x`);
    lines.push(`migrate --dry-run within 5x of rg (50 planted): ${(s50['migrate --dry-run'].wallMs / s50.rg.wallMs).toFixed(1)}x`);
  }
  if (s50) lines.push(`peak RSS under 150 MiB (50 planted): check ${(s50.check.rssKiB / 1024).toFixed(0)} MiB, migrate --dry-run ${(s50['migrate --dry-run'].rssKiB / 1024).toFixed(0)} MiB`);
  if (s1000?.jscodeshift) lines.push(`migrate at least 10x faster than jscodeshift (1,000 planted): ${(s1000.jscodeshift.wallMs / s1000['migrate (writes, on a copy)'].wallMs).toFixed(1)}x`);
  // the cost of one more planted server: wall time between the two smallest N, over the servers added
  const [low, high] = [...measured].sort((a, b) => a.planted - b.planted);
  if (low && high) {
    const perServer = Object.keys(low.samples)
      .filter((name) => name !== 'rg' && high.samples[name] && !high.samples[name].extrapolated)
      .map((name) => `${name} ${((high.samples[name].wallMs - low.samples[name].wallMs) / (high.planted - low.planted)).toFixed(1)} ms`);
    if (perServer.length > 0) lines.push(`wall time per added planted server (${low.planted} -> ${high.planted}, all cores): ${perServer.join(', ')}`);
  }
  if (lines.length > 0) console.log(`\ntargets (issue 11):\n  ${lines.join('\n  ')}`);
}

/** Runs one command and returns wall time, peak RSS (Node: its own hook; others: GNU time) and output. */
async function measure(argv, { okCodes = [0], node = true, before } = {}) {
  before?.();
  const [file, ...rest] = node ? [process.execPath, '--import', RSS_HOOK, ...argv] : GNU_TIME ? [GNU_TIME, '-f', '\n@@maxrss %M', ...argv] : argv;
  const started = process.hrtime.bigint();
  let stdout = '';
  let stderr = '';
  let code = 0;
  try {
    ({ stdout, stderr } = await execFileAsync(file, rest, { cwd: ROOT, maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, CI: '1', NO_COLOR: '1' } }));
  } catch (error) {
    ({ stdout = '', stderr = '' } = error);
    code = typeof error.code === 'number' ? error.code : 2;
  }
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (!okCodes.includes(code)) {
    console.error(`bench: ${argv.join(' ')} exited ${code}:\n${stderr.slice(-4000)}`);
    process.exit(2);
  }
  const rss = /@@maxrss (\d+)/.exec(stderr);
  return { wallMs, maxRssKiB: rss ? Number(rss[1]) : undefined, stdout };
}

/** Downloads and extracts PACKAGES once (a stamp records what the tree holds). */
function ensureBaseTree() {
  const stamp = path.join(CORPUS, '.bench-corpus.json');
  if (existsSync(stamp) && JSON.parse(readFileSync(stamp, 'utf8')).packages?.join() === PACKAGES.join()) return;
  rmSync(CORPUS, { recursive: true, force: true });
  const tarballs = path.join(CORPUS, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  for (const spec of PACKAGES) {
    console.log(`bench: npm pack ${spec}`);
    const name = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tarballs], { encoding: 'utf8' }).trim().split('\n').pop();
    const target = path.join(TREE, 'packages', spec.replace(/^@/, '').replace(/[/@]/g, '-'));
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['xzf', path.join(tarballs, name), '-C', target]);
  }
  renameSkippedDirs(TREE);
  writeFileSync(stamp, JSON.stringify({ packages: PACKAGES }, null, 2));
}

/** node_modules → node_modules_ (and dist, build, coverage), so the walk enters them like any directory. */
function renameSkippedDirs(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    let full = path.join(dir, entry.name);
    if (SKIPPED_DIR_NAMES.includes(entry.name)) {
      renameSync(full, `${full}_`);
      full = `${full}_`;
    }
    renameSkippedDirs(full);
  }
}

/** planted/s00001 … : copies of the examples' v1 servers, rotating through them. */
function plant(count) {
  const dir = path.join(TREE, 'planted');
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < count; i++) {
    const example = EXAMPLES[i % EXAMPLES.length];
    cpSync(path.join(ROOT, 'examples', example, 'before'), path.join(dir, `s${String(i + 1).padStart(5, '0')}`), { recursive: true });
  }
}

/** A fresh copy for a writing run: hard links (migrate writes by rename, so the tree is never touched), else a real copy. */
function copyTree() {
  rmSync(COPY, { recursive: true, force: true });
  const linked = spawnSync('cp', ['-al', TREE, COPY]);
  if (linked.status !== 0) {
    rmSync(COPY, { recursive: true, force: true });
    cpSync(TREE, COPY, { recursive: true });
  }
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

function printTable(table) {
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const [index, row] of table.entries()) {
    console.log(row.map((cell, column) => (column <= 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

function parseArgs(argv) {
  const out = {};
  for (let index = 0; index < argv.length; index += 2) {
    const key = argv[index]?.replace(/^--/, '');
    const value = argv[index + 1];
    if (key === 'planted' && /^\d+(,\d+)*$/.test(value ?? '')) out.planted = value.split(',').map(Number);
    else if (['runs', 'jscodeshift-max'].includes(key) && Number.isFinite(Number(value))) out[key] = Number(value);
    else {
      console.error(`bench: unknown or invalid option ${argv[index]} ${value ?? ''}`);
      process.exit(2);
    }
  }
  return out;
}
