/**
 * Semantic equivalence harness for transform fixtures: runs a fixture's reference (its input, or
 * its `.v1.` file) and its expected output as real Node modules in child processes under the same
 * frozen clock, calls the same exported functions with the same arguments, and requires the
 * tokens they return to carry equivalent claims (src/token compareClaims), every other returned
 * field to be identical, and throws to match.
 *
 * Fixture layout (test/fixtures/<slug>/, or any root with the same shape):
 *   <case>.input.<ext>    required; ext is .js .cjs .mjs .ts .cts .mts
 *   <case>.output.<ext>   the expected output; absent = no-op case, nothing to compare
 *   <case>.v1.<ext>       optional semantic reference instead of the input (half-migrated inputs)
 *   <case>.options.json   optional `{ "moduleKind": "module" }`: .js/.ts run as native ESM
 *   <case>.calls.json     optional `[{ "export": "name" | "Class.method", "args": [...] }]`;
 *                         default: every exported function × DEFAULT_CALL_ARGS
 * Sibling helpers are imported by relative path, so the whole slug directory is copied next to
 * the case under test/.tmp/semantic/ (inside the repo, so both token packages resolve from the
 * root node_modules), with a package.json giving the module kind.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { compareClaims } from '../../src/token/index.ts';
import type { ModuleKind } from '../../src/types.ts';
import { compareValues, findTokens } from '../../src/verify/values.ts';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../src/verify/matrix.ts';

export { TEST_APP_CERTIFICATE, TEST_APP_ID };

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./semantic-child.mjs', import.meta.url));
const TMP_ROOT = join(REPO_ROOT, 'test', '.tmp', 'semantic');

/** The instant both sides run at: 2026-01-01T00:00:00.250Z (a fraction, so flooring matters). */
export const FROZEN_NOW_MS = 1_767_225_600_250;

/** Default arguments `(channelName, uid, role, expireSeconds)`; functions taking fewer ignore the rest. */
export const DEFAULT_CALL_ARGS: readonly (readonly unknown[])[] = [
  ['room-1', 42, 1, 3600],
  ['room-1', 0, 0, 600],
  ['Room #$%&()+-:;<=.>?@[]^_{|}~,', 'alice', 101, 86400],
  ['c', 4294967295, 2, 200000],
  ['c', 7, 5, 1],
  ['c', '12', '0', 0],
];

/** Environment of both children: every credential spelling fixtures read. */
export const FIXTURE_ENV: Readonly<Record<string, string>> = {
  AGORA_APP_ID: TEST_APP_ID,
  AGORA_APP_CERTIFICATE: TEST_APP_CERTIFICATE,
  APP_ID: TEST_APP_ID,
  APP_CERTIFICATE: TEST_APP_CERTIFICATE,
};

const EXTENSIONS = ['js', 'cjs', 'mjs', 'ts', 'cts', 'mts'] as const;
type Extension = (typeof EXTENSIONS)[number];
const INPUT = new RegExp(`^(.+)\\.input\\.(${EXTENSIONS.join('|')})$`);
const FIXTURE_FILE = new RegExp(`\\.(input|output|v1)\\.(${EXTENSIONS.join('|')})$`);

/** One call of an exported function. */
export interface CallSpec {
  export: string;
  args: unknown[];
}

/** A fixture case as found on disk. */
export interface SemanticFixture {
  /** `<slug>/<case>`. */
  id: string;
  slug: string;
  name: string;
  /** The slug directory (copied whole). */
  dir: string;
  ext: Extension;
  input: string;
  output?: string;
  v1?: string;
  moduleKind: ModuleKind;
  calls?: CallSpec[];
}

/** How Node loads `<case>.<role>.<ext>`: .mjs/.mts ESM, .cjs/.cts CJS, .js/.ts per options (default CommonJS). */
export function moduleKindFor(ext: Extension, optionKind: ModuleKind | undefined): ModuleKind {
  if (ext === 'mjs' || ext === 'mts') return 'module';
  if (ext === 'cjs' || ext === 'cts') return 'commonjs';
  return optionKind ?? 'commonjs';
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}

function readOptions(path: string): ModuleKind | undefined {
  if (!existsSync(path)) return undefined;
  const options = readJson(path) as { moduleKind?: unknown };
  if (options.moduleKind !== undefined && options.moduleKind !== 'module' && options.moduleKind !== 'commonjs') {
    throw new Error(`${path}: moduleKind must be "module" or "commonjs", got ${JSON.stringify(options.moduleKind)}`);
  }
  return options.moduleKind as ModuleKind | undefined;
}

function readCalls(path: string): CallSpec[] | undefined {
  if (!existsSync(path)) return undefined;
  const calls = readJson(path);
  const valid = Array.isArray(calls) && calls.every((c) => typeof c === 'object' && c !== null && typeof c.export === 'string' && Array.isArray(c.args));
  if (!valid) throw new Error(`${path}: expected [{ "export": "name", "args": [...] }, …]`);
  return calls as CallSpec[];
}

/** Every fixture case under `root` (`<root>/<slug>/<case>.input.<ext>`), sorted by id. */
export function discoverFixtures(root: string): SemanticFixture[] {
  if (!existsSync(root)) return [];
  const fixtures: SemanticFixture[] = [];
  for (const slugEntry of readdirSync(root, { withFileTypes: true })) {
    if (!slugEntry.isDirectory() || slugEntry.name.startsWith('.') || slugEntry.name === 'node_modules') continue;
    const dir = join(root, slugEntry.name);
    for (const file of readdirSync(dir).sort()) {
      const match = INPUT.exec(file);
      if (!match) continue;
      const [, name, ext] = match as unknown as [string, string, Extension];
      const sibling = (role: string): string | undefined => (existsSync(join(dir, `${name}.${role}.${ext}`)) ? join(dir, `${name}.${role}.${ext}`) : undefined);
      fixtures.push({
        id: `${slugEntry.name}/${name}`,
        slug: slugEntry.name,
        name,
        dir,
        ext,
        input: join(dir, file),
        output: sibling('output'),
        v1: sibling('v1'),
        moduleKind: moduleKindFor(ext, readOptions(join(dir, `${name}.options.json`))),
        calls: readCalls(join(dir, `${name}.calls.json`)),
      });
    }
  }
  return fixtures.sort((a, b) => a.id.localeCompare(b.id));
}

/** Result of one call, as the child encoded it. */
export interface CallResult {
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
  missing?: boolean;
}

/** What one side produced. */
export interface SideRun {
  /** The module (or its TS transpilation) failed before any call: `SyntaxError: Named export …`. */
  loadError?: string;
  exports: string[];
  calls: CallSpec[];
  results: CallResult[];
}

const JS_EXTENSION: Record<string, string> = { '.ts': '.js', '.mts': '.mjs', '.cts': '.cjs' };

/** Transpiles a TS file in place (next to it, .ts → .js etc.); returns the new path or throws with file:line. */
function transpile(file: string, kind: ModuleKind): string {
  const ext = /\.[cm]?ts$/.exec(file)![0];
  const moduleKind = ext === '.mts' ? 'module' : ext === '.cts' ? 'commonjs' : kind;
  const result = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: moduleKind === 'module' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      rewriteRelativeImportExtensions: true,
    },
  });
  const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const d = errors[0];
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    throw new Error(`${basename(file)}${where ? `:${where.line + 1}:${where.character + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }
  const out = file.slice(0, -ext.length) + JS_EXTENSION[ext];
  writeFileSync(out, result.outputText);
  return out;
}

function walkFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walkFiles(path);
    return [path];
  });
}

/**
 * A tree's tsconfig `paths` aliases (`"@config/*": ["src/config/*"]`) resolved at run time as a bundler
 * or tsconfig-paths would: `node_modules/@config` links to `src/config` in the copy.
 */
function linkPathAliases(dir: string): void {
  const tsconfig = join(dir, 'tsconfig.json');
  if (!existsSync(tsconfig)) return;
  const options = (ts.readConfigFile(tsconfig, ts.sys.readFile).config ?? {}).compilerOptions ?? {};
  const paths = (options.paths ?? {}) as Record<string, string[]>;
  const baseUrl = join(dir, (options.baseUrl as string | undefined) ?? '.');
  for (const [alias, targets] of Object.entries(paths)) {
    if (!alias.endsWith('/*') || !targets[0]?.endsWith('/*')) throw new Error(`${tsconfig}: only "alias/*": ["dir/*"] paths are linked (${alias})`);
    const link = join(dir, 'node_modules', alias.slice(0, -2));
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), join(baseUrl, targets[0].slice(0, -2))), link);
  }
}

/** Copies the slug directory to `sideDir`, transpiles TS (the entry and non-fixture helpers) and returns the entry to load. */
function prepareSide(fixture: SemanticFixture, source: string, sideDir: string): string {
  rmSync(sideDir, { recursive: true, force: true });
  mkdirSync(dirname(sideDir), { recursive: true });
  // helpers and vendored modules come along; other cases' fixture files would only cost time
  // verbatimSymlinks: a tree's own links (node_modules/@alias → ../src) must point into the copy
  cpSync(fixture.dir, sideDir, { recursive: true, verbatimSymlinks: true, filter: (path) => path === source || !FIXTURE_FILE.test(path) || dirname(path) !== fixture.dir });
  linkPathAliases(sideDir);
  // the directory's module kind is the case's: helper .js files load like the entry's siblings would
  writeFileSync(join(sideDir, 'package.json'), `${JSON.stringify({ type: fixture.moduleKind })}\n`);
  const entry = join(sideDir, relative(fixture.dir, source));
  if (!/\.[cm]?ts$/.test(entry)) return entry;
  for (const file of walkFiles(sideDir)) {
    if (file !== entry && /\.[cm]?ts$/.test(file) && !file.endsWith('.d.ts') && !FIXTURE_FILE.test(file)) transpile(file, fixture.moduleKind);
  }
  return transpile(entry, fixture.moduleKind);
}

/** Runs one side in a child process; never rejects for problems of the module under test. */
export async function runSide(fixture: SemanticFixture, source: string, sideDir: string, options: { timeoutMs?: number } = {}): Promise<SideRun> {
  let entry: string;
  try {
    entry = prepareSide(fixture, source, sideDir);
  } catch (error) {
    return { loadError: `TypeScript: ${(error as Error).message}`, exports: [], calls: [], results: [] };
  }
  const requestPath = join(sideDir, '.semantic-request.json');
  const resultPath = join(sideDir, '.semantic-result.json');
  writeFileSync(requestPath, JSON.stringify({ entry, kind: fixture.moduleKind, nowMs: FROZEN_NOW_MS, calls: fixture.calls, defaultArgs: DEFAULT_CALL_ARGS, resultPath }));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'UTC', ...FIXTURE_ENV };
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(process.execPath, [CHILD, requestPath], { cwd: sideDir, env, timeout: options.timeoutMs ?? 30_000, maxBuffer: 4 << 20 }, (error, _stdout, stderrText) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr: String(stderrText) });
    });
  });
  if (code !== 0 || !existsSync(resultPath)) {
    return { loadError: `the child process failed (exit ${code ?? 'killed: timeout'}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`, exports: [], calls: [], results: [] };
  }
  const result = JSON.parse(readFileSync(resultPath, 'utf8')) as Partial<SideRun>;
  return { loadError: result.loadError, exports: result.exports ?? [], calls: result.calls ?? [], results: result.results ?? [] };
}

/** Outcome of a fixture: equivalent when `problems` is empty. */
export interface SemanticReport {
  id: string;
  equivalent: boolean;
  problems: string[];
  /** Calls compared and token pairs compared (a run that compared no token proves nothing). */
  calls: number;
  tokens: number;
  reference: SideRun;
  output: SideRun;
}

function describeCall(call: CallSpec): string {
  return `${call.export}(${call.args.map((a) => JSON.stringify(a)).join(', ')})`;
}

/** Compares two side runs call by call; returns the problems and the number of token pairs compared. */
export function compareSideRuns(reference: SideRun, output: SideRun, certificate: string = TEST_APP_CERTIFICATE): { problems: string[]; tokens: number } {
  const problems: string[] = [];
  if (reference.loadError) problems.push(`the reference does not load: ${reference.loadError}`);
  if (output.loadError) problems.push(`the output does not load: ${output.loadError}`);
  if (problems.length > 0) return { problems, tokens: 0 };
  if (JSON.stringify(reference.exports) !== JSON.stringify(output.exports)) {
    problems.push(`exported functions differ: reference [${reference.exports.join(', ')}] vs output [${output.exports.join(', ')}]`);
  }
  let tokens = 0;
  // pair calls by what was called, so a missing export does not shift every later comparison
  const outputByCall = new Map(output.calls.map((call, i) => [JSON.stringify(call), output.results[i]]));
  reference.calls.forEach((spec, i) => {
    const call = describeCall(spec);
    const a = reference.results[i];
    const b = outputByCall.get(JSON.stringify(spec));
    if (a === undefined || b === undefined) return; // reported as an export difference
    if (a.missing || b.missing) {
      problems.push(`${call}: ${(a.missing ? a : b).error!.message} in the ${a.missing ? 'reference' : 'output'}`);
      return;
    }
    if (!a.ok || !b.ok) {
      if (a.ok !== b.ok) {
        const thrown = (a.ok ? b : a).error!;
        problems.push(`${call}: only the ${a.ok ? 'output' : 'reference'} throws (${thrown.name}: ${thrown.message})`);
      }
      return;
    }
    for (const d of compareValues(a.value, b.value)) problems.push(`${call}: ${d.path}: ${d.message}`);
    const outputTokens = new Map(findTokens(b.value).map((t) => [t.path, t.token]));
    for (const { path, token } of findTokens(a.value)) {
      const other = outputTokens.get(path);
      if (other === undefined) continue; // a one-sided token is already a value difference
      tokens += 1;
      // a 006 signature covers the channel and uid, which a 006 token holds only as CRCs: with no 007
      // side to supply them (an output left on v1 for manual review), only the claims are compared
      const options = token.startsWith('006') && other.startsWith('006') ? {} : { certificate };
      try {
        for (const d of compareClaims(token, other, options)) problems.push(`${call}: token ${path}: ${d.claim}: ${d.message}`);
      } catch (error) {
        // a token our codec cannot read is a finding about this call, not a crash of the whole comparison
        problems.push(`${call}: token ${path}: cannot be compared: ${(error as Error).message}`);
      }
    }
  });
  return { problems, tokens };
}

function sideDirFor(fixture: SemanticFixture, side: 'reference' | 'output'): string {
  const root = relative(REPO_ROOT, dirname(fixture.dir)).split(/[\\/]/).join('__') || 'root';
  return join(TMP_ROOT, root, fixture.slug, fixture.name, side);
}

/**
 * Runs both sides of a fixture that has an output and compares them. A fixture whose calls
 * compared no token at all is reported too: it would pass without proving anything.
 */
export async function checkFixture(fixture: SemanticFixture, options: { timeoutMs?: number; keepTemp?: boolean } = {}): Promise<SemanticReport> {
  if (!fixture.output) throw new Error(`${fixture.id} has no output: a no-op case has nothing to compare`);
  const [reference, output] = await Promise.all([
    runSide(fixture, fixture.v1 ?? fixture.input, sideDirFor(fixture, 'reference'), options),
    runSide(fixture, fixture.output, sideDirFor(fixture, 'output'), options),
  ]);
  const { problems, tokens } = compareSideRuns(reference, output);
  if (problems.length === 0 && tokens === 0) problems.push('no call returned a token on both sides: nothing was compared (add a calls.json)');
  if (problems.length === 0 && !options.keepTemp) rmSync(join(sideDirFor(fixture, 'reference'), '..'), { recursive: true, force: true });
  return { id: fixture.id, equivalent: problems.length === 0, problems, calls: reference.results.length, tokens, reference, output };
}

/** A multi-file fixture: the tree before and after migration, and the entry modules whose exports are called. */
export interface TreeFixture {
  id: string;
  reference: string;
  output: string;
  /** Entry modules, relative to each tree. */
  entries: string[];
  moduleKind: ModuleKind;
  /** Calls per entry (by entry path); default every exported function × DEFAULT_CALL_ARGS. */
  calls?: Record<string, CallSpec[]>;
}

/**
 * Runs every entry of a tree fixture on both sides (each side's whole tree copied, TypeScript
 * transpiled) and compares them like a single-file fixture: one report per entry.
 */
export async function checkTreeFixture(tree: TreeFixture, options: { timeoutMs?: number; keepTemp?: boolean } = {}): Promise<SemanticReport[]> {
  const reports: SemanticReport[] = [];
  for (const entry of tree.entries) {
    const ext = /\.([cm]?[jt]s)$/.exec(entry)?.[1] as Extension | undefined;
    if (!ext || !EXTENSIONS.includes(ext)) throw new Error(`${tree.id}: entry ${entry} is not a .js/.cjs/.mjs/.ts/.cts/.mts module`);
    const name = `${tree.id}/${entry}`.replace(/[\\/]/g, '__');
    const side = (dir: string): SemanticFixture => ({ id: `${tree.id}:${entry}`, slug: 'trees', name, dir, ext, input: join(dir, entry), moduleKind: tree.moduleKind, calls: tree.calls?.[entry] });
    const reference = side(tree.reference);
    const [referenceRun, outputRun] = await Promise.all([
      runSide(reference, reference.input, sideDirFor(reference, 'reference'), options),
      runSide(side(tree.output), join(tree.output, entry), sideDirFor(reference, 'output'), options),
    ]);
    const { problems, tokens } = compareSideRuns(referenceRun, outputRun);
    if (problems.length === 0 && tokens === 0) problems.push('no call returned a token on both sides: nothing was compared (add calls)');
    if (problems.length === 0 && !options.keepTemp) rmSync(join(sideDirFor(reference, 'reference'), '..'), { recursive: true, force: true });
    reports.push({ id: `${tree.id}:${entry}`, equivalent: problems.length === 0, problems, calls: referenceRun.results.length, tokens, reference: referenceRun, output: outputRun });
  }
  return reports;
}
