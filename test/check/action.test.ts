/**
 * The composite action: its inputs are documented, and its check step's script, run by bash the
 * way GitHub runs it (`-e`), writes SARIF, records the exit code and annotates the log. `npx` is
 * replaced by a stub that runs this checkout's built bin.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir, writeTree } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'dist/src/cli/bin.js');

interface Step {
  name: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { description: string; default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const checkStep = action.runs.steps.find((s) => s.id === 'check') as Step;

describe('action.yml', () => {
  it('is a composite action that sets up Node, checks, uploads SARIF and fails on findings', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.map((s) => s.uses?.replace(/@.*/, '') ?? s.id ?? s.name)).toEqual([
      'actions/setup-node',
      'check',
      'github/codeql-action/upload-sarif',
      'Fail on findings',
    ]);
    const upload = action.runs.steps[2];
    expect(upload.with?.sarif_file).toBe('${{ steps.check.outputs.sarif-file }}');
    expect(upload.if).toContain("inputs.upload-sarif == 'true'");
    expect(checkStep.run).toContain('--format sarif');
  });

  it('documents every input and output', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(['node-version', 'paths', 'strict', 'upload-sarif', 'version']);
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description.length, name).toBeGreaterThan(20);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'sarif-file']);
  });
});

describe('action.yml check step, run by bash', () => {
  beforeAll(async () => {
    // `npm test` builds first; build here only when run on its own against a missing or stale dist
    const built = existsSync(BIN) ? statSync(BIN).mtimeMs : 0;
    const sources = ['src/cli/commands/check.ts', ...readdirSync(path.join(ROOT, 'src/check'), { recursive: true, encoding: 'utf8' }).map((f) => `src/check/${f}`)];
    if (sources.some((file) => statSync(path.join(ROOT, file)).mtimeMs > built)) {
      await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, timeout: 180_000 }).catch(() => undefined);
    }
  });

  async function runStep(files: Record<string, string>, inputs: { paths?: string; strict?: string }) {
    const workspace = tempDir();
    const tools = tempDir();
    writeTree(workspace, files);
    // npx --yes agora-token-migrate@<version> <args…>  →  node <this checkout's bin> <args…>
    const npx = path.join(tools, 'npx');
    writeFileSync(npx, `#!/usr/bin/env bash\necho "$2" >> "${tools}/npx-packages"\nshift 2\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(npx, 0o755);
    const output = path.join(tools, 'github-output');
    writeFileSync(output, '');
    const env = {
      PATH: `${tools}:${process.env.PATH ?? ''}`,
      GITHUB_OUTPUT: output,
      GITHUB_ACTION_PATH: ROOT,
      RUNNER_TEMP: tools,
      INPUT_PATHS: inputs.paths ?? '.',
      INPUT_STRICT: inputs.strict ?? 'false',
      INPUT_VERSION: '',
    };
    const { stdout } = await promisify(execFile)('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', checkStep.run as string], { cwd: workspace, env, timeout: 60_000 });
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split('=') as [string, string]));
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(readFileSync(path.join(tools, 'npx-packages'), 'utf8').trim().split('\n')[0]).toBe(`agora-token-migrate@${version}`);
    return { stdout, outputs, sarif: outputs['sarif-file'] ? JSON.parse(readFileSync(outputs['sarif-file'], 'utf8')) : undefined };
  }

  const V1 = "const { RtcTokenBuilder } = require('agora-access-token');\nmodule.exports = RtcTokenBuilder;\n";
  const OLD_SDK = JSON.stringify({ dependencies: { 'agora-rtc-sdk-ng': '4.7.0' } });

  it('records exit code 1, writes SARIF and annotates the log when v1 code remains', async () => {
    const result = await runStep({ 'api/server.js': V1, 'docs/readme.js': '' }, { paths: 'api\ndocs' });
    expect(result.outputs['exit-code']).toBe('1');
    expect(result.sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['v1-import']);
    expect(result.stdout).toMatch(/^::error file=api\/server\.js,line=1,col=\d+,title=agora-token-migrate v1-import::/m);
  });

  it('records exit code 0 and prints nothing on a clean tree', async () => {
    const result = await runStep({ 'server.js': "const { RtcTokenBuilder } = require('agora-token');\n" }, {});
    expect(result.outputs['exit-code']).toBe('0');
    expect(result.sarif.runs[0].results).toEqual([]);
    expect(result.stdout).toBe('');
  });

  it('passes --strict, so warnings fail', async () => {
    expect((await runStep({ 'package.json': OLD_SDK }, {})).outputs['exit-code']).toBe('0');
    expect((await runStep({ 'package.json': OLD_SDK }, { strict: 'true' })).outputs['exit-code']).toBe('1');
  });

  it('records exit code 2 for a path that does not exist', async () => {
    const result = await runStep({ 'server.js': V1 }, { paths: 'missing' });
    expect(result.outputs['exit-code']).toBe('2');
    expect(result.outputs['sarif-file']).toBeUndefined();
  });
});
