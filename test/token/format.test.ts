import { describe, expect, it } from 'vitest';
import { formatIso, formatRelative, formatSpan, hex32, maskSecret } from '../../src/token/index.ts';

describe('formatIso', () => {
  it('prints UTC without milliseconds', () => {
    expect(formatIso(1_800_000_000)).toBe('2027-01-15T08:00:00Z');
    expect(formatIso(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('falls back to the raw number outside the Date range', () => {
    expect(formatIso(1e16)).toBe('unix 10000000000000000');
  });
});

describe('formatRelative', () => {
  const now = 1_800_000_000;
  it.each([
    [now, 'now'],
    [now + 45, 'in 45 s'],
    [now + 3599, 'in 59 min'],
    [now - 3 * 3600, '3 h ago'],
    [now + 47 * 3600, 'in 47 h'],
    [now + 3 * 86400, 'in 3 days'],
    [now - 10 * 365.25 * 86400, '10 years ago'],
  ])('%d → %s', (when, expected) => {
    expect(formatRelative(when, now)).toBe(expected);
  });

  it('spans are whole units, rounded down', () => {
    expect(formatSpan(89)).toBe('89 s');
    expect(formatSpan(90)).toBe('1 min');
    expect(formatSpan(-7200)).toBe('2 h');
  });
});

describe('maskSecret', () => {
  it('keeps only the last 4 characters', () => {
    expect(maskSecret('5CFd2fd1755d40ecb72977518be15d3b')).toBe(`${'*'.repeat(28)}5d3b`);
  });

  it('masks everything when there are 4 characters or fewer', () => {
    expect(maskSecret('abcd')).toBe('****');
    expect(maskSecret('')).toBe('');
  });
});

describe('hex32', () => {
  it('pads to 8 digits', () => {
    expect(hex32(0)).toBe('0x00000000');
    expect(hex32(0xcbf43926)).toBe('0xcbf43926');
  });
});
