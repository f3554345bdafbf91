/**
 * The files `check` reads: the same tree `migrate` walks (.gitignore honoured; node_modules, .git,
 * dist, build, coverage never entered), widened to the other languages, HTML and manifests.
 * TEMPORARY own walker: `src/run/walk.ts` selects JS/TS only; once it takes a file predicate this
 * module becomes a call to it.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { classifyCheckFile, type CheckFileKind } from './check-file.ts';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);
/** Larger files are not hand-written token servers (same limit as migrate). */
const MAX_FILE_BYTES = 1024 * 1024;

export interface CheckTarget {
  /** Absolute path to read. */
  path: string;
  /** Relative to cwd, `/` separators: what reports show. */
  display: string;
  kind: CheckFileKind;
}

/** One or more command-line paths that do not exist. */
export class CheckPathNotFoundError extends Error {
  constructor(readonly paths: string[]) {
    super(`path not found: ${paths.join(', ')}`);
    this.name = 'CheckPathNotFoundError';
  }
}

/** Path relative to cwd with forward slashes. */
export function toDisplayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return (relative === '' ? path.basename(absolute) : relative).split(path.sep).join('/');
}

interface IgnoreScope {
  base: string;
  matcher: Ignore;
}

function readIgnore(dir: string): IgnoreScope | undefined {
  try {
    return { base: dir, matcher: ignore().add(readFileSync(path.join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

function isIgnored(scopes: readonly IgnoreScope[], absolute: string, isDir: boolean): boolean {
  return scopes.some((scope) => {
    const relative = path.relative(scope.base, absolute).split(path.sep).join('/');
    return relative !== '' && !relative.startsWith('..') && scope.matcher.ignores(isDir ? `${relative}/` : relative);
  });
}

/** A file named on the command line that `check` does not read. */
export interface SkippedTarget {
  display: string;
  reason: string;
}

/** Lists the files to check under `paths` (default `.`), sorted; throws CheckPathNotFoundError. */
export function listCheckTargets(cwd: string, paths: readonly string[]): { targets: CheckTarget[]; skipped: SkippedTarget[] } {
  const inputs = paths.length > 0 ? paths : ['.'];
  const missing = inputs.filter((p) => lstatSync(path.resolve(cwd, p), { throwIfNoEntry: false }) === undefined);
  if (missing.length > 0) throw new CheckPathNotFoundError(missing);
  const targets = new Map<string, CheckTarget>();
  const skipped: SkippedTarget[] = [];
  const add = (absolute: string, stats: Stats, explicit: boolean) => {
    const kind = classifyCheckFile(absolute);
    if (!kind && explicit) skipped.push({ display: toDisplayPath(cwd, absolute), reason: 'not a kind of file check reads' });
    if (!kind || (!explicit && stats.size > MAX_FILE_BYTES)) return;
    const real = realpathSync(absolute);
    if (!targets.has(real)) targets.set(real, { path: absolute, display: toDisplayPath(cwd, absolute), kind });
  };
  const walkDir = (dir: string, scopes: IgnoreScope[], seen: Set<string>) => {
    const own = readIgnore(dir);
    const active = own ? [...scopes, own] : scopes;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const absolute = path.join(dir, entry.name);
      const stats = statSync(absolute, { throwIfNoEntry: false });
      if (!stats) continue; // dangling symlink
      if (stats.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || isIgnored(active, absolute, true)) continue;
        const real = realpathSync(absolute);
        if (seen.has(real)) continue; // symlink loop
        seen.add(real);
        walkDir(absolute, active, seen);
      } else if (stats.isFile() && !isIgnored(active, absolute, false)) {
        add(absolute, stats, false);
      }
    }
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const stats = statSync(absolute);
    if (stats.isDirectory()) walkDir(absolute, [], new Set([realpathSync(absolute)]));
    else if (stats.isFile()) add(absolute, stats, true);
  }
  const sorted = [...targets.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { targets: sorted, skipped };
}
