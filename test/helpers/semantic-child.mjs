// Child process of the semantic harness (test/helpers/semantic.ts): freezes the clock, loads ONE
// fixture module the way Node really loads it (require for CommonJS, import() for ESM, so a named
// ESM import from agora-token fails here exactly as in production), calls its exported functions
// and writes the encoded results as JSON. Plain JavaScript because it runs under bare `node`.
//
// argv[2]: path of a request JSON file:
//   { entry, kind: 'commonjs'|'module', nowMs, calls?: [{export, args}], defaultArgs: unknown[][], resultPath }
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// --- frozen clock, installed before the module under test is loaded --------------------------
const RealDate = Date;
const FROZEN = request.nowMs;
function FrozenDate(...args) {
  if (!new.target) return new RealDate(FROZEN).toString();
  return Reflect.construct(RealDate, args.length === 0 ? [FROZEN] : args, new.target);
}
FrozenDate.prototype = RealDate.prototype;
FrozenDate.now = () => FROZEN;
FrozenDate.parse = RealDate.parse;
FrozenDate.UTC = RealDate.UTC;
globalThis.Date = FrozenDate;

// --- value encoding: JSON that keeps what JSON would lose ------------------------------------
function encode(value, seen = new Set()) {
  if (value === undefined) return { $undefined: true };
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) };
  if (typeof value === 'bigint') return { $bigint: String(value) };
  if (typeof value === 'function') return { $function: value.name || '(anonymous)' };
  if (typeof value === 'symbol') return { $symbol: String(value) };
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return { $circular: true };
  seen.add(value);
  try {
    if (value instanceof RealDate) return { $date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
    if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
    if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encode(k, seen), encode(v, seen)]) };
    if (value instanceof Set) return { $set: [...value].map((v) => encode(v, seen)) };
    if (value instanceof Error) return { $error: `${value.name}: ${value.message}` };
    if (Array.isArray(value)) return value.map((v) => encode(v, seen));
    const out = {};
    const proto = Object.getPrototypeOf(value);
    if (proto !== null && proto !== Object.prototype) out.$class = proto.constructor?.name ?? '(anonymous)';
    for (const key of Object.keys(value)) {
      // like JSON (and res.json), a property holding undefined is the same as an absent one
      if (value[key] !== undefined) out[key] = encode(value[key], seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function describeError(error) {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: typeof error, message: String(error) };
}

function isClass(fn) {
  return /^class[\s{]/.test(Function.prototype.toString.call(fn));
}

// Exported callables by name: functions; static methods of exported classes (`Class.method`);
// function members of exported plain objects (`object.method`). Called with `this` = their holder.
function collectCallables(exportsObject) {
  const callables = new Map();
  const addMembers = (prefix, holder) => {
    for (const key of Object.getOwnPropertyNames(holder)) {
      if (key === 'prototype' || key === 'length' || key === 'name' || key === 'caller' || key === 'arguments') continue;
      const member = holder[key];
      if (typeof member === 'function' && !isClass(member)) callables.set(`${prefix}.${key}`, { fn: member, self: holder });
    }
  };
  const add = (name, value, holder) => {
    if (typeof value === 'function') {
      if (isClass(value)) addMembers(name, value);
      else callables.set(name, { fn: value, self: holder });
    } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      addMembers(name, value);
    }
  };
  if (typeof exportsObject === 'function') add('default', exportsObject, undefined);
  if (exportsObject !== null && (typeof exportsObject === 'object' || typeof exportsObject === 'function')) {
    for (const key of Object.keys(exportsObject)) {
      if (key === '__esModule') continue;
      add(key, exportsObject[key], exportsObject);
    }
  }
  return callables;
}

async function main() {
  let loaded;
  try {
    loaded = request.kind === 'module' ? await import(pathToFileURL(request.entry).href) : createRequire(request.entry)(request.entry);
  } catch (error) {
    const { name, message } = describeError(error);
    return { loadError: `${name}: ${message}` };
  }
  const callables = collectCallables(loaded);
  const exportNames = [...callables.keys()].sort();
  const calls = request.calls ?? exportNames.flatMap((name) => request.defaultArgs.map((args) => ({ export: name, args })));
  const results = [];
  for (const call of calls) {
    const callable = callables.get(call.export);
    if (!callable) {
      results.push({ ok: false, missing: true, error: { name: 'MissingExport', message: `no exported function ${JSON.stringify(call.export)}` } });
      continue;
    }
    try {
      // a handler may write into its arguments (Koa's ctx.body): the call is reported as it was made
      const value = await callable.fn.apply(callable.self, structuredClone(call.args));
      results.push({ ok: true, value: encode(value) });
    } catch (error) {
      results.push({ ok: false, error: describeError(error) });
    }
  }
  return { exports: exportNames, calls, results };
}

const result = await main();
writeFileSync(request.resultPath, JSON.stringify(result));
// a module that opened a server or a timer must not keep the child alive
process.exit(0);
