import { describe, expect, it } from 'vitest';
import { finaliseFindings, maskSecret, type RawFinding } from '../../src/check/finding.ts';
import { getRule } from '../../src/check/rules.ts';

const raw = (line: number, column = 1, ruleId: RawFinding['ruleId'] = 'v1-builder-call'): RawFinding => ({ ruleId, line, column, message: 'm' });

describe('finaliseFindings', () => {
  it('fills severity and hint from the registry unless the detector set them', () => {
    const [a, b] = finaliseFindings('a.js', ['x', 'y'], [raw(1, 1, 'old-client-sdk'), { ...raw(2), hint: 'specific' }]);
    expect(a.severity).toBe('warning');
    expect(a.hint).toBe(getRule('old-client-sdk')?.help);
    expect(b.severity).toBe('error');
    expect(b.hint).toBe('specific');
  });

  it('keeps the fingerprint when the line moves or is re-indented', () => {
    const before = finaliseFindings('src/a.js', ['const t = build(a);'], [raw(1)]);
    const after = finaliseFindings('src/a.js', ['', '', '    const t  =  build(a);'], [raw(3, 5)]);
    expect(after[0].fingerprint).toBe(before[0].fingerprint);
  });

  it('changes the fingerprint with the rule, the file or the line text', () => {
    const base = finaliseFindings('a.js', ['call(x)'], [raw(1)])[0].fingerprint;
    expect(finaliseFindings('a.js', ['call(x)'], [raw(1, 1, 'v1-import')])[0].fingerprint).not.toBe(base);
    expect(finaliseFindings('b.js', ['call(x)'], [raw(1)])[0].fingerprint).not.toBe(base);
    expect(finaliseFindings('a.js', ['call(y)'], [raw(1)])[0].fingerprint).not.toBe(base);
  });

  it('numbers identical findings so no two share a fingerprint', () => {
    const findings = finaliseFindings('a.js', ['f()', 'f()'], [raw(2), raw(1)]);
    expect(findings.map((f) => f.line)).toEqual([1, 2]);
    expect(findings[0].fingerprint).toMatch(/:0$/);
    expect(findings[1].fingerprint).toMatch(/:1$/);
    expect(findings[0].fingerprint.split(':')[0]).toBe(findings[1].fingerprint.split(':')[0]);
  });

  it('hashes a masked line, so fingerprints do not depend on a certificate value', () => {
    const a = finaliseFindings('a.py', ['cert = "00112233445566778899aabbccddeeff"'], [raw(1)])[0].fingerprint;
    const b = finaliseFindings('a.py', ['cert = "ffeeddccbbaa99887766554433221100"'], [raw(1)])[0].fingerprint;
    const c = finaliseFindings('a.py', ['cert = "000000000000000000000000000000ff"'], [raw(1)])[0].fingerprint;
    expect(a).not.toBe(b); // the last 4 characters stay visible
    expect(a).toBe(finaliseFindings('a.py', ['cert = "99999999999999999999999999aaeeff"'], [raw(1)])[0].fingerprint);
    expect(c).not.toBe(a);
  });
});

describe('maskSecret', () => {
  it('keeps only the last 4 characters of a certificate', () => {
    expect(maskSecret('0123456789abcdef0123456789abcdef')).toBe(`${'*'.repeat(28)}cdef`);
  });

  it('reveals at most a quarter of a short value', () => {
    expect(maskSecret('abcdefgh')).toBe('******gh');
    expect(maskSecret('abc')).toBe('***');
  });
});
