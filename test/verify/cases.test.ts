import { describe, expect, it } from 'vitest';
import { CasesFileError, parseCasesFile, toMatrixCases, toRequestCases } from '../../src/verify/index.ts';
import { parseJsonWithPositions } from '../../src/verify/json-positions.ts';

const error = (fn: () => unknown): CasesFileError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CasesFileError) return e;
    throw e;
  }
  throw new Error('expected a CasesFileError');
};

describe('matrix cases', () => {
  it('parses every field and fills the defaults', () => {
    const file = parseCasesFile(
      JSON.stringify({
        appId: 'a'.repeat(32),
        tolerance: 1,
        cases: [
          { name: 'p', channel: 'room', uid: 42, role: 0, expiresIn: 600 },
          { channel: 'room', uid: 'alice', privilegeExpiredTs: 0 },
          { channel: 'room', uid: '12', builder: 'uid' },
          { service: 'rtm', account: 'bob', expiresIn: -5 },
        ],
      }),
      'cases.json',
    );
    expect(file.settings).toEqual({ appId: 'a'.repeat(32), tolerance: 1 });
    expect(toMatrixCases(file)).toEqual([
      { name: 'p', service: 'rtc', channel: 'room', uid: 42, builder: 'uid', role: 0, expiry: { kind: 'relative', seconds: 600 } },
      { name: 'case 2', service: 'rtc', channel: 'room', uid: 'alice', builder: 'account', role: undefined, expiry: { kind: 'absolute', privilegeExpiredTs: 0 } },
      { name: 'case 3', service: 'rtc', channel: 'room', uid: '12', builder: 'uid', role: undefined, expiry: { kind: 'missing' } },
      { name: 'case 4', service: 'rtm', account: 'bob', expiry: { kind: 'relative', seconds: -5 } },
    ]);
  });

  it('names file, line and column of the offending entry', () => {
    const text = '{\n  "cases": [\n    { "channel": "c", "uid": 1 },\n    { "channel": "c", "uid": true }\n  ]\n}\n';
    const e = error(() => toMatrixCases(parseCasesFile(text, 'my/cases.json')));
    expect(e.message).toBe('my/cases.json:4:30: cases[1].uid must be a number or a string (user account)');
    expect([e.file, e.line, e.column]).toEqual(['my/cases.json', 4, 30]);
  });

  it('locates a missing field at its object and rejects unknown or conflicting fields', () => {
    expect(error(() => toMatrixCases(parseCasesFile('[\n {"uid": 1}\n]', 'f.json'))).message).toBe('f.json:2:2: cases[0].channel must be a string');
    expect(error(() => toMatrixCases(parseCasesFile('[{"channel":"c","uid":1,"expire":5}]', 'f.json'))).message).toMatch(/^f\.json:1:34: cases\[0\]\.expire is not a known field here/);
    expect(error(() => toMatrixCases(parseCasesFile('[{"channel":"c","uid":1,"expiresIn":5,"privilegeExpiredTs":9}]', 'f.json'))).message).toMatch(/expiresIn and privilegeExpiredTs are exclusive/);
    expect(error(() => toMatrixCases(parseCasesFile('[{"service":"chat"}]', 'f.json'))).message).toBe('f.json:1:13: cases[0].service must be "rtc" or "rtm"');
    expect(error(() => toMatrixCases(parseCasesFile('[]', 'f.json'))).message).toBe('f.json:1:1: cases must contain at least one case');
  });

  it('reports JSON syntax errors with their position', () => {
    expect(error(() => parseCasesFile('{\n  "cases": [,]\n}', 'bad.json')).message).toBe('bad.json:2:13: invalid JSON: expected a JSON value (found ",")');
    expect(error(() => parseCasesFile('{"cases": []', 'bad.json')).message).toMatch(/^bad\.json:1:13: invalid JSON: expected "}" \(found end of input\)/);
    expect(error(() => parseCasesFile('{"cases": [], "timeoutMs": 0}', 'x.json')).message).toBe('x.json:1:28: timeoutMs must be at least 1');
    expect(error(() => parseCasesFile('{"case": []}', 'x.json')).message).toMatch(/^x\.json:1:10: case is not a known field here/);
  });
});

describe('request cases', () => {
  it('defaults the method from the body and stringifies query values', () => {
    const file = parseCasesFile(
      JSON.stringify({ timeoutMs: 1000, maxRequests: 10, timeFields: ['validUntil'], ignore: ['$.id'], cases: [{ path: '/rtc/a/publisher/uid/1', query: { expiry: 600, debug: true } }, { name: 'post', path: '/fetch_rtc_token', body: { uid: 1 } }] }),
      'r.json',
    );
    expect(file.settings).toEqual({ timeoutMs: 1000, maxRequests: 10, timeFields: ['validUntil'], ignore: ['$.id'] });
    expect(toRequestCases(file)).toEqual([
      { name: 'GET /rtc/a/publisher/uid/1', method: 'GET', path: '/rtc/a/publisher/uid/1', query: { expiry: '600', debug: 'true' } },
      { name: 'post', method: 'POST', path: '/fetch_rtc_token', body: { uid: 1 } },
    ]);
  });

  it('explains a matrix case given to server mode', () => {
    expect(error(() => toRequestCases(parseCasesFile('[{"channel":"c","uid":1}]', 'r.json'))).message).toMatch(/^r\.json:1:13: cases\[0\]\.channel is not a known field here \(known: name, method, path/);
    expect(error(() => toRequestCases(parseCasesFile('[{"path":"rtc"}]', 'r.json'))).message).toMatch(/must start with "\/"/);
    expect(error(() => toRequestCases(parseCasesFile('[{"path":"/a","method":"GET","body":{}}]', 'r.json'))).message).toMatch(/body cannot be sent with GET/);
  });
});

describe('parseJsonWithPositions', () => {
  it('parses what JSON.parse parses and records positions', () => {
    const text = '{"a": [1, -2.5e3, "x\\u00e9\\n"], "b": {"c": null, "d": true}}';
    const { value, positions } = parseJsonWithPositions(text);
    expect(value).toEqual(JSON.parse(text));
    expect(positions.get('$.a[2]')).toEqual({ line: 1, column: 19 });
    expect(positions.get('$.b.d')).toEqual({ line: 1, column: 55 });
  });

  it('rejects what JSON.parse rejects', () => {
    for (const bad of ['{"a":1,}', "{'a':1}", '[01]', '"\t"', '1 2', '{"a" 1}', '']) {
      expect(() => JSON.parse(bad), bad).toThrow();
      expect(() => parseJsonWithPositions(bad), bad).toThrow();
    }
  });
});
