/** Decides how Node loads a file (ES module or CommonJS), as Node itself does: whether `agora-token` may be imported by name. */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModuleKind } from '../types.ts';

/** Per-directory memo of the nearest package.json; create one per run so edits between runs are seen. */
export interface ModuleKindCache {
  /** directory → nearest package.json path (or null when there is none up to the filesystem root) */
  nearestPackageJson: Map<string, string | null>;
  /** package.json path → its `type` */
  packageType: Map<string, ModuleKind>;
}

/** Creates an empty cache for `detectModuleKind` and `findNearestPackageJson`. */
export function createModuleKindCache(): ModuleKindCache {
  return { nearestPackageJson: new Map(), packageType: new Map() };
}

const defaultCache = createModuleKindCache();

/** `.mjs/.mts` → module, `.cjs/.cts` → commonjs, otherwise the nearest package.json `type` (default commonjs). */
export function detectModuleKind(filePath: string, cache: ModuleKindCache = defaultCache): ModuleKind {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  const packageJson = findNearestPackageJson(path.dirname(path.resolve(filePath)), cache);
  if (packageJson === null) return 'commonjs';
  let kind = cache.packageType.get(packageJson);
  if (kind === undefined) {
    kind = readPackageType(packageJson);
    cache.packageType.set(packageJson, kind);
  }
  return kind;
}

/** The package.json that governs files in `dir` (searching upwards), or null. */
export function findNearestPackageJson(dir: string, cache: ModuleKindCache = defaultCache): string | null {
  const visited: string[] = [];
  let current = path.resolve(dir);
  let found: string | null = null;
  for (;;) {
    const cached = cache.nearestPackageJson.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(current);
    const candidate = path.join(current, 'package.json');
    if (statSync(candidate, { throwIfNoEntry: false })?.isFile()) {
      found = candidate;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dirOnTheWay of visited) cache.nearestPackageJson.set(dirOnTheWay, found);
  return found;
}

function readPackageType(packageJson: string): ModuleKind {
  try {
    // Node reads a package.json saved with a UTF-8 BOM (editors on Windows write one); JSON.parse does not
    const parsed = JSON.parse(readFileSync(packageJson, 'utf8').replace(/^\uFEFF/, '')) as { type?: unknown };
    return parsed.type === 'module' ? 'module' : 'commonjs';
  } catch {
    // Node refuses to load from a broken package.json; CommonJS is the safer guess for the rewrite
    return 'commonjs';
  }
}
