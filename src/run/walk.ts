/**
 * Finds the files `migrate` and `check` look at (JS/TS by default; `check` widens the predicate). Directories are walked with .gitignore rules (nested files too,
 * plus the ones above the walked directory up to the repository root and `.git/info/exclude`).
 * `node_modules`, `.git`, `dist`, `build` and `coverage` are never entered. Symlinks are followed only
 * while they stay inside the walked directory. Files given explicitly are taken even when ignored
 * (the user asked for them), except inside node_modules; so are directories given explicitly, with
 * only the .gitignore files inside them applied.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { PathNotFoundError } from './errors.ts';

/** Extensions of the files the recipe can parse (`.go` goes to the Go room). */
export const SOURCE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx', '.go'] as const;

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

/** A directory or file the walker could not read (EACCES on a directory, a vanished entry); the rest is still walked. */
export interface WalkError {
  path: string;
  display: string;
  /** `could not read the directory (EACCES)` */
  message: string;
}

/** Source files, package.json files, skipped files and unreadable paths, each sorted by display path. */
export interface WalkResult {
  files: WalkedFile[];
  packageJsons: WalkedFile[];
  skipped: SkippedFile[];
  errors: WalkError[];
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

/**
 * Walks `paths` and returns what to read; throws PathNotFoundError naming every command-line path
 * that does not exist or cannot be resolved (dangling symlink, symlink loop). Directories and entries
 * that cannot be read below them become `errors`.
 */
export function walk(options: WalkOptions): WalkResult {
  const { cwd } = options;
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const accepts = options.isSourceFile ?? isSourceFile;
  const notSourceReason = options.notSourceReason ?? 'not a JavaScript, TypeScript or Go file';
  const inputs = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  const resolved = inputs.map((input) => ({ input, absolute: path.resolve(cwd, input), ...resolveInput(path.resolve(cwd, input)) }));
  const unresolved = resolved.filter((entry) => entry.problem !== undefined);
  if (unresolved.length > 0) throw new PathNotFoundError(unresolved.map((entry) => entry.input), unresolved.map((entry) => entry.problem as string));

  const files = new Map<string, WalkedFile>();
  const packageJsons = new Map<string, WalkedFile>();
  const skipped = new Map<string, SkippedFile>();
  const errors = new Map<string, WalkError>();
  const display = (absolute: string) => toDisplayPath(cwd, absolute);
  const fail = (absolute: string, what: string, error: unknown) => {
    errors.set(absolute, { path: absolute, display: display(absolute), message: `could not read the ${what} (${errorCode(error)})` });
  };

  const addFile = (absolute: string, realPath: string, stats: Pick<Stats, 'size'>, explicit: boolean) => {
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
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      fail(dir, 'directory', error);
      return;
    }
    // only a directory listing a .gitignore is asked for one (a failed read per directory costs a thrown error)
    const ownIgnore = entries.some((entry) => entry.name === '.gitignore') ? readIgnoreFile(path.join(dir, '.gitignore')) : undefined;
    const active = ownIgnore ? [...scopes, { base: dir, matcher: ownIgnore }] : scopes;
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      // checked before symlinks are resolved: a linked node_modules is still node_modules
      if ((entry.isDirectory() || entry.isSymbolicLink()) && (ALWAYS_SKIPPED_DIRS as readonly string[]).includes(entry.name)) continue;
      // a plain file of a kind nobody reads needs no stat: on a large tree most entries are such files
      if (entry.isFile() && entry.name !== 'package.json' && !accepts(entry.name)) continue;
      // a plain directory, or a plain file when no size limit applies, is known from its entry: no stat
      if (!entry.isSymbolicLink() && (entry.isDirectory() || (entry.isFile() && maxFileBytes === Number.POSITIVE_INFINITY))) {
        const isDir = entry.isDirectory();
        if (isIgnored(active, absolute, isDir)) continue;
        const realPath = path.join(dirReal, entry.name);
        if (!isDir) addFile(absolute, realPath, { size: 0 }, false); // no size limit: the size is never compared
        else if (!visitedDirs.has(realPath)) {
          visitedDirs.add(realPath);
          walkDir(absolute, realPath, root, active, visitedDirs);
        }
        continue;
      }
      let stats: Stats;
      let realPath = absolute;
      if (entry.isSymbolicLink()) {
        const target = realpathOrUndefined(absolute);
        if (target === undefined) continue; // dangling link: nothing to read
        if (!isInside(root, target)) {
          skipped.set(absolute, { path: absolute, display: display(absolute), reason: 'symlink pointing outside the walked directory' });
          continue;
        }
        realPath = target;
      } else {
        realPath = path.join(dirReal, entry.name);
      }
      try {
        stats = entry.isSymbolicLink() ? statSync(realPath) : lstatSync(absolute);
      } catch (error) {
        fail(absolute, entry.isDirectory() ? 'directory' : 'file', error);
        continue;
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

  for (const { absolute, realPath, stats } of resolved as Array<{ absolute: string; realPath: string; stats: Stats }>) {
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
  return {
    files: byDisplay(files.values()),
    packageJsons: byDisplay(packageJsons.values()),
    skipped: byDisplay(skipped.values()),
    errors: byDisplay(errors.values()),
  };
}

/** A command-line path's real path and stats, or why it cannot be walked. */
function resolveInput(absolute: string): { realPath?: string; stats?: Stats; problem?: string } {
  try {
    const realPath = realpathSync(absolute);
    return { realPath, stats: statSync(realPath) };
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { problem: lstatOrUndefined(absolute)?.isSymbolicLink() ? 'path not found (dangling symlink)' : 'path not found' };
    }
    if (code === 'ELOOP') return { problem: 'symlink loop' };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'permission denied' };
    return { problem: `cannot be read (${code})` };
  }
}

/** A file-system error's code (`EACCES`), or its message when it has none. */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
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
