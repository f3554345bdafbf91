/**
 * Finds the files `migrate` and `check` look at (JS/TS by default; `check` widens the predicate). Directories are walked with .gitignore rules (nested files too,
 * plus the ones above the walked directory up to the repository root and `.git/info/exclude`).
 * `node_modules`, `.git`, `dist`, `build` and `coverage` are never entered. Symlinks are followed only
 * while they stay inside the walked directory. Files given explicitly are taken even when ignored
 * (the user asked for them), except inside node_modules; so are directories given explicitly, with
 * only the .gitignore files inside them applied.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { PathNotFoundError } from './errors.ts';

/** Extensions of the files the recipe can parse. */
export const SOURCE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;

/** Directory names that are never entered: dependencies, VCS data and build output. */
export const ALWAYS_SKIPPED_DIRS = ['node_modules', '.git', 'dist', 'build', 'coverage'] as const;

/** Files larger than this are skipped unread (1 MiB): hand-written token servers are far smaller. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** A file the runner will read. */
export interface WalkedFile {
  /** Absolute path as reached (may go through a symlink inside the root). */
  path: string;
  /** Absolute path with symlinks resolved: what is read and written. */
  realPath: string;
  /** Relative to the working directory, forward slashes. */
  display: string;
  /** Named on the command line rather than found by walking. */
  explicit: boolean;
}

/** A file the walker saw but will not read. */
export interface SkippedFile {
  path: string;
  display: string;
  reason: string;
}

/** Source files, package.json files and skipped files, each sorted by display path. */
export interface WalkResult {
  files: WalkedFile[];
  packageJsons: WalkedFile[];
  skipped: SkippedFile[];
}

export interface WalkOptions {
  cwd: string;
  /** Files and directories, relative to cwd or absolute; default `.`. */
  paths?: string[];
  maxFileBytes?: number;
  /** Which file names are read (package.json always goes to `packageJsons`); default: isSourceFile. */
  isSourceFile?: (name: string) => boolean;
  /** Why an explicitly named file that fails `isSourceFile` is skipped. */
  notSourceReason?: string;
}

interface IgnoreScope {
  base: string;
  matcher: Ignore;
}

/** Walks `paths` and returns what to read; throws PathNotFoundError naming every missing path. */
export function walk(options: WalkOptions): WalkResult {
  const { cwd } = options;
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const accepts = options.isSourceFile ?? isSourceFile;
  const notSourceReason = options.notSourceReason ?? 'not a JavaScript or TypeScript file';
  const inputs = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const missing = inputs.filter((input) => lstatOrUndefined(path.resolve(cwd, input)) === undefined);
  if (missing.length > 0) throw new PathNotFoundError(missing);

  const files = new Map<string, WalkedFile>();
  const packageJsons = new Map<string, WalkedFile>();
  const skipped = new Map<string, SkippedFile>();
  const display = (absolute: string) => toDisplayPath(cwd, absolute);

  const addFile = (absolute: string, realPath: string, stats: Stats, explicit: boolean) => {
    const name = path.basename(absolute);
    if (name === 'package.json') {
      if (!packageJsons.has(realPath)) packageJsons.set(realPath, { path: absolute, realPath, display: display(absolute), explicit });
      return;
    }
    if (!accepts(name)) {
      if (explicit) skipped.set(absolute, { path: absolute, display: display(absolute), reason: notSourceReason });
      return;
    }
    if (stats.size > maxFileBytes) {
      skipped.set(absolute, { path: absolute, display: display(absolute), reason: `larger than ${formatBytes(maxFileBytes)}` });
      return;
    }
    if (!files.has(realPath)) files.set(realPath, { path: absolute, realPath, display: display(absolute), explicit });
  };

  const walkDir = (dir: string, dirReal: string, root: string, scopes: IgnoreScope[], visitedDirs: Set<string>) => {
    const ownIgnore = readIgnoreFile(path.join(dir, '.gitignore'));
    const active = ownIgnore ? [...scopes, { base: dir, matcher: ownIgnore }] : scopes;
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      // checked before symlinks are resolved: a linked node_modules is still node_modules
      if ((entry.isDirectory() || entry.isSymbolicLink()) && (ALWAYS_SKIPPED_DIRS as readonly string[]).includes(entry.name)) continue;
      let stats: Stats;
      let realPath = absolute;
      if (entry.isSymbolicLink()) {
        const target = realpathOrUndefined(absolute);
        if (target === undefined) continue; // dangling link: nothing to read
        if (!isInside(root, target)) {
          skipped.set(absolute, { path: absolute, display: display(absolute), reason: 'symlink pointing outside the walked directory' });
          continue;
        }
        stats = statSync(target);
        realPath = target;
      } else {
        stats = lstatSync(absolute);
        realPath = path.join(dirReal, entry.name);
      }
      const isDir = stats.isDirectory();
      if (isIgnored(active, absolute, isDir)) continue;
      if (isDir) {
        if (visitedDirs.has(realPath)) continue; // a symlink loop or a second link to the same directory
        visitedDirs.add(realPath);
        walkDir(absolute, realPath, root, active, visitedDirs);
      } else if (stats.isFile()) {
        addFile(absolute, realPath, stats, false);
      }
    }
  };

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const realPath = realpathSync(absolute);
    const stats = statSync(realPath);
    if (stats.isDirectory()) {
      if (isInsideNodeModules(absolute)) continue;
      const ancestors = ancestorIgnoreScopes(absolute);
      // a directory named explicitly is walked even when ignored itself; only its own .gitignore files apply then
      const scopes = isIgnored(ancestors, absolute, true) ? [] : ancestors;
      walkDir(absolute, realPath, realPath, scopes, new Set([realPath]));
    } else if (stats.isFile()) {
      if (isInsideNodeModules(absolute)) {
        skipped.set(absolute, { path: absolute, display: display(absolute), reason: 'inside node_modules' });
        continue;
      }
      addFile(absolute, realPath, stats, true);
    }
  }

  const byDisplay = <T extends { display: string }>(items: Iterable<T>) =>
    [...items].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return { files: byDisplay(files.values()), packageJsons: byDisplay(packageJsons.values()), skipped: byDisplay(skipped.values()) };
}

/** True for the extensions in SOURCE_EXTENSIONS (declaration files `.d.ts` hold no code to migrate). */
export function isSourceFile(name: string): boolean {
  if (/\.d\.[cm]?ts$/.test(name)) return false;
  return (SOURCE_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}

/** Path relative to cwd with forward slashes (what reports and patches show). */
export function toDisplayPath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

function isIgnored(scopes: IgnoreScope[], absolute: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const relative = path.relative(scope.base, absolute).split(path.sep).join('/');
    if (relative === '' || relative.startsWith('..')) continue;
    if (scope.matcher.ignores(isDir ? `${relative}/` : relative)) return true;
  }
  return false;
}

/**
 * The .gitignore files above `dir` up to the repository root (and `.git/info/exclude`), so that
 * `migrate src` honours the rules written at the root. Outside a repository only `dir` and below count.
 */
function ancestorIgnoreScopes(dir: string): IgnoreScope[] {
  const ancestors: string[] = [];
  let repoRoot: string | undefined;
  for (let current = dir; repoRoot === undefined; current = path.dirname(current)) {
    if (current !== dir) ancestors.unshift(current);
    if (lstatOrUndefined(path.join(current, '.git')) !== undefined) repoRoot = current;
    else if (path.dirname(current) === current) return [];
  }
  const scopes: IgnoreScope[] = [];
  const exclude = readIgnoreFile(path.join(repoRoot, '.git', 'info', 'exclude'));
  if (exclude) scopes.push({ base: repoRoot, matcher: exclude });
  if (repoRoot === dir) return scopes;
  for (const ancestor of ancestors) {
    const matcher = readIgnoreFile(path.join(ancestor, '.gitignore'));
    if (matcher) scopes.push({ base: ancestor, matcher });
  }
  return scopes;
}

function readIgnoreFile(file: string): Ignore | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}

function isInsideNodeModules(absolute: string): boolean {
  return absolute.split(path.sep).includes('node_modules');
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function lstatOrUndefined(file: string): Stats | undefined {
  return lstatSync(file, { throwIfNoEntry: false });
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
