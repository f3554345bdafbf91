import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { beforeEach, describe, expect, it } from 'vitest';
import { analyzeAgoraUsage } from '../../src/analysis/agora-usage.ts';
import type { CheckReport, Finding } from '../../src/check/finding.ts';
import { formatReport, OUTPUT_FORMATS } from '../../src/check/format/index.ts';
import { FINGERPRINT_KEY } from '../../src/check/format/sarif.ts';
import { RULES } from '../../src/check/rules.ts';
import { runCheck } from '../../src/check/run.ts';
import { tempDir, writeTree } from './helpers.ts';

const CERT = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const CERT_UPPER = CERT.toUpperCase();

/** The OASIS SARIF 2.1.0 schema (rtm.5, draft-04), as shipped in @microsoft/jest-sarif. */
function sarifValidator() {
  const require = createRequire(import.meta.url);
  const schemaFile = path.join(path.dirname(require.resolve('@microsoft/jest-sarif')), 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  expect(schema.title).toContain('2.1.0');
  // the schema's `language` pattern is not valid under the `u` flag Ajv uses by default
  // both packages are CommonJS with `exports.default`
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

let cwd: string;
let report: CheckReport;

beforeEach(async () => {
  cwd = tempDir();
  writeTree(cwd, {
    'server/token.js': [
      "const { RtcTokenBuilder, RtcRole } = require('agora-access-token');",
      `const appCertificate = '${CERT}';`,
      'module.exports = (ch, uid) =>',
      '  RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, appCertificate, ch, uid, RtcRole.ATTENDEE, Math.floor(Date.now() / 1000) + 60);',
    ].join('\n'),
    'server/package.json': JSON.stringify({ dependencies: { 'agora-access-token': '2.0.4' } }, null, 2),
    'web/package.json': JSON.stringify({ dependencies: { 'agora-rtc-sdk-ng': '4.7.0' } }, null, 2),
    'web dir/odd,name:1.py': `from src.RtcTokenBuilder import RtcTokenBuilder\nAPP_CERTIFICATE = "${CERT_UPPER}"\n`,
    'broken/agora.js': "import agora from 'agora-token';\nconst = ;\n",
  });
  report = await runCheck({ cwd, analyze: analyzeAgoraUsage });
});

describe('the scanned tree', () => {
  it('has findings of both severities and a tool error', () => {
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([
      'server/package.json:3 v1-dependency',
      'server/token.js:1 v1-import',
      'server/token.js:2 hardcoded-app-certificate',
      'server/token.js:4 v1-builder-call',
      'server/token.js:4 deprecated-rtc-role',
      'web dir/odd,name:1.py:1 python-v1-builder',
      'web dir/odd,name:1.py:2 hardcoded-app-certificate',
      'web/package.json:3 old-client-sdk',
    ]);
    expect(report.toolErrors).toEqual([expect.objectContaining({ file: 'broken/agora.js', line: 2 })]);
    expect(report.filesScanned).toBe(5);
  });
});

describe('no output format reveals a certificate', () => {
  it.each(OUTPUT_FORMATS)('%s', (format) => {
    const out = formatReport(report, format, { color: false, toolVersion: '9.9.9', cwd });
    expect(out).not.toContain(CERT);
    expect(out.toLowerCase()).not.toContain(CERT);
    expect(out).not.toContain(CERT.slice(0, 16));
    expect(out).toContain(`${'*'.repeat(28)}c5d6`);
    expect(out).toContain(`${'*'.repeat(28)}C5D6`);
  });
});

describe('sarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    const log = JSON.parse(formatReport(report, 'sarif', { color: false, toolVersion: '9.9.9', cwd })) as unknown;
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a log that breaks the schema (the validator is not vacuous)', () => {
    const validate = sarifValidator();
    const log = JSON.parse(formatReport(report, 'sarif', { color: false, toolVersion: '9.9.9', cwd })) as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes every rule with help and each result with a location and a fingerprint', () => {
    const log = JSON.parse(formatReport(report, 'sarif', { color: false, toolVersion: '9.9.9', cwd }));
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('agora-token-migrate');
    expect(run.tool.driver.version).toBe('9.9.9');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.id));
    for (const rule of run.tool.driver.rules) {
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown).toContain(rule.help.text);
    }
    const cert = run.tool.driver.rules.find((r: { id: string }) => r.id === 'hardcoded-app-certificate');
    expect(cert.properties['security-severity']).toBe('8.0');
    expect(run.results).toHaveLength(report.findings.length);
    const py = run.results.find((r: { ruleId: string }) => r.ruleId === 'python-v1-builder');
    expect(py.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'web%20dir/odd%2Cname%3A1.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 1 },
    });
    expect(run.results[0].partialFingerprints[FINGERPRINT_KEY]).toBe(report.findings[0].fingerprint);
    expect(run.tool.driver.rules[run.results[0].ruleIndex].id).toBe(run.results[0].ruleId);
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri).toBe('broken/agora.js');
  });
});

describe('github', () => {
  it('emits one escaped annotation per finding and per tool error, then a summary', () => {
    const lines = formatReport(report, 'github', { color: false, toolVersion: '9.9.9', cwd }).trimEnd().split('\n');
    expect(lines).toHaveLength(report.findings.length + 2);
    expect(lines[0]).toMatch(/^::error file=server\/package\.json,line=3,col=6,title=agora-token-migrate v1-dependency::.+%0Ahint: /);
    expect(lines.find((l) => l.includes('python-v1-builder'))).toMatch(/^::error file=web dir\/odd%2Cname%3A1\.py,line=1,col=1,/);
    expect(lines.find((l) => l.includes('old-client-sdk'))).toMatch(/^::warning /);
    expect(lines.at(-2)).toMatch(/^::error file=broken\/agora\.js,line=2,col=\d+,title=agora-token-migrate::could not be checked: /);
    expect(lines.at(-1)).toBe('agora-token-migrate check: 7 error(s), 1 warning(s) in 5 file(s)');
  });
});

describe('text', () => {
  it('groups findings by file with hints and ends with a summary', () => {
    const out = formatReport(report, 'text', { color: false, toolVersion: '9.9.9', cwd });
    const lines = out.split('\n');
    expect(lines[0]).toBe('server/package.json');
    expect(lines[1]).toMatch(/^ {2}3:6 {2}error {4}dependencies has agora-access-token "2\.0\.4".* {2}v1-dependency$/);
    expect(lines[2]).toMatch(/^ {7}hint: Replace it with `agora-token`/);
    expect(lines.filter((l) => /^\S/.test(l) && !l.startsWith('✖') && !l.includes('could not'))).toEqual(['server/package.json', 'server/token.js', 'web dir/odd,name:1.py', 'web/package.json']);
    expect(out).toContain('✖ 8 problems (7 errors, 1 warning) in 4 files (5 files checked)\n1 file could not be checked (see stderr)\n');
    expect(out).not.toContain('\u001b[');
  });

  it('prints a hint once per file, not on every line that shares it', () => {
    const finding = (file: string, line: number, hint: string): Finding => ({ ruleId: 'python-v1-builder', severity: 'error', file, line, column: 1, message: `m${line}`, hint, fingerprint: `f${line}` });
    const out = formatReport(
      { findings: [finding('a.py', 1, 'same'), finding('a.py', 2, 'same'), finding('a.py', 3, 'other'), finding('b.py', 1, 'same')], toolErrors: [], filesScanned: 2 },
      'text',
      { color: false, toolVersion: '1', cwd },
    );
    expect(out.split('\n').slice(0, 10)).toEqual([
      'a.py',
      '  1:1  error    m1  python-v1-builder',
      '       hint: same',
      '  2:1  error    m2  python-v1-builder',
      '  3:1  error    m3  python-v1-builder',
      '       hint: other',
      '',
      'b.py',
      '  1:1  error    m1  python-v1-builder',
      '       hint: same',
    ]);
  });

  it('colours only when asked', () => {
    expect(formatReport(report, 'text', { color: true, toolVersion: '9.9.9', cwd })).toContain('\u001b[31m');
  });

  it('says so when there is nothing to report', () => {
    expect(formatReport({ findings: [], toolErrors: [], filesScanned: 3 }, 'text', { color: false, toolVersion: '1', cwd })).toBe('✔ no findings (3 files checked)\n');
  });

  it('gives no tick when a file could not be checked, even without findings', () => {
    const text = formatReport({ findings: [], toolErrors: [{ file: 'b.js', message: 'Unexpected token', line: 2, column: 7 }], filesScanned: 1 }, 'text', { color: false, toolVersion: '1', cwd });
    expect(text).toBe('no findings in the files that could be checked (1 file checked)\n1 file could not be checked (see stderr)\n');
    expect(text).not.toContain('✔');
  });
});

describe('json', () => {
  it('carries the findings, tool errors and a summary', () => {
    const body = JSON.parse(formatReport(report, 'json', { color: false, toolVersion: '9.9.9', cwd }));
    expect(body.version).toBe(1);
    expect(body.tool).toEqual({ name: 'agora-token-migrate', version: '9.9.9' });
    expect(body.summary).toEqual({ filesScanned: 5, errors: 7, warnings: 1, toolErrors: 1 });
    expect(body.findings).toEqual(report.findings);
    expect(Object.keys(body.findings[0]).sort()).toEqual(['column', 'file', 'fingerprint', 'hint', 'line', 'message', 'ruleId', 'severity']);
  });
});
