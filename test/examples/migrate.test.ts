/**
 * `agora-token-migrate migrate` turns each example's `before/` into its `after/`, byte for byte
 * (sources and package.json alike), and a second run finds nothing left to change.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli/main.ts';
import { ExitCode } from '../../src/cli/exit-codes.ts';
import { EXAMPLES_DIR, REPO_ROOT, listExampleDirs, listFiles } from './harness.ts';

/** The parts of `migrate --json` (src/run/report.ts) these tests read. */
interface MigrateJson {
  summary: { changed: number; errors: number; packageJsonsChanged: number };
  files: { path: string; status: string; reviews: unknown[] }[];
}

async function runCli(argv: string[]): Promise<{ exitCode: ExitCode; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: false,
    env: { NO_COLOR: '1' },
    cwd: REPO_ROOT,
  };
  const exitCode = await main(argv, io);
  return { exitCode, stdout, stderr };
}

describe('examples: migrate before/ → after/', () => {
  // Outside the repository: migrate honours .gitignore, which covers test/.tmp/.
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'agora-token-migrate-examples-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it.each(listExampleDirs())('%s', async (name) => {
    const dir = path.join(workDir, name);
    cpSync(path.join(EXAMPLES_DIR, name, 'before'), dir, { recursive: true });
    const first = await runCli(['migrate', '--json', dir]);
    expect(first.stderr).toBe('');
    expect(first.exitCode, first.stdout).toBe(ExitCode.Ok);
    // every example is written in shapes the recipe can prove: nothing is left for manual review
    const firstReport = JSON.parse(first.stdout) as MigrateJson;
    expect(firstReport.files.flatMap((file) => file.reviews)).toEqual([]);
    expect(firstReport.summary.errors).toBe(0);
    expect(firstReport.summary.changed).toBeGreaterThan(0);

    const after = path.join(EXAMPLES_DIR, name, 'after');
    expect(listFiles(dir)).toEqual(listFiles(after));
    for (const file of listFiles(after)) {
      expect(readFileSync(path.join(dir, file), 'utf8'), file).toBe(readFileSync(path.join(after, file), 'utf8'));
    }

    const second = await runCli(['migrate', '--dry-run', '--json', dir]);
    expect(second.exitCode).toBe(ExitCode.Ok);
    const secondReport = JSON.parse(second.stdout) as MigrateJson;
    expect(secondReport.summary.changed).toBe(0);
    expect(secondReport.summary.packageJsonsChanged).toBe(0);
  });
});
