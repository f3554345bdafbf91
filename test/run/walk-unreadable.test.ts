/**
 * A directory the walker cannot list (EACCES on scandir) is a per-path error: the rest of the tree is
 * still migrated or checked, and the run exits 2 naming the directory. The tests run as root in CI
 * containers, where chmod 000 does not stop readdir, so `readdirSync` fails for directories named
 * `locked` through a module mock.
 */
import { describe, expect, it, vi } from 'vitest';
import { runCheck } from '../../src/check/run.ts';
import { migrate } from '../../src/run/migrate.ts';
import { walk } from '../../src/run/walk.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir, V1_CJS_SERVER, writeTree } from './helpers.ts';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = ((dir: string, ...rest: unknown[]) => {
    if (/[/\\]locked$/.test(String(dir))) {
      throw Object.assign(new Error(`EACCES: permission denied, scandir '${String(dir)}'`), { code: 'EACCES', syscall: 'scandir', path: String(dir) });
    }
    return (fs.readdirSync as (...args: unknown[]) => unknown)(dir, ...rest);
  }) as typeof fs.readdirSync;
  return { ...fs, readdirSync, default: { ...fs, readdirSync } };
});

const tree = () => {
  const root = tempDir();
  writeTree(root, { 'locked/secret.js': V1_CJS_SERVER, 'open/server.js': V1_CJS_SERVER });
  return root;
};

describe('an unreadable directory', () => {
  it('walk: reported in errors, the rest still walked', () => {
    const root = tree();
    const result = walk({ cwd: root });
    expect(result.files.map((file) => file.display)).toEqual(['open/server.js']);
    expect(result.errors.map(({ display, message }) => ({ display, message }))).toEqual([{ display: 'locked', message: 'could not read the directory (EACCES)' }]);
  });

  it('migrate: an error report for the directory, the other files migrated', async () => {
    const root = tree();
    const report = await migrate({ cwd: root, dryRun: true, workers: 0 });
    const byPath = Object.fromEntries(report.files.map((file) => [file.path, file]));
    expect(byPath['locked']).toMatchObject({ status: 'error', error: { message: 'could not read the directory (EACCES)' } });
    expect(byPath['open/server.js'].status).toBe('changed');
    expect(report.summary.errors).toBe(1);
  });

  it('check: a tool error naming the directory, the other files checked', async () => {
    const root = tree();
    const report = await runCheck({ cwd: root });
    expect(report.toolErrors).toEqual([{ file: 'locked', message: 'could not read the directory (EACCES)' }]);
    expect(report.findings.map((finding) => finding.file)).toContain('open/server.js');
  });

  it('the CLI exits 2 with a message naming the directory, no stack trace', async () => {
    const root = tree();
    const check = await runCli(['check'], { cwd: root });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('agora-token-migrate check: locked: could not be checked: could not read the directory (EACCES)\n');
    expect(check.stderr).not.toMatch(/\n\s+at /);
    const migrated = await runCli(['migrate', '--dry-run', '--workers', '0'], { cwd: root });
    expect(migrated.code).toBe(2);
    expect(migrated.stderr).toContain('locked');
    expect(migrated.stderr).toContain('could not read the directory (EACCES)');
    expect(migrated.stdout).toContain('open/server.js');
  });
});
