/**
 * Runs the example token servers in `examples/<name>/{before,after}` as child processes on
 * 127.0.0.1: TypeScript examples are transpiled first into `test/.tmp/examples/` (inside the repo,
 * so `agora-access-token` and `agora-token` resolve from the root node_modules), JavaScript ones run
 * in place. Every server prints `listening on http://127.0.0.1:<port>` once it accepts requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
export const TMP_DIR = path.join(REPO_ROOT, 'test', '.tmp', 'examples');
const ADAPTERS_DIR = fileURLToPath(new URL('./adapters/', import.meta.url));

/** Agora's published test credentials (32 hex characters, as `agora-token` requires). */
export const TEST_APP_ID = '970CA35de60c44645bbae8a215061b33';
export const TEST_APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b';

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

/** How to start one example once its directory is ready to run. */
export interface ExampleLaunch {
  /** Whether the sources are TypeScript and must be transpiled (to CommonJS) before running. */
  typescript: boolean;
  /** Node arguments, given the directory holding the runnable files. */
  nodeArgs(dir: string): string[];
}

/** Every example under `examples/`; a test fails when a directory has no entry here. */
export const EXAMPLES: Record<string, ExampleLaunch> = {
  'express-cjs': { typescript: false, nodeArgs: (dir) => [path.join(dir, 'server.js')] },
  'fetch-rtc-token': { typescript: false, nodeArgs: (dir) => [path.join(dir, 'server.cjs')] },
  'node-http-esm': { typescript: false, nodeArgs: (dir) => [path.join(dir, 'server.mjs')] },
  'nextjs-api': {
    typescript: true,
    nodeArgs: (dir) => [path.join(ADAPTERS_DIR, 'next-api-route.cjs'), path.join(dir, 'pages/api/rtc-token.js'), '/api/rtc-token'],
  },
  'nestjs-service': { typescript: true, nodeArgs: (dir) => [path.join(dir, 'src/main.js')] },
  'firebase-callable': {
    typescript: false,
    nodeArgs: (dir) => [path.join(ADAPTERS_DIR, 'firebase-callable.cjs'), path.join(dir, 'functions/index.js')],
  },
};

/** Names of the example directories on disk. */
export function listExampleDirs(): string[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Go examples (`go-*`): migrated by migrate.test.ts, compiled and run against stand-ins by test/go/, never started as Node servers. */
export function isGoExample(name: string): boolean {
  return name.startsWith('go-');
}

/** The Node.js examples: the servers the HTTP tests start. */
export function listNodeExampleDirs(): string[] {
  return listExampleDirs().filter((name) => !isGoExample(name));
}

/** Relative paths of every file under `dir`, sorted, with `/` separators. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** A fresh empty directory under `test/.tmp/examples/`. */
export function freshTmpDir(...parts: string[]): string {
  const dir = path.join(TMP_DIR, ...parts);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Transpiles every `.ts` file under `sourceDir` (declaration files excepted) to CommonJS `.js` at
 * the same relative path under `outDir`, which gets a `{"type":"commonjs"}` package.json so Node
 * loads the output as CommonJS inside this ESM repository. Throws on a syntax error.
 */
export function transpileTree(sourceDir: string, outDir: string): void {
  for (const file of listFiles(sourceDir)) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    const source = readFileSync(path.join(sourceDir, file), 'utf8');
    const result = ts.transpileModule(source, {
      fileName: file,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const errors = result.diagnostics ?? [];
    if (errors.length > 0) {
      throw new Error(`${path.join(sourceDir, file)}: ${ts.flattenDiagnosticMessageText(errors[0].messageText, '\n')}`);
    }
    const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, result.outputText);
  }
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "commonjs" }\n');
}

/** The directory to run `sourceDir` of example `name` from, transpiling TypeScript into `label`. */
export function prepareRunnable(name: string, sourceDir: string, label: string): string {
  if (!EXAMPLES[name].typescript) return sourceDir;
  const outDir = freshTmpDir(name, `${label}-js`);
  transpileTree(sourceDir, outDir);
  return outDir;
}

/** A started example server. */
export interface RunningServer {
  url: string;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  /** Stops the process (SIGTERM, then SIGKILL) and resolves once it has exited. */
  stop(): Promise<void>;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `node <args>` with the test credentials and PORT=0, resolving once it prints its URL. */
export function startServer(args: string[], extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      await waitForExit(child, STOP_TIMEOUT_MS);
    }
  };

  return new Promise<RunningServer>((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`node ${args.join(' ')}: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`)));
    };
    const timer = setTimeout(() => fail(`not listening after ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: match[1], stderr: () => stderr, stop });
    });
  });
}

/** Starts example `name` from `sourceDir` (its `before/` or `after/`, or a copy of one). */
export function startExample(name: string, sourceDir: string, label: string): Promise<RunningServer> {
  return startServer(EXAMPLES[name].nodeArgs(prepareRunnable(name, sourceDir, label)));
}

/** Whether `dir` exists and is a directory. */
export function isDirectory(dir: string): boolean {
  return statSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
