/**
 * The project layer's multi-file fixtures (test/project-fixtures/<case>/, see
 * test/helpers/project-fixtures.ts): `migrate` turns each input tree into its output tree, a second
 * run changes nothing, TypeScript outputs type-check against agora-token, and every entry module
 * issues tokens equivalent to the original's under the frozen clock.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { copyInput, discoverProjectFixtures, migrateTree, readTree } from '../helpers/project-fixtures.ts';
import { checkTreeFixture } from '../helpers/semantic.ts';

const fixtures = discoverProjectFixtures();

it('has the multi-file fixtures', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(6);
});

describe.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
  it('migrates the input tree to the output tree', async () => {
    const dir = copyInput(fixture, 'migrated');
    const report = await migrateTree(dir);
    expect(report.files.filter((f) => f.status === 'error').map((f) => `${f.path}: ${f.error?.message}`)).toEqual([]);
    expect(readTree(dir)).toEqual(readTree(fixture.output));
  });

  it('is idempotent: migrate leaves the output tree alone', async () => {
    const dir = copyInput(fixture, 'again', fixture.output);
    const report = await migrateTree(dir);
    expect(report.files.filter((f) => f.status !== 'unchanged').map((f) => `${f.path}: ${f.status}`)).toEqual([]);
    expect(report.packageJsons.filter((p) => p.status !== 'unchanged')).toEqual([]);
  });

  if (fixture.followsAcrossFiles) {
    it('needs the other modules: each file migrated alone gives another result', async () => {
      const dir = copyInput(fixture, 'single-file');
      await migrateTree(dir, { project: false });
      expect(readTree(dir)).not.toEqual(readTree(fixture.output));
    });
  }

  it('issues equivalent tokens from every entry point', async () => {
    const reports = await checkTreeFixture({ id: fixture.name, reference: fixture.input, output: fixture.output, entries: fixture.entries, moduleKind: fixture.moduleKind, calls: fixture.calls });
    for (const report of reports) {
      expect(report.problems, `${report.id}:\n  ${report.problems.join('\n  ')}`).toEqual([]);
      expect(report.tokens).toBeGreaterThan(0);
    }
  });

  const tsFiles = Object.keys(existsSync(fixture.output) ? readTree(fixture.output) : {}).filter((f) => /\.[cm]?ts$/.test(f) && !f.endsWith('.d.ts'));
  if (tsFiles.length > 0) {
    it('type-checks the TypeScript output against agora-token', () => {
      const configPath = join(fixture.output, 'tsconfig.json');
      const own = existsSync(configPath) ? ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, fixture.output).options : {};
      const program = ts.createProgram(
        tsFiles.map((f) => join(fixture.output, f)),
        { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true, types: ['node'], skipLibCheck: true, ...own },
      );
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
        const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
        return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
      expect(diagnostics).toEqual([]);
    });
  }
});
