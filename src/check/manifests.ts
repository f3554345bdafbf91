/**
 * Dependency manifests and HTML pages: the v1 server package, and client SDKs too old to accept
 * AccessToken2 (the SDK table and range judgement are in analysis/client-sdks.ts).
 */
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { createRequire } from 'node:module';
import type { Pair } from 'yaml';
import { CLIENT_SDKS, judgeSdkRange, matchScriptSdk, resolveNpmAlias, sdkUrlsInCode } from '../analysis/client-sdks.ts';
import { overrideEntries } from '../analysis/package-overrides.ts';
import type { RawFinding } from './finding.ts';
import { blankComments, LineIndex } from './source-text.ts';

export { CLIENT_SDKS, minimumVersion } from '../analysis/client-sdks.ts';

const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;

/** The YAML parser, loaded on the first pubspec.yaml (most runs have none, and it costs tens of milliseconds). */
function yaml(): typeof import('yaml') {
  yamlModule ??= require('yaml') as typeof import('yaml');
  return yamlModule;
}

const V1_SERVER_PACKAGE = 'agora-access-token';
const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
const PUB_SECTIONS = ['dependencies', 'dev_dependencies', 'dependency_overrides'] as const;

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
  // overrides and resolutions force the installed version, whatever the dependency sections ask for
  for (const { name, key, value } of overrideEntries(root)) {
    const resolved = resolveNpmAlias(name, String(value.value));
    const sdk = CLIENT_SDKS.find((s) => s.ecosystem === 'npm' && s.name === resolved.name);
    const message = sdk && judgeSdkRange(sdk, resolved.range);
    if (message) findings.push({ ruleId: 'old-client-sdk', ...index.position(key.offset + 1), message });
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
  const { isMap, isScalar } = yaml();
  const doc = yaml().parseDocument(text);
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
  const { isMap, isScalar } = yaml();
  if (value === null || value === undefined) return 'any';
  if (isScalar(value)) return value.value === null ? 'any' : String(value.value);
  if (isMap(value)) {
    if (value.has('git') || value.has('path') || value.has('sdk')) return undefined;
    const version = value.get('version');
    return version === undefined || version === null ? 'any' : String(version);
  }
  return undefined;
}

/** HTML: `<script src>` loading a Web SDK build too old for AccessToken2. */
export function checkHtml(text: string): RawFinding[] {
  const code = blankComments(text, 'html');
  const index = new LineIndex(text);
  const findings: RawFinding[] = [];
  for (const tag of code.matchAll(/<script\b[^>]*?\bsrc\s*=\s*(["']?)([^"'\s>]+)\1/gi)) {
    const src = tag[2];
    const srcOffset = tag.index + tag[0].length - src.length - tag[1].length;
    const match = matchScriptSdk(src);
    const message = match && judgeSdkRange(match.sdk, match.version);
    if (message) findings.push({ ruleId: 'old-client-sdk', ...index.position(srcOffset), message: `<script> loads ${src}: ${message}` });
  }
  // an SDK URL in inline script code (`s.src = '…/AgoraRTC_N-4.7.0.js'`), which migrate leaves for review
  const reported = new Set(findings.map((f) => `${f.line}:${f.column}`));
  for (const block of code.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
    const bodyStart = block.index + block[0].lastIndexOf('<') - block[1].length;
    for (const { url, index: offset } of sdkUrlsInCode(block[1])) {
      const match = matchScriptSdk(url);
      const message = match && judgeSdkRange(match.sdk, match.version);
      const at = index.position(bodyStart + offset);
      if (message && !reported.has(`${at.line}:${at.column}`)) findings.push({ ruleId: 'old-client-sdk', ...at, message: `${url} in script code: ${message}` });
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
