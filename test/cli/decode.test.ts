import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun, type CliRunOptions } from '../helpers/cli.ts';
import { crc32, encode006, encode007 } from '../../src/token/index.ts';
import type { DecodeReport } from '../../src/cli/commands/decode.ts';
import { APP_ID, CERTIFICATE, CHANNEL, UID, V006_JOIN, V006_PUBLISHER, V006_RTM, V007_RTC, V007_RTC_RTM, VECTORS } from '../token/vectors.ts';

type Run = CliRun;

const decode = (args: string[], options: CliRunOptions = {}) => runCli(['decode', ...args], options);

const json = (run: Run) => JSON.parse(run.stdout) as DecodeReport;
const MASKED = `${'*'.repeat(28)}5d3b`;

describe('decode: published vectors', () => {
  it.each(VECTORS)('$name decodes, and verifies with the certificate', async ({ token, channel, uid }) => {
    const plain = await decode([token, '--json']);
    expect(plain.code).toBe(0);
    expect(json(plain).token.version).toBe(token.slice(0, 3));
    const verified = await decode([token, '--json', '--app-certificate', CERTIFICATE, '--channel', channel, '--uid', String(uid)]);
    expect({ code: verified.code, stderr: verified.stderr }).toEqual({ code: 0, stderr: '' });
    expect(json(verified).signature).toEqual({ checked: true, valid: true, certificate: MASKED, message: 'signature verifies' });
  });

  it('prints a 007 token as text: dates, relative times, services, privilege names', async () => {
    const run = await decode([V007_RTC_RTM]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^007 AccessToken2\n/);
    expect(run.stdout).toContain('App ID      970CA35de60c44645bbae8a215061b33');
    expect(run.stdout).toMatch(/Issued {6}1970-01-13T20:38:31Z \(5\d years ago\)/);
    expect(run.stdout).toMatch(/Expires {5}1970-01-13T20:48:31Z \(5\d years ago, expired\), expire 600 s/);
    expect(run.stdout).toContain('  RTC (service 1)\n    channel     7d72365eb983485397e3e3f9d460bdda\n    uid         2882341273\n');
    expect(run.stdout).toMatch(/ {7}2 publish audio {12}600 s → 1970-01-13T20:48:31Z/);
    expect(run.stdout).toContain('  RTM (service 2)\n    user        test_user\n');
    expect(run.stdout).not.toContain('\u001b['); // no colours when not a TTY
  });

  it('prints a 006 token with CRCs, a derived issue time, and whether --channel/--uid match', async () => {
    const run = await decode([V006_JOIN, '--channel', CHANNEL, '--uid', '1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^006 AccessToken\n/);
    expect(run.stdout).toContain('Issued      ≈ 1970-01-12T20:38:31Z');
    expect(run.stdout).toContain('derived as expiry − 24 h');
    expect(run.stdout).toMatch(/channel {5}CRC 0x[0-9a-f]{8} matches "7d72365eb983485397e3e3f9d460bdda"/);
    expect(run.stdout).toMatch(/uid {9}CRC 0x[0-9a-f]{8} does not match "1"/);
    expect(run.stdout).toMatch(/ {7}1 join channel {13}2015-11-02T09:11:11Z \(\d+ years ago\)/);
  });

  it('shows "never" for privilege 0 and relative times for a live token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = encode007({
      appId: APP_ID,
      appCertificate: CERTIFICATE,
      issueTs: now,
      expire: 3600,
      salt: 3,
      services: [{ type: 1, channelName: 'room', uid: '', privileges: { 1: 0, 2: 600 } }],
    });
    const run = await decode([token]);
    expect(run.stdout).toMatch(/Expires {5}\S+ \(in (59|60) min\), expire 3600 s/);
    expect(run.stdout).toMatch(/1 join channel {13}never\n/);
    expect(run.stdout).toMatch(/2 publish audio {12}600 s → \S+ \(in (9|10) min\)/);
    expect(run.stdout).toContain('note: uid is empty: the token was built for uid 0');
  });

  it('notes that --channel/--uid do not apply to a 007 token', async () => {
    const run = await decode([V007_RTC, '--channel', 'x', '--json']);
    expect(json(run).notes).toEqual(['--channel and --uid only matter for 006 tokens; a 007 token carries its channel and uid']);
    expect(json(run).identity).toBeUndefined();
  });

  it('shows a token with an unknown service type and notes what was not parsed', async () => {
    const { deflateSync, inflateSync } = await import('node:zlib');
    const fpa = encode007({ appId: APP_ID, appCertificate: CERTIFICATE, issueTs: 1, expire: 600, salt: 3, services: [{ type: 4, privileges: {} }] });
    const content = inflateSync(Buffer.from(fpa.slice(3), 'base64'));
    content.writeUInt16LE(77, content.length - 4); // type, then an empty privilege map (u16 0)
    const run = await decode([`007${deflateSync(content).toString('base64')}`, '--json']);
    expect(run.code).toBe(0);
    expect(json(run).token.unparsed).toEqual({ type: 77, bytes: '4d000000' });
    expect(json(run).notes).toEqual(['service type 77 is unknown to this tool: its 4 byte(s) and any later services were not parsed (the signature still covers them)']);
  });

  it('notes an absolute timestamp passed as expire', async () => {
    const token = encode007({ appId: APP_ID, appCertificate: CERTIFICATE, issueTs: 1_800_000_000, expire: 1_800_003_600, salt: 3, services: [] });
    const run = await decode([token, '--json']);
    expect(json(run).notes).toEqual(['expire 1800003600 s is more than 24 h; Agora caps the token at 24 h — it looks like an absolute timestamp (2027-01-15T09:00:00Z) passed as relative seconds']);
  });
});

describe('decode --json', () => {
  it('has the documented shape', async () => {
    const report = json(await decode([V006_RTM, '--json', '--app-certificate', CERTIFICATE, '--channel', 'test_user']));
    expect(Object.keys(report).sort()).toEqual(['identity', 'notes', 'signature', 'token']);
    expect(report.token).toMatchObject({
      version: '006',
      generation: 'AccessToken',
      appId: APP_ID,
      issuedAt: { unix: 1111111 - 86400, iso: '1970-01-12T20:38:31Z', derived: true },
      expiresAt: { unix: 1111111, iso: '1970-01-13T20:38:31Z' },
      expire: 86400,
      salt: 1,
      services: [{ type: 2, name: 'RTM', fields: { userCrc: crc32('test_user'), uidCrc: 0 }, privileges: [{ id: 1000, name: 'RTM login', value: 1446455471, never: false }] }],
      crc: { channel: crc32('test_user'), uid: 0 },
    });
    expect(report.identity).toEqual({ channel: { value: 'test_user', matches: true } });
    expect(report.signature?.valid).toBe(true);
  });
});

describe('decode: standard input', () => {
  it('reads the token from stdin for "-", ignoring the trailing newline', async () => {
    const run = await decode(['-', '--json'], { stdin: `${V007_RTC}\n` });
    expect(run.code).toBe(0);
    expect(json(run).token.services[0].fields).toEqual({ channelName: CHANNEL, uid: String(UID) });
  });

  it('fails clearly when there is no stdin', async () => {
    const run = await decode(['-']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: 'agora-token-migrate decode: no standard input to read the token from\n' });
  });

  it('fails clearly when stdin is empty', async () => {
    const run = await decode(['-'], { stdin: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('agora-token-migrate decode: malformed token (prefix): the token is empty\n');
  });
});

describe('decode: malformed and tampered tokens', () => {
  it.each([
    ['not a token', 'hello', 'prefix'],
    ['a query-decoded 006 (+ became a space)', V006_PUBLISHER.replace('+', ' '), 'base64'],
    ['a cut 006', V006_JOIN.slice(0, 70), 'truncated'],
    ['a 007 whose zlib stream is broken', `007${Buffer.from('garbage!').toString('base64')}`, 'zlib'],
  ])('%s → exit 2 with the reason', async (_name, token, code) => {
    const run = await decode([token]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^agora-token-migrate decode: malformed token \\(${code}\\): .+\\n$`));
    const asJson = await decode([token, '--json']);
    expect(JSON.parse(asJson.stdout)).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('a 007 re-signed with another certificate does not verify: exit 1, certificate masked', async () => {
    const run = await decode([V007_RTC, '--app-certificate', '0123456789abcdef0123456789abcdef']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Signature   NOT valid (certificate ****************************cdef): signature does not verify with this App Certificate');
    expect(run.stdout + run.stderr).not.toContain('0123456789abcdef0123456789abcdef');
  });

  it('every single-character change to a 006 vector is rejected or fails verification', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    for (let i = 35; i < V006_JOIN.length; i += 7) {
      const replacement = alphabet[(alphabet.indexOf(V006_JOIN[i]) + 1) % alphabet.length];
      const tampered = V006_JOIN.slice(0, i) + replacement + V006_JOIN.slice(i + 1);
      const run = await decode([tampered, '--app-certificate', CERTIFICATE, '--channel', CHANNEL, '--uid', String(UID)]);
      expect(run.code, `position ${i}`).not.toBe(0);
    }
  });

  it('flipped bytes in a 007 content are rejected or fail verification', async () => {
    const { deflateSync, inflateSync } = await import('node:zlib');
    const content = inflateSync(Buffer.from(V007_RTC_RTM.slice(3), 'base64'));
    for (let i = 0; i < content.length; i += 5) {
      const mutated = Buffer.from(content);
      mutated[i] ^= 0x01;
      const run = await decode([`007${deflateSync(mutated).toString('base64')}`, '--app-certificate', CERTIFICATE]);
      expect(run.code, `byte ${i}`).not.toBe(0);
    }
  });
});

describe('decode: 006 signatures need the channel and uid', () => {
  it('exits 2 and says which options are missing', async () => {
    const run = await decode([V006_JOIN, '--app-certificate', CERTIFICATE]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Signature   not checked (certificate ****************************5d3b)');
    expect(run.stderr).toBe(
      'agora-token-migrate decode: a 006 signature covers the channel name and uid, which the token holds only as CRCs: give --channel (and --uid unless it is 0)\n',
    );
    expect((await decode([V006_RTM, '--app-certificate', CERTIFICATE])).stderr).toMatch(/RTM signature covers the user account.*--channel\n$/);
  });

  it('exits 1 when the given channel is not the one in the token', async () => {
    const run = await decode([V006_JOIN, '--app-certificate', CERTIFICATE, '--channel', 'other', '--uid', String(UID)]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/NOT valid .*: channel "other" \(CRC 0x[0-9a-f]{8}\) is not the one in the token/);
  });

  it('treats --uid 0 as the numeric wildcard when the token was built for it', async () => {
    const token = encode006({ appId: APP_ID, appCertificate: CERTIFICATE, channelName: 'room', uid: 0, salt: 1, ts: 2, privileges: { 1: 0 } });
    const run = await decode([token, '--app-certificate', CERTIFICATE, '--channel', 'room', '--uid', '0', '--json']);
    expect(run.code).toBe(0);
    expect(json(run).identity).toEqual({ channel: { value: 'room', matches: true }, uid: { value: '', matches: true } });
  });
});

describe('decode: a 006 token without privileges', () => {
  it('still shows the channel and uid CRCs', async () => {
    const token = encode006({ appId: APP_ID, appCertificate: CERTIFICATE, channelName: 'room', uid: 5, salt: 1, ts: 2, privileges: {} });
    const run = await decode([token, '--channel', 'room']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Services    none (no privileges)\n');
    expect(run.stdout).toContain(`channel     CRC 0x${crc32('room').toString(16).padStart(8, '0')} matches "room"\n`);
    expect(run.stdout).toContain(`uid         CRC 0x${crc32('5').toString(16).padStart(8, '0')}\n`);
  });
});

describe('decode: colours', () => {
  it('uses colours on a TTY unless NO_COLOR is set', async () => {
    expect((await decode([V007_RTC], { isTTY: true })).stdout).toContain('\u001b[');
    expect((await decode([V007_RTC], { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });
});

describe('decode: built bin', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const bin = `${root}dist/src/cli/bin.js`;

  beforeAll(async () => {
    // `npm test` builds first; build here only when run on its own against a missing or stale dist
    const built = existsSync(bin) ? statSync(bin).mtimeMs : 0;
    const sources = ['src/cli/commands/decode.ts', ...readdirSync(`${root}src/token`).map((f) => `src/token/${f}`)];
    if (sources.some((file) => statSync(`${root}${file}`).mtimeMs > built)) {
      // tsc emits even when someone else's file has a type error; the test below judges the result
      await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, timeout: 120_000 }).catch(() => undefined);
    }
  });

  it('decodes a vector through node dist/src/cli/bin.js', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'decode', V007_RTC, '--json'], { cwd: root, timeout: 30_000 });
    expect((JSON.parse(stdout) as DecodeReport).token.appId).toBe(APP_ID);
  });
});
