import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import { colorizePatch, createFilePatch, createPatch, quoteGitPath, type FileChange } from '../../src/run/diff.ts';
import { initRepo, tempDir, writeTree } from './helpers.ts';

describe('createFilePatch', () => {
  it('writes a git-style unified diff', () => {
    const patch = createFilePatch({ path: 'src/a.js', before: 'one\ntwo\nthree\n', after: 'one\n2\nthree\n' });
    expect(patch).toBe(
      ['diff --git a/src/a.js b/src/a.js', '--- a/src/a.js', '+++ b/src/a.js', '@@ -1,3 +1,3 @@', ' one', '-two', '+2', ' three', ''].join('\n'),
    );
  });

  it('is empty for equal texts', () => {
    expect(createFilePatch({ path: 'a.js', before: 'x', after: 'x' })).toBe('');
  });

  it('quotes paths the way git does', () => {
    expect(quoteGitPath('a/src/server.js')).toBe('a/src/server.js');
    expect(quoteGitPath('a/my dir/server.js')).toBe('a/my dir/server.js');
    expect(quoteGitPath('a/tökens.js')).toBe('"a/t\\303\\266kens.js"');
    expect(quoteGitPath('a/say "hi".js')).toBe('"a/say \\"hi\\".js"');
  });
});

describe('createPatch is accepted by git apply', () => {
  const changes: FileChange[] = [
    { path: 'src/lf.js', before: "const a = require('agora-access-token');\nmodule.exports = a;\n", after: "// m\nconst a = require('agora-token');\nmodule.exports = a;\n" },
    { path: 'src/crlf.js', before: "const a = require('agora-access-token');\r\nx();\r\n", after: "// m\r\nconst a = require('agora-token');\r\nx();\r\n" },
    { path: 'src/bom.ts', before: "\uFEFFimport a from 'agora-access-token';\n", after: "\uFEFF// m\nimport a from 'agora-token';\n" },
    { path: 'src/no-eol.mjs', before: "import a from 'agora-access-token'", after: "import a from 'agora-token'" },
    { path: 'src/with space/tökens.js', before: 'a\nb\n', after: 'a\nc\n' },
    {
      path: 'package.json',
      before: '{\n  "dependencies": {\n    "agora-access-token": "^2.0.4"\n  }\n}\n',
      after: '{\n  "dependencies": {\n    "agora-token": "^2.0.6"\n  }\n}\n',
    },
  ];

  it('passes git apply --check and reproduces the new bytes exactly', () => {
    const repo = tempDir();
    writeTree(repo, Object.fromEntries(changes.map((change) => [change.path, change.before])));
    initRepo(repo);
    const patchFile = path.join(tempDir(), 'migrate.patch');
    writeFileSync(patchFile, createPatch(changes));
    execFileSync('git', ['apply', '--check', patchFile], { cwd: repo, stdio: 'pipe' });
    execFileSync('git', ['apply', patchFile], { cwd: repo, stdio: 'pipe' });
    for (const change of changes) expect(readFileSync(path.join(repo, change.path), 'utf8'), change.path).toBe(change.after);
  });

  it('is rejected by git apply --check when the tree no longer matches (so the test above can fail)', () => {
    const repo = tempDir();
    writeTree(repo, { 'src/lf.js': 'something else\n' });
    initRepo(repo);
    const patchFile = path.join(repo, 'p.patch');
    writeFileSync(patchFile, createPatch([changes[0]]));
    expect(() => execFileSync('git', ['apply', '--check', patchFile], { cwd: repo, stdio: 'pipe' })).toThrow();
  });
});

describe('colorizePatch', () => {
  const patch = createFilePatch({ path: 'a.js', before: 'x\n', after: 'y\n' });

  it('colours removals red and additions green when enabled', () => {
    const coloured = colorizePatch(patch, picocolors.createColors(true));
    expect(coloured).toContain('\u001b[31m-x\u001b[39m');
    expect(coloured).toContain('\u001b[32m+y\u001b[39m');
  });

  it('returns the patch unchanged when colours are off', () => {
    expect(colorizePatch(patch, picocolors.createColors(false))).toBe(patch);
  });
});
