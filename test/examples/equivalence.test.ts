/**
 * Every example, before and after migration, started side by side on 127.0.0.1: `verify --old-url
 * --new-url --cases examples/<name>/cases.json` must find the two servers equivalent — the same
 * answers to every request, with tokens granting the same privileges until the same deadlines.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.ts';
import { EXAMPLES_DIR, listNodeExampleDirs } from './harness.ts';
import { describeDifferences, verifyExamplePair } from './equivalence.ts';
import { loadCases } from './requests.ts';

describe('examples: before and after issue equivalent tokens over HTTP', () => {
  it.each(listNodeExampleDirs())('%s', async (name) => {
    const run = await verifyExamplePair(name, path.join(EXAMPLES_DIR, name, 'before'), path.join(EXAMPLES_DIR, name, 'after'));
    expect(run.stderr).toBe('');
    expect(run.exitCode, describeDifferences(run)).toBe(ExitCode.Ok);
    expect(run.report?.equivalent).toBe(true);
    expect(run.report?.noTokens).toBe(false);
    expect(run.report?.cases.map((c) => c.name)).toEqual(loadCases(name).map((c) => c.name));
    expect(run.oldServerStderr).toBe('');
    expect(run.newServerStderr).toBe('');
  });
});
