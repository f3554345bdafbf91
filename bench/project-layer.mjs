#!/usr/bin/env node
/**
 * `npm run bench` (second part): what the project layer (src/analysis/project, ts-morph) costs.
 *
 * Two synthetic corpora under bench/.corpus-project-layer/ (gitignored; rebuilt when the
 * parameters change), FILES source files each:
 *   self-contained   CANDIDATES v1 token servers that import no module of their own, the rest
 *                    ordinary modules importing each other: the project layer must load nothing
 *   shared-config    the same servers reading their token lifetime from a shared config module
 *                    (CommonJS table, TypeScript enum), which ordinary modules import too: the
 *                    layer loads the candidates' closure and looks for the config's other importers
 * Each is migrated with --dry-run semantics in a fresh Node process, with and without the
 * project layer, RUNS times after a warm-up (median): wall time, peak RSS, and how many files kept
 * the run-time conversion helpers.
 *
 * Usage: node bench/project-layer.mjs [--files 5000] [--candidates 150] [--runs 3]
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPORA = path.join(ROOT, 'bench/.corpus-project-layer');
const MIGRATE = path.join(ROOT, 'dist/src/run/migrate.js');

/** `--files 5000 --runs 3` → { files: 5000, runs: 3 }. */
function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!['files', 'candidates', 'runs'].includes(key) || !Number.isInteger(value) || value < 1) {
      console.error(`bench: unknown or invalid option ${argv[i]} ${argv[i + 1] ?? ''}; usage: node bench/project-layer.mjs [--files 5000] [--candidates 150] [--runs 3]`);
      process.exit(2);
    }
    parsed[key] = value;
  }
  return parsed;
}

if (process.env.BENCH_CORPUS) {
  await child();
  process.exit(0);
}

const args = parseArgs(process.argv.slice(2));
const config = { files: args.files || 5000, candidates: args.candidates || 150, version: 1 };
const runs = args.runs || 3;

if (!existsSync(MIGRATE)) {
  console.error('bench: dist/src/run/migrate.js is missing; run `npm run build` first (npm run bench does)');
  process.exit(2);
}

/** Ordinary module `i`: imports two neighbours (and, in the shared-config corpus, sometimes the config). */
function ordinaryModule(i, sharedConfig) {
  const lines = [`const a = require('./m${(i + 1) % 50}');`, `const b = require('../p${(i + 7) % 20}/m${i % 50}');`];
  if (sharedConfig && i % 25 === 0) lines.push(`const config = require('../config/agora');`, `exports.label = 'uses ' + config.region;`);
  lines.push(`function work${i}(x) {`, `  return [a, b, x].filter(Boolean).length * ${i};`, `}`, `module.exports.work = work${i};`, '');
  return lines.join('\n');
}

function server(i, sharedConfig) {
  if (i % 3 === 2) {
    // TypeScript, lifetime from an enum
    return [
      `import { RtcRole, RtcTokenBuilder } from 'agora-access-token';`,
      sharedConfig ? `import { Lifetime } from '../config/lifetimes';` : `enum Lifetime { Hour = 3600 }`,
      ``,
      `export function token${i}(channel: string, uid: number): string {`,
      `  const now = Math.floor(Date.now() / 1000);`,
      `  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID!, process.env.APP_CERTIFICATE!, channel, uid, RtcRole.PUBLISHER, now + Lifetime.Hour);`,
      `}`,
      ``,
    ].join('\n');
  }
  return [
    `const { RtcTokenBuilder, RtcRole } = require('agora-access-token');`,
    sharedConfig ? `const config = require('../config/agora');` : `const config = { tokenTtl: 3600 };`,
    ``,
    `function token${i}(channelName, uid) {`,
    `  const currentTimestamp = Math.floor(Date.now() / 1000);`,
    `  const privilegeExpiredTs = currentTimestamp + config.tokenTtl;`,
    `  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, privilegeExpiredTs);`,
    `}`,
    ``,
    `module.exports = { token${i} };`,
    ``,
  ].join('\n');
}

/** Writes the corpus unless one with the same parameters is there. */
function ensureCorpus(name, sharedConfig) {
  const dir = path.join(CORPORA, name);
  const stamp = path.join(dir, '.params.json');
  const wanted = JSON.stringify({ ...config, sharedConfig });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return dir;
  rmSync(dir, { recursive: true, force: true });
  const write = (file, text) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  write('package.json', '{ "name": "bench-project-layer", "private": true, "type": "commonjs" }\n');
  write('config/agora.js', "module.exports = {\n  region: 'eu',\n  tokenTtl: 3600,\n};\n");
  write('config/lifetimes.ts', 'export enum Lifetime {\n  Hour = 3600,\n}\n');
  let written = 2;
  for (let i = 0; i < config.candidates; i++, written++) write(`servers/s${i}.${i % 3 === 2 ? 'ts' : 'js'}`, server(i, sharedConfig));
  for (let i = 0; written < config.files; i++, written++) write(`p${i % 20}/m${Math.floor(i / 20)}.js`, ordinaryModule(i, sharedConfig));
  writeFileSync(stamp, wanted);
  return dir;
}

/** One measured run, in this file's child process (BENCH_CORPUS set): migrate --dry-run, default workers. */
async function child() {
  const { migrate } = await import(pathToFileURL(MIGRATE).href);
  const started = performance.now();
  const report = await migrate({ cwd: process.env.BENCH_CORPUS, dryRun: true, project: process.env.BENCH_PROJECT === 'on' });
  const wall = performance.now() - started;
  const helpers = report.files.filter((f) => f.status === 'changed' && f.after.includes('function toTokenExpire')).length;
  process.stdout.write(JSON.stringify({ wall, maxRss: process.resourceUsage().maxRSS, changed: report.summary.changed, helpers }));
}

async function measure(dir, project) {
  const { stdout } = await execFileAsync(process.execPath, [fileURLToPath(import.meta.url)], { maxBuffer: 1 << 26, env: { ...process.env, BENCH_CORPUS: dir, BENCH_PROJECT: project } });
  return JSON.parse(stdout);
}

function median(values) {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

console.log(`project layer: ${config.files} files per corpus, ${config.candidates} v1 servers; ${os.availableParallelism()} CPUs, load ${os.loadavg()[0].toFixed(1)}; median of ${runs} runs after a warm-up\n`);
const rows = [];
for (const [name, shared] of [['self-contained', false], ['shared-config', true]]) {
  const dir = ensureCorpus(name, shared);
  // warm-ups first, then off and on alternate, so a busy moment does not land on one side only
  const samples = { off: [], on: [] };
  for (const project of ['off', 'on']) await measure(dir, project);
  for (let run = 0; run < runs; run++) for (const project of ['off', 'on']) samples[project].push(await measure(dir, project));
  for (const project of ['off', 'on']) {
    rows.push({
      corpus: name,
      project,
      wall: median(samples[project].map((s) => s.wall)),
      rss: median(samples[project].map((s) => s.maxRss)) / 1024,
      changed: samples[project][0].changed,
      helpers: samples[project][0].helpers,
    });
  }
}

const header = ['corpus', 'project layer', 'migrate --dry-run', 'peak RSS', 'changed', 'kept run-time helpers', 'cost of the layer'];
const table = rows.map((row) => {
  const off = rows.find((r) => r.corpus === row.corpus && r.project === 'off');
  const cost = row.project === 'on' ? `${row.wall - off.wall >= 0 ? '+' : ''}${(row.wall - off.wall).toFixed(0)} ms (×${(row.wall / off.wall).toFixed(2)})` : '';
  return [row.corpus, row.project, `${row.wall.toFixed(0)} ms`, `${row.rss.toFixed(0)} MiB`, String(row.changed), String(row.helpers), cost];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of table) console.log(line(row));
