import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { classifyCheckFile } from '../../src/check/check-file.ts';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A fixture file and the findings it must produce, as `line ruleId` strings. */
export interface FixtureCase {
  rule: string;
  /** Path below the rule directory, e.g. `npm-old/package.json`. */
  name: string;
  file: string;
  clean: boolean;
  expected: string[];
}

const ANNOTATION = /expect: ([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g;

/** `expect: <rule-id>[, <rule-id>]` comments mark the lines that must be reported. */
function annotations(text: string): string[] {
  return text.split(/\r?\n/).flatMap((line, i) => [...line.matchAll(ANNOTATION)].flatMap((m) => m[1].split(/\s*,\s*/).map((id) => `${i + 1} ${id}`)));
}

/**
 * Every checkable file under `fixtures/<rule-id>/`, directly or one directory down (for files that
 * need their real name, like package.json). Files that cannot hold comments list their expected
 * findings in a sibling `expect.json`. A case whose name starts with `clean` must have none.
 */
export function collectFixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const rule of readdirSync(FIXTURES).sort()) {
    const ruleDir = path.join(FIXTURES, rule);
    for (const entry of readdirSync(ruleDir).sort()) {
      const entryPath = path.join(ruleDir, entry);
      const files = statSync(entryPath).isDirectory() ? readdirSync(entryPath).sort().map((f) => path.join(entryPath, f)) : [entryPath];
      for (const file of files) {
        if (!classifyCheckFile(file)) continue;
        const sidecar = path.join(path.dirname(file), 'expect.json');
        const expected =
          path.dirname(file) !== ruleDir && safeRead(sidecar) !== undefined
            ? (JSON.parse(safeRead(sidecar) ?? '[]') as { line: number; ruleId: string }[]).map((e) => `${e.line} ${e.ruleId}`)
            : annotations(readFileSync(file, 'utf8'));
        cases.push({ rule, name: path.relative(ruleDir, file).split(path.sep).join('/'), file, clean: /^clean/i.test(entry), expected: expected.sort() });
      }
    }
  }
  return cases;
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const created: string[] = [];

/** A fresh directory under os.tmpdir(), removed after the current test. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atm-check-'));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (relative path → content) under `root`, creating directories. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}
