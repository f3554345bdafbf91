/** Errors the migrate runner throws for the whole run (per-file problems are reported, not thrown). */

/**
 * Paths given on the command line that do not exist or cannot be resolved; `reasons[i]` says why
 * for `paths[i]` (`path not found`, `path not found (dangling symlink)`, `symlink loop`, …).
 */
export class PathNotFoundError extends Error {
  readonly reasons: string[];
  constructor(
    readonly paths: string[],
    reasons?: string[],
  ) {
    const why = reasons ?? paths.map(() => 'path not found');
    const notFound = paths.filter((_, index) => why[index] === 'path not found');
    const others = paths.flatMap((file, index) => (why[index] === 'path not found' ? [] : [`${file}: ${why[index]}`]));
    super([...(notFound.length > 0 ? [`path not found: ${notFound.join(', ')}`] : []), ...others].join('; '));
    this.reasons = why;
    this.name = 'PathNotFoundError';
  }
}

/** The files the run would change have uncommitted git changes; nothing was written. */
export class DirtyWorkingTreeError extends Error {
  constructor(readonly files: string[]) {
    super(
      `refusing to migrate: ${files.length === 1 ? 'this file has' : 'these files have'} uncommitted changes:\n` +
        files.map((file) => `  ${file}\n`).join('') +
        'Commit or stash them first (so the migration can be reviewed and reverted), or rerun with --force.',
    );
    this.name = 'DirtyWorkingTreeError';
  }
}

/** The compiled worker entry is missing (running from TypeScript sources without a build). */
export class WorkerEntryMissingError extends Error {
  constructor(readonly entry: string) {
    super(`worker entry ${entry} not found: run \`npx tsc -p tsconfig.build.json\` first, or use workers: 0`);
    this.name = 'WorkerEntryMissingError';
  }
}
