/**
 * The nearest tsconfig.json/jsconfig.json of a file, read without the TypeScript compiler (the
 * gate runs on every candidate): does it map bare specifiers (`paths`, `baseUrl`)?
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'jsonc-parser';

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/** Nearest-config lookups by directory, shared by one run. */
export type ConfigCache = Map<string, string | null>;

/** The nearest tsconfig.json or jsconfig.json above `file`, or undefined. */
export function findNearestConfig(file: string, cache: ConfigCache = new Map()): string | undefined {
  const visited: string[] = [];
  let dir = dirname(resolve(file));
  let found: string | null = null;
  for (;;) {
    const cached = cache.get(dir);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(dir);
    if (existsSync(join(dir, 'package.json')) && dir.includes('node_modules')) break;
    const name = CONFIG_NAMES.find((n) => existsSync(join(dir, n)));
    if (name) {
      found = join(dir, name);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const v of visited) cache.set(v, found);
  return found ?? undefined;
}

interface AliasOptions {
  paths: string[];
  baseUrl: boolean;
}

function readAliasOptions(configPath: string, depth = 0): AliasOptions {
  let json: { extends?: unknown; compilerOptions?: { paths?: Record<string, unknown>; baseUrl?: unknown } } | undefined;
  try {
    json = parse(readFileSync(configPath, 'utf8')) as typeof json;
  } catch {
    return { paths: [], baseUrl: false };
  }
  const own = json?.compilerOptions;
  const base = typeof json?.extends === 'string' && json.extends.startsWith('.') && depth < 5 ? readAliasOptions(resolve(dirname(configPath), json.extends.endsWith('.json') ? json.extends : `${json.extends}.json`), depth + 1) : { paths: [], baseUrl: false };
  return {
    paths: own?.paths && typeof own.paths === 'object' ? Object.keys(own.paths) : base.paths,
    baseUrl: typeof own?.baseUrl === 'string' || base.baseUrl,
  };
}

/**
 * A test for bare specifiers the config at `configPath` may map to project files: any name when
 * it sets `baseUrl`, else those matching a `paths` pattern (`@config/*`).
 */
export function aliasMatcher(configPath: string | undefined): (specifier: string) => boolean {
  if (!configPath) return () => false;
  const options = readAliasOptions(configPath);
  if (options.baseUrl) return () => true;
  const patterns = options.paths.map((p) => {
    const star = p.indexOf('*');
    return star < 0 ? (s: string) => s === p : (s: string) => s.startsWith(p.slice(0, star)) && s.endsWith(p.slice(star + 1)) && s.length >= p.length - 1;
  });
  return (specifier) => patterns.some((matches) => matches(specifier));
}

/**
 * The `paths` keys without a wildcard (`"@config": ["src/config/agora.ts"]`): specifiers that name a
 * project file by a name its path need not share.
 */
export function exactPathAliases(configPath: string | undefined): Set<string> {
  return new Set(configPath ? readAliasOptions(configPath).paths.filter((p) => !p.includes('*')) : []);
}
