/**
 * Correct-looking AccessToken2 code that is wrong: `RtmRole` read from `agora-token` (which has no such
 * export) and the v1 role numbers 0 / 101 passed to a v2 RTC builder (join-only in AccessToken2).
 */
import { describe, expect, it } from 'vitest';
import { analyzeAgoraUsage } from '../../src/analysis/agora-usage.ts';
import { checkFileText, classifyCheckFile, type CheckFileKind } from '../../src/check/check-file.ts';
import { expectTriggered } from './triggered.ts';
import { findingsFromUsage } from '../../src/check/js-rules.ts';
import { getRule } from '../../src/check/rules.ts';

function check(file: string, text: string) {
  const result = checkFileText(file, text, classifyCheckFile(file) as CheckFileKind, { analyze: analyzeAgoraUsage, moduleKind: 'commonjs' });
  expectTriggered(file, text, result.findings);
  return result;
}
const rulesOf = (file: string, lines: string[]) => check(file, lines.join('\n')).findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);

describe('v2-rtm-role-import', () => {
  it('is a registered error rule', () => {
    expect(getRule('v2-rtm-role-import')?.defaultSeverity).toBe('error');
  });

  it('flags RtmRole from agora-token in every import form', () => {
    expect(
      rulesOf('src/rtm.js', [
        "const { RtmTokenBuilder, RtmRole } = require('agora-token');",
        "const agoraToken = require('agora-token');",
        'const a = agoraToken.RtmRole.Rtm_User;',
        "const b = require('agora-token').RtmRole;",
        "const c = agoraToken['RtmRole'];",
        'const { RtmRole: R = {} } = agoraToken;',
        'const d = agoraToken?.RtmRole ?? agoraToken?.[`RtmRole`];',
        'agoraToken.RtmRole = {};',
      ]),
    ).toEqual(['1:26 v2-rtm-role-import', '3:11 v2-rtm-role-import', '4:11 v2-rtm-role-import', '5:11 v2-rtm-role-import', '6:9 v2-rtm-role-import', '7:11 v2-rtm-role-import', '7:34 v2-rtm-role-import']);
    expect(rulesOf('src/rtm.ts', ["import { RtmRole } from 'agora-token';", "import * as ns from 'agora-token';", 'export const r = [RtmRole, ns.default.RtmRole];'])).toEqual([
      '1:10 v2-rtm-role-import',
      '3:28 v2-rtm-role-import',
    ]);
  });

  it('gives the message and the hint to drop the role', () => {
    const [finding] = check('src/rtm.js', "const { RtmRole } = require('agora-token');\n").findings;
    expect(finding.message).toContain('`RtmRole` destructured from `agora-token` is `undefined`');
    expect(finding.hint).toContain('RtmTokenBuilder.buildToken(appId, appCertificate, userId, expireSeconds)');
  });

  it('leaves v1 RtmRole, the app’s own RtmRole, type-only imports and writes alone', () => {
    expect(
      rulesOf('src/rtm.ts', [
        "import type { RtmRole } from 'agora-token';",
        "import agoraToken from 'agora-token';",
        "import { RtmRole as Mine } from './roles';",
        'agoraToken.RtmRole = Mine;',
        'export const r: RtmRole | undefined = undefined;',
        'export const t = agoraToken.RtmTokenBuilder.buildToken(process.env.APP_ID!, process.env.CERT!, "u", 3600);',
      ]),
    ).toEqual([]);
    expect(rulesOf('src/v1.js', ["const { RtmRole } = require('agora-access-token');", 'module.exports = RtmRole.Rtm_User;'])).toEqual(['1:29 v1-import']);
  });
});

describe('deprecated-rtc-role: literal role numbers on v2 RTC builders', () => {
  const call = (method: string, role: string) => [
    "const { RtcTokenBuilder } = require('agora-token');",
    `module.exports = (a, c, ch, u) => RtcTokenBuilder.${method}(a, c, ch, u, ${role}, 3600, 3600);`,
  ];

  it.each([
    ['buildTokenWithUid', '0'],
    ['buildTokenWithUid', '101'],
    ['buildTokenWithUserAccount', "'101'"],
    ['buildTokenWithUserAccount', "'0'"],
    ['buildTokenWithRtm', '0'],
    ['buildTokenWithRtm2', '101'],
  ])('%s with role %s', (method, role) => {
    const column = call(method, role)[1].indexOf(`, ${role},`) + 3;
    // (buildTokenWithRtm2 takes 12 arguments: the short call also misses its RTM token lifetime)
    expect(rulesOf('src/token.js', call(method, role)).filter((f) => f.endsWith('deprecated-rtc-role'))).toEqual([`2:${column} deprecated-rtc-role`]);
  });

  it('names the v1 role and the fix', () => {
    const [finding] = check('src/token.js', call('buildTokenWithUid', '101').join('\n')).findings;
    expect(finding.message).toContain('called with role `101` (v1 ADMIN, publish allowed)');
    expect(finding.message).toContain('join-only');
    expect(finding.hint).toContain('RtcRole.PUBLISHER');
  });

  it('leaves roles 1 and 2, other expressions, non-role positions, look-alikes and v1 calls alone', () => {
    expect(rulesOf('src/token.js', call('buildTokenWithUid', '1'))).toEqual([]);
    expect(rulesOf('src/token.js', call('buildTokenWithUid', "'2'"))).toEqual([]);
    expect(rulesOf('src/token.js', call('buildTokenWithUid', 'role'))).toEqual([]);
    expect(
      rulesOf('src/token.js', [
        "const { RtcTokenBuilder } = require('agora-token');",
        'module.exports = (a, c, ch) => [RtcTokenBuilder.buildTokenWithUid(a, c, ch, 0, 1, 3600, 3600), RtcTokenBuilder.buildTokenWithUidAndPrivilege(a, c, ch, 0, 101, 101, 101, 101, 101)];',
      ]),
    ).toEqual([]);
    expect(rulesOf('src/token.js', ["const other = require('./tokens');", 'module.exports = other.buildTokenWithUid("a", "c", "ch", 1, 101, 3600, 3600);'])).toEqual([]);
    // v1 still grants publish to 101: the v1 rules report the call, migrate maps the role
    expect(
      rulesOf('src/token.js', ["const { RtcTokenBuilder } = require('agora-access-token');", 'module.exports = RtcTokenBuilder.buildTokenWithUid("a", "c", "ch", 1, 101, 0);']),
    ).toEqual(['1:37 v1-import', '2:18 v1-builder-call']);
  });

  it('reads the role from the analysis (roleLiteral) in the pure rules', () => {
    const findings = findingsFromUsage({
      imports: [],
      roleRefs: [],
      markers: [],
      calls: [
        {
          generation: 'v2',
          builder: 'rtc',
          method: 'buildTokenWithUid',
          argCount: 7,
          expiry: [],
          line: 3,
          column: 1,
          roleLiteral: { index: 4, value: 0, text: '0', line: 3, column: 40 },
        },
      ],
    });
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['3:40 deprecated-rtc-role']);
  });
});
