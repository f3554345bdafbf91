/** The git guard of `migrate`: which of the files it would change have uncommitted changes. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Returns the absolute paths among `files` that are modified, staged, untracked or otherwise differ
 * from HEAD in their git repository. Untracked and ignored files count: git could not restore them either.
 * Files outside any repository (or when git is not installed) are clean.
 */
export async function findUncommittedFiles(files: string[]): Promise<string[]> {
  const byRepo = new Map<string, string[]>();
  const topByDir = new Map<string, string | null>();
  for (const file of files) {
    const dir = path.dirname(file);
    let top = topByDir.get(dir);
    if (top === undefined) {
      top = await gitTopLevel(dir);
      topByDir.set(dir, top);
    }
    if (top === null) continue;
    byRepo.set(top, [...(byRepo.get(top) ?? []), file]);
  }
  const dirty: string[] = [];
  for (const [top, repoFiles] of byRepo) {
    const { stdout } = await execFileAsync(
      'git',
      ['-C', top, 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--ignored=matching', '--', ...repoFiles.map((file) => path.relative(top, file))],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const changed = new Set<string>();
    // git names a wholly ignored directory (`!! local/`), not the files in it
    const changedDirs: string[] = [];
    const records = stdout.split('\0');
    for (let index = 0; index < records.length; index++) {
      const record = records[index];
      if (record.length < 4) continue;
      const name = record.slice(3);
      if (name.endsWith('/')) changedDirs.push(path.resolve(top, name) + path.sep);
      else changed.add(path.resolve(top, name));
      // a rename/copy record is followed by its source path, which is not one of ours
      if (record[0] === 'R' || record[0] === 'C') index++;
    }
    for (const file of repoFiles) if (changed.has(file) || changedDirs.some((dir) => file.startsWith(dir))) dirty.push(file);
  }
  return dirty;
}

/** The root of the git work tree containing `dir`, or null outside a repository (or without git). */
export async function gitTopLevel(dir: string): Promise<string | null> {
  try {
    const { stdout } = await execFileAsync('git', ['-C', dir, 'rev-parse', '--show-toplevel']);
    return stdout.trim();
  } catch {
    // not a repository, or git is not installed: nothing to protect
    return null;
  }
}
