/**
 * Go fixtures, compiled and run. Agora's Go packages cannot be downloaded here (no module proxy), so
 * `test/go/standins/` provides them at their real import paths, with the real signatures and role
 * constants, each builder printing its arguments and the clock as one JSON line. Every fixture's
 * input and migrated output become two `main` packages of one temporary module (a `replace`
 * directive points at the stand-ins), built by one `go vet` and one `go build`. Each binary then
 * answers the fixture's requests in-process (test/go/driver/driver.go), and the recorded calls are
 * turned into real tokens with agora-access-token (v1) and agora-token (v2) under the clock the
 * stand-in recorded, to be compared claim by claim.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withFrozenClock } from '../../src/verify/clock.ts';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../src/verify/matrix.ts';

export { TEST_APP_CERTIFICATE, TEST_APP_ID };

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const HERE = fileURLToPath(new URL('./', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES_DIR = path.join(HERE, 'fixtures');
const STANDINS_DIR = path.join(HERE, 'standins');
const DRIVER = path.join(HERE, 'driver', 'driver.go');
const STANDIN_MODULE = 'github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src';

/** One process run of a fixture: its environment and the requests replayed against it. */
export interface GoRun {
  env: Record<string, string>;
  requests: { method: string; path: string; body?: string }[];
}

/** A Go fixture: input, expected output (absent: a no-op) and, when it migrates, the runs that prove its tokens. */
export interface GoFixture {
  name: string;
  input: string;
  output?: string;
  runs?: GoRun[];
}

/** `test/go/fixtures/<case>.input.go` (+ `.output.go`, `.runs.json`) and the seed-shaped example. */
export function listGoFixtures(): GoFixture[] {
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  const fixtures: GoFixture[] = readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.input.go'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.input.go'.length);
      const runs = read(path.join(FIXTURES_DIR, `${name}.runs.json`));
      return {
        name,
        input: readFileSync(path.join(FIXTURES_DIR, file), 'utf8'),
        output: read(path.join(FIXTURES_DIR, `${name}.output.go`)),
        runs: runs === undefined ? undefined : (JSON.parse(runs) as GoRun[]),
      };
    });
  const example = path.join(REPO_ROOT, 'examples', 'go-fetch-rtc-token');
  fixtures.push({
    name: 'example-go-fetch-rtc-token',
    input: readFileSync(path.join(example, 'before', 'server.go'), 'utf8'),
    output: readFileSync(path.join(example, 'after', 'server.go'), 'utf8'),
    runs: JSON.parse(readFileSync(path.join(example, 'requests.json'), 'utf8')) as GoRun[],
  });
  return fixtures;
}

/** The Go toolchain's environment: offline, with its caches inside the temporary module. */
function goEnv(dir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    GOCACHE: path.join(dir, '.cache', 'go-build'),
    GOPATH: path.join(dir, '.cache', 'gopath'),
    GOFLAGS: '-mod=mod',
    GOPROXY: 'off',
    GONOSUMDB: '*',
    GOENV: 'off',
    GOTOOLCHAIN: 'local',
    GO111MODULE: 'on',
    CGO_ENABLED: '0',
  };
}

/** Runs `go <args>` in `dir`; throws with the tool's output when it fails (or when Go is not installed). */
export async function goTool(dir: string, args: string[], timeoutMs = 120_000): Promise<string> {
  try {
    const { stdout, stderr } = await run('go', args, { cwd: dir, env: goEnv(dir), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return stdout + stderr;
  } catch (error) {
    const e = error as { code?: string; stdout?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') throw new Error('the Go toolchain is not installed: `apt-get install golang-go` (.ci/run does this when `go` is missing)');
    throw new Error(`go ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
  }
}

/** `gofmt -l` over `dir`: the files gofmt would change. */
export async function gofmtList(dir: string): Promise<string[]> {
  const { stdout } = await run('gofmt', ['-l', dir], { env: goEnv(dir) });
  return stdout.split('\n').filter(Boolean).map((file) => path.relative(dir, file));
}

/** Package directory of one side of a fixture inside the module. */
export function packageDir(name: string, side: 'before' | 'after'): string {
  return `cmd/${name}_${side}`;
}

/** A temporary module holding every fixture's input and output as main packages; `bin/` gets one binary per package after `build()`. */
export interface GoModule {
  dir: string;
  vet(): Promise<string>;
  build(): Promise<void>;
  binary(name: string, side: 'before' | 'after'): string;
  remove(): void;
}

/** `extra` adds packages of the module: directory → main.go text. */
export function createGoModule(fixtures: GoFixture[], extra: Record<string, string> = {}): GoModule {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'agora-token-migrate-go-'));
  writeFileSync(
    path.join(dir, 'go.mod'),
    `module agorafixtures\n\ngo 1.19\n\nrequire ${STANDIN_MODULE} v0.0.0\n\nreplace ${STANDIN_MODULE} => ${STANDINS_DIR}\n`,
  );
  for (const fixture of fixtures) {
    for (const [side, text] of [
      ['before', fixture.input],
      ['after', fixture.output],
    ] as const) {
      if (text === undefined) continue;
      const pkg = path.join(dir, packageDir(fixture.name, side));
      mkdirSync(pkg, { recursive: true });
      writeFileSync(path.join(pkg, 'main.go'), text);
      copyFileSync(DRIVER, path.join(pkg, 'driver.go'));
    }
  }
  for (const [pkg, text] of Object.entries(extra)) {
    mkdirSync(path.join(dir, pkg), { recursive: true });
    writeFileSync(path.join(dir, pkg, 'main.go'), text);
  }
  return {
    dir,
    vet: () => goTool(dir, ['vet', './...']),
    build: async () => {
      await goTool(dir, ['build', '-o', path.join(dir, 'bin') + path.sep, './...']);
    },
    binary: (name, side) => path.join(dir, 'bin', path.basename(packageDir(name, side))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** One builder call as the stand-in recorded it. */
export interface RecordedCall {
  agoraCall: string;
  args: (string | number)[];
  nowMs: number;
}

/** One replayed request: its response and the builder calls made while answering it. */
export interface RecordedExchange {
  path: string;
  status: number;
  body: string;
  calls: RecordedCall[];
}

/** Runs one binary for one run of its fixture and pairs each response with the calls made before it. */
export async function runBinary(binary: string, goRun: GoRun, workDir: string): Promise<RecordedExchange[]> {
  const requestsFile = path.join(workDir, `requests-${path.basename(binary)}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(requestsFile, JSON.stringify(goRun.requests.map((r) => ({ body: '', ...r }))));
  const env = { PATH: process.env.PATH, APP_ID: TEST_APP_ID, APP_CERTIFICATE: TEST_APP_CERTIFICATE, PORT: '0', AGORA_FIXTURE_REQUESTS: requestsFile, ...goRun.env };
  const { stdout } = await run(binary, [], { env, timeout: 20_000 });
  const exchanges: RecordedExchange[] = [];
  let calls: RecordedCall[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('{"agoraCall"')) calls.push(JSON.parse(line) as RecordedCall);
    else if (line.startsWith('{"agoraResponse"')) {
      const response = JSON.parse(line) as { agoraResponse: string; status: number; body: string };
      exchanges.push({ path: response.agoraResponse, status: response.status, body: response.body, calls });
      calls = [];
    }
  }
  return exchanges;
}

interface V1Module {
  RtcTokenBuilder: {
    buildTokenWithUid(...args: unknown[]): string;
    buildTokenWithAccount(...args: unknown[]): string;
  };
  RtmTokenBuilder: { buildToken(...args: unknown[]): string };
}
interface V1AccessTokenModule {
  AccessToken: new (appId: string, certificate: string, channel: string, uid: string | number) => { addPriviledge(id: number, ts: number): void; build(): string };
  priviledges: { kJoinChannel: number; kPublishAudioStream: number; kPublishVideoStream: number; kPublishDataStream: number };
}
interface V2Module {
  RtcTokenBuilder: Record<string, (...args: unknown[]) => string>;
  RtmTokenBuilder: { buildToken(...args: unknown[]): string };
}

const v1 = require('agora-access-token') as V1Module;
const v1AccessToken = require('agora-access-token/src/AccessToken') as V1AccessTokenModule;
const v2 = require('agora-token') as V2Module;

/** The real 006 token the Agora v1 Go function would have built from the recorded call, at the recorded instant. */
export function buildV1Token(call: RecordedCall): string {
  const a = call.args;
  return withFrozenClock(call.nowMs, () => {
    switch (call.agoraCall) {
      case 'rtctokenbuilder.BuildTokenWithUID':
        return v1.RtcTokenBuilder.buildTokenWithUid(...a);
      case 'rtctokenbuilder.BuildTokenWithUserAccount':
        return v1.RtcTokenBuilder.buildTokenWithAccount(...a);
      case 'rtctokenbuilder.BuildTokenWithUIDAndPrivilege':
      case 'rtctokenbuilder.BuildTokenWithUserAccountAndPrivilege': {
        // Agora's Go v1 builds these with AccessToken directly; so does this (uid 0 → "", like Go)
        const { AccessToken, priviledges: p } = v1AccessToken;
        const token = new AccessToken(a[0] as string, a[1] as string, a[2] as string, a[3] as string | number);
        token.addPriviledge(p.kJoinChannel, a[4] as number);
        token.addPriviledge(p.kPublishAudioStream, a[5] as number);
        token.addPriviledge(p.kPublishVideoStream, a[6] as number);
        token.addPriviledge(p.kPublishDataStream, a[7] as number);
        return token.build();
      }
      case 'rtmtokenbuilder.BuildToken':
        return v1.RtmTokenBuilder.buildToken(...a);
      default:
        throw new Error(`not a v1 builder call: ${call.agoraCall}`);
    }
  });
}

/** The real 007 token the Agora v2 Go function would have built from the recorded call, at the recorded instant. */
export function buildV2Token(call: RecordedCall): string {
  const a = call.args;
  return withFrozenClock(call.nowMs, () => {
    switch (call.agoraCall) {
      case 'rtctokenbuilder2.BuildTokenWithUid':
        return v2.RtcTokenBuilder.buildTokenWithUid(...a);
      case 'rtctokenbuilder2.BuildTokenWithUserAccount':
        return v2.RtcTokenBuilder.buildTokenWithUserAccount(...a);
      case 'rtctokenbuilder2.BuildTokenWithUidAndPrivilege':
        return v2.RtcTokenBuilder.buildTokenWithUidAndPrivilege(...a);
      case 'rtctokenbuilder2.BuildTokenWithUserAccountAndPrivilege':
        return v2.RtcTokenBuilder.BuildTokenWithUserAccountAndPrivilege(...a);
      case 'rtmtokenbuilder2.BuildToken':
        return v2.RtmTokenBuilder.buildToken(...a);
      default:
        throw new Error(`not a v2 builder call: ${call.agoraCall}`);
    }
  });
}
