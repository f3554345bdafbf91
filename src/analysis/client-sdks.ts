/**
 * Client SDKs and the versions of them that accept AccessToken2 (reference section 6): what `check`
 * warns about and what `migrate` raises. A version range is judged by the lowest version it allows.
 */
import { createRequire } from 'node:module';
import type { SemVer } from 'semver';

const require = createRequire(import.meta.url);
let semverModule: typeof import('semver') | undefined;
/** semver (about 40 CommonJS modules), loaded when the first version range is judged: most manifests name no client SDK. */
function semver(): typeof import('semver') {
  return (semverModule ??= require('semver') as typeof import('semver'));
}

/** Versions of one SDK that do not accept 007 tokens: `[from, below)`; `from` omitted = from the start. */
export interface UnsupportedWindow {
  from?: string;
  below?: string;
}

export interface ClientSdk {
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

/** The client SDK called `name` in `ecosystem`, if it is one of CLIENT_SDKS. */
export function findClientSdk(name: string, ecosystem: ClientSdk['ecosystem'] = 'npm'): ClientSdk | undefined {
  return CLIENT_SDKS.find((sdk) => sdk.ecosystem === ecosystem && sdk.name === name);
}

function isUnsupported(sdk: ClientSdk, version: SemVer): boolean {
  return sdk.unsupported.some((w) => (w.from === undefined || semver().gte(version, w.from)) && (w.below === undefined || semver().lt(version, w.below)));
}

/** The lowest version `range` allows, or undefined when it is not a version range (a tag, URL, path). */
export function minimumVersion(range: string): SemVer | undefined {
  const normalised = range.trim() === 'any' ? '*' : range.trim();
  if (semver().validRange(normalised) === null) return undefined;
  return semver().minVersion(normalised) ?? undefined;
}

/** Why `range` of `sdk` allows a version without AccessToken2 (a sentence), or undefined when it does not. */
export function judgeSdkRange(sdk: ClientSdk, range: string): string | undefined {
  const min = minimumVersion(range);
  if (!min || !isUnsupported(sdk, min)) return undefined;
  const allows = range.trim() === min.version ? min.version : `"${range.trim()}" allows ${min.version}`;
  return `${sdk.name} ${allows}: the ${sdk.label} accepts AccessToken2 (007) only from ${sdk.needs}.`;
}

/** `npm:pkg@range` aliases count as the aliased package. */
export function resolveNpmAlias(name: string, spec: string): { name: string; range: string } {
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(spec.trim());
  return alias ? { name: alias[1], range: alias[2] ?? '*' } : { name, range: spec };
}

export interface ScriptSdkPattern {
  /** Group 1 is the version. */
  regex: RegExp;
  sdk: string;
}

/** Web SDK builds named by version in a `<script src>`: Agora's download names and npm CDN paths. */
export const SCRIPT_PATTERNS: readonly ScriptSdkPattern[] = [
  { regex: /AgoraRTC_N-(\d+\.\d+\.\d+(?:-[\w.]+)?)(?:\.min)?\.js/i, sdk: 'agora-rtc-sdk-ng' },
  { regex: /agora-rtc-sdk-ng@([^/?#"'\s]+)/i, sdk: 'agora-rtc-sdk-ng' },
  { regex: /AgoraRTCSDK-(\d+\.\d+\.\d+(?:-[\w.]+)?)(?:\.min)?\.js/i, sdk: 'agora-rtc-sdk' },
  { regex: /agora-rtc-sdk@([^/?#"'\s]+)/i, sdk: 'agora-rtc-sdk' },
  { regex: /agora-rtm-sdk[-@](\d+\.\d+\.\d+(?:-[\w.]+)?)/i, sdk: 'agora-rtm-sdk' },
];

const SDK_URL_IN_CODE = /[^\s"'`<>()]*(?:AgoraRTC_N-|AgoraRTCSDK-|agora-rt[cm]-sdk(?:-ng)?[-@])[^\s"'`<>()]*/gi;

/**
 * Web SDK URLs inside script code that are a whole quoted string (a loader's `s.src = '…/AgoraRTC_N-4.7.0.js'`,
 * `document.write('<script src="…">')`), not a file name mentioned in a sentence: `check` warns about
 * them and `migrate` lists them for review, at the same places.
 */
export function sdkUrlsInCode(code: string): { url: string; index: number }[] {
  const found: { url: string; index: number }[] = [];
  for (const match of code.matchAll(SDK_URL_IN_CODE)) {
    const before = code[match.index - 1];
    const after = code[match.index + match[0].length];
    if (before !== undefined && `"'\``.includes(before) && after === before) found.push({ url: match[0], index: match.index });
  }
  return found;
}

/** The first SCRIPT_PATTERNS entry `src` matches: the SDK, its version and where the version stands in `src`. */
export function matchScriptSdk(src: string): { sdk: ClientSdk; pattern: ScriptSdkPattern; version: string; versionStart: number } | undefined {
  for (const pattern of SCRIPT_PATTERNS) {
    const match = pattern.regex.exec(src);
    if (!match) continue;
    const sdk = findClientSdk(pattern.sdk) as ClientSdk;
    // `AgoraRTC_N-4.6.0-beta.1.min.js`: the pre-release pattern also takes `.min`
    const version = match[1].replace(/\.min$/i, '');
    return { sdk, pattern, version, versionStart: match.index + match[0].indexOf(match[1]) };
  }
  return undefined;
}
