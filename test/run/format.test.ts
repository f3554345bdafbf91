import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import { formatErrors, formatReviews, formatSummary } from '../../src/run/format.ts';
import type { MigrationReport } from '../../src/run/types.ts';

const plain = picocolors.createColors(false);

function report(overrides: Partial<MigrationReport['summary']>, extra: Partial<MigrationReport> = {}): MigrationReport {
  return {
    dryRun: false,
    files: [],
    packageJsons: [],
    reinstall: [],
    elapsedMs: 1234,
    workers: 0,
    summary: { scanned: 10, changed: 0, unchanged: 10, skipped: 0, errors: 0, needsReview: 0, reviewItems: 0, edits: 0, packageJsonsChanged: 0, ...overrides },
    ...extra,
  };
}

describe('formatSummary', () => {
  it('names skipped files that mention Agora, which may hold v1 code the run did not touch', () => {
    const skipped = (path: string, reason: string, mentionsAgora?: boolean) => ({ path, realPath: `/r/${path}`, status: 'skipped' as const, reason, mentionsAgora, edits: [], reviews: [] });
    const files = [skipped('app.min.js', 'minified', true), skipped('logo.js', 'binary (contains NUL bytes)'), skipped('latin1.js', 'not valid UTF-8', true)];
    expect(formatSummary(report({ skipped: 3 }, { files }), 'write', plain)).toBe(
      [
        'Nothing to migrate: 10 files scanned, none needs changes (1.2 s).',
        '3 files skipped (binary, minified, generated, too large or outside the tree; see --json).',
        'Skipped, though they mention Agora (name a minified or generated file explicitly to migrate it anyway; `check` reads them all):',
        '  app.min.js: minified',
        '  latin1.js: not valid UTF-8',
        '',
      ].join('\n'),
    );
  });

  it('says when there is nothing to migrate, and that an empty patch was written', () => {
    expect(formatSummary(report({}), 'write', plain)).toBe('Nothing to migrate: 10 files scanned, none needs changes (1.2 s).\n');
    expect(formatSummary(report({}), 'patch', plain, 'out.patch')).toBe(
      'Nothing to migrate: 10 files scanned, none needs changes (1.2 s).\nWrote an empty out.patch.\n',
    );
  });

  it('counts changes, reviews, skips and errors, and reminds to reinstall', () => {
    const text = formatSummary(
      report(
        { changed: 1, edits: 3, needsReview: 2, reviewItems: 3, skipped: 1, errors: 1, packageJsonsChanged: 2 },
        { reinstall: [{ dir: 'packages/api', command: 'pnpm install' }] },
      ),
      'dry-run',
      plain,
    );
    expect(text).toBe(
      [
        'Would migrate 1 source file (3 edits) and 2 package.json files; 10 files scanned in 1.2 s.',
        '2 files need manual review (3 items, listed above).',
        '1 file skipped (binary, minified, generated, too large or outside the tree; see --json).',
        '1 file could not be migrated (listed above); the others were processed.',
        'Dry run: no file was written.',
        'package.json now depends on agora-token: After applying, run `pnpm install` in packages/api to update node_modules and the lockfile.',
        '',
      ].join('\n'),
    );
  });
});

describe('formatReviews and formatErrors', () => {
  it('print file:line:col, the reason, and what to do', () => {
    const files: MigrationReport['files'] = [
      {
        path: 'a.js',
        realPath: '/x/a.js',
        status: 'changed',
        edits: [],
        reviews: [{ file: 'a.js', line: 3, column: 5, transform: 'flag-manual-review', reason: 'hand-built AccessToken' }],
      },
      {
        path: 'b.js',
        realPath: '/x/b.js',
        status: 'error',
        edits: [],
        reviews: [],
        error: { message: 'syntax error: Unexpected token', line: 2, column: 11, hint: 'fix the syntax error or exclude the file with .gitignore' },
      },
    ];
    const full = report({}, { files });
    expect(formatReviews(full, plain)).toBe('a.js:3:5: manual review (flag-manual-review): hand-built AccessToken\n');
    expect(formatErrors(full, plain)).toBe('b.js:2:11: error: syntax error: Unexpected token\n  fix the syntax error or exclude the file with .gitignore\n');
  });
});
