/** Unified diffs of migrated files: git-style patches (`git apply` accepts them) and their coloured rendering. */
import { structuredPatch } from 'diff';
import type picocolors from 'picocolors';

/** The colour functions of picocolors (enabled or not). */
export type Colors = ReturnType<typeof picocolors.createColors>;

/** One file's change, with the path as it should appear in the patch (relative, forward slashes). */
export interface FileChange {
  path: string;
  before: string;
  after: string;
}

/** A `diff --git` patch for one file, or '' when the texts are equal. */
export function createFilePatch(change: FileChange, context = 3): string {
  if (change.before === change.after) return '';
  const patch = structuredPatch(change.path, change.path, change.before, change.after, undefined, undefined, { context });
  const a = quoteGitPath(`a/${change.path}`);
  const b = quoteGitPath(`b/${change.path}`);
  const lines = [`diff --git ${a} ${b}`, `--- ${a}`, `+++ ${b}`];
  for (const hunk of patch.hunks) {
    // unified-diff quirk: an empty side's start line is one less than its first line
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    lines.push(`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`, ...hunk.lines);
  }
  return `${lines.join('\n')}\n`;
}

/** All changes as one patch, in the order given. */
export function createPatch(changes: FileChange[]): string {
  return changes.map((change) => createFilePatch(change)).join('');
}

/** Colours a patch line by line: headers bold, hunks cyan, removals red, additions green. */
export function colorizePatch(patch: string, colors: Colors): string {
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git') || line.startsWith('--- ') || line.startsWith('+++ ')) return colors.bold(line);
      if (line.startsWith('@@')) return colors.cyan(line);
      if (line.startsWith('-')) return colors.red(line);
      if (line.startsWith('+')) return colors.green(line);
      return line;
    })
    .join('\n');
}

const C_ESCAPES: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 34: '"', 92: '\\' };

/** Quotes a path the way git does (C style, octal UTF-8 bytes) when it has quotes, backslashes, control or non-ASCII characters. */
export function quoteGitPath(file: string): string {
  if (!/["\\\u0000-\u001f\u007f-\uffff]/.test(file)) return file;
  let quoted = '"';
  for (const byte of Buffer.from(file, 'utf8')) {
    const escape = C_ESCAPES[byte];
    if (escape !== undefined) quoted += `\\${escape}`;
    else if (byte < 0x20 || byte >= 0x7f) quoted += `\\${byte.toString(8).padStart(3, '0')}`;
    else quoted += String.fromCharCode(byte);
  }
  return `${quoted}"`;
}
