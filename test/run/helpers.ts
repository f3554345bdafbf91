/** Temp trees, git repositories and the fake transform for the runner tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** URL of test/run/fixtures/fake-transform.mjs (loadable in-process and by workers). */
export const FAKE_TRANSFORM = new URL('./fixtures/fake-transform.mjs', import.meta.url).href;
export const FAILING_LOAD_TRANSFORM = new URL('./fixtures/failing-load-transform.mjs', import.meta.url).href;
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = path.join(REPO_ROOT, 'dist/src/cli/bin.js');

const created: string[] = [];

/** A fresh directory under os.tmpdir(), removed after the current test. */
export function tempDir(prefix = 'atm-run-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (relative path → content) under `root`, creating directories. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Runs git with a fixed identity (argv array, no shell). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** `git init` + commit everything in `dir`. */
export function initRepo(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
}

/** A v1 CommonJS token handler, the most common shape in the wild. */
export const V1_CJS_SERVER = `const { RtcTokenBuilder, RtcRole } = require('agora-access-token');

function token(appId, cert, channel, uid) {
  const expire = Math.floor(Date.now() / 1000) + 3600;
  return RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, RtcRole.PUBLISHER, expire);
}

module.exports = { token };
`;
