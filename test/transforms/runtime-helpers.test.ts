import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { helperSource } from '../../src/codemod/runtime-helpers.ts';
import { toPrivilegeExpire, toTokenExpire, toV2Role } from '../../src/mapping.ts';

type Helper = (value: unknown) => unknown;

/** Loads an emitted helper's JavaScript with `Date.now` fixed at `nowMs`. */
function load(name: 'toTokenExpire' | 'toPrivilegeExpire' | 'toV2Role', nowMs: number): Helper {
  const FixedDate = { now: () => nowMs };
  return new Function('Date', `${helperSource(name, false)}\nreturn ${name};`)(FixedDate) as Helper;
}

const NOW_MS = 1_764_300_000_123;
const NOW = Math.floor(NOW_MS / 1000);

const deadline = fc.oneof(
  fc.constantFrom(0, undefined, null, '', NOW, NOW - 1, NOW + 1, NOW + 86400, NOW + 86401, NOW + 200000),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.integer({ min: NOW - 100000, max: NOW + 300000 }),
  fc.integer({ min: NOW - 100000, max: NOW + 300000 }).map(String),
);

/** The code the transforms emit behaves exactly like src/mapping.ts, which verify and the tests use. */
describe('emitted run-time helpers', () => {
  it('toTokenExpire matches the mapping and is never 0', () => {
    const helper = load('toTokenExpire', NOW_MS);
    fc.assert(
      fc.property(deadline, (ts) => {
        const value = helper(ts);
        expect(value).toBe(toTokenExpire(ts as number, NOW));
        expect(value).toBeGreaterThanOrEqual(1);
        expect(value).toBeLessThanOrEqual(86400);
      }),
    );
  });

  it('toPrivilegeExpire matches the mapping: 0 only for "never", a past deadline is 1', () => {
    const helper = load('toPrivilegeExpire', NOW_MS);
    fc.assert(
      fc.property(deadline, (ts) => {
        const value = helper(ts);
        expect(value).toBe(toPrivilegeExpire(ts as number, NOW));
        if (Number(ts) > 0) expect(value).toBeGreaterThanOrEqual(1);
      }),
    );
    expect(helper(NOW - 5)).toBe(1);
    expect(helper(0)).toBe(0);
  });

  it('toV2Role keeps publish for 0 and 101 with v1 loose comparison', () => {
    const helper = load('toV2Role', NOW_MS);
    for (const role of [0, 1, 2, 101, '0', '101', '1', 5, undefined, null, '']) expect(helper(role)).toBe(toV2Role(role));
    expect(helper('0')).toBe(1);
    expect(helper(2)).toBe(2);
  });
});
