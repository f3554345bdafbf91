import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRunOptions } from '../helpers/cli.ts';
import { tempDir, writeTree } from '../check/helpers.ts';

const run = (args: string[], options: CliRunOptions & { cwd: string }) => runCli(args, options);

const check = (cwd: string, ...args: string[]) => run(['check', ...args], { cwd });

const V1_SERVER = [
  "const { RtcTokenBuilder, RtcRole } = require('agora-access-token');",
  'module.exports = (ch, uid) => RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERT, ch, uid, RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + 3600);',
  '',
].join('\n');
const V2_SERVER = [
  "const { RtcTokenBuilder, RtcRole } = require('agora-token');",
  'module.exports = (ch, uid) => RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERT, ch, uid, RtcRole.PUBLISHER, 3600, 3600);',
  '',
].join('\n');
const OLD_WEB_CLIENT = JSON.stringify({ dependencies: { 'agora-rtc-sdk-ng': '^4.7.0' } }, null, 2);

describe('check: exit codes', () => {
  it('exits 0 on a clean tree', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'server.js': V2_SERVER, 'package.json': JSON.stringify({ dependencies: { 'agora-token': '2.0.6' } }) });
    const result = await check(cwd);
    expect(result).toEqual({ code: 0, stdout: '✔ no findings (2 files checked)\n', stderr: '' });
  });

  it('exits 1 on errors and names file, line, column and rule', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'api/server.js': V1_SERVER });
    const result = await check(cwd);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^api\/server\.js\n {2}1:46 {2}error {4}Imports `agora-access-token`.* {2}v1-import\n/);
    expect(result.stdout).toContain('2:31  error    RtcTokenBuilder.buildTokenWithUid is the v1 builder');
    expect(result.stderr).toBe('');
  });

  it('reports a planted arity error at an agora-token builder call in TypeScript, with file:line, and can suppress it', async () => {
    const cwd = tempDir();
    const planted = [
      "import { RtcTokenBuilder, RtcRole } from 'agora-token';",
      "import express from 'express';",
      '',
      'export const app = express();',
      "export const rtc = (ch: string): string => RtcTokenBuilder.buildTokenWithUid('a', 'c', ch, 1, RtcRole.PUBLISHER, 60, 60, 'x');",
      '',
    ].join('\n');
    writeTree(cwd, { 'src/rtm.ts': planted, 'src/ok.ts': "import { RtmTokenBuilder } from 'agora-token';\nexport const t = RtmTokenBuilder.buildToken('a', 'c', 'u', 60);\n" });
    const result = await check(cwd);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('src/rtm.ts\n  5:122  error    TS2554: Expected 7 arguments, but got 8.  v2-builder-type-error\n');
    writeTree(cwd, { 'src/rtm.ts': planted.replace('export const rtc', '// agora-token-migrate-ignore-next-line v2-builder-type-error -- a test double\nexport const rtc') });
    expect((await check(cwd)).code).toBe(0);
  });

  it('exits 0 on warnings alone, and 1 with --strict', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'web/package.json': OLD_WEB_CLIENT });
    expect((await check(cwd)).code).toBe(0);
    expect((await check(cwd, '--strict')).code).toBe(1);
  });

  it('checks a source file over 1 MiB instead of passing it unread', async () => {
    const cwd = tempDir();
    const padding = `// ${'-'.repeat(500)}\n`.repeat(2200);
    writeTree(cwd, { 'bundle/server.js': `${padding}${V1_SERVER}` });
    const result = await check(cwd, '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { summary: { filesScanned: number }; findings: { file: string; ruleId: string }[] };
    expect(report.summary.filesScanned).toBe(1);
    expect(report.findings.map((f) => `${f.file} ${f.ruleId}`)).toContain('bundle/server.js v1-builder-call');
  });

  it('exits 2 for a path that does not exist, naming it', async () => {
    const cwd = tempDir();
    const result = await check(cwd, 'nope', '.');
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'agora-token-migrate check: path not found: nope\n' });
  });

  it('exits 2 for a symlink loop or a dangling symlink named on the command line, naming it', async () => {
    const cwd = tempDir();
    symlinkSync('a.js', path.join(cwd, 'a.js'));
    symlinkSync('gone.js', path.join(cwd, 'b.js'));
    expect(await check(cwd, 'a.js')).toEqual({ code: 2, stdout: '', stderr: 'agora-token-migrate check: a.js: symlink loop\n' });
    expect(await check(cwd, 'b.js')).toEqual({ code: 2, stdout: '', stderr: 'agora-token-migrate check: b.js: path not found (dangling symlink)\n' });
  });

  it('exits 2 for an unknown format or flag', async () => {
    const cwd = tempDir();
    const format = await check(cwd, '--format', 'xml');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, json, sarif, github.");
    expect((await check(cwd, '--frobnicate')).code).toBe(2);
  });

  it('exits 2 when a file cannot be parsed, still reporting the rest', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'a.js': V1_SERVER, 'b.js': "const agora = require('agora-token');\nconst = ;\n" });
    const result = await check(cwd, '--format', 'json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).findings.length).toBeGreaterThan(0);
    expect(result.stderr).toMatch(/^agora-token-migrate check: b\.js:2:\d+: could not be checked: /);
  });

  it('gives no green tick when the only file could not be parsed, nor for an invalid package.json', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'b.js': "const agora = require('agora-token');\nconst = ;\n" });
    const result = await check(cwd);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('no findings in the files that could be checked (1 file checked)\n1 file could not be checked (see stderr)\n');
    const manifest = tempDir();
    writeTree(manifest, { 'package.json': '{ "dependencies": { ' });
    const invalid = await check(manifest);
    expect(invalid.code).toBe(2);
    expect(invalid.stdout).not.toContain('✔');
    expect(invalid.stdout).toContain('no findings in the files that could be checked');
  });

  it('checks only the paths given', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'v1/server.js': V1_SERVER, 'v2/server.js': V2_SERVER });
    expect((await check(cwd, 'v2')).code).toBe(0);
    expect((await check(cwd, 'v2', 'v1/server.js')).code).toBe(1);
  });

  it('says which named files it does not read, without failing', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'README.md': 'agora-access-token', 'server.js': V2_SERVER });
    const result = await check(cwd, 'README.md', 'server.js');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('agora-token-migrate check: skipped README.md: not a kind of file check reads\n');
  });

  it('skips node_modules and .gitignored files, like migrate', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'node_modules/agora-access-token/index.js': V1_SERVER, 'generated/old.js': V1_SERVER, '.gitignore': 'generated/\n', 'server.js': V2_SERVER });
    expect((await check(cwd)).code).toBe(0);
  });
});

describe('check: output', () => {
  it('colours text on a TTY unless NO_COLOR is set', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'server.js': V1_SERVER });
    expect((await run(['check'], { cwd, isTTY: true })).stdout).toContain('\u001b[');
    expect((await run(['check'], { cwd, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('writes SARIF and GitHub annotations', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'server.js': V1_SERVER });
    const sarif = await check(cwd, '--format', 'sarif');
    expect(JSON.parse(sarif.stdout).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['v1-import', 'v1-builder-call']);
    const github = await check(cwd, '--format', 'github');
    expect(github.stdout.split('\n')[0]).toMatch(/^::error file=server\.js,line=1,col=46,title=agora-token-migrate v1-import::/);
  });

  it('lists the rules in --help', async () => {
    const cwd = tempDir();
    const help = await run(['check', '--help'], { cwd });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('| `hardcoded-app-certificate` | error | App Certificate hard-coded in source |');
    expect(help.stdout).toContain('--format <format>');
  });
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('check: named agora-token imports by module kind', () => {
  const NAMED_IMPORT = [
    "import { RtcRole, RtcTokenBuilder } from 'agora-token';",
    'export const token = (ch, uid) => RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERT, ch, uid, RtcRole.PUBLISHER, 3600, 3600);',
    '',
  ].join('\n');
  const findings = async (cwd: string) =>
    (JSON.parse((await check(cwd, '--format', 'json')).stdout) as { findings: { file: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);

  it('flags them under "type": "module" only, reading package.json afresh on each run', async () => {
    const cwd = tempDir();
    writeTree(cwd, {
      'esm/package.json': JSON.stringify({ type: 'module', dependencies: { 'agora-token': '2.0.6' } }),
      'esm/server.js': NAMED_IMPORT,
      'cjs/package.json': JSON.stringify({ dependencies: { 'agora-token': '2.0.6' } }),
      'cjs/server.ts': NAMED_IMPORT,
    });
    expect(await findings(cwd)).toEqual(['esm/server.js:1 v2-named-import-esm']);
    writeTree(cwd, { 'esm/package.json': JSON.stringify({ type: 'commonjs', dependencies: { 'agora-token': '2.0.6' } }) });
    expect(await findings(cwd)).toEqual([]);
  });
});

describe('check: the v1 example servers, before and after migrate', () => {
  const examples = readdirSync(path.join(ROOT, 'examples')).filter((name) => existsSync(path.join(ROOT, 'examples', name, 'before')));

  it.each(examples)('%s: check names every v1 file and exits 1; after migrate it exits 0', async (name) => {
    const cwd = tempDir();
    cpSync(path.join(ROOT, 'examples', name, 'before'), cwd, { recursive: true });
    const before = await check(cwd, '--format', 'json');
    expect(before.code).toBe(1);
    const flaggedFiles = new Set((JSON.parse(before.stdout).findings as { file: string; ruleId: string }[]).map((f) => f.file));
    // every file that mentions the v1 package (sources and package.json; Go: the v1 import path) must be named
    const mentionsV1 = (text: string) => text.includes('agora-access-token') || /\/go\/src\/Rt[cm]TokenBuilder"/.test(text);
    const v1Files = (readdirSync(cwd, { recursive: true, encoding: 'utf8' }) as string[])
      .filter((file) => statSync(path.join(cwd, file)).isFile() && mentionsV1(readFileSync(path.join(cwd, file), 'utf8')))
      .map((file) => file.split(path.sep).join('/'));
    expect(v1Files.length).toBeGreaterThan(0);
    expect([...flaggedFiles].sort()).toEqual(expect.arrayContaining(v1Files));

    const migrated = await run(['migrate', '--force', '--workers', '0'], { cwd });
    expect(migrated.stderr).toBe('');
    const after = await check(cwd, '--format', 'json');
    expect(JSON.parse(after.stdout).findings).toEqual([]);
    expect(after.code).toBe(0);
  });
});

describe('check: the committed migrated examples', () => {
  const afters = readdirSync(path.join(ROOT, 'examples')).filter((name) => existsSync(path.join(ROOT, 'examples', name, 'after')));

  it('has migrated examples to read', () => {
    expect(afters.length).toBeGreaterThan(0);
  });

  it.each(afters)('%s/after is clean', async (name) => {
    const result = await check(ROOT, '--format', 'json', `examples/${name}/after`);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
    expect(result.code).toBe(0);
  });
});

describe('check: built bin', () => {
  const bin = path.join(ROOT, 'dist/src/cli/bin.js');

  beforeAll(async () => {
    // `npm test` builds first; build here only when run on its own against a missing or stale dist
    const built = existsSync(bin) ? statSync(bin).mtimeMs : 0;
    const sources = ['src/cli/commands/check.ts', ...readdirSync(path.join(ROOT, 'src/check'), { recursive: true, encoding: 'utf8' }).map((f) => `src/check/${f}`)];
    if (sources.some((file) => statSync(path.join(ROOT, file)).mtimeMs > built)) {
      // tsc emits even when someone else's file has a type error; the test below judges the result
      await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, timeout: 180_000 }).catch(() => undefined);
    }
  });

  it('exits 1 with findings through node dist/src/cli/bin.js check', async () => {
    const cwd = tempDir();
    writeTree(cwd, { 'server.js': V1_SERVER });
    const result = await promisify(execFile)(process.execPath, [bin, 'check', '--format', 'json'], { cwd, timeout: 60_000 }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).summary).toEqual({ filesScanned: 1, errors: 2, warnings: 0, toolErrors: 0 });
  });
});
