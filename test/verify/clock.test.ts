import { describe, expect, it } from 'vitest';
import { withFrozenClock } from '../../src/verify/index.ts';

describe('withFrozenClock', () => {
  const FROZEN = 1_767_225_600_500;

  it('freezes Date.now and argument-less new Date(), and nothing else', () => {
    const seen = withFrozenClock(FROZEN, () => ({
      now: Date.now(),
      date: new Date().getTime(),
      division: Math.floor((new Date() as unknown as number) / 1000),
      explicit: new Date(0).getTime(),
      string: Date(),
      isDate: new Date() instanceof Date,
      parse: Date.parse('1970-01-01T00:00:01Z'),
    }));
    expect(seen).toEqual({ now: FROZEN, date: FROZEN, division: 1_767_225_600, explicit: 0, string: new Date(FROZEN).toString(), isDate: true, parse: 1000 });
  });

  it('restores the real Date even when the function throws', () => {
    const RealDate = Date;
    expect(() =>
      withFrozenClock(FROZEN, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(Date).toBe(RealDate);
    expect(Date.now()).not.toBe(FROZEN);
  });
});
