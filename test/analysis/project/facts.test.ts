/**
 * The project layer's answers (src/analysis/project): which imported values are fixed numbers,
 * and when nothing is loaded at all. Trees are written to test/.tmp and read from disk, as in a run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jscodeshift, { type API } from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { candidatesNeedingProject, collectProjectFacts } from '../../../src/analysis/project/index.ts';
import { mayWrapDeadline } from '../../../src/analysis/project/gate.ts';
import { formatSummary } from '../../../src/run/format.ts';
import type { ModuleKind } from '../../../src/types.ts';
import { migrate } from '../../../src/run/migrate.ts';
import convertExpiry from '../../../transforms/convert-expiry.ts';

const ROOT = fileURLToPath(new URL('../../.tmp/project-facts/', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));

let counter = 0;
/** Writes `files` under a fresh directory; returns the directory. */
function tree(files: Record<string, string>): string {
  const dir = join(ROOT, `t${++counter}`);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The constants the project layer gives `candidate` (every .js/.ts file of the tree is a source file). */
async function constantsOf(dir: string, candidate: string, others: string[] = []): Promise<Record<string, number> | undefined> {
  const path = join(dir, candidate);
  const { facts } = await collectProjectFacts({ candidates: [{ path, source: readFileSync(path, 'utf8'), moduleKind: 'commonjs' }], sourceFiles: [path, ...others.map((o) => join(dir, o))] });
  return facts.get(path)?.constants;
}

const V1 = "const { RtcTokenBuilder } = require('agora-access-token');\n";

describe('the gate', () => {
  it('skips candidates that import only packages and built-ins (nothing is loaded for them)', () => {
    const dir = tree({ 'a.js': `${V1}const express = require('express');\nconst fs = require('node:fs');\n` });
    expect(candidatesNeedingProject([{ path: join(dir, 'a.js'), source: readFileSync(join(dir, 'a.js'), 'utf8') }])).toEqual([]);
  });

  it('takes relative imports, and bare ones the nearest tsconfig maps with paths', () => {
    const dir = tree({
      'tsconfig.json': '{ "compilerOptions": { /* aliases */ "paths": { "@cfg/*": ["cfg/*"] } } }',
      'a.ts': `import { TTL } from '@cfg/ttl';\n`,
      'b.ts': `import express from 'express';\n`,
      'c.js': `${V1}const { TTL } = require('./ttl');\n`,
    });
    const input = ['a.ts', 'b.ts', 'c.js'].map((f) => ({ path: join(dir, f), source: readFileSync(join(dir, f), 'utf8') }));
    expect(candidatesNeedingProject(input).map((c) => c.path)).toEqual([join(dir, 'a.ts'), join(dir, 'c.js')]);
  });

  it('a run with no candidate importing a project module never loads ts-morph', () => {
    const dir = tree({ 'a.js': `${V1}module.exports = () => RtcTokenBuilder;\n`, 'package.json': '{ "type": "commonjs" }' });
    const script = `
      import { createRequire } from 'node:module';
      const { migrate } = await import(${JSON.stringify(join(REPO, 'dist/src/run/migrate.js'))});
      await migrate({ cwd: ${JSON.stringify(dir)}, dryRun: true, workers: 0 });
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/](ts-morph|typescript)[\\\\/]/.test(k));
      console.log(JSON.stringify(loaded));`;
    expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }))).toEqual([]);
  });
});

describe('values across modules', () => {
  it('CommonJS: exports.X, module.exports tables, arithmetic on module constants', async () => {
    const dir = tree({
      'limits.js': 'const HOUR = 3600;\nexports.TTL = 2 * HOUR;\nexports.NAME = "x";\n',
      'table.js': 'module.exports = { viewer: 600, host: { ttl: 4 * 3600 } };\n',
      'a.js': `${V1}const { TTL } = require('./limits');\nconst limits = require('./limits');\nconst table = require('./table');\nconst viewer = require('./table').viewer;\n`,
    });
    expect(await constantsOf(dir, 'a.js')).toEqual({ TTL: 7200, 'limits.TTL': 7200, 'table.viewer': 600, 'table.host.ttl': 14400, viewer: 600 });
  });

  it('ESM and TypeScript: const, enum, as const, default export, export * and renamed re-exports', async () => {
    const dir = tree({
      'ttl.ts': 'export enum Lifetime { Short = 600, Long = Short * 6 }\nexport const TABLE = { day: 86400 } as const;\nexport default { ttl: 1800 };\n',
      'index.ts': "export * from './ttl';\nexport { Lifetime as L } from './ttl';\n",
      'a.ts': "import cfg, { Lifetime } from './ttl';\nimport { TABLE, L } from './index';\n",
    });
    expect(await constantsOf(dir, 'a.ts')).toEqual({ 'cfg.ttl': 1800, 'Lifetime.Short': 600, 'Lifetime.Long': 3600, 'TABLE.day': 86400, 'L.Short': 600, 'L.Long': 3600 });
  });

  it('tsconfig paths and baseUrl resolve the module', async () => {
    const dir = tree({ 'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@cfg/*": ["src/cfg/*"] } } }', 'src/cfg/ttl.ts': 'export const TTL = 900;\n', 'src/a.ts': "import { TTL } from '@cfg/ttl';\n" });
    expect(await constantsOf(dir, 'src/a.ts')).toEqual({ TTL: 900 });
  });

  it('nothing from an object another file writes through a name unlike the module’s: an exact paths alias, a directory specifier', async () => {
    const files = {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@config": ["./src/config/index.ts"] } } }',
      'src/config/index.ts': 'export const agoraConfig = { ttlSeconds: 3600 };\n',
      'src/a.ts': "import { RtcTokenBuilder } from 'agora-access-token';\nimport { agoraConfig } from '@config';\n",
    };
    const viaAlias = tree({ ...files, 'src/main.ts': "import { agoraConfig } from '@config';\nagoraConfig.ttlSeconds = 0;\n" });
    expect(await constantsOf(viaAlias, 'src/a.ts', ['src/main.ts', 'src/config/index.ts'])).toBeUndefined();
    const viaDirectory = tree({ ...files, 'src/config/load.ts': "import { agoraConfig } from '.';\nagoraConfig.ttlSeconds = 0;\n" });
    expect(await constantsOf(viaDirectory, 'src/a.ts', ['src/config/load.ts', 'src/config/index.ts'])).toBeUndefined();
    // read only: fixed
    const readOnly = tree({ ...files, 'src/main.ts': "import { agoraConfig } from '@config';\nconsole.log(agoraConfig.ttlSeconds);\n" });
    expect(await constantsOf(readOnly, 'src/a.ts', ['src/main.ts', 'src/config/index.ts'])).toEqual({ 'agoraConfig.ttlSeconds': 3600 });
  });

  it('clock helpers: now, now + a parameter, through another helper; not a local Date, a second statement or another sum', async () => {
    const dir = tree({
      'time.js': [
        'function nowSeconds() { return Math.floor(Date.now() / 1000); }',
        'exports.nowSeconds = nowSeconds;',
        'exports.expiresIn = (s) => nowSeconds() + s;',
        'exports.bitwise = function (ttl) { return ttl + ((Date.now() / 1000) | 0); };',
        'exports.twoStatements = (s) => { log(s); return nowSeconds() + s; };',
        'exports.double = (s) => nowSeconds() + 2 * s;',
        '',
      ].join('\n'),
      'fake.js': 'const Date = { now: () => 0 };\nexports.fakeNow = () => Math.floor(Date.now() / 1000);\n',
      'a.js': `${V1}const time = require('./time');\nconst { expiresIn } = require('./time');\nconst { fakeNow } = require('./fake');\n`,
    });
    const { facts } = await collectProjectFacts({ candidates: [{ path: join(dir, 'a.js'), source: readFileSync(join(dir, 'a.js'), 'utf8'), moduleKind: 'commonjs' }], sourceFiles: [join(dir, 'a.js')] });
    expect(facts.get(join(dir, 'a.js'))?.clockHelpers).toEqual({ 'time.nowSeconds': 'now', 'time.expiresIn': 0, 'time.bitwise': 0, expiresIn: 0 });
  });

  it('nothing from a key a later spread, accessor or method may replace; a key written after a spread counts', async () => {
    const production = "const production = process.env.NODE_ENV === 'production' ? { tokenTtl: 0 } : {};\n";
    const reader = `${V1}const config = require('./config');\nconsole.log(config.tokenTtl);\n`;
    for (const object of ['{ tokenTtl: 3600, ...production }', '{ tokenTtl: 3600, get tokenTtl() { return Number(process.env.TTL); } }', '{ tokenTtl: 3600, tokenTtl() { return 1; } }']) {
      const dir = tree({ 'config.js': `${production}module.exports = ${object};\n`, 'a.js': reader });
      expect(await constantsOf(dir, 'a.js'), object).toBeUndefined();
    }
    const after = tree({ 'config.js': `${production}module.exports = { ...production, tokenTtl: 600 };\n`, 'a.js': reader });
    expect(await constantsOf(after, 'a.js')).toEqual({ 'config.tokenTtl': 600 });
  });

  it('nothing for values not fixed: let, environment, functions, packages', async () => {
    const dir = tree({
      'v.ts': 'export let A = 1;\nexport const B = Number(process.env.B);\nexport function c() { return 3; }\nexport const D = c();\n',
      'a.ts': "import { A, B, c, D } from './v';\nimport express from 'express';\n",
    });
    expect(await constantsOf(dir, 'a.ts')).toBeUndefined();
  });

  it('nothing from an object written or handed out, in the importer, the module itself or another importer', async () => {
    const written = tree({ 'c.js': 'module.exports = { ttl: 3600 };\n', 'a.js': `${V1}const c = require('./c');\nc.ttl = 5;\n` });
    expect(await constantsOf(written, 'a.js')).toBeUndefined();
    const handedOut = tree({ 'c.js': 'module.exports = { ttl: 3600 };\n', 'a.js': `${V1}const c = require('./c');\ntune(c);\n` });
    expect(await constantsOf(handedOut, 'a.js')).toBeUndefined();
    const assigned = tree({ 'c.js': 'exports.TTL = 3600;\nObject.assign(module.exports, { TTL: 60 });\n', 'a.js': `${V1}const { TTL } = require('./c');\n` });
    expect(await constantsOf(assigned, 'a.js')).toBeUndefined();
    const defined = tree({ 'c.js': "module.exports = { TTL: 3600 };\nObject.defineProperty(exports, 'TTL', { value: 60 });\n", 'a.js': `${V1}const { TTL } = require('./c');\n` });
    expect(await constantsOf(defined, 'a.js')).toBeUndefined();
    const shorthand = tree({ 'c.js': 'module.exports = { ttl: 3600 };\n', 'a.js': `${V1}const c = require('./c');\ntune({ c });\n` });
    expect(await constantsOf(shorthand, 'a.js')).toBeUndefined();
    const innerObject = tree({ 'c.js': 'module.exports = { agora: { ttl: 3600 } };\n', 'a.js': `${V1}const c = require('./c');\nObject.assign(c.agora, {});\n` });
    expect(await constantsOf(innerObject, 'a.js')).toBeUndefined();
    const selfWritten = tree({ 'c.ts': 'export const config = { ttl: 3600 };\nconfig.ttl += 1;\n', 'a.ts': "import { config } from './c';\n" });
    expect(await constantsOf(selfWritten, 'a.ts')).toBeUndefined();
    const elsewhere = tree({ 'c.js': 'exports.TTL = 3600;\n', 'a.js': `${V1}const { TTL } = require('./c');\n`, 'boot.js': "require('./c').TTL = 60;\n" });
    expect(await constantsOf(elsewhere, 'a.js', ['boot.js'])).toBeUndefined();
    // the same tree without boot.js among the run's files: the value is known
    expect(await constantsOf(elsewhere, 'a.js')).toEqual({ TTL: 3600 });
  });

  it('other importers: only files importing the module itself are parsed, however many import a module of the same name', async () => {
    const files: Record<string, string> = {
      'server/config.js': 'module.exports = { ttl: 3600 };\n',
      'server/a.js': `${V1}const config = require('./config');\n`,
    };
    // a large run has many modules called config: their importers are neither parsed nor checked
    for (let i = 0; i < 20; i++) {
      files[`lib${i}/config.js`] = 'module.exports = {};\n';
      files[`lib${i}/use.js`] = "const config = require('./config');\nconfig.ttl = 1;\n";
    }
    const lookAlikes = tree(files);
    const others = Object.keys(files).filter((name) => name !== 'server/a.js');
    const answers = await collectProjectFacts({
      candidates: [{ path: join(lookAlikes, 'server/a.js'), source: files['server/a.js'], moduleKind: 'commonjs' }],
      sourceFiles: [join(lookAlikes, 'server/a.js'), ...others.map((o) => join(lookAlikes, o))],
    });
    expect(answers.facts.get(join(lookAlikes, 'server/a.js'))?.constants).toEqual({ 'config.ttl': 3600 });
    expect(answers.parsed.filter((file) => file.includes('/lib'))).toEqual([]);
    // a writer that names the module by its directory alone ('..' from below, '.' beside it) is still seen
    const fromBelow = tree({
      'server/config/index.js': 'module.exports = { ttl: 3600 };\n',
      'server/a.js': `${V1}const config = require('./config');\n`,
      'server/config/tune/boot.js': "require('..').ttl = 60;\n",
    });
    expect(await constantsOf(fromBelow, 'server/a.js', ['server/config/index.js', 'server/config/tune/boot.js'])).toBeUndefined();
    expect(await constantsOf(fromBelow, 'server/a.js', ['server/config/index.js'])).toEqual({ 'config.ttl': 3600 });
    // a module whose exports hold no number (a class, a function) gives no fact: its importers are not looked for
    const errors: Record<string, string> = {
      'errors.js': 'class HttpsError extends Error {}\nmodule.exports = { HttpsError };\n',
      'a.js': `${V1}const { HttpsError } = require('./errors');\nconst config = require('./config');\n`,
      'config.js': 'module.exports = { ttl: 3600 };\n',
    };
    for (let i = 0; i < 5; i++) errors[`route${i}.js`] = "const { HttpsError } = require('./errors');\nmodule.exports = () => { throw new HttpsError(); };\n";
    const classOnly = tree(errors);
    const run = await collectProjectFacts({
      candidates: [{ path: join(classOnly, 'a.js'), source: errors['a.js'], moduleKind: 'commonjs' }],
      sourceFiles: Object.keys(errors).map((name) => join(classOnly, name)),
    });
    expect(run.facts.get(join(classOnly, 'a.js'))?.constants).toEqual({ 'config.ttl': 3600 });
    expect(run.parsed.filter((file) => file.includes('route'))).toEqual([]);
  });

  it('reads that copy values are harmless: members, a spread of a flat table, typeof in a type', async () => {
    const dir = tree({ 'c.ts': 'export const config = { ttl: 3600, name: "x" };\n', 'a.ts': "import { config } from './c';\ntype C = typeof config;\nconst copy = { ...config };\nconsole.log(config.name, copy);\n" });
    expect(await constantsOf(dir, 'a.ts')).toEqual({ 'config.ttl': 3600 });
  });

  it('follows a tsconfig paths alias through a symlinked node_modules entry as well (how the fixtures run it)', async () => {
    const dir = tree({ 'tsconfig.json': '{ "compilerOptions": { "paths": { "@c/*": ["./c/*"] } } }', 'c/t.ts': 'export const T = 60;\n', 'a.ts': "import { T } from '@c/t';\n" });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync('../c', join(dir, 'node_modules', '@c'));
    expect(await constantsOf(dir, 'a.ts')).toEqual({ T: 60 });
  });
});

describe('barrels', () => {
  const BARREL = "module.exports = require('agora-access-token');\n";
  const IMPORTER = "const { RtcTokenBuilder } = require('./agora');\nexports.t = () => RtcTokenBuilder.buildTokenWithUid('a', 'b', 'c', 1, 1, 0);\n";

  async function answers(dir: string, candidates: Record<string, ModuleKind>, others: string[] = []) {
    const list = Object.entries(candidates).map(([f, moduleKind]) => ({ path: join(dir, f), source: readFileSync(join(dir, f), 'utf8'), moduleKind }));
    return collectProjectFacts({ candidates: list, sourceFiles: [...list.map((c) => c.path), ...others.map((o) => join(dir, o))] });
  }

  it('a CommonJS barrel whose importers are all candidates is followed: the importer reads it as the package', async () => {
    const dir = tree({ 'agora.js': BARREL, 'a.js': IMPORTER });
    const { facts, groups } = await answers(dir, { 'agora.js': 'commonjs', 'a.js': 'commonjs' });
    expect(groups).toEqual([{ files: [join(dir, 'agora.js'), join(dir, 'a.js')] }]);
    expect(facts.get(join(dir, 'agora.js'))?.followedBarrel).toBe(true);
    expect(facts.get(join(dir, 'a.js'))?.agoraBarrels).toEqual({ './agora': 'agora-access-token' });
  });

  it('not followed when an importer is no candidate, one loads as native ESM, or a re-exported name is missing from agora-token', async () => {
    const hidden = tree({ 'agora.js': BARREL, 'a.js': IMPORTER, 'b.js': "module.exports = require('./agora');\n" });
    expect((await answers(hidden, { 'agora.js': 'commonjs', 'a.js': 'commonjs' }, ['b.js'])).groups).toEqual([]);
    const esm = tree({ 'agora.js': BARREL, 'a.mjs': "import { RtcTokenBuilder } from './agora.js';\n" });
    expect((await answers(esm, { 'agora.js': 'commonjs', 'a.mjs': 'module' })).groups).toEqual([]);
    const rtmRole = tree({ 'agora.ts': "export { RtcTokenBuilder, RtmRole } from 'agora-access-token';\n", 'a.ts': "import { RtcTokenBuilder } from './agora';\n" });
    expect((await answers(rtmRole, { 'agora.ts': 'commonjs', 'a.ts': 'commonjs' })).groups).toEqual([]);
  });

  it('migrate: a review in any importer leaves the whole group as each file alone would (barrel marked, importers untouched)', async () => {
    const dir = tree({
      'package.json': '{ "type": "commonjs" }',
      'agora.js': BARREL,
      'a.js': IMPORTER,
      'b.js': "const { RtcTokenBuilder } = require('./agora');\nconst build = RtcTokenBuilder.buildTokenWithUid;\nexports.t = () => build('a', 'b', 'c', 1, 1, 0);\n",
    });
    const report = await migrate({ cwd: dir, dryRun: true, workers: 0 });
    const status = Object.fromEntries(report.files.map((f) => [f.path, f.status]));
    expect(status).toEqual({ 'agora.js': 'changed', 'a.js': 'unchanged', 'b.js': 'unchanged' });
    const alone = await migrate({ cwd: dir, dryRun: true, workers: 0, project: false });
    expect(report.files.map((f) => [f.path, f.after, f.reviews])).toEqual(alone.files.map((f) => [f.path, f.after, f.reviews]));
    expect(report.files.find((f) => f.path === 'agora.js')!.after).toContain("require('agora-access-token')");
  });
});

describe('wrappers', () => {
  const WRAPPER = "const { RtcTokenBuilder } = require('agora-access-token');\nconst create = (c, u, expireAt) => RtcTokenBuilder.buildTokenWithUid('a', 'b', c, u, 1, expireAt);\nmodule.exports = { create };\n";

  it('the gate notices a builder fed a parameter, and only then', () => {
    expect(mayWrapDeadline(WRAPPER)).toBe(true);
    expect(mayWrapDeadline("function t(c, u) {\n  const ts = now() + 60;\n  return B.buildTokenWithUid('a', 'b', c, u, 1, ts);\n}\n")).toBe(false);
  });

  it('all callers pass now + N: the wrapper takes seconds, its callers (one never mentions Agora) pass N, and the summary names the change', async () => {
    const dir = tree({ 'package.json': '{ "type": "commonjs", "main": "app.js" }', 'w.js': WRAPPER, 'a.js': "const w = require('./w');\nexports.t = (c) => w.create(c, 1, Math.floor(Date.now() / 1000) + 60);\n" });
    const report = await migrate({ cwd: dir, dryRun: true, workers: 0 });
    expect(report.files.find((f) => f.path === 'w.js')!.after).toContain('(c, u, expireSeconds) => RtcTokenBuilder.buildTokenWithUid(\'a\', \'b\', c, u, 1, expireSeconds, expireSeconds)');
    expect(report.files.find((f) => f.path === 'a.js')!.after).toContain('w.create(c, 1, 60)');
    expect(formatSummary(report, 'dry-run', { yellow: (s: string) => s, red: (s: string) => s, bold: (s: string) => s } as never)).toContain('Signature changed: w.js:2:');
  });

  it('a caller passing a run-time deadline, a wrapper handed out or exported from the package entry: converted inside the wrapper at run time', async () => {
    const files = (a: string, main = 'app.js') => tree({ 'package.json': `{ "type": "commonjs", "main": "${main}" }`, 'w.js': WRAPPER, 'a.js': a });
    const cases = [
      files("const w = require('./w');\nexports.t = (c, at) => w.create(c, 1, at);\n"),
      files("const { create } = require('./w');\nexports.t = [create];\n"),
      files("const w = require('./w');\nexports.t = (c) => w.create(c, 1, Math.floor(Date.now() / 1000) + 60);\n", 'w.js'),
    ];
    for (const dir of cases) {
      const report = await migrate({ cwd: dir, dryRun: true, workers: 0 });
      const alone = await migrate({ cwd: dir, dryRun: true, workers: 0, project: false });
      expect(report.files.map((f) => [f.path, f.after, f.reviews])).toEqual(alone.files.map((f) => [f.path, f.after, f.reviews]));
      expect(report.files.find((f) => f.path === 'w.js')!.after).toContain('toTokenExpire(expireAt)');
    }
  });
});

describe('the transforms consume the facts', () => {
  const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: () => undefined } as unknown as API;
  const source = [
    "const { RtcTokenBuilder, RtcRole } = require('agora-access-token');",
    "const { TTL } = require('./config');",
    'exports.a = (c, u) => RtcTokenBuilder.buildTokenWithUid(a, b, c, u, RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + TTL);',
    'exports.b = (c, u, TTL) => RtcTokenBuilder.buildTokenWithUid(a, b, c, u, RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + TTL);',
    '',
  ].join('\n');

  it('convert-expiry alone: an imported TTL the project fixed becomes TTL, TTL; a parameter of the same name does not', () => {
    const output = convertExpiry({ path: 'a.js', source }, api, { projectFacts: { constants: { TTL: 3600 } } })!;
    expect(output).toContain('RtcRole.PUBLISHER, TTL, TTL);');
    expect(output).toContain('RtcRole.PUBLISHER, toTokenExpire(Math.floor(Date.now() / 1000) + TTL), toPrivilegeExpire(Math.floor(Date.now() / 1000) + TTL));');
  });

  it('without facts, the same transform converts both at run time, as on a single file', () => {
    const output = convertExpiry({ path: 'a.js', source }, api, {})!;
    expect(output).not.toContain('TTL, TTL');
    expect(output.match(/toTokenExpire\(Math/g)).toHaveLength(2);
  });
});
