/**
 * Roles across modules (src/analysis/project/roles.ts): a role constant, table or enum another
 * module defines is mapped where it is defined only when every reader in the run is a v1 RTC
 * builder's role argument; anything else leaves the call's run-time toV2Role as a file alone gets.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectProjectFacts, type ProjectFacts } from '../../../src/analysis/project/index.ts';
import { migrate } from '../../../src/run/migrate.ts';

const ROOT = fileURLToPath(new URL('../../.tmp/project-roles/', import.meta.url));

let counter = 0;
function tree(files: Record<string, string>): string {
  const dir = join(ROOT, `t${++counter}`);
  rmSync(dir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Facts by file name (relative), with `candidates` the files that mention Agora. */
async function factsOf(dir: string, candidates: string[], others: string[]): Promise<Record<string, ProjectFacts>> {
  const { facts } = await collectProjectFacts({
    candidates: candidates.map((c) => ({ path: join(dir, c), source: readFileSync(join(dir, c), 'utf8'), moduleKind: 'commonjs' as const })),
    sourceFiles: [...candidates, ...others].map((f) => join(dir, f)),
  });
  return Object.fromEntries([...facts].map(([path, f]) => [path.slice(dir.length + 1), f]));
}

const TS_BUILDER = "import { RtcTokenBuilder } from 'agora-access-token';\n";
const call = (role: string) => `RtcTokenBuilder.buildTokenWithUid('a', 'b', c, 1, ${role}, 0)`;
const ROLES = 'export const ROLES = { host: 101, audience: 2 };\n';

describe('role definitions across modules', () => {
  it('a table read only as role arguments (by key and by lookup): mapped where it is defined', async () => {
    const dir = tree({ 'roles.ts': ROLES, 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\nexport const u = (c: string, k: 'host') => ${call('ROLES[k]')};\n` });
    const facts = await factsOf(dir, ['a.ts'], ['roles.ts']);
    expect(facts['a.ts'].mappedRoles).toEqual(['ROLES']);
    expect(facts['roles.ts'].roleDefinitions).toEqual([{ line: 1, column: 29 }]);
  });

  it('a namespace import is keyed by the export it reads; an enum and a const each count', async () => {
    const dir = tree({
      'roles.ts': 'export enum Role { Host = 101, Viewer = 2 }\nexport const GUEST = 0;\n',
      'a.ts': `${TS_BUILDER}import * as roles from './roles';\nexport const t = (c: string) => ${call('roles.Role.Host')};\nexport const u = (c: string) => ${call('roles.GUEST')};\n`,
    });
    const facts = await factsOf(dir, ['a.ts'], ['roles.ts']);
    expect(facts['a.ts'].mappedRoles?.sort()).toEqual(['roles.GUEST', 'roles.Role']);
    expect(facts['roles.ts'].roleDefinitions).toEqual([{ line: 1, column: 26 }, { line: 2, column: 21 }]);
  });

  it('a defining module that imports RtcRole from v1: the member is the position to map', async () => {
    const dir = tree({
      'roles.ts': "import { RtcRole } from 'agora-access-token';\nexport const HOST_ROLE = RtcRole.ADMIN;\n",
      'a.ts': `${TS_BUILDER}import { HOST_ROLE } from './roles';\nexport const t = (c: string) => ${call('HOST_ROLE')};\n`,
    });
    const facts = await factsOf(dir, ['a.ts', 'roles.ts'], []);
    expect(facts['roles.ts'].roleDefinitions).toEqual([{ line: 2, column: 25 }]);
    expect(facts['a.ts'].mappedRoles).toEqual(['HOST_ROLE']);
  });

  const notProven: [string, Record<string, string>][] = [
    ['compared in the reader', { 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string, r: number) => r === ROLES.host ? ${call('ROLES.host')} : '';\n` }],
    ['returned by another module', { 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\n`, 'b.ts': "import { ROLES } from './roles';\nexport const host = () => ROLES.host;\n" }],
    ['aliased before the call', { 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nconst r = ROLES.host;\nexport const t = (c: string) => ${call('r')};\n` }],
    ['written', { 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nROLES.host = 1;\nexport const t = (c: string) => ${call('ROLES.host')};\n` }],
    ['re-exported', { 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\n`, 'b.ts': "export { ROLES } from './roles';\n" }],
    ['a table with a nested table read by lookup', { 'roles.ts': 'export const ROLES = { host: 101, more: { x: 2 } };\n', 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string, k: 'host') => ${call('ROLES[k]')};\n` }],
    ['a value that is no role literal', { 'roles.ts': "export const ROLES = { host: 101, name: 'x' as unknown as number };\n", 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\n` }],
    ['read in its own module', { 'roles.ts': `${ROLES}export const isHost = (r: number) => r === ROLES.host;\n`, 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\n` }],
    ['an enum with an implicit member', { 'roles.ts': 'export enum Role { Host = 101, Next }\n', 'a.ts': `${TS_BUILDER}import { Role } from './roles';\nexport const t = (c: string) => ${call('Role.Host')};\n` }],
  ];
  it.each(notProven)('not proven when %s: no facts (the call keeps toV2Role)', async (_why, files) => {
    const dir = tree({ 'roles.ts': ROLES, ...files });
    const others = Object.keys(files).filter((f) => f !== 'a.ts' && f !== 'roles.ts');
    const facts = await factsOf(dir, ['a.ts'], ['roles.ts', ...others]);
    expect(facts['a.ts']?.mappedRoles).toBeUndefined();
    expect(facts['roles.ts']?.roleDefinitions).toBeUndefined();
  });

  it('a reader importing the index by a directory specifier is seen', async () => {
    const files = { 'roles/index.ts': ROLES, 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\n` };
    const alone = tree(files);
    expect((await factsOf(alone, ['a.ts'], ['roles/index.ts']))['a.ts'].mappedRoles).toEqual(['ROLES']);
    const dir = tree({ ...files, 'roles/check.ts': "import { ROLES } from '.';\nexport const isHost = (r: number) => r === ROLES.host;\n" });
    expect((await factsOf(dir, ['a.ts'], ['roles/index.ts', 'roles/check.ts']))['a.ts']?.mappedRoles).toBeUndefined();
  });

  it('a reader importing the table by an exact tsconfig paths alias (a name unlike the file’s) is seen', async () => {
    const files = { 'tsconfig.json': '{ "compilerOptions": { "paths": { "@roles": ["./src/roles.ts"] } } }', 'src/roles.ts': ROLES, 'src/a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\n` };
    const alone = tree(files);
    expect((await factsOf(alone, ['src/a.ts'], ['src/roles.ts']))['src/a.ts'].mappedRoles).toEqual(['ROLES']);
    const dir = tree({ ...files, 'src/permissions.ts': "import { ROLES } from '@roles';\nexport const canModerate = (r: number) => r === ROLES.host;\n" });
    expect((await factsOf(dir, ['src/a.ts'], ['src/roles.ts', 'src/permissions.ts']))['src/a.ts']?.mappedRoles).toBeUndefined();
  });

  it('not proven for a CommonJS module built with exports.X = … (no crash)', async () => {
    const dir = tree({ 'roles.js': 'exports.HOST = 101;\n', 'a.js': "const { RtcTokenBuilder } = require('agora-access-token');\nconst { HOST } = require('./roles');\nexports.t = (c) => RtcTokenBuilder.buildTokenWithUid('a', 'b', c, 1, HOST, 0);\n" });
    const facts = await factsOf(dir, ['a.js'], ['roles.js']);
    expect(facts['a.js']).toEqual({ constants: { HOST: 101 } });
  });

  it('not proven when the defining module is outside the run or the package entry point', async () => {
    const outside = tree({ 'roles.ts': ROLES, 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\n` });
    expect((await factsOf(outside, ['a.ts'], []))['a.ts']?.mappedRoles).toBeUndefined();
    const entry = tree({ 'package.json': '{ "main": "roles.js" }', 'roles.ts': ROLES, 'a.ts': `${TS_BUILDER}import { ROLES } from './roles';\nexport const t = (c: string) => ${call('ROLES.host')};\n` });
    const facts = await factsOf(entry, ['a.ts'], ['roles.ts']);
    expect(facts['a.ts']?.mappedRoles).toBeUndefined();
    expect(facts['roles.ts']?.roleDefinitions).toBeUndefined();
  });
});

describe('migrate', () => {
  const TABLE = 'module.exports = { moderator: 101, listener: 2 };\n';
  const READER = "const { RtcTokenBuilder } = require('agora-access-token');\nconst roles = require('./roles');\nexports.t = (c) => RtcTokenBuilder.buildTokenWithUid('a', 'b', c, 1, roles.moderator, 0);\n";

  it('the defining module joins the migration though it never mentions Agora; the call has no toV2Role', async () => {
    const dir = tree({ 'package.json': '{ "type": "commonjs" }', 'roles.js': TABLE, 'a.js': READER });
    const report = await migrate({ cwd: dir, dryRun: true, workers: 0 });
    const after = Object.fromEntries(report.files.map((f) => [f.path, f.after]));
    expect(after['roles.js']).toBe('module.exports = { moderator: 1, listener: 2 };\n');
    expect(after['a.js']).toContain('roles.moderator, 86400, 0)');
    expect(after['a.js']).not.toContain('toV2Role');
  });

  it('a review in any reader leaves the group as each file alone would (the table keeps 101, the calls map at run time)', async () => {
    const review = "const { RtcTokenBuilder } = require('agora-access-token');\nconst roles = require('./roles');\nconst build = RtcTokenBuilder.buildTokenWithUid;\nexports.t = (c) => RtcTokenBuilder.buildTokenWithUid('a', 'b', c, 1, roles.moderator, 0);\nexports.u = () => build;\n";
    const dir = tree({ 'package.json': '{ "type": "commonjs" }', 'roles.js': TABLE, 'a.js': READER, 'b.js': review });
    const report = await migrate({ cwd: dir, dryRun: true, workers: 0 });
    const alone = await migrate({ cwd: dir, dryRun: true, workers: 0, project: false });
    expect(report.files.find((f) => f.path === 'b.js')!.reviews.length).toBeGreaterThan(0);
    expect(report.files.map((f) => [f.path, f.after, f.reviews])).toEqual(alone.files.map((f) => [f.path, f.after, f.reviews]));
    expect(report.files.find((f) => f.path === 'a.js')!.after).toContain('toV2Role(roles.moderator)');
  });
});
