/**
 * The end-to-end check a user runs after migrating: start the old and the new server, then
 * `agora-token-migrate verify --old-url … --new-url … --cases examples/<name>/cases.json`
 * (in-process through the CLI's `main`, so the cases file, flags and exit code are the real ones).
 */
import { main, type CliIO } from '../../src/cli/main.ts';
import type { ExitCode } from '../../src/cli/exit-codes.ts';
import type { ServersReport } from '../../src/verify/index.ts';
import { REPO_ROOT, TEST_APP_CERTIFICATE, startExample, type RunningServer } from './harness.ts';
import { casesFile } from './requests.ts';

/** What `verify --json` printed and returned for one old/new pair. */
export interface EquivalenceRun {
  exitCode: ExitCode;
  report: ServersReport | undefined;
  stdout: string;
  stderr: string;
  oldServerStderr: string;
  newServerStderr: string;
}

/** Starts example `name` from `oldDir` and `newDir`, verifies them against each other, stops both. */
export async function verifyExamplePair(name: string, oldDir: string, newDir: string): Promise<EquivalenceRun> {
  const servers: RunningServer[] = [];
  try {
    const oldServer = await startExample(name, oldDir, 'old');
    servers.push(oldServer);
    const newServer = await startExample(name, newDir, 'new');
    servers.push(newServer);

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
      env: {},
      cwd: REPO_ROOT,
    };
    const argv = ['verify', '--old-url', oldServer.url, '--new-url', newServer.url, '--cases', casesFile(name), '--app-certificate', TEST_APP_CERTIFICATE, '--json'];
    const exitCode = await main(argv, io);
    let report: ServersReport | undefined;
    try {
      report = JSON.parse(stdout) as ServersReport;
    } catch {
      report = undefined;
    }
    return { exitCode, report, stdout, stderr, oldServerStderr: oldServer.stderr(), newServerStderr: newServer.stderr() };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** The differences of a report in a few readable lines, for assertion messages. */
export function describeDifferences(run: EquivalenceRun): string {
  if (!run.report) return `verify printed no JSON report (exit ${run.exitCode}): ${run.stderr}${run.stdout}`;
  const lines = run.report.cases
    .filter((c) => c.status !== 'equivalent')
    .map((c) => {
      const details = [
        ...c.fieldDifferences.map((d) => `${d.path}: ${d.message}`),
        ...c.tokens.flatMap((t) => t.differences.map((d) => `${t.path} ${d.claim}: ${d.message}`)),
        ...[c.old.error, c.new.error].filter((e): e is string => e !== undefined),
      ];
      return `${c.name} (${c.status}): ${details.join('; ')}`;
    });
  return lines.join('\n') || 'no differing case';
}
