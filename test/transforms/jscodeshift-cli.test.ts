import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../helpers/fixtures.ts';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const WORK = join(ROOT, 'test/.tmp/jscodeshift-cli');
const BIN = join(ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');

const CASES = ['cjs-destructure-now-plus-ttl.input.js', 'esm-named-ts-commonjs.input.ts', 'roles-runtime.input.js'];

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

/** The transforms are plain jscodeshift transforms: `jscodeshift -t transforms/<slug>.ts` runs them. */
describe('jscodeshift -t transforms/<slug>.ts', () => {
  it('runs the recipe over a directory and writes what the fixtures expect', async () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    writeFileSync(join(WORK, 'package.json'), '{ "type": "commonjs" }\n');
    for (const file of CASES) cpSync(join(FIXTURES_DIR, 'accesstoken2', file), join(WORK, file.replace('.input', '')));
    const { stdout } = await run(process.execPath, [BIN, '-t', join(ROOT, 'transforms/accesstoken2.ts'), '--extensions=js,ts', WORK], { cwd: ROOT });
    expect(stdout).toMatch(/3 ok/);
    for (const file of CASES) {
      const expected = readFileSync(join(FIXTURES_DIR, 'accesstoken2', file.replace('.input', '.output')), 'utf8');
      expect(readFileSync(join(WORK, file.replace('.input', '')), 'utf8'), file).toBe(expected);
    }
  }, 120_000);

  it('reports manual-review items through api.report and keeps swap-import from doing a naive swap', async () => {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    writeFileSync(join(WORK, 'package.json'), '{ "type": "commonjs" }\n');
    const source = readFileSync(join(FIXTURES_DIR, 'swap-import', 'noop-v1-arguments-remain.input.js'), 'utf8');
    writeFileSync(join(WORK, 'server.js'), source);
    const { stdout } = await run(process.execPath, [BIN, '-t', join(ROOT, 'transforms/swap-import.ts'), WORK], { cwd: ROOT });
    expect(stdout).toMatch(/run the accesstoken2 recipe instead/);
    expect(stdout).toMatch(/1 unmodified|1 skipped/);
    expect(readFileSync(join(WORK, 'server.js'), 'utf8')).toBe(source);
  }, 120_000);
});
