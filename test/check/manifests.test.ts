import { describe, expect, it } from 'vitest';
import { checkHtml, checkPackageJson, checkPubspec, ManifestSyntaxError, minimumVersion } from '../../src/check/manifests.ts';

const npm = (name: string, range: string) => checkPackageJson(JSON.stringify({ dependencies: { [name]: range } }, null, 2));
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
const pub = (range: string) => checkPubspec(`name: app\ndependencies:\n  agora_rtc_engine: ${range}\n`);

describe('minimumVersion', () => {
  it.each([
    ['^4.7.3', '4.7.3'],
    ['~1.4.0', '1.4.0'],
    ['>=3.4.0 <4', '3.4.0'],
    ['^3.5.2 || ^2.9.0', '2.9.0'],
    ['4.0.0-rc.3', '4.0.0-rc.3'],
    ['*', '0.0.0'],
    ['any', '0.0.0'],
  ])('%s → %s', (range, min) => {
    expect(minimumVersion(range)?.version).toBe(min);
  });

  it.each(['latest', 'file:../sdk', 'git+https://example.invalid/x.git', 'workspace:*'])('%s is not a version range', (range) => {
    expect(minimumVersion(range)).toBeUndefined();
  });
});

// reference section 6: each SDK generation has its own first AccessToken2 version
describe('client SDK versions (reference section 6)', () => {
  it.each([
    ['agora-rtc-sdk-ng', '4.7.3', true],
    ['agora-rtc-sdk-ng', '4.8.0', false],
    ['agora-rtc-sdk-ng', '4.8.0-beta.1', true],
    ['agora-rtc-sdk', '3.6.11', true],
    ['agora-rtc-sdk', '^3.0.0', true],
    ['agora-rtm-sdk', '1.4.5', true],
    ['agora-rtm-sdk', '1.4.6', false],
    ['agora-rtm-sdk', '^2.1.0', false],
    ['react-native-agora', '3.5.1', true],
    ['react-native-agora', '3.5.2', false],
    ['react-native-agora', '2.9.5', true],
    ['react-native-agora', '4.0.0-rc.3', true],
    ['react-native-agora', '4.0.0', false],
    ['agora-electron-sdk', '3.4.9', true],
    ['agora-electron-sdk', '3.7.0', false],
    ['agora-electron-sdk', '4.0.0-beta.1', true],
    ['agora-electron-sdk', '^4.1.0', false],
  ])('%s %s → flagged: %s', (name, range, flagged) => {
    expect(npm(name, range).map((f) => f.ruleId)).toEqual(flagged ? ['old-client-sdk'] : []);
  });

  it.each([
    ['4.1.0', true],
    ['^4.2.0', false],
    ['5.3.1', false],
    ['6.0.0-rc.2', true],
    ['^6.0.0', false],
    ['any', true],
    ['', true],
  ])('Flutter agora_rtc_engine %s → flagged: %s', (range, flagged) => {
    expect(pub(range).map((f) => f.ruleId)).toEqual(flagged ? ['old-client-sdk'] : []);
  });

  it('says what the range allows and what is needed', () => {
    const [finding] = npm('agora-rtc-sdk-ng', '^4.7.3');
    expect(finding.message).toBe('agora-rtc-sdk-ng "^4.7.3" allows 4.7.3: the Web SDK accepts AccessToken2 (007) only from 4.8.0 or later.');
    expect(finding).toMatchObject({ line: 3, column: 6 });
  });
});

describe('checkPackageJson', () => {
  it('reports agora-access-token in every dependency section and behind npm: aliases', () => {
    const text = JSON.stringify({ dependencies: { 'agora-access-token': '2.0.4' }, peerDependencies: { legacy: 'npm:agora-access-token@^2' } }, null, 2);
    expect(checkPackageJson(text).map((f) => `${f.line} ${f.ruleId}`)).toEqual(['3 v1-dependency', '6 v1-dependency']);
  });

  it('accepts a UTF-8 BOM', () => {
    const findings = checkPackageJson('\uFEFF{\n  "dependencies": {"agora-access-token": "2.0.4"}\n}');
    expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['2:21 v1-dependency']);
  });

  it('ignores non-string values and non-dependency sections', () => {
    expect(checkPackageJson('{"dependencies": {"agora-access-token": 1}, "config": {"agora-access-token": "1"}}')).toEqual([]);
  });

  it('throws a positioned ManifestSyntaxError for invalid JSON', () => {
    const error = thrownBy(() => checkPackageJson('{\n  "dependencies": {,}\n}'));
    expect(error).toBeInstanceOf(ManifestSyntaxError);
    expect(error).toMatchObject({ line: 2, column: 20 });
  });
});

describe('checkPubspec', () => {
  it('skips git and path dependencies, which have no version to judge', () => {
    expect(checkPubspec('dependencies:\n  agora_rtc_engine:\n    path: ../engine\n')).toEqual([]);
  });

  it('throws a positioned ManifestSyntaxError for invalid YAML', () => {
    const error = thrownBy(() => checkPubspec('dependencies:\n  agora_rtc_engine: [\n'));
    expect(error).toBeInstanceOf(ManifestSyntaxError);
    expect(error).toMatchObject({ line: 3 });
  });
});

describe('checkHtml', () => {
  it('reports at the src value, across a multi-line tag', () => {
    const findings = checkHtml('<body>\n<script\n  defer src="/js/AgoraRTC_N-4.7.0.js"></script>\n</body>');
    expect(findings.map((f) => [f.line, f.column])).toEqual([[3, 14]]);
    expect(findings[0].message).toContain('<script> loads /js/AgoraRTC_N-4.7.0.js');
  });

  it('ignores inline scripts, other libraries and commented-out tags', () => {
    expect(checkHtml('<script src="/AgoraRTC_N-4.8.1.js"></script><script src="/jquery-3.7.0.js"></script><!-- <script src="/AgoraRTC_N-4.1.0.js"></script> -->')).toEqual([]);
  });
});
