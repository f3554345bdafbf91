import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project, ts } from 'ts-morph';
import { isTypecheckCandidate, typecheckBuilderCalls } from '../../src/analysis/typecheck.ts';
import { REPO_ROOT } from '../run/helpers.ts';

const dir = path.join(REPO_ROOT, 'test/.tmp/typecheck');
const at = (name: string) => path.join(dir, name);

const SIX_ARGS = `import { RtcTokenBuilder, RtcRole } from 'agora-token';

export function token(appId: string, cert: string, channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, RtcRole.PUBLISHER, 3600);
}
`;

describe('typecheckBuilderCalls', () => {
  it('reports an arity error at a builder call with file:line:col', () => {
    expect(typecheckBuilderCalls([{ path: at('six.ts'), text: SIX_ARGS }])).toEqual([
      { file: at('six.ts'), line: 4, column: 26, code: 2554, message: 'Expected 7 arguments, but got 6.' },
    ]);
  });

  it('reports buildTokenWithAccount, RtcRole.ATTENDEE and RtmRole, which agora-token lacks', () => {
    const text = [
      "import { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } from 'agora-token';",
      "export const a = RtcTokenBuilder.buildTokenWithAccount('a', 'c', 'ch', 'u', RtcRole.PUBLISHER, 60, 60);",
      "export const b = RtcTokenBuilder.buildTokenWithUid('a', 'c', 'ch', 1, RtcRole.ATTENDEE, 60, 60);",
      "export const c = RtmTokenBuilder.buildToken('a', 'c', 'u', RtmRole.Rtm_User, 60);",
      '',
    ].join('\n');
    const errors = typecheckBuilderCalls([{ path: at('members.ts'), text }]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [1, 2724],
      [2, 2551],
      [3, 2339],
      [4, 2554],
    ]);
    expect(errors[1].message).toContain("'buildTokenWithAccount' does not exist");
  });

  it('ignores errors that are not at a builder call, and correct calls', () => {
    const text = [
      "import express from 'express';",
      "import agoraToken from 'agora-token';",
      'const { RtcTokenBuilder, RtcRole } = agoraToken;',
      "const port: number = 'eighty';",
      "export const t = RtcTokenBuilder.buildTokenWithUid('a', 'c', 'ch', 1, RtcRole.PUBLISHER, 60, 60);",
      'export const app = express();',
      '',
    ].join('\n');
    expect(typecheckBuilderCalls([{ path: at('fine.mts'), text }])).toEqual([]);
  });

  it('checks JavaScript only under // @ts-check, through require', () => {
    const body = "const { RtmTokenBuilder } = require('agora-token');\nexports.t = (u) => RtmTokenBuilder.buildToken('a', 'c', u, 1, 60);\n";
    expect(typecheckBuilderCalls([{ path: at('plain.js'), text: body }])).toEqual([]);
    const checked = typecheckBuilderCalls([{ path: at('checked.cjs'), text: `// @ts-check\n${body}` }]);
    expect(checked.map((e) => [e.line, e.code])).toEqual([[3, 2554]]);
  });

  it('checks in a project it is given, whose other files the checked ones import', () => {
    const project = new Project({
      compilerOptions: { noEmit: true, strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, esModuleInterop: true, skipLibCheck: true, types: [] },
      skipAddingFilesFromTsConfig: true,
    });
    // a string: only resolving the import through the project shows the argument type is wrong
    project.createSourceFile(at('config.ts'), "export const ttl = '600';\n", { overwrite: true });
    const text = [
      "import { RtcTokenBuilder, RtcRole } from 'agora-token';",
      "import { ttl } from './config.js';",
      "export const typed = RtcTokenBuilder.buildTokenWithUid('a', 'c', 'ch', 1, RtcRole.PUBLISHER, ttl, 600);",
      "export const arity = RtcTokenBuilder.buildTokenWithUid('a', 'c', 'ch', 1, RtcRole.PUBLISHER, 600);",
      '',
    ].join('\n');
    const errors = typecheckBuilderCalls([{ path: at('uses-config.ts'), text }], { project });
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 94, 2345],
      [4, 38, 2554],
    ]);
    expect(project.getSourceFile(at('uses-config.ts'))?.getFullText()).toBe(text);
  });

  it('takes only TypeScript or checked JavaScript that uses agora-token as candidates', () => {
    expect(isTypecheckCandidate('a.ts', SIX_ARGS)).toBe(true);
    expect(isTypecheckCandidate('a.d.ts', SIX_ARGS)).toBe(false);
    expect(isTypecheckCandidate('a.ts', "import { RtcTokenBuilder } from 'agora-access-token';")).toBe(false);
    expect(isTypecheckCandidate('a.js', "const x = require('agora-token');")).toBe(false);
    expect(isTypecheckCandidate('a.js', "/** server */\n// @ts-check\nconst x = require('agora-token');")).toBe(true);
  });

  it('loads no ts-morph when no file is a candidate', () => {
    const module = path.join(REPO_ROOT, 'dist/src/analysis/typecheck.js');
    const script = `
      const { typecheckBuilderCalls } = await import(${JSON.stringify(module)});
      const { createRequire } = await import('node:module');
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((key) => key.includes('ts-morph'));
      const none = typecheckBuilderCalls([{ path: '/x/a.js', text: "const x = require('agora-token');" }]);
      const before = loaded();
      typecheckBuilderCalls([{ path: '/x/b.ts', text: "import { RtcTokenBuilder } from 'agora-token';\\nRtcTokenBuilder.buildTokenWithUid('a', 'c', 'ch', 1, 1, 60);\\n" }]);
      console.log(JSON.stringify({ none: none.length, before, after: loaded() }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ none: 0, before: false, after: true });
  });
});
