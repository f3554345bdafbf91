/**
 * The files `check` reads: the tree `migrate` walks (`src/run/walk.ts`: .gitignore files including
 * those above the walked directory and `.git/info/exclude`; node_modules, .git, dist, build, coverage
 * never entered; symlinks leaving the walked directory skipped), widened to the other languages,
 * HTML and manifests. Unlike `migrate`, no file is skipped for its size: a gate must not pass a
 * file it did not read (one too large to read at all becomes a tool error in `runCheck`).
 */
import { PathNotFoundError } from '../run/errors.ts';
import { walk, type WalkedFile } from '../run/walk.ts';
import { classifyCheckFile, type CheckFileKind } from './check-file.ts';
import type { RawFinding } from './finding.ts';

export interface CheckTarget {
  /** Absolute path to read. */
  path: string;
  /** Relative to cwd, `/` separators: what reports show. */
  display: string;
  kind: CheckFileKind;
  /** Findings of a check over several files (the post-migration type check), joined to the file's own. */
  extraFindings?: RawFinding[];
}

/** One or more command-line paths that do not exist: the walker's own error, under check's name. */
export { PathNotFoundError as CheckPathNotFoundError };

/** A file named on the command line (or reached by walking) that `check` does not read, and why. */
export interface SkippedTarget {
  display: string;
  reason: string;
}

const isCheckable = (name: string): boolean => classifyCheckFile(name) !== undefined;

function toTarget(file: WalkedFile): CheckTarget {
  // walk accepted the name through isCheckable (or as a package.json), so it has a kind
  return { path: file.path, display: file.display, kind: classifyCheckFile(file.path) as CheckFileKind };
}

/** A directory (or entry) below the given paths that could not be read: a tool error, the rest is still checked. */
export interface UnreadableTarget {
  display: string;
  message: string;
}

/** Lists the files to check under `paths` (default `.`), sorted; throws CheckPathNotFoundError. */
export function listCheckTargets(
  cwd: string,
  paths: readonly string[],
): { targets: CheckTarget[]; skipped: SkippedTarget[]; unreadable: UnreadableTarget[] } {
  const result = walk({
    cwd,
    paths: [...paths],
    isSourceFile: isCheckable,
    notSourceReason: 'not a kind of file check reads',
    maxFileBytes: Number.POSITIVE_INFINITY,
  });
  const targets = [...result.files, ...result.packageJsons].map(toTarget);
  targets.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return {
    targets,
    skipped: result.skipped.map(({ display, reason }) => ({ display, reason })),
    unreadable: result.errors.map(({ display, message }) => ({ display, message })),
  };
}
