import { describe, expect, it } from 'vitest';
import { compareValues, findTokens, isTimeFieldName, isTokenString } from '../../src/verify/index.ts';

const T6 = '006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW';
const T7 = '007eJxTYBBbsMMnKq7p9Hf/HcIX5kce9b518kCiQgSr5Zrp4X1Tu6UUGCzNDZwdjU1TUs0Mkk1MzExMk5ISUy0SjQxNDcwMk4yN3b8IMEQwMTAwMoAwBIL4CgzmKeZGxmamqUmWFsYmFqbGluapxqnGaZYpJmYGSSkpiVwMRhYWRsYmhkbmxgDCaiTj';

describe('findTokens', () => {
  it('finds tokens at any depth, by path', () => {
    const value = { rtcToken: T6, nested: { list: ['x', T7], 'odd key': T7 }, count: 3 };
    expect(findTokens(value)).toEqual([
      { path: '$.rtcToken', token: T6 },
      { path: '$.nested.list[1]', token: T7 },
      { path: '$.nested["odd key"]', token: T7 },
    ]);
    expect(findTokens(T7)).toEqual([{ path: '$', token: T7 }]);
  });

  it('finds tokens in JSON carried by a string (a Lambda handler\'s body), under a (json) path', () => {
    const response = { statusCode: 200, body: JSON.stringify({ token: T7, uid: 42 }) };
    expect(findTokens(response)).toEqual([{ path: '$.body(json).token', token: T7 }]);
    expect(findTokens({ body: '{not json' })).toEqual([]);
  });

  it('ignores strings that merely contain or resemble a token', () => {
    expect(isTokenString(`Bearer ${T7}`)).toBe(false);
    expect(isTokenString('005abc')).toBe(false);
    expect(isTokenString('007abc-_')).toBe(false);
    expect(findTokens({ a: '', b: null, c: 7 })).toEqual([]);
  });
});

describe('compareValues', () => {
  it('compares JSON carried by strings field by field, tokens skipped', () => {
    const body = (token: string, uid: number) => ({ statusCode: 200, body: JSON.stringify({ token, uid }) });
    expect(compareValues(body(T6, 42), body(T7, 42))).toEqual([]);
    expect(compareValues(body(T6, 42), body(T7, 43))).toEqual([{ path: '$.body(json).uid', message: expect.stringContaining('42') }]);
  });

  it('skips tokens present on both sides and reports one-sided tokens', () => {
    expect(compareValues({ t: T6, n: 1 }, { t: T7, n: 1 })).toEqual([]);
    expect(compareValues({ t: T6 }, { t: '' })).toEqual([{ path: '$.t', message: 'a token on one side only (first); the other has ""' }]);
  });

  it('reports missing, extra and changed fields with paths', () => {
    expect(compareValues({ a: 1, b: [1, 2], c: 'x' }, { a: 2, b: [1], d: true })).toEqual([
      { path: '$.a', message: '1 vs 2' },
      { path: '$.b', message: 'array length 2 vs 1' },
      { path: '$.c', message: 'missing on the second side; the first has "x"' },
      { path: '$.d', message: 'missing on the first side; the second has true' },
    ]);
    expect(compareValues(null, {})).toEqual([{ path: '$', message: 'null vs an object' }]);
  });

  it('allows clock drift only in time fields and ISO dates, within the tolerance', () => {
    const options = { toleranceSeconds: 2, isTimeField: isTimeFieldName };
    expect(compareValues({ expiresAt: 100, ttl: 100 }, { expiresAt: 102, ttl: 101 }, options)).toEqual([{ path: '$.ttl', message: '100 vs 101' }]);
    expect(compareValues({ expiresAt: 100 }, { expiresAt: 103 }, options)[0].message).toBe('time value 100 vs 103 differs by more than 2 s');
    // epoch milliseconds get the tolerance in milliseconds
    expect(compareValues({ issuedAt: 1_767_225_600_000 }, { issuedAt: 1_767_225_601_999 }, options)).toEqual([]);
    expect(compareValues({ when: '2026-01-01T00:00:00Z' }, { when: '2026-01-01T00:00:02.000Z' }, options)).toEqual([]);
    expect(compareValues({ when: '2026-01-01T00:00:00Z' }, { when: '2026-01-01T00:00:03Z' }, options)).toHaveLength(1);
    // without a tolerance, everything is exact
    expect(compareValues({ expiresAt: 100 }, { expiresAt: 101 }, { isTimeField: isTimeFieldName })).toHaveLength(1);
  });

  it('skips ignored paths', () => {
    expect(compareValues({ id: 1, x: 1 }, { id: 2, x: 1 }, { ignorePaths: new Set(['$.id']) })).toEqual([]);
  });
});

describe('isTimeFieldName', () => {
  it('recognises clock-dependent names but not look-alikes', () => {
    for (const name of ['expiresAt', 'expireTime', 'privilegeExpiredTs', 'expiry', 'exp', 'iat', 'timestamp', 'created_at', 'issuedAt', 'serverTime']) {
      expect(isTimeFieldName(name), name).toBe(true);
    }
    for (const name of ['format', 'beats', 'uid', 'channel', 'role', 'ttl', 'status']) expect(isTimeFieldName(name), name).toBe(false);
  });
});
