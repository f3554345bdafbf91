import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, fixtureSlugs } from '../helpers/fixtures.ts';

/** Every TypeScript output fixture, which must compile against agora-token's own declarations. */
const outputs = fixtureSlugs().flatMap((slug) =>
  readdirSync(join(FIXTURES_DIR, slug))
    .filter((f) => /\.output\.[cm]?ts$/.test(f))
    .map((f) => join(FIXTURES_DIR, slug, f)),
);

describe('TypeScript outputs', () => {
  it('exist', () => {
    expect(outputs.length).toBeGreaterThanOrEqual(8);
  });

  it('type-check under strict NodeNext against agora-token', () => {
    const program = ts.createProgram(outputs, {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      types: ['node'],
      skipLibCheck: true,
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(diagnostics).toEqual([]);
  });
});
