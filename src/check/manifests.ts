/**
 * Dependency manifests and HTML pages: the v1 server package, and client SDKs too old to accept
 * AccessToken2 (reference section 6). A version range is judged by the lowest version it allows.
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import semver from 'semver';
import { isMap, isScalar, parseDocument, type Pair } from 'yaml';
import type { RawFinding } from './finding.ts';
import { blankComments, LineIndex } from './source-text.ts';

/** Versions of one SDK that do not accept 007 tokens: `[from, below)`; `from` omitted = from the start. */
interface UnsupportedWindow {
  from?: string;
  below?: string;
}

interface ClientSdk {
  name: string;
  ecosystem: 'npm' | 'pub';
  label: string;
  unsupported: UnsupportedWindow[];
  /** What to move to, for the message. */
  needs: string;
}

/**
 * Reference section 6. Each SDK generation has its own first 007 version, so pre-releases of a new
 * major (e.g. `4.0.0-rc.1` of the 4.x React Native SDK) are unsupported although they sort above
 * the 3.x minimum. Flutter numbers its plugin differently: the 3.x-native plugin supports 007 from
 * 4.2.0, the 4.x-native plugin from its first release 6.0.0 (so its 6.0.0 pre-releases do not).
 */
export const CLIENT_SDKS: readonly ClientSdk[] = [
  { name: 'agora-rtc-sdk-ng', ecosystem: 'npm', label: 'Web SDK', unsupported: [{ below: '4.8.0' }], needs: '4.8.0 or later' },
  { name: 'agora-rtc-sdk', ecosystem: 'npm', label: 'legacy Web SDK (3.x)', unsupported: [{}], needs: 'agora-rtc-sdk-ng 4.8.0 or later (no agora-rtc-sdk version supports it)' },
  { name: 'agora-rtm-sdk', ecosystem: 'npm', label: 'RTM (Signaling) Web SDK', unsupported: [{ below: '1.4.6' }], needs: '1.4.6 or later' },
  { name: 'react-native-agora', ecosystem: 'npm', label: 'React Native SDK', unsupported: [{ below: '3.5.2' }, { from: '4.0.0-0', below: '4.0.0' }], needs: '3.5.2 or later (3.x) or 4.0.0 or later (4.x)' },
  { name: 'agora-electron-sdk', ecosystem: 'npm', label: 'Electron SDK', unsupported: [{ below: '3.5.2' }, { from: '4.0.0-0', below: '4.0.0' }], needs: '3.5.2 or later (3.x) or 4.0.0 or later (4.x)' },
  { name: 'agora_rtc_engine', ecosystem: 'pub', label: 'Flutter SDK', unsupported: [{ below: '4.2.0' }, { from: '6.0.0-0', below: '6.0.0' }], needs: '4.2.0 or later (3.x-based plugin) or 6.0.0 or later (4.x-based plugin)' },
];

const V1_SERVER_PACKAGE = 'agora-access-token';
const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
const PUB_SECTIONS = ['dependencies', 'dev_dependencies', 'dependency_overrides'] as const;

function isUnsupported(sdk: ClientSdk, version: semver.SemVer): boolean {
  return sdk.unsupported.some((w) => (w.from === undefined || semver.gte(version, w.from)) && (w.below === undefined || semver.lt(version, w.below)));
}

/** The lowest version `range` allows, or undefined when it is not a version range (a tag, URL, path). */
export function minimumVersion(range: string): semver.SemVer | undefined {
  const normalised = range.trim() === 'any' ? '*' : range.trim();
  if (semver.validRange(normalised) === null) return undefined;
  return semver.minVersion(normalised) ?? undefined;
}

/** Checks one declared client SDK range; a finding (without position) when the range allows an old version. */
function judgeSdkRange(sdk: ClientSdk, range: string): string | undefined {
  const min = minimumVersion(range);
  if (!min || !isUnsupported(sdk, min)) return undefined;
  const allows = range.trim() === min.version ? min.version : `"${range.trim()}" allows ${min.version}`;
  return `${sdk.name} ${allows}: the ${sdk.label} accepts AccessToken2 (007) only from ${sdk.needs}.`;
}

/** `npm:pkg@range` aliases count as the aliased package. */
function resolveNpmAlias(name: string, spec: string): { name: string; range: string } {
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(spec.trim());
  return alias ? { name: alias[1], range: alias[2] ?? '*' } : { name, range: spec };
}

/** package.json: dependency on agora-access-token (error) and old client SDKs (warning). Throws on invalid JSON. */
export function checkPackageJson(text: string): RawFinding[] {
  const errors: ParseError[] = [];
  // a UTF-8 BOM (npm and Node accept one) read as a space, so every offset still matches `text`
  const json = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  if (!root || errors.length > 0) {
    const at = new LineIndex(text).position(errors[0]?.offset ?? 0);
    throw new ManifestSyntaxError(`package.json is not valid JSON`, at.line, at.column);
  }
  const index = new LineIndex(text);
  const findings: RawFinding[] = [];
  for (const section of NPM_SECTIONS) {
    const deps = childProperty(root, section);
    if (deps?.type !== 'object') continue;
    for (const prop of deps.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (keyNode?.type !== 'string' || valueNode?.type !== 'string') continue;
      const { name, range } = resolveNpmAlias(String(keyNode.value), String(valueNode.value));
      const at = index.position(keyNode.offset + 1);
      if (name === V1_SERVER_PACKAGE) {
        findings.push({ ruleId: 'v1-dependency', ...at, message: `${section} has ${V1_SERVER_PACKAGE} "${range}", the v1 package that builds AccessToken (006).` });
        continue;
      }
      const sdk = CLIENT_SDKS.find((s) => s.ecosystem === 'npm' && s.name === name);
      const message = sdk && judgeSdkRange(sdk, range);
      if (message) findings.push({ ruleId: 'old-client-sdk', ...at, message });
    }
  }
  return findings;
}

function childProperty(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  const prop = node.children?.find((p) => p.children?.[0]?.value === key);
  return prop?.children?.[1];
}

/** pubspec.yaml: a Flutter `agora_rtc_engine` constraint that allows a version without AccessToken2. Throws on invalid YAML. */
export function checkPubspec(text: string): RawFinding[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const at = new LineIndex(text).position(doc.errors[0].pos[0]);
    throw new ManifestSyntaxError(`pubspec.yaml is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`, at.line, at.column);
  }
  const index = new LineIndex(text);
  const findings: RawFinding[] = [];
  for (const section of PUB_SECTIONS) {
    const deps = doc.get(section, true);
    if (!isMap(deps)) continue;
    for (const pair of deps.items as Pair[]) {
      const key = pair.key;
      if (!isScalar(key)) continue;
      const sdk = CLIENT_SDKS.find((s) => s.ecosystem === 'pub' && s.name === String(key.value));
      if (!sdk) continue;
      const constraint = pubConstraint(pair.value);
      if (constraint === undefined) continue; // git / path / sdk dependency: no version to judge
      const message = judgeSdkRange(sdk, constraint);
      if (message) findings.push({ ruleId: 'old-client-sdk', ...index.position(key.range?.[0] ?? 0), message });
    }
  }
  return findings;
}

/** `agora_rtc_engine: ^4.1.0`, `agora_rtc_engine:` (any), or `{ version: ^4.1.0, hosted: … }`. */
function pubConstraint(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'any';
  if (isScalar(value)) return value.value === null ? 'any' : String(value.value);
  if (isMap(value)) {
    if (value.has('git') || value.has('path') || value.has('sdk')) return undefined;
    const version = value.get('version');
    return version === undefined || version === null ? 'any' : String(version);
  }
  return undefined;
}

interface ScriptSdkPattern {
  regex: RegExp;
  sdk: string;
}

/** Web SDK builds named by version in a `<script src>`: Agora's download names and npm CDN paths. */
const SCRIPT_PATTERNS: readonly ScriptSdkPattern[] = [
  { regex: /AgoraRTC_N-(\d+\.\d+\.\d+(?:-[\w.]+)?)(?:\.min)?\.js/i, sdk: 'agora-rtc-sdk-ng' },
  { regex: /agora-rtc-sdk-ng@([^/?#"'\s]+)/i, sdk: 'agora-rtc-sdk-ng' },
  { regex: /AgoraRTCSDK-(\d+\.\d+\.\d+(?:-[\w.]+)?)(?:\.min)?\.js/i, sdk: 'agora-rtc-sdk' },
  { regex: /agora-rtc-sdk@([^/?#"'\s]+)/i, sdk: 'agora-rtc-sdk' },
  { regex: /agora-rtm-sdk[-@](\d+\.\d+\.\d+(?:-[\w.]+)?)/i, sdk: 'agora-rtm-sdk' },
];

/** HTML: `<script src>` loading a Web SDK build too old for AccessToken2. */
export function checkHtml(text: string): RawFinding[] {
  const code = blankComments(text, 'html');
  const index = new LineIndex(text);
  const findings: RawFinding[] = [];
  for (const tag of code.matchAll(/<script\b[^>]*?\bsrc\s*=\s*(["']?)([^"'\s>]+)\1/gi)) {
    const src = tag[2];
    const srcOffset = tag.index + tag[0].length - src.length - tag[1].length;
    for (const pattern of SCRIPT_PATTERNS) {
      const match = pattern.regex.exec(src);
      if (!match) continue;
      const sdk = CLIENT_SDKS.find((s) => s.name === pattern.sdk);
      const message = sdk && judgeSdkRange(sdk, match[1]);
      if (message) findings.push({ ruleId: 'old-client-sdk', ...index.position(srcOffset), message: `<script> loads ${src}: ${message}` });
      break;
    }
  }
  return findings;
}

/** A manifest `check` cannot read; reported as a tool error with its position. */
export class ManifestSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'ManifestSyntaxError';
  }
}
