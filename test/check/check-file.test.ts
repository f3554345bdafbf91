import { beforeAll, describe, expect, it } from 'vitest';
import { loadGoParser } from '../../src/go/parser.ts';
import { analyzeAgoraUsage } from '../../src/analysis/agora-usage.ts';
import { checkFileText, classifyCheckFile, type CheckFileKind } from '../../src/check/check-file.ts';
import { expectTriggered } from './triggered.ts';

// Go files are detected with the Go grammar, which runCheck loads before its first Go file
beforeAll(() => loadGoParser());

function check(file: string, text: string) {
  const kind = classifyCheckFile(file) as CheckFileKind;
  const result = checkFileText(file, text, kind, { analyze: analyzeAgoraUsage });
  expectTriggered(file, text, result.findings);
  return result;
}
const rulesOf = (file: string, text: string) => check(file, text).findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);

describe('classifyCheckFile', () => {
  it.each([
    ['src/server.ts', 'js'],
    ['api/token.mjs', 'js'],
    ['types/agora.d.ts', undefined],
    ['go/main.go', 'other'],
    ['app/pubspec.yaml', 'pubspec'],
    ['web/package.json', 'package-json'],
    ['web/index.HTML', 'html'],
    ['README.md', undefined],
    ['config.yaml', undefined],
  ])('%s → %s', (file, type) => {
    expect(classifyCheckFile(file)?.type).toBe(type);
  });
});

describe('checkFileText on JS/TS', () => {
  it('checks TypeScript with type annotations', () => {
    const text = [
      "import { RtcTokenBuilder, RtcRole } from 'agora-access-token';",
      'export function token(channel: string, uid: number): string {',
      '  const expire: number = Math.floor(Date.now() / 1000) + 3600;',
      '  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID!, process.env.APP_CERT!, channel, uid, RtcRole.PUBLISHER, expire);',
      '}',
    ].join('\n');
    expect(rulesOf('src/token.ts', text)).toEqual(['1:42 v1-import', '4:10 v1-builder-call']);
  });

  it('reports a parse error with its position instead of findings', () => {
    const result = check('src/broken.js', "const { RtcTokenBuilder } = require('agora-access-token');\nconst x = (;\n");
    expect(result.findings).toEqual([]);
    expect(result.error).toMatchObject({ line: 2 });
  });

  it('does not parse files that cannot mention Agora (so their syntax errors are not ours)', () => {
    expect(check('src/other.js', 'const x = (;')).toEqual({ findings: [] });
  });

  it('finds a certificate passed straight to a builder, but not the App ID beside it', () => {
    const text = [
      "const { RtcTokenBuilder, RtcRole } = require('agora-token');",
      'module.exports = (ch) => RtcTokenBuilder.buildTokenWithUid(',
      "  '970ca35de60c44645bbae8a215061b33',",
      "  'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',",
      '  ch, 0, RtcRole.PUBLISHER, 3600, 3600);',
    ].join('\n');
    const result = check('src/token.js', text);
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['4:3 hardcoded-app-certificate']);
    expect(result.findings[0].message).toBe(`App Certificate ${'*'.repeat(28)}c5d6 is hard-coded (passed to a token builder): anyone who can read this file can mint tokens.`);
  });

  it('finds a certificate assigned in a file that builds tokens, also behind an env fallback', () => {
    const text = [
      "import agoraToken from 'agora-token';",
      "const appId = '970ca35de60c44645bbae8a215061b33';",
      "const cert = process.env.AGORA_CERT ?? 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';",
      'export const t = agoraToken.RtcTokenBuilder.buildTokenWithUid(appId, cert, "c", 0, 1, 600, 600);',
    ].join('\n');
    expect(rulesOf('src/token.mjs', text)).toEqual(['3:40 hardcoded-app-certificate']);
  });

  it('does not guess the positions a spread argument fills in a v2 call, but still reads the ones before it', () => {
    const text = [
      "const { RtcTokenBuilder, RtmTokenBuilder, RtcRole } = require('agora-token');",
      'const APP_ID = process.env.APP_ID;',
      'const APP_CERT = process.env.APP_CERT;',
      'exports.build = (...args) => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, ...args);',
      'exports.ttls = (ch, uid, ttls) => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, ch, uid, RtcRole.PUBLISHER, ...ttls);',
      'exports.rtm = (user, rest) => RtmTokenBuilder.buildToken(APP_ID, APP_CERT, user, ...rest);',
      'exports.zero = (ch, uid, rest) => RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERT, ch, uid, RtcRole.PUBLISHER, 0, ...rest);',
    ].join('\n');
    expect(rulesOf('src/token.js', text)).toEqual(['7:115 v2-token-expire-zero']);
  });

  it('judges every expiry position of the privilege, RTM2 and permission builders, allowing privilege expiries of 0', () => {
    const text = [
      "const { RtcTokenBuilder, RtmTokenBuilder } = require('agora-token');",
      'const [A, C] = [process.env.APP_ID, process.env.APP_CERT];',
      'exports.a = (ch, uid) => RtcTokenBuilder.buildTokenWithUidAndPrivilege(A, C, ch, uid, Math.floor(Date.now() / 1000) + 600, 600, 0, 0, Date.now());',
      'exports.b = (ch, acc) => RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(A, C, ch, acc, 0, 600, 600, 600, 600);',
      "exports.c = (ch, acc) => RtcTokenBuilder.buildTokenWithRtm2(A, C, ch, acc, 1, 600, 600, 0, Math.floor(Date.now() / 1000) + 600, 0, 'u', 0);",
      'exports.d = (user, perms) => RtmTokenBuilder.buildTokenWithPermissions(A, C, user, perms, 0);',
      'exports.e = (user, perms) => RtmTokenBuilder.buildTokenWithPermissions(A, C, user, perms);',
      'exports.ok = (ch, uid) => RtcTokenBuilder.buildTokenWithUidAndPrivilege(A, C, ch, uid, 600, 600, 0, 0, 0);',
      "exports.ok2 = (ch, acc) => RtcTokenBuilder.buildTokenWithRtm2(A, C, ch, acc, 1, 3600, 3600, 3600, 3600, 0, 'u', 3600);",
    ].join('\n');
    expect(rulesOf('src/token.js', text)).toEqual([
      '3:87 v2-absolute-expiry',
      '3:135 v2-absolute-expiry',
      '4:95 v2-token-expire-zero',
      '5:92 v2-absolute-expiry',
      '5:137 v2-token-expire-zero',
      '6:91 v2-token-expire-zero',
      '7:30 v2-token-expire-zero',
    ]);
  });

  it('reports re-exports by name and dynamic imports read by name from agora-token in native ESM, not export * or .default', () => {
    const text = [
      "export { RtcTokenBuilder, RtcRole as Role, type RtcTokenBuilder as B } from 'agora-token';",
      "export * from 'agora-token';",
      "export * as agora from 'agora-token';",
      "export { default as agoraToken, ApaasTokenBuilder } from 'agora-token';",
      "export type { RtmTokenBuilder } from 'agora-token';",
      'export async function token(ch: string, uid: number) {',
      "  const { RtcTokenBuilder, RtcRole } = await import('agora-token');",
      "  const { default: agoraToken } = await import('agora-token');",
      "  const ns = await import('agora-token');",
      "  const lib = await import('agora-token');",
      "  const rtm = (await import('agora-token')).RtmTokenBuilder;",
      "  await import('agora-token').then(({ RtcRole: R }) => R);",
      '  return [RtcTokenBuilder, RtcRole, agoraToken, ns.RtcTokenBuilder, lib.default, rtm];',
      '}',
    ].join('\n');
    const findings = check('src/token.mts', text).findings.filter((f) => f.ruleId === 'v2-named-import-esm');
    expect(findings.map((f) => `${f.line}:${f.column}`)).toEqual(['1:77', '3:24', '7:53', '9:27', '11:29', '12:16']);
    expect(findings[0].message).toBe("Re-export of `RtcTokenBuilder`, `RtcRole` from `agora-token` in a native ES module: Node throws `SyntaxError: Named export 'RtcTokenBuilder' not found` when it loads this file.");
    expect(findings[0].hint).toContain("`import agoraToken from 'agora-token'; export const { RtcTokenBuilder, RtcRole: Role } = agoraToken;`");
    expect(findings[0].hint).toContain('export type');
    expect(findings[1].hint).toContain("`export { default as agora } from 'agora-token';`");
    expect(check('src/one.mts', "export { RtcRole } from 'agora-token';").findings[0].hint).toMatch(/^Re-export it from the default export: /);
    expect(findings[2].message).toContain('`RtcTokenBuilder`, `RtcRole` read from it are undefined');
    expect(findings[2].hint).toContain("`const { RtcTokenBuilder, RtcRole } = (await import('agora-token')).default;`");
    expect(findings[3].message).toContain('`RtcTokenBuilder` read from it is undefined');
    expect(findings[5].hint).toContain('const { RtcRole: R } =');
    // CommonJS loads the same code through require (TypeScript) or is not native ESM: not this rule's business
    expect(check('src/token.cts', text).findings.filter((f) => f.ruleId === 'v2-named-import-esm')).toEqual([]);
  });

  it('honours suppression directives only in comments, never in strings', () => {
    const text = [
      "const { RtcTokenBuilder, RtcRole } = require('agora-access-token');",
      'const s = "// agora-token-migrate-ignore-next-line v1-builder-call";',
      'exports.a = (ch) => RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERT, ch, 0, RtcRole.PUBLISHER, 0);',
      "const t = `/* agora-token-migrate-ignore-next-line */ ${s}`;",
      'exports.b = (ch) => RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERT, ch, 0, RtcRole.PUBLISHER, 0);',
      // a regex literal holding a quote: only the parser knows the comment after it is one
      "const quote = /'/; // agora-token-migrate-ignore-next-line v1-builder-call -- reviewed",
      'exports.c = (ch) => RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERT, ch, 0, RtcRole.PUBLISHER, 0);',
    ].join('\n');
    expect(rulesOf('src/token.js', text)).toEqual(['1:46 v1-import', '3:21 v1-builder-call', '5:21 v1-builder-call']);
  });

  it('honours suppression directives only in comments in other languages and manifests', () => {
    const python = [
      'HELP = "# agora-token-migrate-ignore-next-line python-v1-builder"',
      'from RtcTokenBuilder import RtcTokenBuilder',
      '# agora-token-migrate-ignore-next-line python-v1-builder',
      'from RtmTokenBuilder import RtmTokenBuilder',
    ].join('\n');
    expect(rulesOf('tokens/server.py', python)).toEqual(['2:1 python-v1-builder']);
    const go = ['package main', 'var help = "// agora-token-migrate-ignore-next-line go-v1-builder"', 'import rtc "github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src/RtcTokenBuilder"'].join('\n');
    expect(rulesOf('main.go', go)).toEqual(['3:12 go-v1-builder']);
    const pubspec = ['name: app', 'description: "# agora-token-migrate-ignore-next-line old-client-sdk"', 'dependencies:', '  agora_rtc_engine: ^4.0.0'].join('\n');
    expect(check('app/pubspec.yaml', pubspec).findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['4 old-client-sdk']);
    const manifest = JSON.stringify({ description: '# agora-token-migrate-ignore-next-line', dependencies: { 'agora-access-token': '2.0.4' } }, null, 2);
    expect(check('package.json', manifest).findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['4 v1-dependency']);
  });

  it('honours a suppression comment and reports one that suppresses nothing', () => {
    const text = [
      '// agora-token-migrate-ignore-next-line v1-import -- decoder for legacy tokens',
      "const { AccessToken } = require('agora-access-token/src/AccessToken');",
      '/* agora-token-migrate-ignore-next-line v1-builder-call */',
      'module.exports = AccessToken;',
      '// agora-token-migrate-ignore-next-line deprecated-rtc-role',
      'const unrelated = 1;',
    ].join('\n');
    expect(rulesOf('src/legacy.js', text)).toEqual(['5:4 unused-suppression']);
  });
});
