import { writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import picocolors from 'picocolors';
import type { CliIO, SetExitCode } from '../main.ts';
import { ExitCode } from '../exit-codes.ts';
import { createPatch } from '../../run/diff.ts';
import { DirtyWorkingTreeError, PathNotFoundError } from '../../run/errors.ts';
import { collectChanges, formatDiff, formatErrors, formatReviews, formatSummary } from '../../run/format.ts';
import { gitTopLevel } from '../../run/git.ts';
import { toJsonReport } from '../../run/report.ts';

/** Runs with at least this many files get a progress bar (on a terminal, outside CI, without --json). */
const PROGRESS_BAR_MIN_FILES = 200;

interface MigrateFlags {
  dryRun?: boolean;
  patch?: string;
  force?: boolean;
  json?: boolean;
  workers: string;
}

const EXAMPLES = `
Examples:
  $ agora-token-migrate migrate --dry-run          show the diff for the current directory, write nothing
  $ agora-token-migrate migrate                    migrate in place (refuses files with uncommitted changes)
  $ agora-token-migrate migrate src api/token.ts   only these paths
  $ agora-token-migrate migrate --patch agora.patch && git apply agora.patch
  $ agora-token-migrate migrate --dry-run --json > report.json

Walks the given paths (default .) honouring .gitignore; node_modules, .git, dist, build and
coverage are never entered. A file named explicitly is migrated even if ignored (not inside
node_modules). Exit code 0 when done (manual-review items are reported, not failures), 2 when a
file failed to parse or could not be written (the others are still migrated) or on usage errors.`;

/** Registers `migrate [paths...]`: the recipe over a tree, with dry-run diff, patch output and a JSON report. */
export function registerMigrate(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('migrate')
    .description('rewrite agora-access-token (AccessToken 006) token code to agora-token (AccessToken2 007) in place')
    .argument('[paths...]', 'files and directories to migrate (default: .)')
    .option('--dry-run', 'write nothing; print the unified diff of every file that would change')
    .option('--patch <file>', 'write the changes as a patch for `git apply` instead of changing the files')
    .option('--force', 'write even when the files to change have uncommitted git changes')
    .option('--json', 'print a machine-readable report instead of the diff and summary')
    .addOption(new Option('--workers <n>', 'parser threads: a number (0 parses in-process) or "auto"').default('auto'))
    .addHelpText('after', EXAMPLES)
    .action(async (paths: string[], flags: MigrateFlags) => {
      setExitCode(await runMigrate(paths, flags, io));
    });
}

async function runMigrate(paths: string[], flags: MigrateFlags, io: CliIO): Promise<ExitCode> {
  const workers = parseWorkers(flags.workers);
  if (workers === undefined) {
    io.stderr(`agora-token-migrate migrate: --workers must be a whole number or "auto", not ${JSON.stringify(flags.workers)}\n`);
    return ExitCode.Error;
  }
  const colors = picocolors.createColors(io.isTTY && !io.env.NO_COLOR);
  // the bar is drawn on stderr: `migrate --dry-run > changes.diff` in a terminal still shows it, `2> log` does not
  const showProgress = io.stderrIsTTY === true && !io.env.CI && !flags.json;
  const bar = showProgress ? createProgressBar(io) : undefined;
  const dryRun = Boolean(flags.dryRun) || flags.patch !== undefined;

  let report;
  try {
    // loaded here, not at start-up: the other commands never pay for the parsers
    const { migrate } = await import('../../run/migrate.ts');
    report = await migrate({
      cwd: io.cwd,
      paths,
      dryRun,
      force: flags.force,
      workers,
      onProgress: bar ? (done, total) => bar.update(done, total) : undefined,
    });
  } catch (error) {
    if (error instanceof PathNotFoundError || error instanceof DirtyWorkingTreeError) {
      io.stderr(`agora-token-migrate migrate: ${error.message}\n`);
      return ExitCode.Error;
    }
    throw error;
  } finally {
    bar?.stop();
  }

  let patchFile: string | undefined;
  if (flags.patch !== undefined) {
    patchFile = flags.patch;
    // git apply resolves patch paths from the repository root, wherever it is run
    const base = (await gitTopLevel(io.cwd)) ?? realpathSync(io.cwd);
    const changes = collectChanges(report, base);
    // git apply refuses a whole patch that names one path above its root
    const outside = changes.filter((change) => change.path === '..' || change.path.startsWith('../'));
    if (outside.length > 0) {
      io.stderr(
        `agora-token-migrate migrate: --patch: ${outside.length === 1 ? 'this file is' : 'these files are'} outside ${base}, which \`git apply\` would refuse:
` +
          `${outside.map((change) => `  ${change.path}
`).join('')}Run the migration from a directory that contains every path, or without those paths.
`,
      );
      return ExitCode.Error;
    }
    const patch = createPatch(changes);
    try {
      await writeFile(path.resolve(io.cwd, flags.patch), patch);
    } catch (error) {
      io.stderr(`agora-token-migrate migrate: could not write the patch ${flags.patch}: ${(error as Error).message}\n`);
      return ExitCode.Error;
    }
  }

  if (flags.json) {
    io.stdout(`${JSON.stringify(toJsonReport(report, { patch: patchFile }), null, 2)}\n`);
  } else {
    if (flags.dryRun && flags.patch === undefined) io.stdout(formatDiff(report, colors));
    io.stdout(formatReviews(report, colors));
    io.stderr(formatErrors(report, colors));
    io.stdout(formatSummary(report, flags.patch !== undefined ? 'patch' : dryRun ? 'dry-run' : 'write', colors, patchFile));
  }
  return report.summary.errors > 0 ? ExitCode.Error : ExitCode.Ok;
}

/** A progress bar on stderr that appears once a run turns out to be long. */
function createProgressBar(io: CliIO): { update: (done: number, total: number) => void; stop: () => void } {
  const stream = { isTTY: true, columns: 80, write: (text: string) => (io.stderr(text), true) } as unknown as NodeJS.WriteStream;
  const bar = new cliProgress.SingleBar(
    { stream, format: 'migrate [{bar}] {value}/{total} files', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started && total >= PROGRESS_BAR_MIN_FILES) {
        bar.start(total, done);
        started = true;
      } else if (started) {
        bar.update(done);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function parseWorkers(value: string): number | 'auto' | undefined {
  if (value === 'auto') return 'auto';
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
