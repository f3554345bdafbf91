import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModuleKind } from '../types.ts';

const packageTypeCache = new Map<string, ModuleKind>();

/** `type` of the nearest package.json above `dir` (commonjs when none says module). */
function packageType(dir: string): ModuleKind {
  const cached = packageTypeCache.get(dir);
  if (cached) return cached;
  let kind: ModuleKind | undefined;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: string };
    kind = pkg.type === 'module' ? 'module' : 'commonjs';
  } catch {
    const parent = dirname(dir);
    kind = parent === dir ? 'commonjs' : packageType(parent);
  }
  packageTypeCache.set(dir, kind);
  return kind;
}

/**
 * How Node loads a file: `.mjs`/`.mts` are native ESM, `.cjs`/`.cts` CommonJS, anything else
 * follows the nearest package.json `type`. Decides whether `agora-token` may be imported by name.
 */
export function detectModuleKind(filePath: string): ModuleKind {
  if (/\.m[jt]s$/.test(filePath)) return 'module';
  if (/\.c[jt]s$/.test(filePath)) return 'commonjs';
  return packageType(dirname(filePath));
}
