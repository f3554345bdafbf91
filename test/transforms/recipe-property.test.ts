/**
 * Property test of the recipe: generated v1 token modules, in combinations of import form, builder,
 * role and expiry idiom, are migrated and both versions are run in-process under a frozen clock;
 * for every input tried the two tokens must carry equivalent claims.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyRecipe } from '../../src/recipe.ts';
import { compareClaims } from '../../src/token/index.ts';
import { assertParses } from '../helpers/fixtures.ts';

const require = createRequire(import.meta.url);
const PACKAGES: Record<string, unknown> = Object.fromEntries(
  ['agora-access-token', 'agora-access-token/src/RtcTokenBuilder', 'agora-access-token/src/RtmTokenBuilder', 'agora-token'].map((id) => [id, require(id)]),
);
const APP_ID = '970CA35de60c44645bbae8a215061b33';
const CERT = '5CFd2fd1755d40ecb72977518be15d3b';
const NOW_MS = Date.UTC(2026, 10, 28, 9, 30, 0, 250);
const NOW = Math.floor(NOW_MS / 1000);

type Issue = (channel: string, user: string | number, role: unknown, expiry: unknown) => string;

/** Loads CommonJS text with the two Agora packages as its only dependencies. */
function load(source: string): Issue {
  const module = { exports: {} as { issue?: Issue } };
  new Function('module', 'exports', 'require', source)(module, module.exports, (id: string) => {
    if (!(id in PACKAGES)) throw new Error(`unexpected require(${id})`);
    return PACKAGES[id];
  });
  return module.exports.issue!;
}

const importForm = fc.constantFrom(
  { head: "const { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } = require('agora-access-token');", ns: '' },
  { head: "const agora = require('agora-access-token');", ns: 'agora.' },
  { head: "const { RtcTokenBuilder, Role: RtcRole } = require('agora-access-token/src/RtcTokenBuilder');\nconst { RtmTokenBuilder, Role: RtmRole } = require('agora-access-token/src/RtmTokenBuilder');", ns: '' },
);
const roleExpr = fc.constantFrom('RtcRole.PUBLISHER', 'RtcRole.SUBSCRIBER', 'RtcRole.ATTENDEE', 'RtcRole.ADMIN', '0', '1', '2', '101', 'role', 'Number(role)', "role === 2 ? RtcRole.SUBSCRIBER : RtcRole.ADMIN", 'undefined');
/** Expiry idioms: a statement prefix and the argument, `{N}` a generated literal; `expiry` is the call's input. */
const expiryIdiom = fc.constantFrom(
  { pre: '', arg: 'Math.floor(Date.now() / 1000) + {N}' },
  { pre: 'const ttl = {N};\n  const now = Math.floor(Date.now() / 1000);\n  const privilegeExpiredTs = now + ttl;', arg: 'privilegeExpiredTs' },
  { pre: 'let ts = Math.floor(Date.now() / 1000);\n  ts += {N};', arg: 'ts' },
  { pre: '', arg: '0' },
  { pre: '', arg: '' },
  { pre: '', arg: 'expiry' },
  { pre: 'const seconds = Number(expiry) || {N};', arg: 'Math.floor(Date.now() / 1000) + seconds' },
  { pre: '', arg: 'undefined' },
  { pre: '', arg: 'null' },
  { pre: 'const deadline = expiry ? Number(expiry) : Math.floor(Date.now() / 1000) + {N};', arg: 'deadline' },
);
const builder = fc.constantFrom('uid', 'account', 'rtm');

function program(form: { head: string; ns: string }, role: string, idiom: { pre: string; arg: string }, kind: string, n: number): string {
  const ns = form.ns;
  const r = role.replaceAll('RtcRole.', `${ns}RtcRole.`);
  const arg = idiom.arg.replaceAll('{N}', String(n));
  const expiry = arg === '' ? '' : `, ${arg}`;
  const call =
    kind === 'rtm'
      ? `${ns}RtmTokenBuilder.buildToken('${APP_ID}', '${CERT}', String(user), ${ns}RtmRole.Rtm_User${expiry || ', 0'})`
      : `${ns}RtcTokenBuilder.${kind === 'uid' ? 'buildTokenWithUid' : 'buildTokenWithAccount'}('${APP_ID}', '${CERT}', channel, ${kind === 'uid' ? 'user' : 'String(user)'}, ${r}${expiry})`;
  return `${form.head}\n\nfunction issue(channel, user, role, expiry) {\n  ${idiom.pre.replaceAll('{N}', String(n))}\n  return ${call};\n}\n\nmodule.exports = { issue };\n`;
}

const callInput = fc.record({
  channel: fc.constantFrom('room-1', 'Room #$%&()+-:;<=.>?@[]^_{|}~,', 'c'),
  user: fc.constantFrom(0, 1, 42, 4294967295),
  role: fc.constantFrom(0, 1, 2, 101, 7, '0', '1'),
  expiry: fc.constantFrom(0, NOW - 100, NOW + 1, NOW + 600, NOW + 86400, NOW + 200000, '600', undefined),
});

describe('the accesstoken2 recipe over generated v1 modules', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW_MS, toFake: ['Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('issues tokens with equivalent claims for every input tried', () => {
    fc.assert(
      fc.property(importForm, roleExpr, expiryIdiom, builder, fc.integer({ min: 1, max: 300000 }), fc.array(callInput, { minLength: 3, maxLength: 3 }), (form, role, idiom, kind, n, inputs) => {
        const source = program(form, role, idiom, kind, n);
        const result = applyRecipe({ path: '/virtual/server.cjs', source });
        expect(result.output, source).toBeDefined();
        assertParses('/virtual/server.cjs', result.output!);
        expect(result.reviews, result.output).toEqual([]);
        expect(result.output).not.toMatch(/agora-access-token/);
        const before = load(source);
        const after = load(result.output!);
        for (const { channel, user, role: r, expiry } of inputs) {
          let v1: string | undefined;
          try {
            v1 = before(channel, user, r, expiry);
          } catch {
            // v1 threw (e.g. a numeric RTM user): the migrated code must throw too
            expect(() => after(channel, user, r, expiry)).toThrow();
            continue;
          }
          const v2 = after(channel, user, r, expiry);
          expect(v2.startsWith('007')).toBe(true);
          expect(compareClaims(v1, v2, { certificate: CERT }), `${result.output}\n${JSON.stringify({ channel, user, r, expiry })}`).toEqual([]);
        }
        // idempotent
        expect(applyRecipe({ path: '/virtual/server.cjs', source: result.output! }).output).toBeUndefined();
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});
