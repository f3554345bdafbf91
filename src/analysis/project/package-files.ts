/**
 * The source files of the packages the candidates belong to, beyond the paths the run was given:
 * `migrate src/routes` must still see `app.js` writing the config a route reads, or a script calling
 * a wrapper with an absolute deadline. They are only looked at (as writers, readers, callers),
 * never edited; a fact that would need one of them edited is not given.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createModuleKindCache, findNearestPackageJson } from '../module-kind.ts';

const SOURCE = /\.[cm]?[jt]sx?$/;
const DECLARATION = /\.d\.[cm]?ts$/;
/** Enough for any token server; a larger tree is looked at up to here (the rest as before: unseen). */
const MAX_FILES = 20_000;

/** `runFiles` first, then the other JS/TS sources under the package roots of `candidates` (node_modules and dot directories skipped). */
export function packageSourceFiles(candidates: readonly string[], runFiles: readonly string[]): string[] {
  const cache = createModuleKindCache();
  const roots = new Set<string>();
  for (const candidate of candidates) {
    const packageJson = findNearestPackageJson(dirname(candidate), cache);
    if (packageJson) roots.add(dirname(packageJson));
  }
  const seen = new Set(runFiles);
  const files = [...runFiles];
  const visit = (dir: string) => {
    if (files.length >= MAX_FILES + runFiles.length) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && SOURCE.test(entry.name) && !DECLARATION.test(entry.name) && !seen.has(path)) {
        seen.add(path);
        files.push(path);
      }
    }
  };
  for (const root of roots) {
    let real: string;
    try {
      real = realpathSync(root);
    } catch {
      continue;
    }
    visit(real);
  }
  return files;
}
