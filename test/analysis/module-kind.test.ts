import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModuleKindCache, detectModuleKind, findNearestPackageJson } from '../../src/analysis/module-kind.ts';
import { tempDir, writeTree } from '../run/helpers.ts';

describe('detectModuleKind', () => {
  it('decides by extension first, then by the nearest package.json type', () => {
    const root = tempDir();
    writeTree(root, {
      'package.json': '{ "type": "module" }',
      'packages/legacy/package.json': '{ "name": "legacy" }',
      'packages/broken/package.json': '{ not json',
    });
    const cache = createModuleKindCache();
    const kind = (file: string) => detectModuleKind(path.join(root, file), cache);
    expect(kind('server.js')).toBe('module');
    expect(kind('src/deep/server.ts')).toBe('module');
    expect(kind('server.cjs')).toBe('commonjs');
    expect(kind('server.cts')).toBe('commonjs');
    expect(kind('packages/legacy/index.js')).toBe('commonjs');
    expect(kind('packages/legacy/index.mjs')).toBe('module');
    expect(kind('packages/legacy/index.mts')).toBe('module');
    // Node would refuse a broken package.json; the rewrite assumes CommonJS there
    expect(kind('packages/broken/index.js')).toBe('commonjs');
  });

  it('reads a package.json saved with a UTF-8 BOM, as Node does', () => {
    const root = tempDir();
    writeTree(root, { 'esm/package.json': '\uFEFF{ "type": "module" }\n', 'cjs/package.json': '\uFEFF{ "type": "commonjs" }\n' });
    const cache = createModuleKindCache();
    expect(detectModuleKind(path.join(root, 'esm/server.js'), cache)).toBe('module');
    expect(detectModuleKind(path.join(root, 'cjs/server.js'), cache)).toBe('commonjs');
  });

  it('defaults to commonjs without any package.json up to the filesystem root', () => {
    const cache = createModuleKindCache();
    expect(findNearestPackageJson('/nonexistent-atm-dir/src', cache)).toBeNull();
    expect(detectModuleKind('/nonexistent-atm-dir/src/a.js', cache)).toBe('commonjs');
  });

  it('memoises per cache, so each run creates its own', () => {
    const root = tempDir();
    writeTree(root, { 'package.json': '{ "type": "commonjs" }' });
    const cache = createModuleKindCache();
    expect(detectModuleKind(path.join(root, 'sub/a.js'), cache)).toBe('commonjs');
    writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
    expect(detectModuleKind(path.join(root, 'sub/a.js'), cache)).toBe('commonjs');
    expect(detectModuleKind(path.join(root, 'sub/a.js'), createModuleKindCache())).toBe('module');
  });
});
