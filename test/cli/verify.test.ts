import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { TEST_APP_CERTIFICATE } from '../../src/verify/index.ts';
import { startTokenServer, type RunningServer } from '../helpers/token-servers.ts';
import { BIN } from '../run/helpers.ts';

const TMP = fileURLToPath(new URL('../.tmp/cli-verify/', import.meta.url));

const run = (args: string[]) => runCli(['verify', ...args], { cwd: TMP });

function writeCases(name: string, content: unknown): string {
  writeFileSync(join(TMP, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return name;
}

let oldServer: RunningServer;
let newServer: RunningServer;
let wrongServer: RunningServer;

beforeAll(async () => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  [oldServer, newServer, wrongServer] = await Promise.all([
    startTokenServer({ generation: 'v1' }),
    startTokenServer({ generation: 'v2' }),
    startTokenServer({ generation: 'v2', mapping: { toV2Role: (role) => role } }),
  ]);
});

afterAll(async () => {
  await Promise.all([oldServer, newServer, wrongServer].map((s) => s?.close()));
  rmSync(TMP, { recursive: true, force: true });
});

describe('verify (matrix)', () => {
  it('passes the built-in matrix with exit 0 and prints the table', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^CASE +V1 CLAIMS +V2 CLAIMS +RESULT$/m);
    expect(stdout).toMatch(/^rtc ch="room-1" uid=42 role=0 exp=now\+600 +006 privs 1,2,3,4 now\+600s; token now\+86400s +007 rtc 1,2,3,4 600s; token 600s +equivalent$/m);
    expect(stdout).toMatch(/\nall \d+ cases equivalent\n$/);
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run(['--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { mode: string; equivalent: boolean; cases: unknown[] };
    expect(report.mode).toBe('matrix');
    expect(report.equivalent).toBe(true);
    expect(report.cases.length).toBeGreaterThan(50);
  });

  it('runs user cases and exits 1 on a difference', async () => {
    const ok = writeCases('ok.json', { cases: [{ name: 'mine', channel: 'room', uid: 'alice', role: 101, expiresIn: 300 }] });
    const good = await run(['--cases', ok]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^mine +006 privs 1,2,3,4 now\+300s/m);
    // a deadline in milliseconds: v1 throws, the migrated call does not
    const ms = writeCases('ms.json', [{ name: 'ms deadline', channel: 'room', uid: 1, role: 1, privilegeExpiredTs: 1767225600000 }]);
    const bad = await run(['--cases', ms]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/ms deadline .*DIFFERENT\n/);
    expect(bad.stdout).toMatch(/ {4}- build: v1: the builder threw RangeError/);
    expect(bad.stdout).toMatch(/\n1 of 1 cases DIFFERENT\n$/);
  });

  it('exits 2 naming file, line and column for a bad cases file', async () => {
    const file = writeCases('bad.json', '{\n  "cases": [\n    { "channel": 7, "uid": 1 }\n  ]\n}\n');
    const { code, stdout, stderr } = await run(['--cases', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('agora-token-migrate verify: bad.json:3:18: cases[0].channel must be a string\n');
    const missing = await run(['--cases', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('agora-token-migrate verify: nope.json: cannot read the cases file (ENOENT)\n');
  });

  it('documents the flags and exit codes in --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    for (const flag of ['--cases <file>', '--json', '--old-url <url>', '--new-url <url>', '--app-certificate <cert>', '--timeout <ms>', '--max-requests <n>']) expect(stdout).toContain(flag);
    expect(stdout).toContain('Exit codes: 0 all equivalent, 1 a difference, 2 a tool error');
  });

  it('exits 2 for --old-url without --new-url and for bad numbers', async () => {
    const { code, stderr } = await run(['--old-url', 'http://127.0.0.1:1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--old-url and --new-url go together/);
    expect((await run(['--timeout', '0'])).code).toBe(2);
  });
});

describe('verify (built bin) piped into a reader that stops early', () => {
  it('ends quietly on EPIPE, without a stack trace', async () => {
    // `verify --json | head -c 10`: ~100 kB of JSON, more than a pipe holds, so the bin is still writing when head exits
    const script = `{ "$0" "$1" verify --json; echo "exit=$?" >&2; } | head -c 10 > /dev/null`;
    const child = spawn('sh', ['-c', script, process.execPath, BIN], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('exit=0\n');
  });
});

describe('verify --old-url --new-url', () => {
  it('exits 0 for the v1 server and the correctly migrated v2 server', async () => {
    const { code, stdout } = await run(['--old-url', oldServer.url, '--new-url', newServer.url]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^rtc publisher uid +GET \/rtc\/test-channel\/publisher\/uid\/42 +200 \/ 200 +1 +equivalent$/m);
    expect(stdout).toMatch(/\n8 equivalent, 0 different, 0 failed requests\n$/);
  });

  it('exits 1 for a migrated server that drops role 0 publishing, with a cases file', async () => {
    const file = writeCases('requests.json', {
      cases: [
        { name: 'attendee', path: '/fetch_rtc_token', body: { uid: 5, ChannelName: 'c', role: 0 } },
        { name: 'publisher', path: '/rtc/c/publisher/uid/5', query: { expiry: 120 } },
      ],
    });
    const { code, stdout } = await run(['--old-url', oldServer.url, '--new-url', wrongServer.url, '--cases', file, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { cases: { name: string; status: string }[] };
    expect(report.cases.map((c) => [c.name, c.status])).toEqual([
      ['attendee', 'different'],
      ['publisher', 'equivalent'],
    ]);
  });

  it('masks the App Certificate in text and JSON output', async () => {
    const file = writeCases('one.json', [{ path: '/rtc/c/publisher/uid/5' }]);
    for (const extra of [[], ['--json']]) {
      const { code, stdout, stderr } = await run(['--old-url', oldServer.url, '--new-url', newServer.url, '--cases', file, '--app-certificate', TEST_APP_CERTIFICATE, ...extra]);
      expect(code).toBe(0);
      expect(stdout + stderr).not.toContain(TEST_APP_CERTIFICATE);
    }
  });

  it('exits 1 when the new server still issues 006 tokens', async () => {
    const stillV1 = await startTokenServer({ generation: 'v1' });
    try {
      const file = writeCases('one-v1.json', [{ path: '/rtc/c/publisher/uid/5' }]);
      const { code, stdout } = await run(['--old-url', oldServer.url, '--new-url', stillV1.url, '--cases', file]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/- version: new token is 006: the migrated server must issue AccessToken2 \(007\)/);
    } finally {
      await stillV1.close();
    }
  });

  it('exits 2 for the same URL on both sides and for a URL with credentials, never printing the password', async () => {
    const same = await run(['--old-url', oldServer.url, '--new-url', `${oldServer.url}/`]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--old-url and --new-url are the same server/);
    const withPassword = await run(['--old-url', 'http://deploy:s3cret-pass@127.0.0.1:1', '--new-url', newServer.url]);
    expect(withPassword.code).toBe(2);
    expect(withPassword.stderr).toMatch(/--old-url: credentials in the URL/);
    expect(withPassword.stdout + withPassword.stderr).not.toContain('s3cret-pass');
  });

  it('exits 2 when a server does not answer in time or the request budget is too small', async () => {
    const file = writeCases('hang.json', [{ path: '/hang' }]);
    const hang = await run(['--old-url', oldServer.url, '--new-url', newServer.url, '--cases', file, '--timeout', '150']);
    expect(hang.code).toBe(2);
    expect(hang.stdout).toMatch(/old server: no response within 150 ms/);
    const budget = await run(['--old-url', oldServer.url, '--new-url', newServer.url, '--max-requests', '2']);
    expect(budget.code).toBe(2);
    expect(budget.stderr).toMatch(/8 cases need 16 requests, more than the limit of 2/);
  });
});
