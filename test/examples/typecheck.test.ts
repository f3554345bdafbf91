/**
 * The TypeScript examples type-check with their own tsconfig: `before/` against the declarations of
 * agora-access-token, `after/` against agora-token's (which, for instance, reject a 6-argument RTC
 * call or `buildTokenWithAccount`).
 */
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, EXAMPLES_DIR, listExampleDirs } from './harness.ts';

function typeErrors(configPath: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`${configPath}: cannot read`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, projectReferences: parsed.projectReferences });
  return [...parsed.errors, ...ts.getPreEmitDiagnostics(program)].map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${path.relative(EXAMPLES_DIR, diagnostic.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
  });
}

const typescriptExamples = listExampleDirs().filter((name) => EXAMPLES[name]?.typescript);

describe('TypeScript examples type-check', () => {
  it('covers at least the Next.js and Nest examples', () => {
    expect(typescriptExamples).toEqual(expect.arrayContaining(['nestjs-service', 'nextjs-api']));
  });

  it.each(typescriptExamples.flatMap((name) => ['before', 'after'].map((side) => `${name}/${side}`)))('%s', (dir) => {
    expect(typeErrors(path.join(EXAMPLES_DIR, dir, 'tsconfig.json'))).toEqual([]);
  });
});
