/** Human-readable rendering of a migration report: diffs, review items, errors and the closing summary. */
import path from 'node:path';
import { colorizePatch, createFilePatch, type Colors, type FileChange } from './diff.ts';
import type { FileError, MigrationReport } from './types.ts';

/**
 * Every change of the run (sources, then package.json files) as patch input; paths are the display
 * paths, or relative to `base` (an absolute, symlink-free directory such as the git root) when given.
 */
export function collectChanges(report: MigrationReport, base?: string): FileChange[] {
  return [...report.files, ...report.packageJsons]
    .filter((file) => file.before !== undefined && file.after !== undefined && file.status === 'changed')
    .map((file) => ({
      path: base === undefined ? file.path : path.relative(base, file.realPath).split(path.sep).join('/'),
      before: file.before as string,
      after: file.after as string,
    }));
}

/** The diff of every change, coloured when `colors` is enabled. */
export function formatDiff(report: MigrationReport, colors: Colors): string {
  return collectChanges(report)
    .map((change) => colorizePatch(createFilePatch(change), colors))
    .join('');
}

/** `file:line:col: manual review (transform): reason`, one per line. */
export function formatReviews(report: MigrationReport, colors: Colors): string {
  const lines: string[] = [];
  for (const file of [...report.files, ...report.packageJsons]) {
    for (const review of file.reviews ?? []) {
      lines.push(`${review.file}:${review.line}:${review.column}: ${colors.yellow('manual review')} (${review.transform}): ${review.reason}`);
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** `file:line:col: error: message` and what to do, for every file that failed. */
export function formatErrors(report: MigrationReport, colors: Colors): string {
  return [...report.files, ...report.packageJsons]
    .filter((file) => file.status === 'error' && file.error)
    .map((file) => formatFileError(file.path, file.error as FileError, colors))
    .join('');
}

function formatFileError(file: string, error: FileError, colors: Colors): string {
  const where = error.line === undefined ? file : `${file}:${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
  return `${where}: ${colors.red('error')}: ${error.message}\n  ${error.hint}\n`;
}

/** What the run did, in one short paragraph; `mode` says whether files were written, only shown, or put into a patch. */
export function formatSummary(report: MigrationReport, mode: 'write' | 'dry-run' | 'patch', colors: Colors, patchFile?: string): string {
  const { summary } = report;
  const seconds = `${(report.elapsedMs / 1000).toFixed(1)} s`;
  const lines: string[] = [];
  const changedFiles = summary.changed + summary.packageJsonsChanged;
  if (changedFiles === 0) {
    lines.push(`Nothing to migrate: ${plural(summary.scanned, 'file')} scanned, none needs changes (${seconds}).`);
  } else {
    const verb = mode === 'write' ? 'Migrated' : 'Would migrate';
    const parts = [`${verb} ${plural(summary.changed, 'source file')} (${plural(summary.edits, 'edit')})`];
    if (summary.packageJsonsChanged > 0) parts.push(plural(summary.packageJsonsChanged, 'package.json file'));
    lines.push(`${colors.bold(parts.join(' and '))}; ${plural(summary.scanned, 'file')} scanned in ${seconds}.`);
  }
  for (const file of report.files) {
    for (const change of file.edits.filter((e) => e.signatureChange)) lines.push(colors.yellow(`Signature changed: ${change.file}:${change.line}: ${change.description}.`));
  }
  if (summary.needsReview > 0) {
    lines.push(
      colors.yellow(`${plural(summary.needsReview, 'file needs', 'files need')} manual review (${plural(summary.reviewItems, 'item')}, listed above).`),
    );
  }
  if (summary.skipped > 0) lines.push(`${plural(summary.skipped, 'file')} skipped (binary, minified, generated, too large or outside the tree; see --json).`);
  const unread = report.files.filter((file) => file.status === 'skipped' && file.mentionsAgora);
  if (unread.length > 0) {
    lines.push(colors.yellow(`Skipped, though ${unread.length === 1 ? 'it mentions' : 'they mention'} Agora (name a minified or generated file explicitly to migrate it anyway; \`check\` reads them all):`));
    for (const file of unread) lines.push(`  ${file.path}: ${file.reason}`);
  }
  if (summary.errors > 0) lines.push(colors.red(`${plural(summary.errors, 'file')} could not be migrated (listed above); the others were processed.`));
  if (changedFiles === 0 && mode === 'patch') lines.push(`Wrote an empty ${patchFile}.`);
  if (changedFiles > 0) {
    if (mode === 'dry-run') lines.push('Dry run: no file was written.');
    if (mode === 'patch') lines.push(`Wrote ${patchFile}; apply it with \`git apply ${patchFile}\`. No source file was written.`);
  }
  if (report.files.some((file) => file.status === 'changed' && file.path.endsWith('.go'))) {
    lines.push('go.mod and go.sum were not edited: the v2 Go packages (rtctokenbuilder2, rtmtokenbuilder2) are in the same module as the v1 ones.');
  }
  for (const hint of report.reinstall) {
    const action = mode === 'write' ? 'Run' : 'After applying, run';
    const where = hint.dir === '.' ? '' : ` in ${hint.dir}`;
    const packages = hint.packages?.length ? hint.packages.join(' and ') : 'agora-token';
    lines.push(`package.json now depends on ${packages}: ${action} \`${hint.command}\`${where} to update node_modules and the lockfile.`);
  }
  for (const pkg of report.packageJsons) {
    if (pkg.status !== 'changed' || !pkg.changes.some((change) => change.action === 'added')) continue;
    lines.push(
      colors.yellow(`${pkg.path} keeps agora-access-token next to agora-token: a file of that package still imports it (a name kept for review, or a file that failed); remove it once they are migrated.`),
    );
  }
  return lines.map((line) => `${line}\n`).join('');
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
