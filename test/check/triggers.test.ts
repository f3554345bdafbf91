/**
 * The byte prefilter of `check` can miss no rule: its triggers come from the rules, every text in
 * the repository's fixtures that yields a finding contains a trigger of that finding's rule, and a
 * run with the prefilter reports exactly what running every detector on every file reports.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGoParser } from '../../src/go/parser.ts';
import { analyzeAgoraUsage } from '../../src/analysis/agora-usage.ts';
import { isTypecheckCandidate } from '../../src/analysis/typecheck.ts';
import { PREFILTER_NEEDLES } from '../../src/analysis/sources.ts';
import { checkFileText, classifyCheckFile } from '../../src/check/check-file.ts';
import { listCheckTargets } from '../../src/check/files.ts';
import { compareFindings, finaliseFindings, type Finding, type RawFinding, type ToolError } from '../../src/check/finding.ts';
import { RULES, type Trigger } from '../../src/check/rules.ts';
import { builderTypeFindings, runCheck, scanBytes, SCAN_CHUNK_BYTES } from '../../src/check/run.ts';
import { splitLines } from '../../src/check/source-text.ts';
import { ALL_TRIGGERS, anyTrigger, LONGEST_MATCH, latin1Of, mayHaveFindings, minimalTriggers, needsJsAnalysis, requirementsOf, triggerMatcher, triggerPattern } from '../../src/check/triggers.ts';
import { FIXTURES, tempDir, writeTree } from './helpers.ts';
import { expectTriggered } from './triggered.ts';

// Go files are detected with the Go grammar, which runCheck loads before its first Go file
beforeAll(() => loadGoParser());

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Every directory of test inputs: the rule fixtures, the transform fixtures and their outputs, the runner's trees, the examples. */
const CORPORA = ['test/check/fixtures', 'test/fixtures', 'test/run/fixtures', 'test/semantic', 'examples'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

const corpus = CORPORA.flatMap((dir) => filesUnder(path.join(REPO, dir))).filter((file) => classifyCheckFile(file) !== undefined);

describe('the trigger table', () => {
  it.each(RULES.map((rule) => [rule.id, rule] as const))('%s declares printable-ASCII triggers', (_id, rule) => {
    expect(rule.triggers.length).toBeGreaterThan(0);
    expect(() => triggerMatcher(rule.triggers)).not.toThrow();
  });

  it('gives the JS/TS analysis rules exactly the needles migrate and the transforms test', () => {
    for (const rule of RULES.filter((r) => r.category === 'javascript' && r.id !== 'manual-review-marker')) expect(rule.triggers).toEqual(PREFILTER_NEEDLES);
  });

  it('matches exact triggers case-sensitively and anyCase ones in any ASCII case', () => {
    const match = triggerMatcher(['AccessToken', { anyCase: 'agora' }]);
    expect(match('new AccessToken(')).toBe(true);
    expect(match('const accessToken = 1')).toBe(false);
    expect(match('<script src="AgoraRTC_N-4.7.0.js">')).toBe(true);
    expect(match('AGORA')).toBe(true);
    expect(match('ag-ora')).toBe(false);
    // a multi-byte UTF-8 sequence read as Latin-1 never forms ASCII letters
    expect(match(latin1Of(Buffer.from('AGÖRA ägora', 'utf8')))).toBe(false);
    expect(triggerMatcher([])('anything')).toBe(false);
    expect(() => triggerMatcher(['agöra'])).toThrow(/ASCII/);
  });

  it('matches exactly the texts of the one pattern ripgrep is given (triggerPattern), though as two expressions', () => {
    const sets: Trigger[][] = [ALL_TRIGGERS.slice(), RULES.filter((rule) => rule.category === 'javascript').flatMap((rule) => rule.triggers), ['AccessToken'], [{ anyCase: 'cert' }]];
    const probes = [
      ...corpus.map((file) => latin1Of(readFileSync(file))),
      ...ALL_TRIGGERS.flatMap((t) => {
        const text = typeof t === 'string' ? t : t.anyCase;
        return [text, text.toUpperCase(), text.toLowerCase(), text.slice(1), `x${text.slice(0, -1)}`, latin1Of(Buffer.from(`${text.slice(0, 2)}ö${text.slice(2)}`, 'utf8'))];
      }),
      'ÿ µ ß ſ K',
    ];
    for (const triggers of sets) {
      const match = triggerMatcher(triggers);
      const one = new RegExp(triggerPattern(triggers)!);
      for (const probe of probes) expect(match(probe), probe.slice(0, 80)).toBe(one.test(probe));
    }
    expect(probes.some((probe) => triggerMatcher([{ anyCase: 'cert' }])(probe))).toBe(true);
    expect(probes.some((probe) => !triggerMatcher(ALL_TRIGGERS)(probe))).toBe(true);
  });

  it('drops only triggers another one already covers', () => {
    expect(minimalTriggers(['agora-token', 'agora-token-migrate', { anyCase: 'AGORA' }, 'RtcTokenBuilder'])).toEqual([{ anyCase: 'AGORA' }, 'RtcTokenBuilder']);
    expect(minimalTriggers(['Cert', { anyCase: 'cert' }, { anyCase: 'CERT' }])).toEqual([{ anyCase: 'cert' }]);
    expect(minimalTriggers(['agora', 'Agora'])).toEqual(['agora', 'Agora']);
  });

  it('keeps ordinary code out', () => {
    const ordinary = "import path from 'node:path';\nexport const accessToken = await fetchToken();\nconsole.log(path.join('a', 'b'));\n";
    expect(mayHaveFindings(latin1Of(Buffer.from(ordinary)))).toBe(false);
  });

  it("lets a rule's trigger count only where the patterns the rule requires match too", () => {
    // hardcoded-app-certificate: `cert` is common (certain, certificate), a quoted 32-hex-digit literal is not
    expect(requirementsOf('hardcoded-app-certificate').length).toBeGreaterThan(0);
    expect(anyTrigger('// a certificate check\nconst certain = true;\n')).toBe(true);
    expect(mayHaveFindings('// a certificate check\nconst certain = true;\n')).toBe(false);
    expect(mayHaveFindings("const hash = '0123456789abcdef0123456789abcdef';\n")).toBe(false);
    expect(mayHaveFindings("const cert = '0123456789abcdef0123456789abcdef';\n")).toBe(true);
    expect(mayHaveFindings("const cert = `0123456789ABCDEF0123456789abcdef`;\n")).toBe(true);
    expect(mayHaveFindings("const cert = '0123456789abcdef0123456789abcde';\n")).toBe(false);
    // another rule's trigger needs no literal
    expect(mayHaveFindings("// the certificate of RtcTokenBuilder\n")).toBe(true);
    for (const rule of RULES) for (const requirement of requirementsOf(rule.id)) expect(requirement.maxLength).toBeLessThanOrEqual(LONGEST_MATCH);
  });
});

describe('the chunked byte scan', () => {
  const HEX = '0123456789abcdef0123456789abcdef';
  const filler = (bytes: number) => `/*${'x'.repeat(bytes - 5)}*/\n`;
  const verdictOf = (name: string, text: string) => {
    const root = tempDir();
    writeTree(root, { [name]: text });
    return scanBytes({ path: path.join(root, name), display: name, kind: classifyCheckFile(name)! });
  };

  it('drops a file whose only trigger is cert without a 32-hex-digit literal, however large', () => {
    const text = `// certificate pinning\n${filler(3 * SCAN_CHUNK_BYTES)}const certain = 1;\n`;
    expect(verdictOf('big.js', text)).toMatchObject({ mayHaveFindings: false, needsAnalysis: false });
  });

  it('finds the required literal in a chunk before the first trigger, after one, and across a chunk boundary', () => {
    const before = `const key = '${HEX}';\n${filler(2 * SCAN_CHUNK_BYTES)}// the certificate\n`;
    expect(verdictOf('before.js', before)).toMatchObject({ mayHaveFindings: true, needsAnalysis: false });
    const after = `// the certificate\n${filler(2 * SCAN_CHUNK_BYTES)}const key = '${HEX}';\n`;
    expect(verdictOf('after.py', after)).toMatchObject({ mayHaveFindings: true, needsAnalysis: false });
    const across = straddling('const appCertificate = ', `'${HEX}'`, ';\n');
    expect(verdictOf('across.js', across)).toMatchObject({ mayHaveFindings: true, needsAnalysis: false });
    // read again up to the first trigger: a literal across an earlier chunk boundary is whole there too
    const acrossBefore = straddling('const key = ', `'${HEX}'`, `;\n${filler(2 * SCAN_CHUNK_BYTES)}// the certificate\n`);
    expect(verdictOf('across-before.js', acrossBefore)).toMatchObject({ mayHaveFindings: true, needsAnalysis: false });
    expect(verdictOf('no-literal.js', acrossBefore.replace(HEX, HEX.slice(1)))).toMatchObject({ mayHaveFindings: false, needsAnalysis: false });
  });

  it('still asks for the analysis when its trigger comes chunks after a certificate literal', () => {
    const text = `const appCertificate = '${HEX}';\n${filler(2 * SCAN_CHUNK_BYTES)}require('agora-access-token');\n`;
    expect(verdictOf('late.js', text)).toMatchObject({ mayHaveFindings: true, needsAnalysis: true });
    expect(verdictOf('late.go', text)).toMatchObject({ mayHaveFindings: true, needsAnalysis: false });
  });

  it('gives the verdict of the whole text wherever triggers and literals fall against chunk boundaries', () => {
    const pieces = ['cert', 'Certificate', `'${HEX}'`, `"${HEX.toUpperCase()}"`, 'agora-access-token', 'RoleAdmin'];
    const root = tempDir();
    let n = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: SCAN_CHUNK_BYTES / 2, max: 3 * SCAN_CHUNK_BYTES + 100 }),
        fc.array(fc.record({ piece: fc.constantFrom(...pieces), chunk: fc.integer({ min: 0, max: 3 }), shift: fc.integer({ min: -40, max: 8 }) }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        (length, placed, js) => {
          // each piece replaces the filler where it lands, near a chunk boundary (offsets past the end append)
          let text = 'x'.repeat(length);
          for (const { piece, chunk, shift } of placed) {
            const at = Math.max(0, Math.min(text.length, chunk * SCAN_CHUNK_BYTES + shift));
            text = text.slice(0, at) + ` ${piece} ` + text.slice(at + piece.length + 2);
          }
          const name = `f${n++}.${js ? 'js' : 'py'}`;
          writeTree(root, { [name]: text });
          const whole = latin1Of(Buffer.from(text));
          const expected = { mayHaveFindings: mayHaveFindings(whole), needsAnalysis: js && needsJsAnalysis(whole) };
          const { mayHaveFindings: may, needsAnalysis } = scanBytes({ path: path.join(root, name), display: name, kind: classifyCheckFile(name)! }) as { mayHaveFindings: boolean; needsAnalysis: boolean };
          expect({ mayHaveFindings: may, needsAnalysis }, JSON.stringify({ length, placed, js })).toEqual(expected);
        },
      ),
      { numRuns: 600, seed: 11 },
    );
  });

  it('names the file it cannot read', () => {
    expect(scanBytes({ path: path.join(tempDir(), 'gone.js'), display: 'gone.js', kind: { type: 'js' } })).toMatchObject({ file: 'gone.js', message: expect.stringMatching(/^cannot read: .*ENOENT/) });
  });
});

describe('every finding in the fixtures has its rule trigger', () => {
  it('reads a corpus with findings of every rule', () => {
    const seen = new Set<string>();
    const typeFindings = typeFindingsOf(corpus);
    for (const file of corpus) {
      const text = readFileSync(file, 'utf8');
      for (const finding of checkFileText(file, text, classifyCheckFile(file)!, { analyze: analyzeAgoraUsage, extraFindings: typeFindings.get(file) }).findings) seen.add(finding.ruleId);
    }
    expect([...seen].sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it.each(corpus.map((file) => [path.relative(REPO, file), file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const result = checkFileText(file, text, classifyCheckFile(file)!, { analyze: analyzeAgoraUsage, extraFindings: typeFindingsOf([file]).get(file) });
    expectTriggered(file, text, result.findings);
    if (result.error) expect(needsJsAnalysis(latin1Of(Buffer.from(text))), `${file}: a parse error only a parse can find`).toBe(true);
  });
});

/** The post-migration type check's findings over the files that it reads (as runCheck gathers them), by path. */
function typeFindingsOf(files: readonly string[]): Map<string, RawFinding[]> {
  const texts = files.map((file) => ({ path: file, text: readFileSync(file, 'utf8') }));
  return builderTypeFindings(texts.filter(({ path: file, text }) => isTypecheckCandidate(file, text)));
}

/** What `check` reported before the prefilter: every detector (and the type check) over every listed file. */
function unfilteredCheck(cwd: string): { findings: Finding[]; toolErrors: ToolError[] } {
  const { targets } = listCheckTargets(cwd, []);
  const findings: Finding[] = [];
  const toolErrors: ToolError[] = [];
  const typeFindings = typeFindingsOf(targets.map((target) => target.path));
  for (const target of targets) {
    const text = readFileSync(target.path, 'utf8');
    const result = checkFileText(target.path, text, target.kind, { analyze: analyzeAgoraUsage, extraFindings: typeFindings.get(target.path) });
    if (result.error) toolErrors.push({ file: target.display, ...result.error });
    findings.push(...finaliseFindings(target.display, splitLines(text), result.findings));
  }
  return { findings: findings.sort(compareFindings), toolErrors };
}

/** A file whose only trigger starts 5 bytes before the end of the prefilter's first chunk. */
function straddling(before: string, trigger: string, after: string): string {
  const head = `/*${'x'.repeat(SCAN_CHUNK_BYTES - 5 - before.length - 5)}*/\n${before}`;
  expect(head.length + 5).toBe(SCAN_CHUNK_BYTES);
  return `${head}${trigger}${after}`;
}

describe('a run with the prefilter', () => {
  /** The rule fixtures (each under its own directory, so package.json names stay distinct) plus look-alikes. */
  function fixtureTree(): string {
    const root = tempDir();
    for (const file of filesUnder(FIXTURES)) {
      const target = path.join(root, path.relative(FIXTURES, file));
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(file, target);
    }
    writeTree(root, {
      'plain/util.js': "export const accessToken = (req) => req.headers.authorization;\n",
      'plain/broken.js': 'const = ;\n',
      'plain/agora-in-comment.ts': '// talks to the Agora REST API\nexport const x: number = 1;\n',
      'plain/cert.py': 'SSL_CERT_FILE = "/etc/ssl/cert.pem"\n',
      'plain/certificate.js': `// certificate pinning\nexport const certain = '0123456789abcdef';\n`,
      'plain/broken/package.json': '{ "name": ',
      // the prefilter reads in chunks: triggers split across the first boundary must still count
      'chunks/split.js': straddling("require('", 'agora-access-token', "');\n"),
      'chunks/split.py': straddling('from ', 'RtcTokenBuilder', ' import RtcTokenBuilder\n'),
      'chunks/cert-split.js': straddling('const appCertificate = ', "'0123456789abcdef0123456789abcdef'", ';\n'),
      'chunks/late.js': `${'// filler\n'.repeat(SCAN_CHUNK_BYTES / 5)}const { RtcTokenBuilder } = require('agora-access-token');\n`,
    });
    return root;
  }

  it('reports exactly what every detector over every file reports, in-process and on workers', async () => {
    const root = fixtureTree();
    const expected = unfilteredCheck(root);
    expect(expected.findings.length).toBeGreaterThan(40);
    expect(new Set(expected.findings.filter((f) => f.file.startsWith('chunks/')).map((f) => f.file))).toEqual(new Set(['chunks/split.js', 'chunks/split.py', 'chunks/late.js', 'chunks/cert-split.js']));
    const inProcess = await runCheck({ cwd: root, workers: 0 });
    expect({ findings: inProcess.findings, toolErrors: inProcess.toolErrors }).toEqual(expected);
    const onWorkers = await runCheck({ cwd: root, workers: 2 });
    expect({ findings: onWorkers.findings, toolErrors: onWorkers.toolErrors }).toEqual(expected);
  });

  it('still reports a package.json it cannot parse, although it mentions no rule trigger', async () => {
    const root = fixtureTree();
    const report = await runCheck({ cwd: root, workers: 0 });
    expect(report.toolErrors.map((error) => error.file)).toContain('plain/broken/package.json');
    // a JS file without triggers is never parsed, so its syntax error is not the gate's business
    expect(report.toolErrors.map((error) => error.file)).not.toContain('plain/broken.js');
  });
});
