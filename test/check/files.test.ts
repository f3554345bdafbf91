import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckPathNotFoundError, listCheckTargets } from '../../src/check/files.ts';
import { tempDir, writeTree } from './helpers.ts';

const list = (cwd: string, ...paths: string[]) => listCheckTargets(cwd, paths);

describe('listCheckTargets', () => {
  it('finds every kind of file check reads, sorted, and nothing else', () => {
    const cwd = tempDir();
    writeTree(cwd, {
      'a/server.ts': '',
      'a/types.d.ts': '',
      'b/main.go': '',
      'b/app.py': '',
      'b/T.java': '',
      'b/t.php': '',
      'b/t.hpp': '',
      'b/T.cs': '',
      'web/index.html': '',
      'web/package.json': '{}',
      'flutter/pubspec.yaml': '',
      'README.md': '',
      'config.yaml': '',
    });
    const { targets } = list(cwd);
    expect(targets.map((t) => `${t.display} ${t.kind.type}`)).toEqual([
      'a/server.ts js',
      'b/T.cs other',
      'b/T.java other',
      'b/app.py other',
      'b/main.go other',
      'b/t.hpp other',
      'b/t.php other',
      'flutter/pubspec.yaml pubspec',
      'web/index.html html',
      'web/package.json package-json',
    ]);
  });

  it('honours nested .gitignore files and never enters dependency or build directories', () => {
    const cwd = tempDir();
    writeTree(cwd, {
      '.gitignore': '*.gen.js\n',
      'sub/.gitignore': 'local/\n',
      'sub/local/a.js': '',
      'sub/keep.js': '',
      'sub/x.gen.js': '',
      'node_modules/agora-access-token/index.js': '',
      'vendor/node_modules/x/index.js': '',
      'dist/server.js': '',
      'build/server.js': '',
      'coverage/x.js': '',
      '.git/hooks/x.js': '',
    });
    expect(list(cwd).targets.map((t) => t.display)).toEqual(['sub/keep.js']);
  });

  it('takes a file named explicitly even when ignored, and reports one it cannot read', () => {
    const cwd = tempDir();
    writeTree(cwd, { '.gitignore': 'gen/\n', 'gen/token.js': '', 'notes.txt': '' });
    const { targets, skipped } = list(cwd, 'gen/token.js', 'notes.txt');
    expect(targets.map((t) => t.display)).toEqual(['gen/token.js']);
    expect(skipped).toEqual([{ display: 'notes.txt', reason: 'not a kind of file check reads' }]);
  });

  it('takes files of any size: a gate must not pass a file it did not read (migrate skips those over 1 MiB)', () => {
    const cwd = tempDir();
    writeTree(cwd, { 'big.js': 'x'.repeat(2 * 1024 * 1024), 'big/package.json': `{"description": "${'y'.repeat(1024 * 1024)}"}` });
    const { targets, skipped } = list(cwd);
    expect(targets.map((t) => t.display)).toEqual(['big.js', 'big/package.json']);
    expect(skipped).toEqual([]);
  });

  it('survives symlink loops and reads a linked file once', () => {
    const cwd = tempDir();
    writeTree(cwd, { 'src/a.js': '' });
    symlinkSync(path.join(cwd, 'src'), path.join(cwd, 'src', 'loop'));
    symlinkSync(path.join(cwd, 'src', 'a.js'), path.join(cwd, 'b.js'));
    expect(list(cwd).targets.map((t) => t.display)).toEqual(['b.js']);
  });

  it('applies the .gitignore files above a checked directory up to the repository root, and .git/info/exclude', () => {
    const cwd = tempDir();
    writeTree(cwd, {
      '.git/info/exclude': 'secret.py\n',
      '.gitignore': 'generated/\n',
      'app/generated/token.go': '',
      'app/secret.py': '',
      'app/main.go': '',
    });
    expect(list(cwd, 'app').targets.map((t) => t.display)).toEqual(['app/main.go']);
  });

  it('skips a symlink leaving the checked directory and says so', () => {
    const outside = tempDir();
    writeTree(outside, { 'server.py': '' });
    const cwd = tempDir();
    writeTree(cwd, { 'app/main.go': '' });
    symlinkSync(path.join(outside, 'server.py'), path.join(cwd, 'app', 'linked.py'));
    const { targets, skipped } = list(cwd, 'app');
    expect(targets.map((t) => t.display)).toEqual(['app/main.go']);
    expect(skipped).toEqual([{ display: 'app/linked.py', reason: 'symlink pointing outside the walked directory' }]);
  });

  it('names every missing path', () => {
    const cwd = tempDir();
    const error = (() => {
      try {
        list(cwd, 'x', '.', 'y/z.js');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CheckPathNotFoundError);
    expect((error as CheckPathNotFoundError).paths).toEqual(['x', 'y/z.js']);
  });
});
