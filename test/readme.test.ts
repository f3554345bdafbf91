import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

const run = (argv: string[]) => runCli(argv, { cwd: ROOT, env: { NO_COLOR: '1', CI: '1' } });

describe('README', () => {
  it('shows the dry-run diff of examples/fetch-rtc-token exactly as migrate prints it', async () => {
    const block = /## Example[\s\S]*?```diff\n([\s\S]*?)```/.exec(README)?.[1];
    expect(block).toBeDefined();
    const { code, stdout } = await run(['migrate', '--dry-run', '--workers', '0', 'examples/fetch-rtc-token/before']);
    expect(code).toBe(0);
    expect(stdout.startsWith(block!)).toBe(true);
  });

  it('shows the dry-run diff of examples/go-fetch-rtc-token exactly as migrate prints it, next to the JavaScript one', async () => {
    const block = /## Example[\s\S]*?```diff\n[\s\S]*?```[\s\S]*?```diff\n([\s\S]*?)```/.exec(README)?.[1];
    expect(block).toMatch(/^diff --git a\/examples\/go-fetch-rtc-token\//);
    const { code, stdout } = await run(['migrate', '--dry-run', '--workers', '0', 'examples/go-fetch-rtc-token/before']);
    expect(code).toBe(0);
    expect(stdout.startsWith(block!)).toBe(true);
  });

  it('quick start: the demo script is a dry run over a bundled example that prints a diff', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    const args = pkg.scripts.demo.replace(/^node dist\/src\/cli\/bin\.js /, '').split(' ');
    expect(args.slice(0, 2)).toEqual(['migrate', '--dry-run']);
    const { code, stdout } = await run([...args, '--workers', '0']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^diff --git a\/examples\//);
    expect(stdout).toMatch(/\+const \{ RtcTokenBuilder, RtmTokenBuilder, RtcRole \} = require\('agora-token'\);/);
    expect(README).toContain('npm ci && npm run demo');
  });
});
