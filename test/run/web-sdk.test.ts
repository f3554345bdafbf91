/**
 * The Web client SDK raise (src/run/web-sdk.ts): agora-rtc-sdk-ng ranges in package.json and
 * AgoraRTC_N-4.x.y.js script URLs in HTML, through the library and through `migrate`/`check` on the
 * fixture tree test/run/fixtures/web-client (before/ migrates byte-exactly to after/).
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkHtml } from '../../src/check/manifests.ts';
import { runCheck } from '../../src/check/run.ts';
import { DirtyWorkingTreeError } from '../../src/run/errors.ts';
import { migrate } from '../../src/run/migrate.ts';
import { PackageJsonSyntaxError } from '../../src/run/package-json.ts';
import { jsonReportSchema, toJsonReport, type JsonMigrationReport } from '../../src/run/report.ts';
import { raiseWebSdkInHtml, raiseWebSdkInPackageJson, raiseWebSdkRange } from '../../src/run/web-sdk.ts';
import { runCli } from '../helpers/cli.ts';
import { git, initRepo, REPO_ROOT, tempDir, writeTree } from './helpers.ts';

const FIXTURE = path.join(REPO_ROOT, 'test/run/fixtures/web-client');

describe('raiseWebSdkRange', () => {
  it.each([
    ['^4.7.0', '^4.8.0'],
    ['^4.0.0', '^4.8.0'],
    [' ^4.1.0 ', '^4.8.0'],
    ['^4.8.0-beta.1', '^4.8.0'],
    ['~4.7.1', '~4.8.0'], // a tilde range keeps its minor-level width
    ['~>4.7.1', '~4.8.0'],
    ['~4', '^4.8.0'],
    ['4.7.0', '4.8.0'], // an exact pin stays exact
    ['=4.7.0', '4.8.0'],
    ['v4.7.0', '4.8.0'],
    ['4.8.0-rc.1', '4.8.0'],
    ['4', '^4.8.0'],
    ['4.x', '^4.8.0'],
    ['4.7', '~4.8.0'],
    ['4.7.x', '~4.8.0'],
  ])('raises %j to %j', (range, to) => {
    expect(raiseWebSdkRange(range)).toEqual({ to });
  });

  it.each(['^4.8.0', '^4.20.0', '4.8.0', '~4.8.3', '>=4.8.0', 'latest', 'next', 'file:../sdk', 'github:AgoraIO/web'])(
    'leaves %j alone (it starts at 4.8.0 or is no version range)',
    (range) => {
      expect(raiseWebSdkRange(range)).toBeUndefined();
    },
  );

  it.each([
    ['>=4.2 <4.8', /not a single version, \^, ~ or x-range/],
    ['>=4.0.0', /not a single version/],
    ['^4.7.0 || ^5.0.0', /not a single version/],
    ['4.2.0 - 4.9.0', /not a single version/],
    ['*', /not a single version/],
    ['', /not a single version/],
    ['^3.0.0', /not a 4\.x range/],
  ])('leaves %j to a person', (range, reason) => {
    const raise = raiseWebSdkRange(range);
    expect(raise).toHaveProperty('reason');
    expect((raise as { reason: string }).reason).toMatch(reason);
  });
});

describe('raiseWebSdkInPackageJson', () => {
  it('raises every dependency section and npm aliases, keeping BOM, CRLF, indentation and key order', () => {
    const before =
      '\uFEFF{\r\n\t"dependencies": {\r\n\t\t"react": "^18.2.0",\r\n\t\t"agora-rtc-sdk-ng": "~4.7.1"\r\n\t},\r\n' +
      '\t"devDependencies": { "sdk-old": "npm:agora-rtc-sdk-ng@^4.1.0" },\r\n\t"peerDependencies": { "agora-rtc-sdk-ng": "4.x" }\r\n}';
    const result = raiseWebSdkInPackageJson(before, 'package.json');
    expect(result.output).toBe(
      '\uFEFF{\r\n\t"dependencies": {\r\n\t\t"react": "^18.2.0",\r\n\t\t"agora-rtc-sdk-ng": "~4.8.0"\r\n\t},\r\n' +
        '\t"devDependencies": { "sdk-old": "npm:agora-rtc-sdk-ng@^4.8.0" },\r\n\t"peerDependencies": { "agora-rtc-sdk-ng": "^4.8.0" }\r\n}',
    );
    expect(result.changes).toEqual([
      { section: 'dependencies', action: 'raised', package: 'agora-rtc-sdk-ng', from: '~4.7.1', to: '~4.8.0' },
      { section: 'devDependencies', action: 'raised', package: 'agora-rtc-sdk-ng', from: 'npm:agora-rtc-sdk-ng@^4.1.0', to: 'npm:agora-rtc-sdk-ng@^4.8.0' },
      { section: 'peerDependencies', action: 'raised', package: 'agora-rtc-sdk-ng', from: '4.x', to: '^4.8.0' },
    ]);
    expect(result.reviews).toEqual([]);
  });

  it('raises the Web SDK in overrides and resolutions too (they force the installed version), and judges the other SDKs there', async () => {
    const before = [
      '{',
      '  "dependencies": { "agora-rtc-sdk-ng": "^4.7.0", "agora-rtc-react": "^2.0.0" },',
      '  "overrides": { "agora-rtc-sdk-ng": "4.7.3", "agora-rtc-react": { "agora-rtc-sdk-ng": "~4.7.0", ".": "2.0.0" }, "x": "$agora-rtc-sdk-ng" },',
      '  "resolutions": { "**/agora-rtc-sdk-ng": "4.6.0", "agora-rtm-sdk": "1.4.0" },',
      '  "pnpm": { "overrides": { "parent>agora-rtc-sdk-ng@<4.8": "4.7.1", "agora-rtc-sdk-ng": "^4.20.0" } }',
      '}',
      '',
    ].join('\n');
    const result = raiseWebSdkInPackageJson(before, 'package.json');
    expect(result.output).toBe(
      before
        .replace('"^4.7.0"', '"^4.8.0"')
        .replace('"4.7.3"', '"4.8.0"')
        .replace('"~4.7.0"', '"~4.8.0"')
        .replace('"4.6.0"', '"4.8.0"')
        .replace('"4.7.1"', '"4.8.0"'),
    );
    expect(result.changes.map((change) => `${change.section} ${change.from} → ${change.to}`)).toEqual([
      'dependencies ^4.7.0 → ^4.8.0',
      'overrides 4.7.3 → 4.8.0',
      'overrides ~4.7.0 → ~4.8.0',
      'resolutions 4.6.0 → 4.8.0',
      'pnpm.overrides 4.7.1 → 4.8.0',
    ]);
    expect(result.reviews.map((review) => `${review.line} ${review.reason.slice(0, 26)}`)).toEqual(['4 resolutions: agora-rtm-sdk']);
    // check warned about every pinned old version before, and only about what was left for review after
    const warned = async (text: string) => {
      const dir = tempDir('atm-overrides-');
      writeTree(dir, { 'package.json': text });
      return (await runCheck({ cwd: dir })).findings.map((f) => `${f.line}:${f.column}`);
    };
    expect(await warned(before)).toEqual(['2:22', '3:19', '3:69', '4:21', '4:53', '5:29']);
    expect(await warned(result.output!)).toEqual(['4:53']);
  });

  it('leaves ranges that already start at 4.8.0, tags and unrelated files untouched', () => {
    for (const range of ['^4.20.0', '4.8.0', 'latest']) {
      expect(raiseWebSdkInPackageJson(`{"dependencies": {"agora-rtc-sdk-ng": "${range}"}}`, 'package.json')).toEqual({ output: undefined, changes: [], reviews: [] });
    }
    // not even parsed: it names no client SDK
    expect(raiseWebSdkInPackageJson('{ not json', 'package.json').output).toBeUndefined();
  });

  it('reports the 3.x Web SDK, RTM, native SDKs and unusual ranges as review items, with their positions', () => {
    const text = `{
  "dependencies": {
    "agora-rtc-sdk": "^3.6.11",
    "agora-rtm-sdk": "1.4.4",
    "react-native-agora": "3.4.0",
    "agora-electron-sdk": "^4.0.0-beta.1",
    "agora-rtc-sdk-ng": ">=4.2 <4.8"
  },
  "devDependencies": { "agora-rtm-sdk": "^1.5.1" }
}
`;
    const result = raiseWebSdkInPackageJson(text, 'app/package.json');
    expect(result.output).toBeUndefined();
    expect(result.reviews.map(({ file, line, column, transform }) => `${file}:${line}:${column} ${transform}`)).toEqual([
      'app/package.json:3:6 raise-web-sdk',
      'app/package.json:4:6 raise-web-sdk',
      'app/package.json:5:6 raise-web-sdk',
      'app/package.json:6:6 raise-web-sdk',
      'app/package.json:7:6 raise-web-sdk',
    ]);
    const reasons = result.reviews.map((review) => review.reason);
    expect(reasons[0]).toMatch(/^dependencies: agora-rtc-sdk "\^3\.6\.11" allows 3\.6\.11: .* Not raised: the 3\.x Web SDK has a different API/);
    expect(reasons[1]).toMatch(/agora-rtm-sdk 1\.4\.4: .* Not raised: migrate does not raise the RTM Web SDK/);
    expect(reasons[2]).toMatch(/react-native-agora 3\.4\.0: .* Not raised: a native SDK: ship an app release/);
    expect(reasons[3]).toMatch(/agora-electron-sdk .* Not raised: a native SDK/);
    expect(reasons[4]).toMatch(/agora-rtc-sdk-ng ">=4\.2 <4\.8" allows 4\.2\.0: .* Not raised: ">=4\.2 <4\.8" is not a single version/);
  });

  it('throws PackageJsonSyntaxError with the position for invalid JSON naming a client SDK', () => {
    expect(() => raiseWebSdkInPackageJson('{\n  "dependencies": { "agora-rtc-sdk-ng": "^4.7.0", }\n}', 'package.json')).toThrow(PackageJsonSyntaxError);
  });
});

describe('raiseWebSdkInHtml', () => {
  it('raises AgoraRTC_N-4.x.y.js below 4.8.0 on the same host and path, keeping BOM, CRLF and everything else', () => {
    const before = '\uFEFF<!doctype html>\r\n<SCRIPT SRC="https://download.agora.io/sdk/release/AgoraRTC_N-4.7.3.js?x=1#y"></SCRIPT>\r\n';
    const result = raiseWebSdkInHtml(before, 'index.html');
    expect(result.output).toBe('\uFEFF<!doctype html>\r\n<SCRIPT SRC="https://download.agora.io/sdk/release/AgoraRTC_N-4.8.0.js?x=1#y"></SCRIPT>\r\n');
    expect(result.edits).toEqual([
      {
        file: 'index.html',
        line: 2,
        column: 9,
        transform: 'raise-web-sdk',
        description: '<script src>: AgoraRTC_N-4.7.3.js → AgoraRTC_N-4.8.0.js (the first Web SDK release that accepts AccessToken2)',
      },
    ]);
    expect(result.reviews).toEqual([]);
  });

  it('keeps a .min.js suffix and raises a pre-release of an old version', () => {
    expect(raiseWebSdkInHtml('<script src="/sdk/AgoraRTC_N-4.6.0-beta.1.min.js"></script>', 'a.html').output).toBe(
      '<script src="/sdk/AgoraRTC_N-4.8.0.min.js"></script>',
    );
    expect(raiseWebSdkInHtml('<script src="/sdk/AgoraRTC_N-4.7.3.min.js"></script>', 'a.html').output).toBe('<script src="/sdk/AgoraRTC_N-4.8.0.min.js"></script>');
    expect(raiseWebSdkInHtml('<script src="/sdk/AgoraRTC_N-4.7.0-rc.2.js"></script>', 'a.html').output).toBe('<script src="/sdk/AgoraRTC_N-4.8.0.js"></script>');
  });

  it('lists a loader URL string in script code for review, and check warns at the same place; a file name in a sentence is neither', () => {
    const page = [
      '<script>',
      "  const loader = document.createElement('script');",
      "  loader.src = `https://download.agora.io/sdk/release/AgoraRTC_N-4.7.0.js`;",
      '  const note = "AgoraRTCSDK-3.6.11.js is gone";',
      '</script>',
    ].join('\n');
    const result = raiseWebSdkInHtml(page, 'a.html');
    expect(result.output).toBeUndefined();
    expect(result.reviews.map((review) => `${review.line}:${review.column}`)).toEqual(['3:17']);
    expect(checkHtml(page).map((finding) => `${finding.line}:${finding.column}`)).toEqual(['3:17']);
  });

  it('leaves 4.8.0 and later, comments, other attributes and pages without a Web SDK untouched', () => {
    for (const html of [
      '<script src="https://download.agora.io/sdk/release/AgoraRTC_N-4.8.0.js"></script>',
      '<script src="AgoraRTC_N-4.20.0.js"></script>',
      '<!-- <script src="AgoraRTC_N-4.1.0.js"></script> -->',
      '<a href="AgoraRTC_N-4.1.0.js">old build</a><script data-src="AgoraRTC_N-4.1.0.js"></script>',
      '<p>AgoraRTC is great</p>',
    ]) {
      expect(raiseWebSdkInHtml(html, 'a.html')).toEqual({ output: undefined, edits: [], reviews: [] });
    }
  });

  it('asks for a person where raising the URL is not enough or not possible', () => {
    const html = [
      '<script src="https://download.agora.io/sdk/release/AgoraRTC_N-4.7.3.js" integrity="sha384-abc" crossorigin="anonymous"></script>',
      '<script src="https://cdn.jsdelivr.net/npm/agora-rtc-sdk-ng@4.7.0/AgoraRTC_N-production.js"></script>',
      '<script src="js/AgoraRTCSDK-3.6.11.js"></script>',
      '<script src="https://unpkg.com/agora-rtm-sdk@1.4.0/index.js"></script>',
      '<script src="AgoraRTC_N-4.7&#46;3.js"></script>',
      "<script>document.write('<script src=\"AgoraRTC_N-4.5.0.js\"><\\/script>')</script>",
    ].join('\n');
    const result = raiseWebSdkInHtml(html, 'a.html');
    expect(result.output).toBeUndefined();
    expect(result.reviews.map((review) => [review.line, review.column])).toEqual([
      [1, 9],
      [2, 9],
      [3, 9],
      [4, 9],
      [5, 9],
      [6, 38],
    ]);
    const reasons = result.reviews.map((review) => review.reason);
    expect(reasons[0]).toMatch(/Not raised: its integrity hash pins this exact file/);
    expect(reasons[1]).toMatch(/Not raised: migrate raises only Agora's AgoraRTC_N-4\.x\.y\.js file names/);
    expect(reasons[2]).toMatch(/agora-rtc-sdk 3\.6\.11: .* Not raised: the 3\.x Web SDK has a different API/);
    expect(reasons[3]).toMatch(/agora-rtm-sdk 1\.4\.0: .* Not raised: migrate does not raise the RTM Web SDK/);
    expect(reasons[4]).toMatch(/Not raised: the version in the src attribute is written with character references/);
    expect(reasons[5]).toMatch(/^AgoraRTC_N-4\.5\.0\.js in script code: .* migrate edits only <script src> attributes/);
  });

  it('raises a copy served with the page and says that the new file must be put there', () => {
    const result = raiseWebSdkInHtml('<script src=vendor/AgoraRTC_N-4.2.1.js defer></script>', 'a.html');
    expect(result.output).toBe('<script src=vendor/AgoraRTC_N-4.8.0.js defer></script>');
    expect(result.reviews).toEqual([
      {
        file: 'a.html',
        line: 1,
        column: 9,
        transform: 'raise-web-sdk',
        reason: "the page now loads vendor/AgoraRTC_N-4.8.0.js, a copy served with the page: put the 4.8.0 build (npm agora-rtc-sdk-ng@4.8.0, or Agora's download) at that path",
      },
    ]);
  });

  it('raises scripts inside <template> and a URL with character references elsewhere in it', () => {
    const html = `<template><script src='//cdn.example.com/AgoraRTC_N-4.3.0.js?a=1&amp;b=2'></script></template>`;
    expect(raiseWebSdkInHtml(html, 'a.html').output).toBe(`<template><script src='//cdn.example.com/AgoraRTC_N-4.8.0.js?a=1&amp;b=2'></script></template>`);
  });
});

/** Every file under `root`, relative path → content. */
function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else out[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  visit(root);
  return out;
}

function copyFixture(): string {
  const root = tempDir('atm-web-');
  cpSync(path.join(FIXTURE, 'before'), root, { recursive: true });
  return root;
}

describe('migrate and check on a web client tree (test/run/fixtures/web-client)', () => {
  it('writes exactly after/, reports each raise and each review, and a second run has nothing to do', async () => {
    const root = copyFixture();
    const report = await migrate({ cwd: root, force: true, workers: 0 });
    expect(readTree(root)).toEqual(readTree(path.join(FIXTURE, 'after')));
    expect(report.summary).toMatchObject({ changed: 1, packageJsonsChanged: 2, errors: 0, needsReview: 4, reviewItems: 10 });

    const json = toJsonReport(report);
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(jsonReportSchema, json), ajv.errorsText()).toBe(true);
    const packages = Object.fromEntries(json.packageJsons.map((pkg) => [pkg.path, pkg]));
    expect(packages['web/package.json'].changes).toEqual([
      { section: 'dependencies', action: 'raised', package: 'agora-rtc-sdk-ng', from: '^4.7.3', to: '^4.8.0' },
      { section: 'devDependencies', action: 'raised', package: 'agora-rtc-sdk-ng', from: 'npm:agora-rtc-sdk-ng@~4.6.1', to: 'npm:agora-rtc-sdk-ng@~4.8.0' },
    ]);
    expect(packages['web/package.json'].reviews.map((review) => review.line)).toEqual([6]);
    expect(packages['admin/package.json'].changes).toEqual([{ section: 'dependencies', action: 'raised', package: 'agora-rtc-sdk-ng', from: '4.7.0', to: '4.8.0' }]);
    expect(packages['admin/package.json'].reviews.map((review) => review.line)).toEqual([4, 8]);
    expect(packages['mobile/package.json']).toMatchObject({ status: 'unchanged', changes: [] });
    expect(packages['mobile/package.json'].reviews.map((review) => review.reason)).toEqual([expect.stringMatching(/^dependencies: react-native-agora 3\.4\.0/)]);
    expect(packages['modern/package.json']).toEqual({ path: 'modern/package.json', status: 'unchanged', changes: [], reviews: [] });
    const page = json.files.find((file) => file.path === 'web/public/index.html');
    expect(page?.status).toBe('changed');
    expect(page?.edits.map((edit) => edit.line)).toEqual([7, 8, 11, 28]);
    expect(page?.reviews.map((review) => review.line)).toEqual([8, 13, 14, 15, 19, 24]);
    expect(json.files.find((file) => file.path === 'modern/index.html')).toMatchObject({ status: 'unchanged', edits: [], reviews: [] });
    // the workspace root has no lockfile: one npm install at the root refreshes them all
    expect(json.reinstall).toEqual([{ dir: '.', command: 'npm install', packages: ['agora-rtc-sdk-ng 4.8.0 or later'] }]);

    const second = await migrate({ cwd: root, force: true, workers: 0 });
    expect(second.summary).toMatchObject({ changed: 0, packageJsonsChanged: 0, errors: 0 });
    expect(readTree(root)).toEqual(readTree(path.join(FIXTURE, 'after')));
  });

  it('check stops warning about what migrate raised and keeps warning, line for line, about what it left for review', async () => {
    const root = copyFixture();
    const before = await runCheck({ cwd: root });
    const report = await migrate({ cwd: root, force: true, workers: 0 });
    const after = await runCheck({ cwd: root });
    const lines = (findings: Array<{ file: string; line: number }>) => [...new Set(findings.map((f) => `${f.file}:${f.line}`))].sort();
    const raised = [...report.files, ...report.packageJsons].flatMap((file) =>
      'edits' in file ? file.edits.map((edit) => ({ file: edit.file, line: edit.line })) : [],
    );
    const raisedInManifests = report.packageJsons.flatMap((pkg) => (pkg.status === 'changed' ? [pkg.path] : []));
    expect(after.findings.every((finding) => finding.ruleId === 'old-client-sdk')).toBe(true);
    // what was left: exactly the review items that are not about a raised file still to be provided
    const leftForReview = [...report.files, ...report.packageJsons]
      .flatMap((file) => file.reviews ?? [])
      .filter((review) => !review.reason.startsWith('the page now loads'));
    expect(lines(after.findings)).toEqual(lines(leftForReview));
    // what was raised: warned about before, not after
    for (const edit of raised) {
      expect(lines(before.findings)).toContain(`${edit.file}:${edit.line}`);
      expect(lines(after.findings)).not.toContain(`${edit.file}:${edit.line}`);
    }
    expect(raisedInManifests.sort()).toEqual(['admin/package.json', 'web/package.json']);
    expect(before.findings.filter((f) => f.file === 'web/package.json').map((f) => f.line)).toEqual([5, 6, 10]);
    expect(after.findings.filter((f) => f.file === 'web/package.json').map((f) => f.line)).toEqual([6]);
  });

  it('--dry-run prints the diff and the reinstall hint, and writes nothing; --json validates', async () => {
    const root = copyFixture();
    const dry = await runCli(['migrate', '--dry-run'], { cwd: root });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      [
        '--- a/web/public/index.html',
        '+++ b/web/public/index.html',
        '@@ -4,11 +4,11 @@',
        '     <meta charset="utf-8">',
        '     <title>Video call</title>',
        '     <!-- <script src="https://download.agora.io/sdk/release/AgoraRTC_N-4.1.0.js"></script> -->',
        '-    <script src="https://download.agora.io/sdk/release/AgoraRTC_N-4.7.3.js"></script>',
        '-    <script src=vendor/AgoraRTC_N-4.2.1.js defer></script>',
        '+    <script src="https://download.agora.io/sdk/release/AgoraRTC_N-4.8.0.js"></script>',
        '+    <script src=vendor/AgoraRTC_N-4.8.0.js defer></script>',
      ].join('\n'),
    );
    expect(dry.stdout).toContain('-    "agora-rtc-sdk-ng": "^4.7.3",\n+    "agora-rtc-sdk-ng": "^4.8.0",\n');
    expect(dry.stdout).toContain('web/package.json:6:6: manual review (raise-web-sdk): dependencies: agora-rtm-sdk 1.4.4');
    expect(dry.stdout + dry.stderr).toContain(
      'package.json now depends on agora-rtc-sdk-ng 4.8.0 or later: After applying, run `npm install` to update node_modules and the lockfile.',
    );
    expect(readTree(root)).toEqual(readTree(path.join(FIXTURE, 'before')));

    const json = await runCli(['migrate', '--dry-run', '--json'], { cwd: root });
    const parsed = JSON.parse(json.stdout) as JsonMigrationReport;
    const ajv = new Ajv({ strict: false });
    expect(ajv.validate(jsonReportSchema, parsed), ajv.errorsText()).toBe(true);
    expect(parsed.summary.packageJsonsChanged).toBe(2);
  });

  it('pages go through the git guard and the patch like source files', async () => {
    const root = copyFixture();
    initRepo(root);
    writeTree(root, { 'web/public/index.html': `${readFileSync(path.join(root, 'web/public/index.html'), 'utf8')}<!-- edited -->\n` });
    const refused = await migrate({ cwd: root, workers: 0 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DirtyWorkingTreeError);
    expect((refused as DirtyWorkingTreeError).files).toEqual(['web/public/index.html']);
    git(root, 'checkout', '--', 'web/public/index.html');

    const patched = await runCli(['migrate', '--patch', 'web.patch'], { cwd: root });
    expect(patched.code).toBe(0);
    expect(readTree(root)['web/public/index.html']).toBe(readTree(path.join(FIXTURE, 'before'))['web/public/index.html']);
    git(root, 'apply', 'web.patch');
    const applied = readTree(root);
    delete applied['web.patch'];
    expect(Object.fromEntries(Object.entries(applied).filter(([file]) => !file.startsWith('.git/')))).toEqual(readTree(path.join(FIXTURE, 'after')));
  });

  it('a server package.json gets both moves in one edit: agora-access-token → agora-token and the Web SDK raised', async () => {
    const root = tempDir('atm-web-');
    writeTree(root, {
      'package.json': '{\n  "dependencies": {\n    "agora-access-token": "^2.0.4",\n    "agora-rtc-sdk-ng": "^4.5.0"\n  }\n}\n',
      'server.js': "const { RtcRole } = require('agora-access-token');\nmodule.exports = RtcRole.PUBLISHER;\n",
    });
    const report = await migrate({ cwd: root, force: true, workers: 0 });
    expect(readFileSync(path.join(root, 'package.json'), 'utf8')).toBe('{\n  "dependencies": {\n    "agora-token": "^2.0.6",\n    "agora-rtc-sdk-ng": "^4.8.0"\n  }\n}\n');
    expect(report.reinstall).toEqual([{ dir: '.', command: 'npm install', packages: ['agora-token', 'agora-rtc-sdk-ng 4.8.0 or later'] }]);
  });
});
