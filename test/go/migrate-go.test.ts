/**
 * Go fixtures (test/go/fixtures/ and examples/go-fetch-rtc-token): each input migrates to its
 * output exactly and the output migrates to nothing (idempotence); inputs and outputs are
 * gofmt-clean and pass `go vet` against the stand-ins of Agora's packages; and the original and the
 * migrated program, answering the same requests, issue tokens with equivalent claims (decoded and
 * compared by src/token) and identical responses.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateGoSource } from '../../src/go/index.ts';
import { toPrivilegeExpire, toTokenExpire, toV2Role } from '../../src/mapping.ts';
import { compareClaims } from '../../src/token/index.ts';
import { HELPERS_PACKAGE, helpersProgram, type HelpersOutput } from './helpers-program.ts';
import {
  buildV1Token,
  buildV2Token,
  createGoModule,
  gofmtList,
  listGoFixtures,
  packageDir,
  runBinary,
  TEST_APP_CERTIFICATE,
  type GoModule,
} from './harness.ts';

const fixtures = listGoFixtures();

describe('Go fixtures: text', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s migrates to its output, and the output is left alone', (name, fixture) => {
    const first = migrateGoSource({ path: `${name}.go`, source: fixture.input });
    expect(first.output).toBe(fixture.output);
    if (fixture.output === undefined) {
      // a no-op case says why it must not change
      expect(fixture.input).toMatch(/^\/\/ no-op: /);
      return;
    }
    expect(first.edits.length + first.reviews.length).toBeGreaterThan(0);
    const second = migrateGoSource({ path: `${name}.go`, source: fixture.output });
    expect(second.output).toBeUndefined();
  });

  it('every migrating fixture but the review-only ones has runs that prove its tokens', () => {
    const withoutRuns = fixtures.filter((f) => f.output !== undefined && f.runs === undefined).map((f) => f.name);
    expect(withoutRuns).toEqual(['dot-import', 'method-value', 'shadowed-name']);
  });
});

describe('Go fixtures: compiled and run against the stand-ins', () => {
  let module: GoModule;
  let workDir: string;

  beforeAll(async () => {
    module = createGoModule(fixtures, { [HELPERS_PACKAGE]: helpersProgram() });
    workDir = mkdtempSync(path.join(os.tmpdir(), 'agora-token-migrate-go-runs-'));
    await module.build();
  }, 180_000);

  afterAll(() => {
    module?.remove();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('inputs and outputs are gofmt-clean', async () => {
    expect(await gofmtList(path.join(module.dir, 'cmd'))).toEqual([]);
  });

  it('inputs and outputs pass go vet', async () => {
    await module.vet();
  }, 180_000);

  it('the generated Go helpers return what src/mapping.ts returns', async () => {
    const binary = path.join(module.dir, 'bin', path.basename(HELPERS_PACKAGE));
    let output: HelpersOutput | undefined;
    // the program reads the clock once per deadline: retry when a second boundary fell inside it
    for (let attempt = 0; attempt < 3 && (output === undefined || output.before !== output.after); attempt++) {
      output = JSON.parse((await promisify(execFile)(binary)).stdout) as HelpersOutput;
    }
    expect(output!.before).toBe(output!.after);
    const now = output!.before;
    const expected = output!.deadlines.map(({ ts }) => ({ ts, tokenExpire: toTokenExpire(ts, now), privilegeExpire: toPrivilegeExpire(ts, now) }));
    expect(output!.deadlines).toEqual(expected);
    expect(output!.roles).toEqual(output!.roles.map(({ role }) => ({ role, v2: toV2Role(role) })));
    expect(new Set(output!.deadlines.map((d) => d.tokenExpire))).toEqual(new Set([1, 2, 600, 86399, 86400]));
  });

  const semantic = fixtures.filter((f) => f.runs !== undefined && f.output !== undefined);
  it.each(semantic.map((f) => [f.name, f] as const))('%s: equivalent tokens and identical responses', async (name, fixture) => {
    let tokens = 0;
    for (const goRun of fixture.runs!) {
      const before = await runBinary(module.binary(name, 'before'), goRun, workDir);
      const after = await runBinary(module.binary(name, 'after'), goRun, workDir);
      const where = `${packageDir(name, 'after')} with ${JSON.stringify(goRun.env)}`;
      expect(after.map((e) => e.path), where).toEqual(goRun.requests.map((r) => r.path));
      expect(before.map((e) => e.path), where).toEqual(goRun.requests.map((r) => r.path));
      for (const [i, old] of before.entries()) {
        const now = after[i];
        expect({ status: now.status, body: now.body }, `${where} ${old.path}`).toEqual({ status: old.status, body: old.body });
        expect(now.calls.length, `${where} ${old.path}`).toBe(old.calls.length);
        for (const [j, call] of old.calls.entries()) {
          expect(call.agoraCall).toMatch(/^rt[cm]tokenbuilder\./);
          expect(now.calls[j].agoraCall).toMatch(/^rt[cm]tokenbuilder2\./);
          const differences = compareClaims(buildV1Token(call), buildV2Token(now.calls[j]), { certificate: TEST_APP_CERTIFICATE });
          expect(differences, `${where} ${old.path}: ${JSON.stringify(call.args)} → ${JSON.stringify(now.calls[j].args)}`).toEqual([]);
          tokens++;
        }
      }
    }
    expect(tokens).toBeGreaterThan(0);
  }, 60_000);
});
