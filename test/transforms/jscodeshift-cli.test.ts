import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, discoverFixtures } from '../helpers/fixtures.ts';

const execFileAsync = promisify(execFile);
/** jscodeshift colours its summary when the environment asks for it (FORCE_COLOR in CI): compare plain text. */
async function run(file: string, args: string[], options: { cwd: string; maxBuffer?: number }): Promise<{ stdout: string }> {
  const { stdout } = await execFileAsync(file, args, options);
  return { stdout: stripVTControlCharacters(stdout) };
}
const ROOT = new URL('../../', import.meta.url).pathname;
const WORK = join(ROOT, 'test/.tmp/jscodeshift-cli');
const BIN = join(ROOT, 'node_modules/jscodeshift/bin/jscodeshift.js');

afterAll(() => rmSync(WORK, { recursive: true, force: true }));

/** The transforms are plain jscodeshift transforms: `jscodeshift -t transforms/<slug>.ts` runs them. */
describe('jscodeshift -t transforms/<slug>.ts', () => {
  it('runs the recipe over every accesstoken2 fixture at once: outputs as expected, no-ops untouched', async () => {
    rmSync(WORK, { recursive: true, force: true });
    cpSync(join(FIXTURES_DIR, 'accesstoken2'), WORK, { recursive: true });
    // as in test/fixtures: .js and .ts fixtures are CommonJS
    cpSync(join(FIXTURES_DIR, 'package.json'), join(WORK, 'package.json'));
    const cases = discoverFixtures('accesstoken2');
    expect(cases.every((c) => Object.keys(c.options).length === 0)).toBe(true);
    const files = cases.map((c) => join(WORK, basename(c.inputPath)));
    const { stdout } = await run(process.execPath, [BIN, '-t', join(ROOT, 'transforms/accesstoken2.ts'), '--extensions=js,mjs,cjs,ts,mts,cts', ...files], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toMatch(/^0 errors$/m);
    for (const fixture of cases) {
      const expected = readFileSync(fixture.outputPath ?? fixture.inputPath, 'utf8');
      expect(readFileSync(join(WORK, basename(fixture.inputPath)), 'utf8'), fixture.name).toBe(expected);
    }
  }, 180_000);

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
