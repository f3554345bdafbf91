/**
 * `.go` files go through `migrate` exactly like JavaScript: dry run, --patch, --json, the git guard,
 * atomic writes with CRLF kept, the re-parse before writing, idempotence, worker threads, and a
 * clear error (file and line) for a Go file that does not parse; `check` is clean afterwards.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { git, initRepo, tempDir, writeTree } from '../run/helpers.ts';

const EXAMPLE = path.join(new URL('../../examples/go-fetch-rtc-token/', import.meta.url).pathname);
const BEFORE = readFileSync(path.join(EXAMPLE, 'before', 'server.go'), 'utf8');
const AFTER = readFileSync(path.join(EXAMPLE, 'after', 'server.go'), 'utf8');
const ENV = { NO_COLOR: '1' };

describe('migrate on Go files', () => {
  it('prints a diff on --dry-run, writes nothing, and says go.mod was not edited', async () => {
    const dir = tempDir('atm-go-');
    writeTree(dir, { 'server.go': BEFORE, 'go.mod': 'module example.com/server\n\ngo 1.19\n' });
    const run = await runCli(['migrate', '--dry-run', '--workers', '0', '.'], { cwd: dir, env: ENV });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^diff --git a\/server\.go b\/server\.go\n/);
    expect(run.stdout).toContain('+\trtctokenbuilder "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/rtctokenbuilder2"\n');
    expect(run.stdout).toContain('go.mod and go.sum were not edited');
    expect(readFileSync(path.join(dir, 'server.go'), 'utf8')).toBe(BEFORE);
  });

  it('writes the migrated file (CRLF kept), reports it in --json, and a second run finds nothing', async () => {
    const dir = tempDir('atm-go-');
    writeTree(dir, { 'server.go': BEFORE.replaceAll('\n', '\r\n') });
    const first = await runCli(['migrate', '--json', '--workers', '0', '.'], { cwd: dir, env: ENV });
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { files: { path: string; status: string; moduleKind?: string; edits: { transform: string }[] }[] };
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ path: 'server.go', status: 'changed' });
    expect(report.files[0].moduleKind).toBeUndefined();
    expect(new Set(report.files[0].edits.map((e) => e.transform))).toEqual(new Set(['swap-import', 'rename-account-builder', 'convert-expiry', 'map-deprecated-roles']));
    expect(readFileSync(path.join(dir, 'server.go'), 'utf8')).toBe(AFTER.replaceAll('\n', '\r\n'));
    const second = await runCli(['migrate', '--workers', '0', '.'], { cwd: dir, env: ENV });
    expect(second.stdout).toMatch(/^Nothing to migrate/);
  });

  it('writes a patch that git apply accepts, leaving the source alone', async () => {
    const dir = tempDir('atm-go-');
    writeTree(dir, { 'cmd/server/main.go': BEFORE });
    initRepo(dir);
    const run = await runCli(['migrate', '--patch', 'agora.patch', '--workers', '0', '.'], { cwd: dir, env: ENV });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'cmd/server/main.go'), 'utf8')).toBe(BEFORE);
    git(dir, 'apply', 'agora.patch');
    expect(readFileSync(path.join(dir, 'cmd/server/main.go'), 'utf8')).toBe(AFTER);
  });

  it('refuses to overwrite a Go file with uncommitted changes unless forced', async () => {
    const dir = tempDir('atm-go-');
    writeTree(dir, { 'server.go': BEFORE });
    initRepo(dir);
    writeFileSync(path.join(dir, 'server.go'), `${BEFORE}\n// local edit\n`);
    const refused = await runCli(['migrate', '--workers', '0', '.'], { cwd: dir, env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('server.go');
    expect(readFileSync(path.join(dir, 'server.go'), 'utf8')).toBe(`${BEFORE}\n// local edit\n`);
    const forced = await runCli(['migrate', '--force', '--workers', '0', '.'], { cwd: dir, env: ENV });
    expect(forced.code).toBe(0);
    const written = readFileSync(path.join(dir, 'server.go'), 'utf8');
    expect(written).toContain('\n// local edit\n');
    expect(written).toContain('rtctokenbuilder.BuildTokenWithUid(');
  });

  it('names the file and line of a Go syntax error, leaves it untouched and migrates the others', async () => {
    const dir = tempDir('atm-go-');
    const broken = 'package main\n\nimport "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/RtcTokenBuilder"\n\nfunc main() {\n\trtctokenbuilder.BuildTokenWithUID(\n}\n';
    writeTree(dir, { 'broken.go': broken, 'server.go': BEFORE });
    const run = await runCli(['migrate', '--workers', '0', '.'], { cwd: dir, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr + run.stdout).toMatch(/broken\.go:6:2: error: syntax error: Go syntax error/);
    expect(readFileSync(path.join(dir, 'broken.go'), 'utf8')).toBe(broken);
    expect(readFileSync(path.join(dir, 'server.go'), 'utf8')).toBe(AFTER);
  });

  it('gives the same result on worker threads', async () => {
    const dir = tempDir('atm-go-');
    writeTree(dir, { 'a/server.go': BEFORE, 'b/server.go': BEFORE });
    const run = await runCli(['migrate', '--dry-run', '--json', '--workers', '2', '.'], { cwd: dir, env: ENV });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { workers: number; files: { status: string }[] };
    expect(report.workers).toBe(2);
    expect(report.files.map((f) => f.status)).toEqual(['changed', 'changed']);
  });

  it('check fails before and passes after', async () => {
    const dir = tempDir('atm-go-');
    writeTree(dir, { 'server.go': BEFORE });
    expect((await runCli(['check', '.'], { cwd: dir, env: ENV })).code).toBe(1);
    await runCli(['migrate', '--workers', '0', '.'], { cwd: dir, env: ENV });
    const after = await runCli(['check', '.'], { cwd: dir, env: ENV });
    expect(after.stdout).not.toContain('go-v1-builder');
    expect(after.code).toBe(0);
  });
});

