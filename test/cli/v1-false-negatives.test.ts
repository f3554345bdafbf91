/**
 * `check` false negatives found on public servers, through the CLI (in-process): tokens hand-built
 * through a vendored v1 AccessToken that is not in the checkout, a vendored TypeScript builder
 * imported as `./RtcTokenBuilder.js`, and a v2-shaped RTM call still on the v1 package. Each is
 * reported by `check`, and `migrate` marks it instead of saying there is nothing to migrate.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { BIN, tempDir, writeTree } from '../run/helpers.ts';

const HAND_BUILT = `const { AccessToken, priviledges } = require('../lib/AccessToken');

function joinToken(appId, cert, channel, uid) {
  const token = new AccessToken(appId, cert, channel, uid);
  token.addPriviledge(priviledges.kJoinChannel, Math.floor(Date.now() / 1000) + 3600);
  return token.build();
}

module.exports = { joinToken };
`;

/** A vendored v1 builder written in TypeScript (the shape of AgoraIO's RtcTokenBuilder.js, trimmed). */
const VENDORED_TS_BUILDER = `import { AccessToken, priviledges } from './AccessToken.js';

export enum Role { ATTENDEE = 0, PUBLISHER = 1, SUBSCRIBER = 2, ADMIN = 101 }

export class RtcTokenBuilder {
  static buildTokenWithUid(appId: string, cert: string, channel: string, uid: number, role: Role, privilegeExpiredTs: number): string {
    const key = new AccessToken(appId, cert, channel, uid);
    key.addPriviledge(priviledges.kJoinChannel, privilegeExpiredTs);
    return key.build();
  }
}
`;

const checkJson = async (cwd: string, paths: string[]) => {
  const run = await runCli(['check', '--format', 'json', ...paths], { cwd });
  const report = JSON.parse(run.stdout) as { findings: Array<{ file: string; line: number; ruleId: string }> };
  return { code: run.code, findings: report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`) };
};

describe('hand-built tokens through a vendored v1 AccessToken that is not in the checkout', () => {
  it('check reports the import and the builder; migrate marks it for review', async () => {
    const root = tempDir('atm-fn-');
    writeTree(root, { 'src/token.js': HAND_BUILT });
    expect(await checkJson(root, ['src'])).toEqual({ code: 1, findings: ['src/token.js:1 v1-import', 'src/token.js:4 v1-builder-call'] });

    const migrate = await runCli(['migrate', '--dry-run', '--workers', '0', 'src'], { cwd: root });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).not.toContain('Nothing to migrate');
    expect(migrate.stdout).toContain('src/token.js:4:21: manual review (flag-manual-review): hand-built AccessToken (006)');
    expect(migrate.stdout).toContain('+  // TODO agora-token-migrate: manual review — hand-built AccessToken (006)');
  });

  it('a vendored TypeScript builder imported as ./RtcTokenBuilder.js is read from its .ts file, even outside the checked paths', async () => {
    const root = tempDir('atm-fn-');
    writeTree(root, {
      'vendor/RtcTokenBuilder.ts': VENDORED_TS_BUILDER,
      'src/server.ts': `import { RtcTokenBuilder, Role } from '../vendor/RtcTokenBuilder.js';

export function token(appId: string, cert: string, channel: string, uid: number): string {
  const expireAt = Math.floor(Date.now() / 1000) + 600;
  return RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, Role.PUBLISHER, expireAt);
}
`,
    });
    expect(await checkJson(root, ['src'])).toEqual({ code: 1, findings: ['src/server.ts:1 v1-import', 'src/server.ts:5 v1-builder-call'] });
    // the built bin in the tree (migrate resolves a vendored import from the file's display path, relative to the process's cwd)
    const migrate = execFileSync(process.execPath, [BIN, 'migrate', '--dry-run', '--workers', '0', 'src'], { cwd: root, encoding: 'utf8' });
    expect(migrate).toContain("-import { RtcTokenBuilder, Role } from '../vendor/RtcTokenBuilder.js';");
    expect(migrate).toContain("+import { RtcTokenBuilder, RtcRole as Role } from 'agora-token';");
    expect(migrate).toContain('+  return RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, Role.PUBLISHER, 600, 600);');
  });
});

describe('a v2-shaped RTM call on agora-access-token', () => {
  it('migrate writes it as it stands with a marker naming both lifetimes, and check then fails on the marker', async () => {
    const root = tempDir('atm-fn-');
    writeTree(root, {
      'rtm.js': `const { RtmTokenBuilder } = require('agora-access-token');

exports.login = (user) => {
  return RtmTokenBuilder.buildToken(process.env.APP_ID, process.env.APP_CERTIFICATE, user, 3600);
};
`,
    });
    const migrate = await runCli(['migrate', '--force', '--workers', '0'], { cwd: root });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain(
      "rtm.js:4:10: manual review (drop-rtm-role): RTM buildToken(…, 3600) ran on AccessToken, which read 3600 as the role and issued a 24-hour token whose login never expires; AccessToken2 will issue a token that expires 3600 seconds after it is issued. Confirm the new lifetime (86400 keeps v1's)",
    );
    expect(await checkJson(root, [])).toEqual({ code: 1, findings: ['rtm.js:4 manual-review-marker'] });
    // a second run leaves the file alone
    const again = await runCli(['migrate', '--force', '--workers', '0'], { cwd: root });
    expect(again.stdout).toContain('Nothing to migrate');
  });
});
