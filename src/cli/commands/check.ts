import { Option, type Command } from 'commander';
import type { CliIO, SetExitCode } from '../main.ts';
import { ExitCode } from '../exit-codes.ts';
import type { CheckReport } from '../../check/finding.ts';
import { CheckPathNotFoundError } from '../../check/files.ts';
import { formatReport, OUTPUT_FORMATS, type OutputFormat } from '../../check/format/index.ts';
import { renderRulesTable } from '../../check/rules.ts';

interface CheckFlags {
  format: OutputFormat;
  strict?: boolean;
}

const EXAMPLES = `
Examples:
  $ agora-token-migrate check                          check the current directory
  $ agora-token-migrate check src server.py            only these paths
  $ agora-token-migrate check --format sarif > agora.sarif
  $ agora-token-migrate check --format github          annotations in a GitHub Actions log

Scans JS/TS (by binding-resolved analysis), Go, Python, Java, PHP, C/C++, C#, HTML, package.json
and pubspec.yaml under the given paths (default .), honouring .gitignore like migrate.
Exit code 0: no findings (warnings alone pass unless --strict); 1: findings; 2: a file could not
be checked, a path does not exist, or a usage error.

Suppress a deliberate exception on the next line with a comment naming the rule:
  // agora-token-migrate-ignore-next-line v1-builder-call -- decodes legacy tokens on purpose

Rules:
`;

/** Exit code for a finished check: tool errors win, then errors, then warnings under --strict. */
export function checkExitCode(report: CheckReport, strict: boolean): ExitCode {
  if (report.toolErrors.length > 0) return ExitCode.Error;
  if (report.findings.some((f) => f.severity === 'error' || strict)) return ExitCode.Findings;
  return ExitCode.Ok;
}

/** Registers `check [paths...]`: the CI gate that fails while any v1 token builder remains. */
export function registerCheck(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('check')
    .description('report every AccessToken (006) builder, half-finished migration and old client SDK; exit 1 while any remains')
    .argument('[paths...]', 'files and directories to check (default: .)')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
    .option('--strict', 'exit 1 on warnings too (old client SDKs, unused suppressions)')
    .addHelpText('after', EXAMPLES + renderRulesTable())
    .action(async (paths: string[], flags: CheckFlags) => {
      setExitCode(await runCheckCommand(paths, flags, io, program.version() ?? '0.0.0'));
    });
}

async function runCheckCommand(paths: string[], flags: CheckFlags, io: CliIO, toolVersion: string): Promise<ExitCode> {
  let report: CheckReport;
  try {
    // loaded here, not at start-up, like the analysis it loads only when a file needs it
    const { runCheck } = await import('../../check/run.ts');
    report = await runCheck({ cwd: io.cwd, paths });
  } catch (error) {
    if (error instanceof CheckPathNotFoundError) {
      io.stderr(`agora-token-migrate check: ${error.message}\n`);
      return ExitCode.Error;
    }
    throw error;
  }
  // https://no-color.org: any non-empty NO_COLOR disables colour
  const color = io.isTTY && !io.env.NO_COLOR;
  io.stdout(formatReport(report, flags.format, { color, toolVersion, cwd: io.cwd }));
  for (const s of report.skipped ?? []) io.stderr(`agora-token-migrate check: skipped ${s.display}: ${s.reason}\n`);
  for (const e of report.toolErrors) {
    const at = e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : '';
    io.stderr(`agora-token-migrate check: ${e.file}${at}: could not be checked: ${e.message}\n`);
  }
  return checkExitCode(report, Boolean(flags.strict));
}
