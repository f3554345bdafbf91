import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRecipe } from '../../src/recipe.ts';
import { migrate } from '../../src/run/migrate.ts';
import { originalLine } from '../../src/run/typecheck.ts';
import { tempDir, writeTree } from './helpers.ts';

/** A v1 call migrate converts, and a planted v2 call with too few arguments it leaves alone. */
const PLANTED_ARITY = `import { RtcTokenBuilder, RtcRole } from 'agora-access-token';
import { RtmTokenBuilder } from 'agora-token';

export function rtc(appId: string, cert: string, channel: string, uid: number): string {
  const expireAt = Math.floor(Date.now() / 1000) + 3600;
  return RtcTokenBuilder.buildTokenWithUid(appId, cert, channel, uid, RtcRole.PUBLISHER, expireAt);
}

export function rtm(appId: string, cert: string, user: string): string {
  return RtmTokenBuilder.buildToken(appId, cert, user);
}
`;

const PACKAGE_JSON = '{\n  "dependencies": {\n    "agora-access-token": "2.0.4"\n  }\n}\n';

describe('type check after migration', () => {
  it('fails a TypeScript file with a type error at a builder call, writes nothing for it, and keeps agora-access-token', async () => {
    const root = tempDir('atm-typecheck-');
    const fine = "import { RtcTokenBuilder, RtcRole } from 'agora-access-token';\nexport const t = (c: string) => RtcTokenBuilder.buildTokenWithUid('a', 'b', c, 1, RtcRole.PUBLISHER, 0);\n";
    writeTree(root, { 'package.json': PACKAGE_JSON, 'src/planted.ts': PLANTED_ARITY, 'src/fine.ts': fine });
    const report = await migrate({ cwd: root, transform: applyRecipe, force: true });
    const planted = report.files.find((file) => file.path === 'src/planted.ts')!;
    expect(planted.status).toBe('error');
    expect(planted.error).toMatchObject({
      message: 'type error at an agora-token builder call after migration: TS2554: Expected 4 arguments, but got 3.',
      line: 10,
      column: 26,
    });
    expect(readFileSync(path.join(root, 'src/planted.ts'), 'utf8')).toBe(PLANTED_ARITY);
    expect(report.files.find((file) => file.path === 'src/fine.ts')!.status).toBe('changed');
    expect(readFileSync(path.join(root, 'src/fine.ts'), 'utf8')).toContain("from 'agora-token'");
    expect(report.summary.errors).toBe(1);
    expect(readFileSync(path.join(root, 'package.json'), 'utf8')).toContain('"agora-access-token": "2.0.4",\n    "agora-token": "^2.0.6"');
  });

  it('maps a line of the migrated text back to the original', () => {
    const before = 'a\nb\nc\nd\ne\n';
    const after = 'a\nc2\nd\ne\nf\n';
    expect([1, 2, 3, 4, 5].map((line) => originalLine(before, after, line))).toEqual([1, 2, 4, 5, 6]);
  });
});
