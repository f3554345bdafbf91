import { describe, expect, it } from 'vitest';
import { migratePackageJson, PackageJsonSyntaxError, reinstallCommand } from '../../src/run/package-json.ts';
import { tempDir, writeTree } from './helpers.ts';

describe('migratePackageJson', () => {
  it('renames the dependency in place, keeping indentation, key order and the trailing newline', () => {
    const before = `{
    "name": "token-server",
    "dependencies": {
        "agora-access-token": "^2.0.4",
        "express": "^4.18.2"
    },
    "scripts": { "start": "node index.js" }
}
`;
    const after = `{
    "name": "token-server",
    "dependencies": {
        "agora-token": "^2.0.6",
        "express": "^4.18.2"
    },
    "scripts": { "start": "node index.js" }
}
`;
    expect(migratePackageJson(before)).toEqual({
      output: after,
      changes: [{ section: 'dependencies', action: 'renamed', from: '^2.0.4', to: '^2.0.6' }],
    });
  });

  it('keeps tabs, CRLF and a missing trailing newline', () => {
    const before = '{\r\n\t"devDependencies": {\r\n\t\t"agora-access-token": "2.0.4"\r\n\t}\r\n}';
    expect(migratePackageJson(before).output).toBe('{\r\n\t"devDependencies": {\r\n\t\t"agora-token": "^2.0.6"\r\n\t}\r\n}');
  });

  it('accepts a UTF-8 BOM and writes it back', () => {
    const before = '\uFEFF{\n  "dependencies": { "agora-access-token": "^2.0.4" }\n}\n';
    expect(migratePackageJson(before)).toEqual({
      output: '\uFEFF{\n  "dependencies": { "agora-token": "^2.0.6" }\n}\n',
      changes: [{ section: 'dependencies', action: 'renamed', from: '^2.0.4', to: '^2.0.6' }],
    });
    expect(migratePackageJson('\uFEFF{"dependencies": {"agora-access-token": "1"}}', { v1StillNeeded: true }).output).toBe(
      '\uFEFF{"dependencies": {"agora-access-token": "1", "agora-token": "^2.0.6"}}',
    );
  });

  it('migrates each dependency section on its own', () => {
    const before = JSON.stringify(
      { peerDependencies: { 'agora-access-token': '>=2' }, optionalDependencies: { 'agora-access-token': '*' } },
      null,
      2,
    );
    const result = migratePackageJson(before);
    expect(JSON.parse(result.output as string)).toEqual({
      peerDependencies: { 'agora-token': '^2.0.6' },
      optionalDependencies: { 'agora-token': '^2.0.6' },
    });
    expect(result.changes.map((change) => change.section)).toEqual(['peerDependencies', 'optionalDependencies']);
  });

  it('only removes agora-access-token when the section already has agora-token', () => {
    const before = `{
  "dependencies": {
    "agora-access-token": "^2.0.4",
    "agora-token": "^2.0.3",
    "cors": "^2.8.5"
  }
}
`;
    const result = migratePackageJson(before);
    expect(result.output).toBe(`{
  "dependencies": {
    "agora-token": "^2.0.3",
    "cors": "^2.8.5"
  }
}
`);
    expect(result.changes).toEqual([{ section: 'dependencies', action: 'removed', from: '^2.0.4' }]);
  });

  it('removes a last entry together with the comma before it', () => {
    const before = '{\n  "dependencies": {\n    "agora-token": "2.0.6",\n    "agora-access-token": "2.0.4"\n  }\n}\n';
    expect(migratePackageJson(before).output).toBe('{\n  "dependencies": {\n    "agora-token": "2.0.6"\n  }\n}\n');
  });

  it('adds agora-token after a still-needed agora-access-token', () => {
    const before = '{\n  "dependencies": {\n    "agora-access-token": "^2.0.4",\n    "express": "^4"\n  }\n}\n';
    const result = migratePackageJson(before, { v1StillNeeded: true });
    expect(result.output).toBe(
      '{\n  "dependencies": {\n    "agora-access-token": "^2.0.4",\n    "agora-token": "^2.0.6",\n    "express": "^4"\n  }\n}\n',
    );
    expect(result.changes).toEqual([{ section: 'dependencies', action: 'added', to: '^2.0.6' }]);
    // nothing to add when both are there already
    expect(migratePackageJson(result.output as string, { v1StillNeeded: true }).output).toBeUndefined();
  });

  it('adds on the same line in one-line JSON', () => {
    const result = migratePackageJson('{"dependencies":{"agora-access-token":"2.0.4"}}', { v1StillNeeded: true });
    expect(result.output).toBe('{"dependencies":{"agora-access-token":"2.0.4", "agora-token":"^2.0.6"}}');
  });

  it('is idempotent and leaves unrelated manifests alone', () => {
    const migrated = migratePackageJson('{\n  "dependencies": { "agora-access-token": "^2.0.4" }\n}\n').output as string;
    expect(migratePackageJson(migrated)).toEqual({ output: undefined, changes: [] });
    expect(migratePackageJson('{ "name": "x", "dependencies": { "express": "^4" } }')).toEqual({ output: undefined, changes: [] });
    // a mention outside the dependency sections is not a dependency
    expect(migratePackageJson('{ "description": "uses agora-access-token" }')).toEqual({ output: undefined, changes: [] });
  });

  it('reports where a package.json that mentions agora-access-token is broken', () => {
    const broken = '{\n  "dependencies": {\n    "agora-access-token": "^2.0.4",\n  }\n}\n';
    let caught: unknown;
    try {
      migratePackageJson(broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PackageJsonSyntaxError);
    expect(caught).toMatchObject({ line: 4, column: 3 });
  });
});

describe('reinstallCommand', () => {
  it('follows the nearest lockfile, defaulting to npm', () => {
    const root = tempDir();
    writeTree(root, { 'pnpm-lock.yaml': '', 'packages/api/package.json': '{}', 'other/yarn.lock': '', 'other/pkg/package.json': '{}' });
    expect(reinstallCommand(`${root}/packages/api`)).toEqual({ dir: root, command: 'pnpm install' });
    expect(reinstallCommand(`${root}/other/pkg`)).toEqual({ dir: `${root}/other`, command: 'yarn install' });
    const plain = tempDir();
    expect(reinstallCommand(plain)).toEqual({ dir: plain, command: 'npm install' });
  });
});

describe('reinstallCommand without a lockfile', () => {
  it('points at the workspace root', () => {
    const root = tempDir();
    writeTree(root, { 'package.json': '{ "workspaces": ["packages/*"] }', 'packages/api/package.json': '{}' });
    expect(reinstallCommand(`${root}/packages/api`)).toEqual({ dir: root, command: 'npm install' });
  });

  it('reads a workspace root package.json saved with a UTF-8 BOM', () => {
    const root = tempDir();
    writeTree(root, { 'package.json': '\uFEFF{ "workspaces": ["packages/*"] }', 'packages/api/package.json': '{}' });
    expect(reinstallCommand(`${root}/packages/api`)).toEqual({ dir: root, command: 'npm install' });
  });
});
