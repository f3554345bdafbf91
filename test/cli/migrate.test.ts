/**
 * `migrate` through the BUILT bin (`node dist/src/cli/bin.js migrate …`, run with execFile on temp
 * copies of test/run/fixtures/v1-monorepo), with the real recipe: dry run, write, second run,
 * patch, JSON report, exit codes, git guard, and equivalent tokens from the migrated servers.
 * A few presentation details (colours, progress bar) need a terminal, so they go through `main`.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { ExitCode } from '../../src/cli/exit-codes.ts';
import { defaultIO } from '../../src/cli/main.ts';
import { jsonReportSchema, type JsonMigrationReport } from '../../src/run/report.ts';
import { compareClaims } from '../../src/token/index.ts';
import { BIN, git, initRepo, REPO_ROOT, tempDir, V1_CJS_SERVER, writeTree } from '../run/helpers.ts';

const FIXTURE = path.join(REPO_ROOT, 'test/run/fixtures/v1-monorepo');
const APP_ID = '970ca35de60c44645bbae8a215061b33';
const APP_CERTIFICATE = '5cfd2fd1755d40ecb72977518be15d3b';

interface BinResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built bin in `cwd` (no TTY, so no colours and no progress bar). */
function bin(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<BinResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'migrate', ...args], { cwd, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A temp copy of the v1 monorepo; node_modules links to ours so the servers can be loaded (the walker never enters it). */
function copyFixture(): string {
  const dir = tempDir('atm-cli-');
  cpSync(FIXTURE, dir, { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** Every file below `root` (not node_modules) → bytes as base64 plus mode. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      if (entry.isDirectory()) visit(full);
      else out[path.relative(root, full)] = `${readFileSync(full, 'base64')}:${statSync(full).mode}`;
    }
  };
  visit(root);
  return out;
}

beforeAll(() => {
  expect(statSync(BIN).isFile(), 'build first: npx tsc -p tsconfig.build.json').toBe(true);
});

describe('migrate (built bin)', () => {
  it('--dry-run prints the diff and a summary, and changes no byte', async () => {
    const dir = copyFixture();
    const before = snapshot(dir);
    const result = await bin(dir, ['--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("diff --git a/packages/api/server.js b/packages/api/server.js\n");
    expect(result.stdout).toContain("-const { RtcTokenBuilder, RtcRole } = require('agora-access-token');\n+const { RtcTokenBuilder, RtcRole } = require('agora-token');\n");
    expect(result.stdout).toContain('-    "agora-access-token": "^2.0.4",\n+    "agora-token": "^2.0.6",\n');
    expect(result.stdout).not.toContain('\u001b['); // not a terminal: no colours
    expect(result.stdout).toMatch(/^Would migrate 2 source files \(\d+ edits\) and 2 package\.json files; 3 files scanned in \d+\.\d s\.$/m);
    expect(result.stdout).toContain('Dry run: no file was written.\n');
    expect(snapshot(dir)).toEqual(before);
  });

  it('migrates, says so, and a second run finds nothing to migrate', async () => {
    const dir = copyFixture();
    const first = await bin(dir, []);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Migrated 2 source files \(\d+ edits\) and 2 package\.json files;/m);
    expect(first.stdout).toContain('package.json now depends on agora-token: Run `npm install` to update node_modules and the lockfile.\n');
    expect(readFileSync(path.join(dir, 'packages/rtm/package.json'), 'utf8')).toBe(
      readFileSync(path.join(FIXTURE, 'packages/rtm/package.json'), 'utf8').replace('"agora-access-token": "2.0.4"', '"agora-token": "^2.0.6"'),
    );
    const migrated = snapshot(dir);

    const second = await bin(dir, ['--dry-run']);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('diff --git');
    expect(second.stdout).toMatch(/^Nothing to migrate: 3 files scanned, none needs changes \(\d+\.\d s\)\.\n$/);
    const third = await bin(dir, []);
    expect(third.stdout).toMatch(/^Nothing to migrate/);
    expect(snapshot(dir)).toEqual(migrated);
  });

  it('the migrated servers issue tokens equivalent to the originals', async () => {
    const dir = copyFixture();
    expect((await bin(dir, [])).code).toBe(0);
    const saved = { APP_ID: process.env.APP_ID, APP_CERTIFICATE: process.env.APP_CERTIFICATE };
    Object.assign(process.env, { APP_ID, APP_CERTIFICATE });
    try {
      const load = (root: string) => createRequire(path.join(root, 'packages/api/server.js'))('./server.js') as { rtcToken: (c: string, u: number) => string };
      const [v1Api, v2Api] = [load(FIXTURE), load(dir)];
      type Rtm = { rtmToken: (u: string) => string; audienceToken: (c: string, a: string) => string };
      const importRtm = async (root: string) => (await import(pathToFileURL(path.join(root, 'packages/rtm/src/tokens.mjs')).href)) as Rtm;
      const [v1Rtm, v2Rtm] = [await importRtm(FIXTURE), await importRtm(dir)];

      expect(v1Api.rtcToken('room', 42).startsWith('006')).toBe(true);
      expect(v2Api.rtcToken('room', 42).startsWith('007')).toBe(true);
      const options = { certificate: APP_CERTIFICATE };
      expect(compareClaims(v1Api.rtcToken('room', 42), v2Api.rtcToken('room', 42), options)).toEqual([]);
      expect(compareClaims(v1Rtm.rtmToken('alice'), v2Rtm.rtmToken('alice'), options)).toEqual([]);
      expect(compareClaims(v1Rtm.audienceToken('room', 'bob'), v2Rtm.audienceToken('room', 'bob'), options)).toEqual([]);
      // the comparison is not vacuous: a different channel is a difference
      expect(compareClaims(v1Api.rtcToken('room', 42), v2Api.rtcToken('other', 42), options)).not.toEqual([]);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('--patch writes a patch git apply accepts, and touches no source', async () => {
    const dir = copyFixture();
    initRepo(dir);
    const before = snapshot(dir);
    const patchFile = path.join(tempDir(), 'agora.patch');
    // run from a subdirectory: the patch paths are still relative to the repository root
    const result = await bin(path.join(dir, 'packages'), ['--patch', patchFile, '.']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${patchFile}; apply it with \`git apply ${patchFile}\`. No source file was written.\n`);
    expect(result.stdout).not.toContain('diff --git');
    expect(snapshot(dir)).toEqual(before);
    expect(readFileSync(patchFile, 'utf8')).toContain('diff --git a/packages/api/server.js b/packages/api/server.js\n');

    git(dir, 'apply', '--check', patchFile);
    git(dir, 'apply', patchFile);
    const applied = snapshot(dir);
    const direct = copyFixture();
    expect((await bin(direct, [])).code).toBe(0);
    expect(applied).toEqual(snapshot(direct));
  });

  it('--patch refuses paths above the repository root, which git apply would reject', async () => {
    const dir = copyFixture();
    initRepo(dir);
    const elsewhere = tempDir('atm-cli-');
    writeTree(elsewhere, { 'server.js': V1_CJS_SERVER });
    const patchFile = path.join(tempDir(), 'agora.patch');
    const result = await bin(dir, ['--patch', patchFile, '.', path.relative(dir, elsewhere)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('which `git apply` would refuse:\n  ../');
    expect(existsSync(patchFile)).toBe(false);
  });

  it('--json prints a report that follows the schema', async () => {
    const dir = copyFixture();
    writeTree(dir, { 'packages/api/broken.js': "const { RtcTokenBuilder } = require('agora-access-token');\nconst x = ;\n" });
    const result = await bin(dir, ['--dry-run', '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonMigrationReport;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(jsonReportSchema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toMatchObject({ scanned: 4, changed: 2, unchanged: 1, errors: 1, packageJsonsChanged: 2 });
    expect(report.files.map((file) => [file.path, file.status])).toEqual([
      ['packages/api/broken.js', 'error'],
      ['packages/api/server.js', 'changed'],
      ['packages/rtm/src/tokens.mjs', 'changed'],
      ['packages/rtm/src/util.js', 'unchanged'],
    ]);
    expect(report.files[0].error).toMatchObject({ line: 2, column: 11 });
    const edit = report.files[1].edits[0];
    expect(edit).toMatchObject({ file: 'packages/api/server.js', line: expect.any(Number), column: expect.any(Number) });
    // the file that failed keeps needing agora-access-token, so api keeps it and gains agora-token
    expect(report.packageJsons.find((pkg) => pkg.path === 'packages/api/package.json')?.changes).toEqual([
      { section: 'dependencies', action: 'added', to: '^2.0.6' },
    ]);
  });

  it('exits 2 on a file that does not parse, naming file and line, and migrates the rest', async () => {
    const dir = copyFixture();
    const broken = "const { RtcTokenBuilder } = require('agora-access-token');\nconst x = ;\n";
    writeTree(dir, { 'packages/api/broken.js': broken });
    const result = await bin(dir, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'packages/api/broken.js:2:11: error: syntax error: Unexpected token\n  fix the syntax error or exclude the file with .gitignore; the file was left untouched\n',
    );
    expect(readFileSync(path.join(dir, 'packages/api/broken.js'), 'utf8')).toBe(broken);
    expect(readFileSync(path.join(dir, 'packages/api/server.js'), 'utf8')).toContain("require('agora-token')");
  });

  it('splits an import whose RTM call needs review, and the package.json keeps both packages', async () => {
    const dir = tempDir('atm-cli-split-');
    const source = [
      "const { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } = require('agora-access-token');",
      '',
      'exports.rtc = (channel, uid) => RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channel, uid, RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + 600);',
      'exports.rtm = (user) => RtmTokenBuilder.buildToken(process.env.APP_ID, process.env.APP_CERTIFICATE, user, RtmRole.Rtm_User, Date.now() + 600000);',
      '',
    ].join('\n');
    writeTree(dir, { 'package.json': '{\n  "dependencies": {\n    "agora-access-token": "2.0.4"\n  }\n}\n', 'server.js': source });
    const result = await bin(dir, []);
    expect(result.code).toBe(0);
    const migrated = readFileSync(path.join(dir, 'server.js'), 'utf8');
    expect(migrated).toContain("const { RtcTokenBuilder, RtcRole } = require('agora-token');\n");
    expect(migrated).toContain("const { RtmTokenBuilder, RtmRole } = require('agora-access-token');\n");
    expect(migrated).toContain('RtcRole.PUBLISHER, 600, 600)');
    expect(readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe('{\n  "dependencies": {\n    "agora-access-token": "2.0.4",\n    "agora-token": "^2.0.6"\n  }\n}\n');
    expect(result.stdout).toContain('package.json keeps agora-access-token next to agora-token: a file of that package still imports it');
    expect(result.stdout).toContain("server.js:1:7: manual review (swap-import): kept `RtmTokenBuilder`, `RtmRole` on agora-access-token");
  });

  it('exits 2 on a TypeScript file with a type error at a builder call after migration, naming file:line:col, and writes nothing for it', async () => {
    const dir = tempDir('atm-cli-typecheck-');
    const planted = [
      "import { RtcTokenBuilder, RtcRole } from 'agora-access-token';",
      "import { RtmTokenBuilder } from 'agora-token';",
      '',
      'export const rtc = (ch: string, uid: number): string =>',
      '  RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID!, process.env.APP_CERTIFICATE!, ch, uid, RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + 600);',
      "export const rtm = (user: string): string => RtmTokenBuilder.buildToken('app', 'cert', user);",
      '',
    ].join('\n');
    writeTree(dir, { 'src/planted.ts': planted });
    const result = await bin(dir, []);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('src/planted.ts:6:62: error: type error at an agora-token builder call after migration: TS2554: Expected 4 arguments, but got 3.\n');
    expect(readFileSync(path.join(dir, 'src/planted.ts'), 'utf8')).toBe(planted);
  });

  it('exits 2 on usage errors', async () => {
    const dir = copyFixture();
    const missing = await bin(dir, ['no-such-dir']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('agora-token-migrate migrate: path not found: no-such-dir\n');
    symlinkSync('loop.js', path.join(dir, 'loop.js'));
    const loop = await bin(dir, ['loop.js']);
    expect(loop.code).toBe(2);
    expect(loop.stderr).toBe('agora-token-migrate migrate: loop.js: symlink loop\n');
    const workers = await bin(dir, ['--workers', 'many']);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toContain('--workers must be a whole number or "auto"');
    const unknown = await bin(dir, ['--dryrun']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--dryrun'");
  });

  it('refuses to overwrite uncommitted changes, naming the files, unless --force', async () => {
    const dir = copyFixture();
    initRepo(dir);
    const server = path.join(dir, 'packages/api/server.js');
    writeFileSync(server, `${readFileSync(server, 'utf8')}// local change\n`);
    const before = snapshot(dir);
    const refused = await bin(dir, []);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'agora-token-migrate migrate: refusing to migrate: this file has uncommitted changes:\n  packages/api/server.js\n' +
        'Commit or stash them first (so the migration can be reviewed and reverted), or rerun with --force.\n',
    );
    expect(snapshot(dir)).toEqual(before);
    const forced = await bin(dir, ['--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(server, 'utf8')).toContain("require('agora-token')");
  });

  it('counts a file .gitignore covers as uncommitted: git could not restore it either', async () => {
    const dir = tempDir('atm-cli-');
    writeTree(dir, { '.gitignore': 'local/\n', 'local/server.js': V1_CJS_SERVER, 'src/server.js': V1_CJS_SERVER });
    initRepo(dir);
    const refused = await bin(dir, ['local/server.js']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes:\n  local/server.js\n');
    expect(readFileSync(path.join(dir, 'local/server.js'), 'utf8')).toBe(V1_CJS_SERVER);
    // a committed file next to it is migrated as usual
    expect((await bin(dir, ['src/server.js'])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'src/server.js'), 'utf8')).toContain("require('agora-token')");
  });

  it('keeps CRLF, BOM and mode through the real recipe', async () => {
    const dir = tempDir('atm-cli-');
    const source = "\uFEFFimport { RtcTokenBuilder, RtcRole } from 'agora-access-token';\r\n\r\nexport function token(appId: string, cert: string, channel: string, uid: number): string {\r\n  const expireAt = Math.floor(Date.now() / 1000) + 3600;\r\n  return RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, RtcRole.PUBLISHER, expireAt);\r\n}\r\n";
    writeTree(dir, { 'src/token.ts': source });
    const file = path.join(dir, 'src/token.ts');
    const mode = 0o640;
    chmodSync(file, mode);
    expect((await bin(dir, [])).code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).not.toBe(source);
    expect(after.startsWith("\uFEFFimport ")).toBe(true);
    expect(after).toContain("'agora-token'");
    expect(after.split('\n').every((line, index, lines) => index === lines.length - 1 || line.endsWith('\r'))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(mode);
  });

  it('gives the same JSON report with worker threads as in-process', async () => {
    const dir = copyFixture();
    // enough candidate files for several workers
    for (let index = 0; index < 40; index++) {
      cpSync(path.join(dir, 'packages/api/server.js'), path.join(dir, `packages/api/copy${index}.js`));
      cpSync(path.join(dir, 'packages/rtm/src/tokens.mjs'), path.join(dir, `packages/rtm/src/copy${index}.mjs`));
    }
    const serial = await bin(dir, ['--dry-run', '--json', '--workers', '0']);
    const parallel = await bin(dir, ['--dry-run', '--json', '--workers', '2']);
    const strip = (stdout: string) => ({ ...(JSON.parse(stdout) as JsonMigrationReport), elapsedMs: 0, workers: 0 });
    expect((JSON.parse(parallel.stdout) as JsonMigrationReport).workers).toBe(2);
    expect(strip(serial.stdout).summary.changed).toBe(82);
    expect(strip(parallel.stdout)).toEqual(strip(serial.stdout));
  });
});

describe('migrate on a terminal (in-process main)', () => {
  const runMain = (cwd: string, argv: string[], env: NodeJS.ProcessEnv) => runCli(['migrate', ...argv], { cwd, env, isTTY: true });

  /** 251 files, one of them v1: long enough for the progress bar. */
  const manyFiles = () => {
    const dir = tempDir('atm-tty-');
    const files: Record<string, string> = { 'a.js': V1_CJS_SERVER };
    for (let index = 0; index < 250; index++) files[`lib/f${index}.js`] = `module.exports = ${index};\n`;
    writeTree(dir, files);
    return dir;
  };

  it('colours the diff, unless NO_COLOR is set', async () => {
    const many = manyFiles();
    const coloured = await runMain(many, ['--dry-run'], {});
    expect(coloured.code).toBe(ExitCode.Ok);
    expect(coloured.stdout).toContain("\u001b[31m-const { RtcTokenBuilder, RtcRole } = require('agora-access-token');\u001b[39m");
    expect(coloured.stdout).toContain("\u001b[32m+const { RtcTokenBuilder, RtcRole } = require('agora-token');\u001b[39m");
    const plain = await runMain(many, ['--dry-run'], { NO_COLOR: '1' });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(plain.stdout).toContain("-const { RtcTokenBuilder, RtcRole } = require('agora-access-token');\n");
  });

  it('shows a progress bar on stderr for long runs, but not in CI or with --json', async () => {
    const many = manyFiles();
    const bar = (await runMain(many, ['--dry-run'], { NO_COLOR: '1' })).stderr;
    expect(bar).toMatch(/migrate \[[█░]+\] \d+\/251 files/);
    expect((await runMain(many, ['--dry-run'], { NO_COLOR: '1', CI: 'true' })).stderr).toBe('');
    expect((await runMain(many, ['--dry-run', '--json'], {})).stderr).toBe('');
  });

  it('gates the progress bar on stderr being a terminal, where it is drawn, not stdout', async () => {
    const many = manyFiles();
    // `migrate --dry-run > changes.diff` in a terminal: stdout is a file, stderr the terminal
    const redirected = await runCli(['migrate', '--dry-run'], { cwd: many, env: { NO_COLOR: '1' }, isTTY: false, stderrIsTTY: true });
    expect(redirected.stderr).toMatch(/migrate \[[█░]+\] \d+\/251 files/);
    expect(redirected.stdout).not.toContain('\u001b[');
    // `migrate --dry-run 2> log`: no bar in the log
    const logged = await runCli(['migrate', '--dry-run'], { cwd: many, env: { NO_COLOR: '1' }, isTTY: true, stderrIsTTY: false });
    expect(logged.stderr).toBe('');
  });

  it('defaultIO reads stderr for stderrIsTTY and stdout for isTTY', () => {
    const saved = [process.stdout.isTTY, process.stderr.isTTY];
    try {
      process.stdout.isTTY = false;
      process.stderr.isTTY = true;
      expect(defaultIO()).toMatchObject({ isTTY: false, stderrIsTTY: true });
      process.stdout.isTTY = true;
      process.stderr.isTTY = false;
      expect(defaultIO()).toMatchObject({ isTTY: true, stderrIsTTY: false });
    } finally {
      [process.stdout.isTTY, process.stderr.isTTY] = saved;
    }
  });
});
