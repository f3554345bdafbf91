#!/usr/bin/env node
/**
 * `npm run bench -- --synthetic`: how much `migrate` costs over a large repository compared with just reading it.
 *
 * Generates a synthetic corpus under bench/.corpus/ (gitignored; reused while its parameters match):
 * FILES source files in nested packages, RATIO of them v1 token code in the shapes seen in the wild
 * (CJS Express, ESM, TypeScript, RTM), the rest ordinary modules. Then times, each in a fresh Node
 * process and RUNS times (median):
 *   read     walk + read every file, nothing else (the floor)
 *   serial   migrate --dry-run --json --workers 0
 *   workers  migrate --dry-run --json --workers auto (and a fixed count with --workers N)
 * and prints wall time, the run's own elapsed time, files/s, peak RSS (worker threads included)
 * and the ratio to `read`. It also checks that serial and worker runs report the same thing.
 *
 * Usage: node bench/synthetic.mjs [--files 5000] [--ratio 0.03] [--runs 3] [--workers N]
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = path.join(ROOT, 'bench/.corpus');
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');
// printed by every measured process on exit: its peak resident set size (all threads)
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n@@maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

const args = parseArgs(process.argv.slice(2));
const config = { files: args.files ?? 5000, ratio: args.ratio ?? 0.03, seed: 20240601, version: 2 };
const runs = args.runs ?? 3;

if (!existsSync(BIN)) {
  console.error('bench: dist/src/cli/bin.js is missing; run `npm run build` first (npm run bench does)');
  process.exit(2);
}

const corpus = ensureCorpus(config);
console.log(
  `corpus: ${corpus.files} files (${corpus.candidates} with v1 token code, ${(corpus.bytes / 1024 / 1024).toFixed(1)} MiB) in bench/.corpus; ` +
    `${os.availableParallelism()} CPUs available, load average ${os.loadavg()[0].toFixed(1)} (timings on a busy machine are noisy); median of ${runs} runs\n`,
);

const modes = [
  { name: 'read', argv: [path.join(ROOT, 'bench/read-only.mjs'), CORPUS], floor: true },
  { name: 'serial', argv: [BIN, 'migrate', '--dry-run', '--json', '--workers', '0', CORPUS] },
  { name: 'workers (auto)', argv: [BIN, 'migrate', '--dry-run', '--json', '--workers', 'auto', CORPUS] },
];
if (args.workers !== undefined) {
  modes.push({ name: `workers (${args.workers})`, argv: [BIN, 'migrate', '--dry-run', '--json', '--workers', String(args.workers), CORPUS] });
}

const results = [];
const reports = new Map();
for (const mode of modes) {
  const samples = [];
  for (let run = 0; run < runs; run++) samples.push(await measure(mode.argv, !mode.floor));
  const median = (pick) => [...samples.map(pick)].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  const last = samples[samples.length - 1];
  results.push({
    name: mode.name,
    wallMs: median((s) => s.wallMs),
    inRunMs: last.report ? median((s) => s.report.elapsedMs) : undefined,
    rssMiB: Math.max(...samples.map((s) => s.maxRssKiB)) / 1024,
    workers: last.report?.workers,
  });
  if (last.report) reports.set(mode.name, last.report);
}

const read = results[0];
const rows = [['mode', 'wall ms', 'in-run ms', 'files/s', 'peak RSS', 'x read', 'threads']];
for (const result of results) {
  rows.push([
    result.name,
    result.wallMs.toFixed(0),
    result.inRunMs === undefined ? '-' : String(result.inRunMs),
    Math.round(corpus.files / (result.wallMs / 1000)).toLocaleString('en-US'),
    `${result.rssMiB.toFixed(0)} MiB`,
    (result.wallMs / read.wallMs).toFixed(2),
    result.workers === undefined ? '-' : String(result.workers),
  ]);
}
printTable(rows);

const summaries = [...reports.entries()];
const [firstName, first] = summaries[0];
for (const [name, report] of summaries.slice(1)) {
  const same = JSON.stringify(strip(report)) === JSON.stringify(strip(first));
  console.log(`${name} vs ${firstName}: ${same ? 'identical reports' : 'REPORTS DIFFER'}`);
  if (!same) process.exitCode = 1;
}
const summary = first.summary;
console.log(
  `\nmigrate found ${summary.changed} files to change (${summary.edits} edits, ${summary.reviewItems} review items, ${summary.errors} errors) ` +
    `of ${summary.scanned} scanned; expected ${corpus.candidates} candidates.`,
);

/** Runs one measured process and returns wall time, peak RSS and (for migrate) the JSON report. */
async function measure(argv, isMigrate) {
  const started = process.hrtime.bigint();
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await execFileAsync(process.execPath, ['--import', RSS_HOOK, ...argv], {
      cwd: ROOT,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, CI: '1' },
    }));
  } catch (error) {
    // migrate exits 2 when a file fails; the corpus has none, so this is a real failure
    console.error(`bench: ${argv.join(' ')} failed:\n${error.stderr ?? error.message}`);
    process.exit(2);
  }
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const rss = /@@maxrss (\d+)/.exec(stderr);
  return { wallMs, maxRssKiB: rss ? Number(rss[1]) : 0, report: isMigrate ? JSON.parse(stdout) : undefined };
}

function strip(report) {
  return { ...report, elapsedMs: 0, workers: 0 };
}

/** Creates the corpus unless one with the same parameters exists. */
function ensureCorpus(cfg) {
  const stamp = path.join(CORPUS, '.bench-corpus.json');
  if (existsSync(stamp)) {
    const existing = JSON.parse(readFileSync(stamp, 'utf8'));
    if (JSON.stringify(existing.config) === JSON.stringify(cfg)) return existing.stats;
  }
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(CORPUS, { recursive: true });
  const random = mulberry32(cfg.seed);
  const stats = { files: 0, candidates: 0, bytes: 0 };
  const packages = Math.max(1, Math.round(cfg.files / 250));
  for (let pkg = 0; pkg < packages; pkg++) {
    const pkgDir = path.join(CORPUS, `packages/pkg-${pkg}`);
    const esm = pkg % 3 === 0;
    write(path.join(pkgDir, 'package.json'), manifest(pkg, esm));
  }
  for (let index = 0; index < cfg.files; index++) {
    const pkg = index % packages;
    const esm = pkg % 3 === 0;
    const depth = Math.floor(random() * 3);
    const dir = path.join(CORPUS, `packages/pkg-${pkg}/src`, ...Array.from({ length: depth }, (_, d) => `d${d}-${Math.floor(random() * 4)}`));
    const isCandidate = random() < cfg.ratio;
    const ts = random() < 0.35;
    const ext = ts ? '.ts' : esm ? '.js' : random() < 0.2 ? '.cjs' : '.js';
    const text = isCandidate ? tokenModule(index, random, { esm: esm || ts, ts }) : ordinaryModule(index, random, { esm: esm || ts, ts });
    write(path.join(dir, `m${index}${ext}`), text);
    stats.files++;
    stats.bytes += Buffer.byteLength(text);
    if (isCandidate) stats.candidates++;
  }
  writeFileSync(stamp, JSON.stringify({ config: cfg, stats }, null, 2));
  return stats;

  function write(file, text) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

function manifest(index, esm) {
  const deps = index % 2 === 0 ? '    "agora-access-token": "^2.0.4",\n    "express": "^4.18.2"\n' : '    "express": "^4.18.2"\n';
  return `{\n  "name": "pkg-${index}",\n${esm ? '  "type": "module",\n' : ''}  "dependencies": {\n${deps}  }\n}\n`;
}

/** A v1 token module in one of the common shapes. */
function tokenModule(index, random, { esm, ts }) {
  const ttl = [600, 3600, 86400, 7200][Math.floor(random() * 4)];
  const t = ts ? ': string' : '';
  const n = ts ? ': number' : '';
  const head = esm
    ? "import { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } from 'agora-access-token';\n"
    : "const { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } = require('agora-access-token');\n";
  const body = `
const APP_ID = process.env.AGORA_APP_ID;
const APP_CERTIFICATE = process.env.AGORA_APP_CERTIFICATE;
const TTL_${index} = ${ttl};

${esm ? 'export ' : ''}function rtcToken${index}(channelName${t}, uid${n}) {
  const currentTimestamp = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = currentTimestamp + TTL_${index};
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, privilegeExpiredTs);
}

${esm ? 'export ' : ''}function rtmToken${index}(userId${t}) {
  const expire = Math.floor(Date.now() / 1000) + ${ttl};
  return RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, userId, RtmRole.Rtm_User, expire);
}
${esm ? '' : `\nmodule.exports = { rtcToken${index}, rtmToken${index} };\n`}`;
  return head + body + ordinaryModule(index, random, { esm, ts, bare: true });
}

/** An ordinary module: functions, a class, data, comments; 40–200 lines. */
function ordinaryModule(index, random, { esm, ts, bare = false }) {
  const lines = [];
  if (!bare) lines.push(esm ? "import path from 'node:path';" : "const path = require('node:path');", '');
  const functions = 2 + Math.floor(random() * 8);
  for (let f = 0; f < functions; f++) {
    const name = `helper${index}_${f}`;
    lines.push(`/** Computes ${name} for the request pipeline. */`);
    lines.push(`${esm && !bare ? 'export ' : ''}function ${name}(input${ts ? ': Record<string, unknown>' : ''}, options = {}) {`);
    lines.push(`  const keys = Object.keys(input).filter((key) => !key.startsWith('_'));`);
    lines.push(`  const result = keys.map((key) => [key, String(input[key]).trim()]);`);
    for (let s = 0; s < Math.floor(random() * 12); s++) lines.push(`  if (options.level > ${s}) result.push(['level', ${s}]);`);
    lines.push(`  return Object.fromEntries(result);`, '}', '');
  }
  lines.push(`class Store${index} {`, '  constructor() {', '    this.items = new Map();', '  }');
  lines.push('  set(key, value) {', '    this.items.set(key, value);', '    return this;', '  }', '}', '');
  lines.push(`const TABLE_${index} = [`);
  for (let row = 0; row < 5 + Math.floor(random() * 20); row++) lines.push(`  { id: ${row}, label: 'row ${row}', path: path.join('data', '${row}') },`);
  lines.push('];', '');
  if (!bare) lines.push(esm ? `export { Store${index}, TABLE_${index} };` : `module.exports = { Store${index}, TABLE_${index} };`);
  return `${lines.join('\n')}\n`;
}

function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

function parseArgs(argv) {
  const out = {};
  for (let index = 0; index < argv.length; index += 2) {
    const key = argv[index]?.replace(/^--/, '');
    const value = Number(argv[index + 1]);
    if (!['files', 'ratio', 'runs', 'workers'].includes(key) || !Number.isFinite(value)) {
      console.error(`bench: unknown or invalid option ${argv[index]} ${argv[index + 1] ?? ''}`);
      process.exit(2);
    }
    out[key] = value;
  }
  return out;
}
