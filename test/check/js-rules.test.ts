import { describe, expect, it } from 'vitest';
import type { AgoraImport, AgoraUsage, BuilderCall, ExpiryArg } from '../../src/analysis/agora-usage.ts';
import { findingsFromUsage } from '../../src/check/js-rules.ts';

function usage(partial: Partial<AgoraUsage>): AgoraUsage {
  return { imports: [], calls: [], roleRefs: [], markers: [], ...partial };
}

function expiry(index: number, kind: ExpiryArg['kind'], text: string, line = 10): ExpiryArg {
  return { index, kind, text, line, column: 20 + index };
}

function call(partial: Partial<BuilderCall> & Pick<BuilderCall, 'generation' | 'builder' | 'method' | 'argCount'>): BuilderCall {
  return { line: 10, column: 3, expiry: [], ...partial };
}

type Specifier = AgoraImport['specifiers'][number];

const spec = (imported: string, local = imported, typeOnly = false): Specifier => ({ imported, local, typeOnly });

/** An `import { … } from 'agora-token'` as the analysis reports it (names: every local it binds). */
function v2NamedImport(specifiers: Specifier[], partial: Partial<AgoraImport> = {}): AgoraImport {
  return { source: 'agora-token', generation: 'v2', kind: 'package', form: 'esm-named', names: specifiers.map((s) => s.local), specifiers, typeOnly: false, moduleKind: 'module', line: 2, column: 30, ...partial };
}

const rules = (u: AgoraUsage) => findingsFromUsage(u).map((f) => `${f.line}:${f.column} ${f.ruleId}`);

describe('findingsFromUsage', () => {
  it('reports v1 imports of every kind and ignores v2 imports', () => {
    const u = usage({
      imports: [
        { source: 'agora-access-token', generation: 'v1', kind: 'package', form: 'require', names: ['RtcTokenBuilder'], specifiers: [], typeOnly: false, moduleKind: 'commonjs', line: 1, column: 1 },
        { source: 'agora-token/src/RtcTokenBuilder', generation: 'v1', kind: 'deep', form: 'require', names: [], specifiers: [], typeOnly: false, moduleKind: 'commonjs', line: 2, column: 1 },
        { source: './lib/AccessToken', generation: 'v1', kind: 'vendored', form: 'esm-default', names: ['AccessToken'], specifiers: [], typeOnly: false, moduleKind: 'module', line: 3, column: 1 },
        { source: 'agora-token', generation: 'v2', kind: 'package', form: 'esm-default', names: ['agoraToken'], specifiers: [], typeOnly: false, moduleKind: 'module', line: 4, column: 1 },
      ],
    });
    const findings = findingsFromUsage(u);
    expect(findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['1 v1-import', '2 v1-import', '3 v1-import']);
    expect(findings[1].message).toContain('a v1 module inside the package');
    expect(findings[2].message).toContain('vendored copy');
  });

  it('reports every v1 builder call with a method-specific hint', () => {
    const findings = findingsFromUsage(
      usage({
        calls: [
          call({ generation: 'v1', builder: 'rtc', method: 'buildTokenWithAccount', argCount: 6 }),
          call({ generation: 'v1', builder: 'rtm', method: 'buildToken', argCount: 5, line: 11 }),
        ],
      }),
    );
    expect(findings.map((f) => f.ruleId)).toEqual(['v1-builder-call', 'v1-builder-call']);
    expect(findings[0].hint).toContain('buildTokenWithUserAccount');
    expect(findings[1].hint).toContain('no role argument');
  });

  it('reports RtcRole.ATTENDEE and ADMIN of either generation, not PUBLISHER/SUBSCRIBER or RtmRole', () => {
    const u = usage({
      roleRefs: [
        { object: 'RtcRole', member: 'ATTENDEE', generation: 'v1', line: 5, column: 9 },
        { object: 'RtcRole', member: 'ADMIN', generation: 'v2', line: 6, column: 9 },
        { object: 'RtcRole', member: 'PUBLISHER', generation: 'v2', line: 7, column: 9 },
        { object: 'RtcRole', member: 'SUBSCRIBER', generation: 'v1', line: 8, column: 9 },
        { object: 'RtmRole', member: 'Rtm_User', generation: 'v1', line: 9, column: 9 },
      ],
    });
    const findings = findingsFromUsage(u);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['5:9 deprecated-rtc-role', '6:9 deprecated-rtc-role']);
    expect(findings[0].message).toContain('becomes `undefined`');
    expect(findings[1].message).toContain('is `undefined` in agora-token');
  });

  it('reports an absolute timestamp fed to a v2 builder at the argument', () => {
    const u = usage({
      calls: [call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 7, expiry: [expiry(5, 'absolute', 'now + 3600'), expiry(6, 'absolute', 'now + 3600')] })],
    });
    expect(rules(u)).toEqual(['10:25 v2-absolute-expiry', '10:26 v2-absolute-expiry']);
  });

  it('reports a 6-argument v2 RTC call once, without restating the missing privilegeExpire', () => {
    const u = usage({
      calls: [call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 6, expiry: [expiry(5, 'relative', '3600'), expiry(6, 'missing', '')] })],
    });
    expect(rules(u)).toEqual(['10:3 v2-rtc-six-arguments']);
  });

  it('does not apply the 6-argument rule to privilege builders, whose 6th argument is a privilege', () => {
    const u = usage({
      calls: [call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUidAndPrivilege', argCount: 6, expiry: [expiry(4, 'relative', '600'), expiry(5, 'relative', '600')] })],
    });
    expect(rules(u)).toEqual([]);
  });

  it('reports a v2 RTM call with a role argument once, whatever its expiry arguments look like', () => {
    const u = usage({
      calls: [call({ generation: 'v2', builder: 'rtm', method: 'buildToken', argCount: 5, expiry: [expiry(3, 'unknown', 'RtmRole.Rtm_User'), expiry(4, 'absolute', 'ts')] })],
    });
    expect(rules(u)).toEqual(['10:3 v2-rtm-role-argument']);
  });

  it('reports tokenExpire 0 or missing, but not privilegeExpire 0 (which means "never")', () => {
    const u = usage({
      calls: [
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 7, expiry: [expiry(5, 'zero', '0'), expiry(6, 'zero', '0')] }),
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUserAccount', argCount: 7, line: 12, expiry: [expiry(5, 'relative', '86400', 12), expiry(6, 'zero', '0', 12)] }),
        call({ generation: 'v2', builder: 'rtm', method: 'buildToken', argCount: 3, line: 14, expiry: [expiry(3, 'missing', '', 14)] }),
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithRtm2', argCount: 12, line: 16, expiry: [expiry(5, 'relative', 'ttl', 16), expiry(11, 'zero', '0', 16)] }),
      ],
    });
    expect(rules(u)).toEqual(['10:25 v2-token-expire-zero', '14:23 v2-token-expire-zero', '16:31 v2-token-expire-zero']);
    expect(findingsFromUsage(u)[1].message).toContain('is missing (written as 0)');
  });

  it('does not report missing, zero or six-argument findings at or after a spread argument, only before it', () => {
    const u = usage({
      calls: [
        // buildTokenWithUid(APP_ID, APP_CERT, ...args): the analysis lists no position from the spread on
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 3, spreadAt: 2 }),
        // buildTokenWithUid(a, c, ch, uid, role, ...ttls): 6 arguments written, but the spread may pass both expiries
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 6, spreadAt: 5, line: 11, expiry: [expiry(5, 'missing', '', 11), expiry(6, 'missing', '', 11)] }),
        call({ generation: 'v2', builder: 'rtm', method: 'buildToken', argCount: 5, spreadAt: 4, line: 12, expiry: [expiry(4, 'absolute', 'rest', 12)] }),
        // a literal before the spread is still what it is
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 7, spreadAt: 6, line: 13, expiry: [expiry(5, 'zero', '0', 13)] }),
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 7, spreadAt: 6, line: 14, expiry: [expiry(5, 'absolute', 'now + 600', 14)] }),
      ],
    });
    expect(rules(u)).toEqual(['13:25 v2-token-expire-zero', '14:25 v2-absolute-expiry']);
  });

  it('reports each manual-review marker', () => {
    expect(rules(usage({ markers: [{ line: 3, column: 5 }] }))).toEqual(['3:5 manual-review-marker']);
  });

  it('reports a named value import from the agora-token root in native ESM, with a destructuring hint', () => {
    const [finding] = findingsFromUsage(usage({ imports: [v2NamedImport([spec('RtcTokenBuilder'), spec('RtcRole', 'Role')])] }));
    expect(`${finding.line}:${finding.column} ${finding.ruleId}`).toBe('2:30 v2-named-import-esm');
    expect(finding.message).toContain("SyntaxError: Named export 'RtcTokenBuilder' not found");
    expect(finding.message).toContain('`RtcTokenBuilder`, `RtcRole`');
    expect(finding.hint).toContain("`import agoraToken from 'agora-token'; const { RtcTokenBuilder, RtcRole: Role } = agoraToken;`");
  });

  it('reuses a default import already in the declaration and keeps type-only names out of the destructuring', () => {
    const withDefault = v2NamedImport([spec('RtcTokenBuilder')], { names: ['token', 'RtcTokenBuilder'] });
    expect(findingsFromUsage(usage({ imports: [withDefault] }))[0].hint).toContain("`import token from 'agora-token'; const { RtcTokenBuilder } = token;`");
    const mixed = v2NamedImport([spec('RtcRole', 'RtcRole', true), spec('ApaasTokenBuilder'), spec('RtmTokenBuilder')]);
    const [finding] = findingsFromUsage(usage({ imports: [mixed] }));
    expect(finding.message).toContain('of `RtmTokenBuilder` from');
    expect(finding.hint).toContain('const { ApaasTokenBuilder, RtmTokenBuilder } = agoraToken;');
    expect(finding.hint).toContain('import type');
  });

  it('does not report named imports Node can load: CommonJS, type-only, ApaasTokenBuilder or default, deep paths', () => {
    const u = usage({
      imports: [
        v2NamedImport([spec('RtcTokenBuilder')], { moduleKind: 'commonjs' }),
        v2NamedImport([spec('RtcTokenBuilder'), spec('RtcRole')], { typeOnly: true }),
        v2NamedImport([spec('RtcRole', 'RtcRole', true), spec('ApaasTokenBuilder'), spec('default', 'agoraToken')]),
        v2NamedImport([spec('RtcTokenBuilder')], { source: 'agora-token/src/RtcTokenBuilder2.js', kind: 'deep' }),
      ],
    });
    expect(findingsFromUsage(u)).toEqual([]);
  });

  it('finds nothing in correct AccessToken2 usage', () => {
    const u = usage({
      imports: [{ source: 'agora-token', generation: 'v2', kind: 'package', form: 'esm-default', names: ['agoraToken'], specifiers: [], typeOnly: false, moduleKind: 'module', line: 1, column: 1 }],
      calls: [
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 7, expiry: [expiry(5, 'relative', 'ttl'), expiry(6, 'relative', 'ttl')] }),
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUserAccount', argCount: 7, expiry: [expiry(5, 'relative', '86400'), expiry(6, 'zero', '0')] }),
        call({ generation: 'v2', builder: 'rtm', method: 'buildToken', argCount: 4, expiry: [expiry(3, 'relative', '3600')] }),
        call({ generation: 'v2', builder: 'rtc', method: 'buildTokenWithUid', argCount: 7, expiry: [expiry(5, 'unknown', 'config.ttl'), expiry(6, 'unknown', 'config.ttl')] }),
      ],
      roleRefs: [{ object: 'RtcRole', member: 'PUBLISHER', generation: 'v2', line: 4, column: 1 }],
    });
    expect(findingsFromUsage(u)).toEqual([]);
  });
});
