/**
 * Files of the candidates' package outside the paths the run was given (`migrate src/routes`): they
 * are looked at as writers, readers and callers, never edited, so a fact that would need one of
 * them changed is not given.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectProjectFacts, type ProjectFacts } from '../../../src/analysis/project/index.ts';
import { packageSourceFiles } from '../../../src/analysis/project/package-files.ts';

const ROOT = fileURLToPath(new URL('../../.tmp/project-package-files/', import.meta.url));

let counter = 0;
function tree(files: Record<string, string>): string {
  const dir = join(ROOT, `t${++counter}`);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries({ 'package.json': '{ "name": "server", "private": true }\n', ...files })) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Facts by file name (relative) for a run given only `run` (the candidates are the files among them that mention Agora). */
async function factsOf(dir: string, candidates: string[], run: string[]): Promise<Record<string, ProjectFacts>> {
  const { facts } = await collectProjectFacts({
    candidates: candidates.map((c) => ({ path: join(dir, c), source: readFileSync(join(dir, c), 'utf8'), moduleKind: 'commonjs' as const })),
    sourceFiles: run.map((f) => join(dir, f)),
  });
  return Object.fromEntries([...facts].map(([path, f]) => [path.slice(dir.length + 1), f]));
}

const V1 = "const { RtcTokenBuilder } = require('agora-access-token');\n";
const NOW = 'Math.floor(Date.now() / 1000)';

describe('files of the package outside the run', () => {
  it('are listed after the run’s files, without node_modules, dot directories or declarations', () => {
    const dir = tree({ 'routes/a.js': '', 'app.js': '', 'types.d.ts': '', 'node_modules/x/index.js': '', '.cache/b.js': '', 'README.md': '' });
    expect(packageSourceFiles([join(dir, 'routes/a.js')], [join(dir, 'routes/a.js')])).toEqual([join(dir, 'routes/a.js'), join(dir, 'app.js')]);
  });

  it('a config value a start-up file outside the run writes is not fixed', async () => {
    const files = {
      'config.js': 'module.exports = { tokenTtl: 3600 };\n',
      'routes/token.js': `${V1}const config = require('../config');\nexports.t = (c) => RtcTokenBuilder.buildTokenWithUid('a', 'b', c, 1, 1, ${NOW} + config.tokenTtl);\n`,
    };
    const readOnly = tree({ ...files, 'app.js': "const config = require('./config');\nconsole.log(config.tokenTtl);\n" });
    expect((await factsOf(readOnly, ['routes/token.js'], ['routes/token.js']))['routes/token.js']?.constants).toEqual({ 'config.tokenTtl': 3600 });
    const written = tree({ ...files, 'app.js': "const config = require('./config');\nconfig.tokenTtl = Number(process.env.TOKEN_TTL || 0);\n" });
    expect((await factsOf(written, ['routes/token.js'], ['routes/token.js']))['routes/token.js']?.constants ?? {}).toEqual({});
  });

  it('a wrapper with a caller outside the run keeps its absolute deadline parameter', async () => {
    const files = {
      'lib/agora.js': `${V1}function createRtcToken(c, expireAt) {\n  return RtcTokenBuilder.buildTokenWithUid('a', 'b', c, 1, 1, expireAt);\n}\nmodule.exports = { createRtcToken };\n`,
      'routes/host.js': `const { createRtcToken } = require('../lib/agora');\nexports.host = (c) => createRtcToken(c, ${NOW} + 3600);\n`,
    };
    const inRun = tree(files);
    expect((await factsOf(inRun, ['lib/agora.js'], ['lib/agora.js', 'routes/host.js']))['lib/agora.js']?.deadlineWrappers).toHaveLength(1);
    const outside = tree({ ...files, 'scripts/issue.js': "const { createRtcToken } = require('../lib/agora');\ncreateRtcToken('c', Number(process.argv[2]));\n" });
    expect((await factsOf(outside, ['lib/agora.js'], ['lib/agora.js', 'routes/host.js']))['lib/agora.js']?.deadlineWrappers).toBeUndefined();
  });

  it('a role table a permission check outside the run compares is not mapped', async () => {
    const files = {
      'roles.js': 'module.exports = { host: 101, audience: 2 };\n',
      'tokens.js': `${V1}const roles = require('./roles');\nexports.t = (c) => RtcTokenBuilder.buildTokenWithUid('a', 'b', c, 1, roles.host, 0);\n`,
    };
    const alone = tree(files);
    expect((await factsOf(alone, ['tokens.js'], ['tokens.js', 'roles.js']))['tokens.js']?.mappedRoles).toEqual(['roles']);
    const compared = tree({ ...files, 'middleware/permissions.js': "const roles = require('../roles');\nexports.isHost = (r) => r === roles.host;\n" });
    expect((await factsOf(compared, ['tokens.js'], ['tokens.js', 'roles.js']))['tokens.js']?.mappedRoles).toBeUndefined();
  });
});
