/**
 * Multi-file fixtures of the project layer (test/project-fixtures/<case>/): an `input/` tree, the
 * `output/` tree `migrate` must leave, and a `fixture.json`:
 *   { "entries": ["routes/token.js"],      modules whose exported functions the semantic harness calls
 *     "moduleKind": "commonjs" | "module", how the trees load (default commonjs)
 *     "calls": { "<entry>": [{ "export": "name", "args": [...] }] },   optional, per entry
 *     "followsAcrossFiles": true,          the output needs other modules: migrating each file alone differs
 *     "why": "…" }                          one line: what the case proves
 */
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../src/run/migrate.ts';
import type { MigrationReport } from '../../src/run/types.ts';
import type { ModuleKind } from '../../src/types.ts';
import type { CallSpec } from './semantic.ts';

export const PROJECT_FIXTURES_DIR = fileURLToPath(new URL('../project-fixtures/', import.meta.url));
const TMP_ROOT = fileURLToPath(new URL('../.tmp/project-fixtures/', import.meta.url));

export interface ProjectFixture {
  name: string;
  input: string;
  output: string;
  entries: string[];
  moduleKind: ModuleKind;
  calls?: Record<string, CallSpec[]>;
  followsAcrossFiles: boolean;
  why: string;
}

/** Every case directory, sorted by name; throws on a malformed fixture.json. */
export function discoverProjectFixtures(): ProjectFixture[] {
  return readdirSync(PROJECT_FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(PROJECT_FIXTURES_DIR, entry.name);
      const configPath = join(dir, 'fixture.json');
      const config = JSON.parse(readFileSync(configPath, 'utf8')) as Partial<ProjectFixture>;
      if (!Array.isArray(config.entries) || config.entries.length === 0) throw new Error(`${configPath}: "entries" must list at least one module`);
      if (typeof config.why !== 'string' || config.why.length < 10) throw new Error(`${configPath}: "why" must say what the case proves`);
      return {
        name: entry.name,
        input: join(dir, 'input'),
        output: join(dir, 'output'),
        entries: config.entries,
        moduleKind: config.moduleKind ?? 'commonjs',
        calls: config.calls,
        followsAcrossFiles: config.followsAcrossFiles ?? false,
        why: config.why,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every file of a tree (symlinks as `-> target`), by path relative to it, outside node_modules' contents. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(current, entry.name);
      const key = relative(dir, path).split('\\').join('/');
      if (lstatSync(path).isSymbolicLink()) files[key] = `-> ${readlinkSync(path)}`;
      else if (entry.isDirectory()) visit(path);
      else files[key] = readFileSync(path, 'utf8');
    }
  };
  visit(dir);
  return files;
}

/** Copies the case's input tree to a scratch directory (links kept as they are) and returns it. */
export function copyInput(fixture: ProjectFixture, label: string, from = fixture.input): string {
  const dir = join(TMP_ROOT, fixture.name, label);
  rmSync(dir, { recursive: true, force: true });
  if (!existsSync(from)) throw new Error(`${from} does not exist`);
  cpSync(from, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** `migrate` over a scratch tree, writing, in-process. */
export function migrateTree(dir: string, options: { project?: boolean } = {}): Promise<MigrationReport> {
  return migrate({ cwd: dir, force: true, workers: 0, project: options.project });
}
