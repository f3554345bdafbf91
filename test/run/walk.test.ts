import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PathNotFoundError } from '../../src/run/errors.ts';
import { isSourceFile, walk } from '../../src/run/walk.ts';
import { tempDir, writeTree } from './helpers.ts';

const paths = (result: ReturnType<typeof walk>) => result.files.map((file) => file.display);

describe('walk', () => {
  it('finds every supported extension and nothing else, sorted', () => {
    const root = tempDir();
    writeTree(root, {
      'a.js': '',
      'b.cjs': '',
      'c.mjs': '',
      'd.jsx': '',
      'e.ts': '',
      'f.cts': '',
      'g.mts': '',
      'h.tsx': '',
      'types.d.ts': '',
      'notes.md': 'RtcTokenBuilder',
      'server.py': '',
    });
    expect(paths(walk({ cwd: root }))).toEqual(['a.js', 'b.cjs', 'c.mjs', 'd.jsx', 'e.ts', 'f.cts', 'g.mts', 'h.tsx']);
  });

  it('never enters node_modules, .git, dist, build or coverage', () => {
    const root = tempDir();
    writeTree(root, {
      'src/index.js': '',
      'node_modules/agora-access-token/index.js': '',
      'packages/a/node_modules/x/index.js': '',
      '.git/hooks/pre-commit.js': '',
      'dist/index.js': '',
      'build/index.js': '',
      'coverage/lcov.js': '',
      'src/build.js': '', // a file named like a skipped directory is still source
    });
    expect(paths(walk({ cwd: root }))).toEqual(['src/build.js', 'src/index.js']);
  });

  it('honours .gitignore, including nested ones relative to their directory', () => {
    const root = tempDir();
    writeTree(root, {
      '.gitignore': 'generated/\n*.gen.js\n',
      'src/.gitignore': 'local.js\n/only-here.js\n',
      'src/local.js': '',
      'src/only-here.js': '',
      'src/deeper/only-here.js': '', // `/only-here.js` is anchored to src/
      'src/deeper/local.js': '', // an unanchored name matches at any depth below
      'src/a.gen.js': '',
      'src/keep.js': '',
      'generated/x.js': '',
      'lib/generated/y.js': '',
    });
    expect(paths(walk({ cwd: root }))).toEqual(['src/deeper/only-here.js', 'src/keep.js']);
  });

  it('applies the .gitignore files above the walked directory up to the repository root', () => {
    const root = tempDir();
    writeTree(root, { '.gitignore': 'src/vendor/\n', 'src/app.js': '', 'src/vendor/lib.js': '' });
    mkdirSync(path.join(root, '.git'));
    expect(paths(walk({ cwd: root, paths: ['src'] }))).toEqual(['src/app.js']);
  });

  it('walks an explicitly named ignored directory with only its own .gitignore files', () => {
    const root = tempDir();
    writeTree(root, { '.gitignore': 'corpus/\n', 'corpus/a.js': '', 'corpus/.gitignore': 'skip.js\n', 'corpus/skip.js': '', 'app.js': '' });
    mkdirSync(path.join(root, '.git'));
    expect(paths(walk({ cwd: root }))).toEqual(['app.js']);
    expect(paths(walk({ cwd: root, paths: ['corpus'] }))).toEqual(['corpus/a.js']);
  });

  it('ignores .gitignore files above the walked directory when there is no repository', () => {
    const root = tempDir();
    writeTree(root, { '.gitignore': 'src/vendor/\n', 'src/vendor/lib.js': '' });
    // without a .git directory there is no repository the parent .gitignore belongs to
    expect(paths(walk({ cwd: root, paths: ['src'] }))).toEqual(['src/vendor/lib.js']);
  });

  it('takes explicitly named files even when ignored, but not inside node_modules', () => {
    const root = tempDir();
    writeTree(root, {
      '.gitignore': 'ignored.js\ndist/\n',
      'ignored.js': '',
      'dist/bundle.js': '',
      'node_modules/pkg/index.js': '',
      'README.md': '',
    });
    const result = walk({ cwd: root, paths: ['ignored.js', 'dist/bundle.js', 'node_modules/pkg/index.js', 'README.md'] });
    expect(paths(result)).toEqual(['dist/bundle.js', 'ignored.js']);
    expect(result.files.every((file) => file.explicit)).toBe(true);
    expect(result.skipped.map((skip) => [skip.display, skip.reason])).toEqual([
      ['README.md', 'not a JavaScript, TypeScript or Go file'],
      ['node_modules/pkg/index.js', 'inside node_modules'],
    ]);
  });

  it('skips files over the size limit without reading them', () => {
    const root = tempDir();
    writeTree(root, { 'big.js': 'x'.repeat(2048), 'small.js': 'x' });
    const result = walk({ cwd: root, maxFileBytes: 1024 });
    expect(paths(result)).toEqual(['small.js']);
    expect(result.skipped).toMatchObject([{ display: 'big.js', reason: 'larger than 1024 bytes' }]);
  });

  it('uses a 1 MiB limit by default', () => {
    const root = tempDir();
    writeTree(root, { 'limit.js': Buffer.alloc(1024 * 1024, 0x20), 'over.js': Buffer.alloc(1024 * 1024 + 1, 0x20) });
    const result = walk({ cwd: root });
    expect(paths(result)).toEqual(['limit.js']);
    expect(result.skipped).toMatchObject([{ display: 'over.js', reason: 'larger than 1 MiB' }]);
  });

  it('follows symlinks inside the root once, and skips those leaving it', () => {
    const outside = tempDir();
    writeTree(outside, { 'secret.js': '', 'lib/x.js': '' });
    const root = tempDir();
    writeTree(root, { 'src/real.js': '', 'src/sub/y.js': '' });
    symlinkSync(path.join(outside, 'secret.js'), path.join(root, 'src/escape.js'));
    symlinkSync(path.join(outside, 'lib'), path.join(root, 'src/escape-dir'));
    symlinkSync(path.join(root, 'src/real.js'), path.join(root, 'src/alias.js'));
    symlinkSync(path.join(root, 'src/sub'), path.join(root, 'linked-sub'));
    symlinkSync(root, path.join(root, 'src/loop')); // a cycle must not hang the walk
    symlinkSync(path.join(root, 'missing.js'), path.join(root, 'dangling.js'));
    symlinkSync(path.join(outside, 'lib'), path.join(root, 'node_modules')); // skipped by name, not reported
    const result = walk({ cwd: root });
    // alias.js and real.js are one file: reported once, under the first path reached
    expect(paths(result)).toEqual(['linked-sub/y.js', 'src/alias.js']);
    expect(result.files[1].realPath).toBe(realpathSync(path.join(root, 'src/real.js')));
    expect(result.skipped.map((skip) => [skip.display, skip.reason])).toEqual([
      ['src/escape-dir', 'symlink pointing outside the walked directory'],
      ['src/escape.js', 'symlink pointing outside the walked directory'],
    ]);
  });

  it('selects files by the given predicate and names the given reason for explicit files it rejects', () => {
    const root = tempDir();
    writeTree(root, { 'a.js': '', 'main.go': '', 'notes.md': '', 'package.json': '{}' });
    const result = walk({ cwd: root, paths: ['.', 'notes.md'], isSourceFile: (name) => name.endsWith('.go'), notSourceReason: 'not Go' });
    expect(paths(result)).toEqual(['main.go']);
    expect(result.packageJsons.map((file) => file.display)).toEqual(['package.json']);
    expect(result.skipped.map((skip) => [skip.display, skip.reason])).toEqual([['notes.md', 'not Go']]);
  });

  it('collects package.json files (workspaces included) apart from sources', () => {
    const root = tempDir();
    writeTree(root, {
      'package.json': '{}',
      'packages/api/package.json': '{}',
      'packages/web/package.json': '{}',
      'node_modules/agora-access-token/package.json': '{}',
    });
    expect(walk({ cwd: root }).packageJsons.map((file) => file.display)).toEqual([
      'package.json',
      'packages/api/package.json',
      'packages/web/package.json',
    ]);
  });

  it('shows paths relative to the working directory', () => {
    const root = tempDir();
    writeTree(root, { 'app/src/a.js': '' });
    expect(paths(walk({ cwd: path.join(root, 'app/src'), paths: ['..'] }))).toEqual(['a.js']);
    expect(paths(walk({ cwd: path.join(root, 'app'), paths: [path.join(root, 'app/src')] }))).toEqual(['src/a.js']);
  });

  it('names every missing path', () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'here.js'), '');
    expect(() => walk({ cwd: root, paths: ['here.js', 'gone', 'also-gone.js'] })).toThrow(PathNotFoundError);
    expect(() => walk({ cwd: root, paths: ['gone', 'also-gone.js'] })).toThrow('path not found: gone, also-gone.js');
  });

  it('names a symlink loop or a dangling symlink given on the command line, instead of crashing in realpath', () => {
    const root = tempDir();
    writeFileSync(path.join(root, 'here.js'), '');
    symlinkSync('a.js', path.join(root, 'a.js'));
    symlinkSync('nowhere.js', path.join(root, 'dangling.js'));
    expect(() => walk({ cwd: root, paths: ['a.js'] })).toThrow(new PathNotFoundError(['a.js'], ['symlink loop']));
    let error: unknown;
    try {
      walk({ cwd: root, paths: ['here.js', 'gone.js', 'a.js', 'dangling.js'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PathNotFoundError);
    expect((error as PathNotFoundError).paths).toEqual(['gone.js', 'a.js', 'dangling.js']);
    expect((error as Error).message).toBe('path not found: gone.js; a.js: symlink loop; dangling.js: path not found (dangling symlink)');
  });

  it('has no errors for a readable tree', () => {
    const root = tempDir();
    writeTree(root, { 'a.js': '', 'sub/b.js': '' });
    expect(walk({ cwd: root }).errors).toEqual([]);
  });
});

describe('isSourceFile', () => {
  it.each([
    ['server.js', true],
    ['server.MJS', true],
    ['types.d.ts', false],
    ['types.d.mts', false],
    ['component.tsx', true],
    ['style.css', false],
    ['Makefile', false],
  ])('%s → %s', (name, expected) => {
    expect(isSourceFile(name)).toBe(expected);
  });
});
