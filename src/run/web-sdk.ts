/**
 * Raises the Web client SDK to a release that accepts AccessToken2: `agora-rtc-sdk-ng` ranges in a
 * package.json and `AgoraRTC_N-4.x.y.js` script URLs in HTML pages, both to 4.8.0 within major 4 (no
 * API change). Edits are text ranges, so formatting, BOM and line endings stay. What cannot be
 * raised this way (the 3.x `agora-rtc-sdk`, RTM, the native SDKs, ranges of another shape, pinned
 * script hashes) becomes a review item, and `check` keeps warning about it.
 */
import { applyEdits, parseTree, type Edit, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5';
import semver from 'semver';
import { findClientSdk, judgeSdkRange, matchScriptSdk, minimumVersion, resolveNpmAlias, sdkUrlsInCode } from '../analysis/client-sdks.ts';
import type { EditRecord, ReviewItem, TransformResult } from '../types.ts';
import { overrideEntries } from '../analysis/package-overrides.ts';
import { DEPENDENCY_SECTIONS, PackageJsonSyntaxError } from './package-json.ts';
import type { PackageJsonChange } from './types.ts';

/** The Web SDK package `migrate` raises. */
export const WEB_SDK_PACKAGE = 'agora-rtc-sdk-ng';
/** The first Web SDK release that accepts AccessToken2 (007). */
export const WEB_SDK_MINIMUM = '4.8.0';
/** Name of the step in edit and review records. */
export const WEB_SDK_TRANSFORM = 'raise-web-sdk';

const BOM = '\uFEFF';
/** Why each other client SDK is left to a person. */
const NOT_RAISED: Readonly<Record<string, string>> = {
  'agora-rtc-sdk': 'the 3.x Web SDK has a different API from agora-rtc-sdk-ng 4.x: port the client to agora-rtc-sdk-ng 4.8.0 or later by hand',
  'agora-rtm-sdk': 'migrate does not raise the RTM Web SDK: raise it to 1.4.6 or later and test the client',
  'react-native-agora': 'a native SDK: ship an app release built with a version that accepts AccessToken2',
  'agora-electron-sdk': 'a native SDK: ship an app release built with a version that accepts AccessToken2',
};

/** Files whose content names a client SDK `migrate` looks at. */
const MENTIONS_CLIENT_SDK = /agora-rt[cm]-sdk|AgoraRTC|react-native-agora|agora-electron-sdk/i;

/** Cheap test before parsing a package.json or HTML page. */
export function mentionsClientSdk(text: string): boolean {
  return MENTIONS_CLIENT_SDK.test(text);
}

/** `.html` and `.htm`: the pages whose `<script src>` migrate raises. */
export function isHtmlFile(name: string): boolean {
  return /\.html?$/i.test(name);
}

/** A raised range, or why a range that allows a pre-4.8.0 version is not raised. */
export type RangeRaise = { to: string } | { reason: string };

/**
 * The new range for an `agora-rtc-sdk-ng` range whose lowest version is below 4.8.0, keeping how
 * tightly it was pinned: `^4.x.y`, `4`, `4.x`, `~4` → `^4.8.0`; `~4.7.1`, `4.7`, `4.7.x` → `~4.8.0`;
 * an exact `4.7.0` → `4.8.0`. Undefined when the range already starts at 4.8.0 or is no range
 * (`latest`, a URL, a path). Ranges of other shapes (`>=4.2 <4.8`, unions, hyphen ranges, `*`, another
 * major) are returned with the reason they are left to a person.
 */
export function raiseWebSdkRange(range: string): RangeRaise | undefined {
  const sdk = findClientSdk(WEB_SDK_PACKAGE);
  if (sdk === undefined || judgeSdkRange(sdk, range) === undefined) return undefined;
  const trimmed = range.trim();
  const shape = /^(?<operator>\^|~>?|=|v)?\s*v?(?<major>\d+|[xX*])(?:\.(?<minor>\d+|[xX*]))?(?:\.(?<patch>\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(trimmed);
  const min = minimumVersion(trimmed) as semver.SemVer;
  if (!shape?.groups || !/^\d+$/.test(shape.groups.major)) {
    return { reason: `"${trimmed}" is not a single version, ^, ~ or x-range, so migrate does not rewrite it: give it a lower bound of ${WEB_SDK_MINIMUM} within 4.x by hand` };
  }
  if (min.major !== 4) return { reason: `"${trimmed}" is not a 4.x range; agora-rtc-sdk-ng accepts AccessToken2 from ${WEB_SDK_MINIMUM}` };
  const { operator, minor, patch } = shape.groups;
  const isNumber = (part: string | undefined) => part !== undefined && /^\d+$/.test(part);
  if (operator === '^') return { to: `^${WEB_SDK_MINIMUM}` };
  if (operator === '~' || operator === '~>') return { to: isNumber(minor) ? `~${WEB_SDK_MINIMUM}` : `^${WEB_SDK_MINIMUM}` };
  // no operator (or `=`): an exact version stays exact, an x-range keeps its width
  if (isNumber(minor) && isNumber(patch)) return { to: WEB_SDK_MINIMUM };
  return { to: isNumber(minor) ? `~${WEB_SDK_MINIMUM}` : `^${WEB_SDK_MINIMUM}` };
}

export interface PackageJsonWebSdkRaise {
  /** New text, or undefined when nothing changes. */
  output: string | undefined;
  changes: PackageJsonChange[];
  reviews: ReviewItem[];
}

/**
 * Raises every `agora-rtc-sdk-ng` range below 4.8.0 (npm aliases too) in the dependency sections of
 * one package.json, and reports the other client SDKs too old for AccessToken2 as review items.
 * Throws PackageJsonSyntaxError for invalid JSON that names a client SDK.
 */
export function raiseWebSdkInPackageJson(text: string, file: string): PackageJsonWebSdkRaise {
  if (!mentionsClientSdk(text)) return { output: undefined, changes: [], reviews: [] };
  // a BOM read as a space keeps every offset (and so every line and column) of `text`
  const json = text.startsWith(BOM) ? ` ${text.slice(1)}` : text;
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || root === undefined || root.type !== 'object') {
    const { line, column } = lineAndColumn(text, errors[0]?.offset ?? 0);
    throw new PackageJsonSyntaxError('package.json is not valid JSON', line, column);
  }
  const edits: Edit[] = [];
  const changes: PackageJsonChange[] = [];
  const reviews: ReviewItem[] = [];
  const entries: { section: string; name: string; key: JsonNode; value: JsonNode }[] = [];
  for (const section of DEPENDENCY_SECTIONS) {
    const deps = root.children?.find((property) => property.children?.[0]?.value === section)?.children?.[1];
    if (deps?.type !== 'object') continue;
    for (const property of deps.children ?? []) {
      const [key, value] = (property.children ?? []) as [JsonNode?, JsonNode?];
      if (key?.type === 'string' && value?.type === 'string') entries.push({ section, name: String(key.value), key, value });
    }
  }
  // overrides and resolutions force the installed version: an old SDK there outlives a raised dependency
  entries.push(...overrideEntries(root));
  for (const { section, name: keyName, key, value } of entries) {
    const spec = String(value.value);
    const { name, range } = resolveNpmAlias(keyName, spec);
    const sdk = findClientSdk(name);
    if (sdk === undefined) continue;
    const at = { file, ...lineAndColumn(text, key.offset + 1), transform: WEB_SDK_TRANSFORM };
    if (name !== WEB_SDK_PACKAGE) {
      const problem = judgeSdkRange(sdk, range);
      if (problem !== undefined) reviews.push({ ...at, reason: `${section}: ${problem} Not raised: ${NOT_RAISED[name] ?? 'raise it by hand'}.` });
      continue;
    }
    const raise = raiseWebSdkRange(range);
    if (raise === undefined) continue;
    if ('reason' in raise) {
      reviews.push({ ...at, reason: `${section}: ${judgeSdkRange(sdk, range) as string} Not raised: ${raise.reason}.` });
      continue;
    }
    const newSpec = spec === range ? raise.to : `${spec.slice(0, spec.length - range.length)}${raise.to}`;
    edits.push({ offset: value.offset, length: value.length, content: JSON.stringify(newSpec) });
    changes.push({ section, action: 'raised', package: WEB_SDK_PACKAGE, from: spec, to: newSpec });
  }
  const output = edits.length === 0 ? undefined : applyEdits(json, edits);
  return { output: output === undefined ? undefined : text.startsWith(BOM) ? BOM + output.slice(1) : output, changes, reviews };
}

type HtmlNode = DefaultTreeAdapterMap['node'];
type HtmlElement = DefaultTreeAdapterMap['element'];

/** Every `<script>` element of a parsed page, `<template>` contents included, in document order. */
function scriptElements(node: HtmlNode, found: HtmlElement[] = []): HtmlElement[] {
  if ('tagName' in node && node.tagName === 'script') found.push(node);
  if ('childNodes' in node) for (const child of node.childNodes) scriptElements(child, found);
  if ('content' in node && node.content) scriptElements(node.content, found);
  return found;
}

/**
 * Web SDK URLs too old for AccessToken2 inside inline script code (`document.write('<script src=…>')`,
 * a loader's URL string): `check` warns about them, migrate edits only `src` attributes.
 */
function urlsInScriptCode(document: HtmlNode, text: string, file: string): ReviewItem[] {
  const reviews: ReviewItem[] = [];
  for (const script of scriptElements(document)) {
    for (const child of script.childNodes) {
      if (!('value' in child) || child.nodeName !== '#text' || child.sourceCodeLocation == null) continue;
      const code = text.slice(child.sourceCodeLocation.startOffset, child.sourceCodeLocation.endOffset);
      for (const { url, index } of sdkUrlsInCode(code)) {
        const match = matchScriptSdk(url);
        const problem = match && judgeSdkRange(match.sdk, match.version);
        if (problem === undefined) continue;
        const { line, column } = lineAndColumn(text, child.sourceCodeLocation.startOffset + index);
        reviews.push({ file, line, column, transform: WEB_SDK_TRANSFORM, reason: `${url} in script code: ${problem} Not raised: migrate edits only <script src> attributes; change this URL by hand.` });
      }
    }
  }
  return reviews;
}

/** `src=` of an attribute's source text: where its value starts and ends (quotes excluded). */
function attributeValueRange(source: string, start: number, end: number): { start: number; end: number } | undefined {
  const match = /^[^=]*=\s*(["']?)/.exec(source.slice(start, end));
  if (!match) return undefined;
  const valueStart = start + match[0].length;
  return { start: valueStart, end: match[1] === '' ? end : end - 1 };
}

/** True for a URL with a scheme or `//host`: a page that loads the SDK from a server. */
function isRemote(url: string): boolean {
  return /^(?:[a-z][a-z\d+.-]*:|\/\/)/i.test(url.trim());
}

/**
 * Raises `<script src=".../AgoraRTC_N-4.x.y.js">` below 4.8.0 to `AgoraRTC_N-4.8.0.js` on the same
 * host and path (only the version changes). Scripts pinned by `integrity`, other SDKs and other URL
 * shapes are review items. Works on the whole text (BOM and CRLF stay); positions are 1-based.
 */
export function raiseWebSdkInHtml(text: string, file: string): TransformResult {
  if (!mentionsClientSdk(text)) return { output: undefined, edits: [], reviews: [] };
  const document = parseHtml(text, { sourceCodeLocationInfo: true });
  const replacements: Array<{ start: number; end: number; content: string }> = [];
  const edits: EditRecord[] = [];
  const reviews: ReviewItem[] = [];
  for (const script of scriptElements(document)) {
    const src = script.attrs.find((attribute) => attribute.name === 'src');
    const location = script.sourceCodeLocation?.attrs?.src;
    if (src === undefined || location === undefined) continue;
    const match = matchScriptSdk(src.value);
    const problem = match && judgeSdkRange(match.sdk, match.version);
    if (match === undefined || problem === undefined) continue;
    const at = { file, line: location.startLine, column: location.startCol, transform: WEB_SDK_TRANSFORM };
    const review = (why: string) => reviews.push({ ...at, reason: `<script> loads ${src.value}: ${problem} Not raised: ${why}.` });
    if (match.sdk.name !== WEB_SDK_PACKAGE) {
      review(NOT_RAISED[match.sdk.name] ?? 'raise it by hand');
      continue;
    }
    if (!/^AgoraRTC_N-/i.test(src.value.slice(match.versionStart - 'AgoraRTC_N-'.length, match.versionStart))) {
      review(`migrate raises only Agora's AgoraRTC_N-4.x.y.js file names; load ${WEB_SDK_PACKAGE} ${WEB_SDK_MINIMUM} or later by hand`);
      continue;
    }
    const version = semver.parse(match.version);
    if (version === null || version.major !== 4) {
      review(`${match.version} is not a 4.x release; load AgoraRTC_N-${WEB_SDK_MINIMUM}.js or later by hand`);
      continue;
    }
    if (script.attrs.some((attribute) => attribute.name === 'integrity')) {
      review(`its integrity hash pins this exact file; change the URL and the hash together`);
      continue;
    }
    // the version as written in the source: character references elsewhere in the URL (`&amp;`) move it
    const value = attributeValueRange(text, location.startOffset, location.endOffset);
    const written = value && matchScriptSdk(text.slice(value.start, value.end));
    if (value === undefined || written?.sdk !== match.sdk || written.version !== match.version) {
      review('the version in the src attribute is written with character references; change it by hand');
      continue;
    }
    const start = value.start + written.versionStart;
    replacements.push({ start, end: start + match.version.length, content: WEB_SDK_MINIMUM });
    const raised = `${src.value.slice(0, match.versionStart)}${WEB_SDK_MINIMUM}${src.value.slice(match.versionStart + match.version.length)}`;
    edits.push({ ...at, description: `<script src>: AgoraRTC_N-${match.version}.js → AgoraRTC_N-${WEB_SDK_MINIMUM}.js (the first Web SDK release that accepts AccessToken2)` });
    if (!isRemote(src.value)) {
      reviews.push({ ...at, reason: `the page now loads ${raised}, a copy served with the page: put the ${WEB_SDK_MINIMUM} build (npm ${WEB_SDK_PACKAGE}@${WEB_SDK_MINIMUM}, or Agora's download) at that path` });
    }
  }
  reviews.push(...urlsInScriptCode(document, text, file));
  reviews.sort((x, y) => x.line - y.line || x.column - y.column);
  if (replacements.length === 0) return { output: undefined, edits, reviews };
  let output = text;
  for (const { start, end, content } of replacements.sort((a, b) => b.start - a.start)) output = output.slice(0, start) + content + output.slice(end);
  return { output, edits, reviews };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
