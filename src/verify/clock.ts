/**
 * Runs a synchronous function with the global clock frozen. The token packages read the clock
 * themselves (v1 `new Date() / 1000`, v2 `new Date().getTime() / 1000`) and take no clock argument,
 * so the only way to build a v1 and a v2 token "at the same instant" is to stub `Date` around the
 * builder call. The stub is installed and removed within one synchronous call, so no other code
 * (timers, promises, other tests) can observe it.
 */
export function withFrozenClock<T>(nowMs: number, fn: () => T): T {
  const RealDate = globalThis.Date;
  function FrozenDate(this: unknown, ...args: unknown[]): unknown {
    // Date() without `new` returns a string of the current time
    if (!new.target) return new RealDate(nowMs).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [nowMs] : args, new.target);
  }
  FrozenDate.prototype = RealDate.prototype;
  FrozenDate.now = () => nowMs;
  FrozenDate.parse = RealDate.parse;
  FrozenDate.UTC = RealDate.UTC;
  globalThis.Date = FrozenDate as unknown as DateConstructor;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
  }
}
