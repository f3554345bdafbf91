/**
 * The no-candidate path loads no parser: `check` and `migrate --dry-run` over files without Agora
 * code never resolve jscodeshift, recast, babel, ts-morph or TypeScript, and with one v1 file they do
 * (so the probe can see them). Runs the built CLI (`npm test` builds first) with a resolve hook that
 * reports every module it resolves.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const BIN = fileURLToPath(new URL('../../dist/src/cli/bin.js', import.meta.url));
/** Package entry points of the parsers (jscodeshift's tiny src/getParser.js, which requires a parser only when called, does not count). */
const PARSERS = /\/node_modules\/(jscodeshift(?=\/index\.js)|recast|@babel\/parser|ts-morph|typescript)\//;
const HOOK = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent("export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('@@resolved ' + r.url + '\\\\n'); return r; }"));`,
)}`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atm-lazy-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Every module a CLI run resolved (ESM imports; CommonJS requires below them are not seen, the package entry is). */
async function modulesResolved(args: string[], cwd: string): Promise<string[]> {
  let stderr: string;
  try {
    ({ stderr } = await execFileAsync(process.execPath, ['--import', HOOK, BIN, ...args], { cwd }));
  } catch (error) {
    ({ stderr } = error as { stderr: string }); // check exits 1 on findings
  }
  const resolved = [...stderr.matchAll(/^@@resolved (.*)$/gm)].map((m) => m[1]);
  expect(resolved.some((url) => url.endsWith('/dist/src/cli/main.js'))).toBe(true);
  return resolved;
}

/** The parser modules a CLI run resolved. */
async function parsersLoaded(args: string[], cwd: string): Promise<string[]> {
  const resolved = await modulesResolved(args, cwd);
  return [...new Set(resolved.filter((url) => PARSERS.test(url)).map((url) => PARSERS.exec(url)![1]))].sort();
}

/** The command modules (src/cli/commands/<name>.ts) a CLI run resolved. */
async function commandsLoaded(args: string[], cwd: string): Promise<string[]> {
  const resolved = await modulesResolved(args, cwd);
  return [...new Set(resolved.flatMap((url) => /\/dist\/src\/cli\/commands\/([a-z]+)\.js$/.exec(url)?.[1] ?? []))].sort();
}

const ORDINARY = {
  'util.js': "export const accessToken = (req) => req.headers.authorization;\n",
  'main.ts': "import { accessToken } from './util.js';\nconsole.log(accessToken({ headers: {} }));\n",
};
const V1 = "const { RtcTokenBuilder, RtcRole } = require('agora-access-token');\nmodule.exports = (c, u) => RtcTokenBuilder.buildTokenWithUid(process.env.A, process.env.C, c, u, RtcRole.PUBLISHER, 0);\n";

describe('no parser on the no-candidate path', () => {
  it.each([[['check']], [['migrate', '--dry-run']]])('%j over files without Agora code loads none', async (args) => {
    expect(await parsersLoaded(args, tree(ORDINARY))).toEqual([]);
  });

  it.each([[['check']], [['migrate', '--dry-run', '--workers', '0']]])('%j loads jscodeshift once a file needs it', async (args) => {
    expect(await parsersLoaded(args, tree({ ...ORDINARY, 'token.js': V1 }))).toContain('jscodeshift');
  });
});

describe('one command, one command module', () => {
  it.each([[['check'], ['check']], [['decode', '--help'], ['decode']], [['--help'], ['check', 'decode', 'migrate', 'verify']], [['chek'], ['check', 'decode', 'migrate', 'verify']]])(
    '%j loads the command modules %j',
    async (args, expected) => {
      expect(await commandsLoaded(args, tree(ORDINARY))).toEqual(expected);
    },
  );
});

describe('CommonJS packages loaded on first need', () => {
  /** The bare package names a CLI run required through CommonJS (a preloaded probe wraps Module._load). */
  async function packagesRequired(args: string[], cwd: string): Promise<string[]> {
    const probe = path.join(cwd, 'probe.cjs');
    writeFileSync(probe, "const M = require('node:module'); const load = M._load; M._load = function (request, ...rest) { process.stderr.write('@@required ' + request + '\\n'); return load.call(this, request, ...rest); };\n");
    let stderr: string;
    try {
      ({ stderr } = await execFileAsync(process.execPath, ['--require', probe, BIN, ...args], { cwd }));
    } catch (error) {
      ({ stderr } = error as { stderr: string });
    }
    return [...new Set([...stderr.matchAll(/^@@required ([^./][^/\n]*)$/gm)].map((m) => m[1]))].sort();
  }

  it('check loads semver only for a manifest naming a client SDK', async () => {
    const plain = tree({ ...ORDINARY, 'package.json': '{ "name": "app", "dependencies": { "express": "^5.0.0" } }\n' });
    expect(await packagesRequired(['check', '.'], plain)).not.toContain('semver');
    const web = tree({ ...ORDINARY, 'package.json': '{ "name": "app", "dependencies": { "agora-rtc-sdk-ng": "^4.7.0" } }\n' });
    expect(await packagesRequired(['check', '.'], web)).toContain('semver');
  });
});
