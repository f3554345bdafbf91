/**
 * The ESM half of the recipe's property test: generated native-ESM v1 modules (every import form
 * Node can load) are migrated and both versions run in real Node child processes through the semantic
 * harness, so a named import from agora-token that would crash at load fails the test.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { applyRecipe } from '../../src/recipe.ts';
import { checkFixture, type SemanticFixture } from '../helpers/semantic.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIR = join(ROOT, 'test/.tmp/esm-property/generated');

/** Import forms Node can load in native ESM for agora-access-token (only RtcTokenBuilder is a detected named export). */
const importForm = fc.constantFrom(
  { head: "import { RtcTokenBuilder } from 'agora-access-token';", rtc: 'RtcTokenBuilder', role: (r: string) => r, rtm: undefined },
  { head: "import pkg from 'agora-access-token';\nconst { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } = pkg;", rtc: 'RtcTokenBuilder', role: (r: string) => r, rtm: 'RtmTokenBuilder' },
  { head: "import agora from 'agora-access-token';", rtc: 'agora.RtcTokenBuilder', role: (r: string) => r.replaceAll('RtcRole.', 'agora.RtcRole.'), rtm: 'agora.RtmTokenBuilder' },
  {
    head: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } = require('agora-access-token');",
    rtc: 'RtcTokenBuilder',
    role: (r: string) => r,
    rtm: 'RtmTokenBuilder',
  },
);
const role = fc.constantFrom('RtcRole.PUBLISHER', 'RtcRole.ATTENDEE', 'RtcRole.ADMIN', '0', '2', '101', 'role');
const expiry = fc.constantFrom('Math.floor(Date.now() / 1000) + {N}', '0', 'expire', 'Math.floor(Date.now() / 1000) + Number(expire)');
const caseArb = fc.record({ form: importForm, role, expiry, rtm: fc.boolean(), n: fc.integer({ min: 1, max: 200000 }) });

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function program(c: Case): string {
  // the named-import form has no RtcRole (it would not load): numbers only
  const roleText = c.form.role(c.form.rtc === 'RtcTokenBuilder' && c.form.rtm === undefined ? c.role.replace('RtcRole.PUBLISHER', '1').replace('RtcRole.ATTENDEE', '0').replace('RtcRole.ADMIN', '101') : c.role);
  const ts = c.expiry.replace('{N}', String(c.n));
  const rtm = c.form.rtm
    ? `\n\nexport function login(channel, uid, role, expire) {\n  return ${c.form.rtm}.buildToken(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, \`u\${uid}\`, ${c.form.rtm === 'agora.RtmTokenBuilder' ? 'agora.RtmRole' : 'RtmRole'}.Rtm_User, ${ts});\n}`
    : '';
  return `${c.form.head}\n\nexport function issue(channel, uid, role, expire) {\n  return ${c.form.rtc}.buildTokenWithUid(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, channel, uid, ${roleText}, ${ts});\n}${c.rtm ? rtm : ''}\n`;
}

afterAll(() => rmSync(join(ROOT, 'test/.tmp/esm-property'), { recursive: true, force: true }));

describe('the accesstoken2 recipe over generated native-ESM modules', () => {
  it('migrates them to modules that load and issue equivalent tokens', async () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    const cases = fc.sample(caseArb, Number(process.env.PROPERTY_RUNS_ESM ?? 24));
    const fixtures: SemanticFixture[] = cases.map((c, i) => {
      const source = program(c);
      const input = join(DIR, `case-${i}.input.mjs`);
      const output = join(DIR, `case-${i}.output.mjs`);
      writeFileSync(input, source);
      const result = applyRecipe({ path: input, source });
      expect(result.output, source).toBeDefined();
      expect(result.output).toMatch(/agora-token/);
      expect(result.output).not.toMatch(/import \{[^}]*\} from 'agora-token'|agora-access-token/);
      writeFileSync(output, result.output!);
      return { id: `generated/case-${i}`, slug: 'generated', name: `case-${i}`, dir: DIR, ext: 'mjs', input, output, moduleKind: 'module' };
    });
    for (const fixture of fixtures) {
      const report = await checkFixture(fixture);
      expect(report.problems, fixture.output).toEqual([]);
    }
  }, 300_000);
});
