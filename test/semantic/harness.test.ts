/**
 * The harness must be able to fail: each deliberately wrong migration under negative/ is reported,
 * with the reason, and its building blocks behave as documented.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFixture, compareSideRuns, DEFAULT_CALL_ARGS, discoverFixtures, moduleKindFor, REPO_ROOT, type SemanticReport, type SideRun } from '../helpers/semantic.ts';

const NEGATIVE = fileURLToPath(new URL('./negative/', import.meta.url));
const SAMPLES = fileURLToPath(new URL('./samples/', import.meta.url));
const negatives = new Map(discoverFixtures(NEGATIVE).map((f) => [f.name, f]));

async function check(name: string): Promise<SemanticReport> {
  const fixture = negatives.get(name);
  if (!fixture) throw new Error(`no negative sample ${name}`);
  const report = await checkFixture(fixture);
  expect(report.equivalent).toBe(false);
  return report;
}

describe('the harness catches wrong migrations', () => {
  it('privilegeExpire 0 where v1 had a finite deadline', async () => {
    const report = await check('privilege-zero');
    // every default call has a finite v1 deadline
    expect(report.problems.filter((p) => p.includes('token $.token: rtc.privilege.1: '))).toHaveLength(DEFAULT_CALL_ARGS.length);
    expect(report.problems[0]).toMatch(/^generateRtcToken\("room-1", 42, 1, 3600\): token \$\.token: rtc\.privilege\.1: .*v1 expires .* but v2 never expires/);
  });

  it('role 0 and 101 passed through unmapped', async () => {
    const report = await check('role-passthrough');
    const privilegeProblems = report.problems.filter((p) => p.includes(': rtc.privileges: '));
    // the default calls use roles 1, 0, 101, 2, 5 and "0": three of them lose publishing
    expect(privilegeProblems.map((p) => p.slice(0, p.indexOf(': token ')))).toEqual([
      'generateRtcToken("room-1", 0, 0, 600)',
      'generateRtcToken("Room #$%&()+-:;<=.>?@[]^_{|}~,", "alice", 101, 86400)',
      'generateRtcToken("c", "12", "0", 0)',
    ]);
  });

  it('a named ESM import from agora-token (load error)', async () => {
    const report = await check('named-esm-import');
    expect(report.problems).toEqual([expect.stringMatching(/^the output does not load: SyntaxError: Named export 'RtcTokenBuilder' not found/)]);
  });

  it('the same in TypeScript emitted as ESM (options.json moduleKind)', async () => {
    const fixture = negatives.get('named-esm-import-ts')!;
    expect(fixture.moduleKind).toBe('module');
    const report = await check('named-esm-import-ts');
    expect(report.problems).toEqual([expect.stringMatching(/^the output does not load: SyntaxError: Named export 'RtcTokenBuilder' not found/)]);
  });

  it('a returned absolute expiresAt that became relative', async () => {
    const report = await check('relative-expires-at');
    expect(report.problems).toContain(`generateRtcToken("room-1", 42, 1, 3600): $.expiresAt: ${Math.floor(1_767_225_600_250 / 1000) + 3600} vs 3600`);
    expect(report.problems.every((p) => p.includes('$.expiresAt'))).toBe(true);
  });

  it('a call that throws only in the output', async () => {
    const report = await check('throws-only-in-output');
    expect(report.problems[0]).toBe('generateRtcToken("room-1", 42, 1, 3600): only the output throws (TypeError: RtcTokenBuilder.buildTokenWithAccount is not a function)');
  });

  it('a renamed export', async () => {
    const report = await check('renamed-export');
    expect(report.problems).toEqual(['exported functions differ: reference [generateRtcToken] vs output [generateToken]']);
  });

  it('a fixture whose calls return no token proves nothing', async () => {
    const report = await check('no-tokens');
    expect(report.problems).toEqual(['no call returned a token on both sides: nothing was compared (add a calls.json)']);
  });
});

describe('harness building blocks', () => {
  it('discovers cases with their output, v1 reference, options and calls', () => {
    const fixtures = discoverFixtures(SAMPLES);
    expect(fixtures.map((f) => f.id)).toEqual([
      'manual-migration/esm-account-and-rtm',
      'manual-migration/express-handler',
      'manual-migration/half-migrated',
      'manual-migration/ts-esm',
      'manual-migration/ts-static-class',
      'vendored/relative-import',
    ]);
    const byId = new Map(fixtures.map((f) => [f.id, f]));
    expect(byId.get('manual-migration/half-migrated')!.v1).toMatch(/half-migrated\.v1\.js$/);
    expect(byId.get('manual-migration/express-handler')!.v1).toBeUndefined();
    expect(byId.get('manual-migration/ts-esm')!.moduleKind).toBe('module');
    expect(byId.get('manual-migration/esm-account-and-rtm')!.moduleKind).toBe('module');
    expect(byId.get('manual-migration/ts-static-class')!.moduleKind).toBe('commonjs');
    expect(byId.get('manual-migration/ts-static-class')!.calls).toHaveLength(3);
    expect(discoverFixtures(join(SAMPLES, 'does-not-exist'))).toEqual([]);
  });

  it('derives the module kind from the extension first, then the options', () => {
    expect(moduleKindFor('mjs', 'commonjs')).toBe('module');
    expect(moduleKindFor('cts', 'module')).toBe('commonjs');
    expect(moduleKindFor('js', undefined)).toBe('commonjs');
    expect(moduleKindFor('ts', 'module')).toBe('module');
  });

  it('pairs calls by what was called and requires throws to match', () => {
    const side = (results: SideRun['results'], exports = ['f']): SideRun => ({ exports, calls: results.map((_, i) => ({ export: 'f', args: [i] })), results });
    const bothThrow = compareSideRuns(side([{ ok: false, error: { name: 'TypeError', message: 'a' } }]), side([{ ok: false, error: { name: 'RangeError', message: 'b' } }]));
    expect(bothThrow).toEqual({ problems: [], tokens: 0 });
    const oneThrows = compareSideRuns(side([{ ok: true, value: 1 }]), side([{ ok: false, error: { name: 'Error', message: 'boom' } }]));
    expect(oneThrows.problems).toEqual(['f(0): only the output throws (Error: boom)']);
    const values = compareSideRuns(side([{ ok: true, value: { a: [1, { $undefined: true }] } }]), side([{ ok: true, value: { a: [1, null] } }]));
    expect(values.problems).toEqual(['f(0): $.a[1]: an object vs null']);
  });

  it('reports a TypeScript syntax error as a load error naming file and line', async () => {
    const dir = join(REPO_ROOT, 'test', '.tmp', 'semantic-syntax', 'broken');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'case.input.ts'), "import { RtcTokenBuilder } from 'agora-access-token';\nexport const f = () => RtcTokenBuilder;\n");
    writeFileSync(join(dir, 'case.output.ts'), "import agora from 'agora-token';\nexport const f = ( => agora;\n");
    const [fixture] = discoverFixtures(join(dir, '..'));
    const report = await checkFixture(fixture);
    expect(report.problems).toEqual([expect.stringMatching(/^the output does not load: TypeScript: case\.output\.ts:2:\d+: /)]);
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });
});
