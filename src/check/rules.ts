/**
 * The rules of `check`, in one table. SARIF `tool.driver.rules`, the README table and the help
 * text all come from here; detectors refer to rules by id only.
 */

import { PREFILTER_NEEDLES } from '../analysis/sources.ts';
import { REVIEW_MARKER } from '../marker.ts';

export type Severity = 'error' | 'warning';

/**
 * A string every file a rule can report on contains (its bytes, exact case), or `{ anyCase }` for
 * one matched ignoring ASCII case. A file containing no rule's trigger is never parsed nor scanned
 * (src/check/triggers.ts); test/check/triggers.test.ts proves every fixture that yields a finding
 * contains one of its rule's triggers. ASCII only, so they match the raw bytes of any UTF-8 file.
 */
export type Trigger = string | { readonly anyCase: string };

/**
 * A second necessary condition of a rule: every file the rule reports on also matches `pattern`
 * somewhere (besides holding one of its triggers). The prefilter tests it only in files that hold a
 * trigger, so a common trigger (`cert`) does not send every file that contains it to the detector.
 * `maxLength` bounds the bytes one match spans (a file read in chunks keeps that many between them).
 * ASCII only, like triggers; test/check/triggers.test.ts proves it against every fixture.
 */
export interface Requirement {
  readonly pattern: RegExp;
  readonly maxLength: number;
}

/** The spelling of the inline suppression directive (src/check/suppressions.ts). */
export const SUPPRESSION_DIRECTIVE = 'agora-token-migrate-ignore-next-line';

/**
 * The JS/TS rules come from the binding-resolved analysis, which only looks at a file that mentions
 * one of the Agora module names (the same needles `migrate` and the transforms test before parsing).
 */
const ANALYSED_JS: readonly Trigger[] = PREFILTER_NEEDLES;
/** Every v1 class, module and header name of the other languages contains one of these. */
const V1_BUILDER_NAMES: readonly Trigger[] = ['RtcTokenBuilder', 'RtmTokenBuilder', 'AccessToken'];

/** Where a rule looks; used to group the README table. */
export type RuleCategory = 'javascript' | 'manifest' | 'other-language' | 'security' | 'meta';

export interface RuleMeta {
  id: string;
  /** PascalCase name for SARIF `reportingDescriptor.name`. */
  name: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  /** One sentence, no trailing period: SARIF shortDescription and the README table. */
  short: string;
  /** What is detected and why it matters. */
  full: string;
  /** How to fix it (Markdown allowed). */
  help: string;
  /** What a file must contain for this rule to find anything in it (see Trigger). */
  triggers: readonly Trigger[];
  /** Patterns a file must also match for this rule to find anything in it (see Requirement); none for the JS/TS analysis rules. */
  requires?: readonly Requirement[];
}

const MIGRATE = 'Run `npx agora-token-migrate migrate <path>`, which rewrites it to AccessToken2 with the same token claims.';

/** Every rule `check` can report, in report order. */
export const RULES = [
  {
    id: 'v1-import',
    name: 'V1TokenModuleImport',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'Import of a v1 (006) Agora token module',
    full:
      'The file imports or requires `agora-access-token`, a v1 module shipped inside `agora-token` ' +
      '(`agora-token/src/RtcTokenBuilder`, `RtmTokenBuilder`, `AccessToken`) or a vendored copy of the v1 ' +
      'sources. Every token built through it is an AccessToken ("006").',
    help: `${MIGRATE} It imports the \`agora-token\` package root instead (a default import plus destructuring under native ESM, where named imports from \`agora-token\` fail at load).`,
    triggers: ANALYSED_JS,
  },
  {
    id: 'v1-builder-call',
    name: 'V1TokenBuilderCall',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'Call to a v1 (006) token builder',
    full:
      'A call whose callee resolves to a v1 builder (`RtcTokenBuilder.buildTokenWithUid`, ' +
      '`buildTokenWithAccount`, `RtmTokenBuilder.buildToken`, a hand-built `AccessToken`). v1 takes one ' +
      'absolute privilege deadline; v2 takes relative `tokenExpire` and `privilegeExpire` seconds.',
    help: `${MIGRATE} By hand: \`buildTokenWithUid(app, cert, channel, uid, role, N, N)\` for a v1 deadline of \`now + N\`, \`(…, 86400, 0)\` for a v1 deadline of 0; \`buildTokenWithAccount\` becomes \`buildTokenWithUserAccount\`; RTM \`buildToken(app, cert, user, expireSeconds)\` has no role argument.`,
    triggers: ANALYSED_JS,
  },
  {
    id: 'deprecated-rtc-role',
    name: 'DeprecatedRtcRole',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'RtcRole.ATTENDEE or RtcRole.ADMIN (role 0 or 101), which AccessToken2 does not have',
    full:
      'v1 granted publish privileges to ATTENDEE (0) and ADMIN (101). `agora-token` has no such members: ' +
      'the value is `undefined` and the token silently becomes join-only. The same holds for the literal role ' +
      '`0` or `101` (or `\'0\'`, `\'101\'`) passed to an AccessToken2 RTC builder (`buildTokenWithUid`, ' +
      '`buildTokenWithUserAccount`, `buildTokenWithRtm`, `buildTokenWithRtm2`): AccessToken2 grants only join to them.',
    help: 'Use `RtcRole.PUBLISHER` (1), which keeps the v1 privileges (join + publish audio/video/data).',
    triggers: ANALYSED_JS,
  },
  {
    id: 'v2-absolute-expiry',
    name: 'V2AbsoluteExpiry',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'AccessToken2 builder fed an absolute timestamp',
    full:
      'AccessToken2 expiry arguments are seconds relative to the issue time. An absolute Unix timestamp ' +
      '(such as `Math.floor(Date.now() / 1000) + 3600`, left over from v1) is read as ~56 years: the token ' +
      'gets the 24 h maximum and the privileges effectively never expire.',
    help: 'Pass the lifetime in seconds (`3600`), not `now + 3600`. For a deadline known only at run time use `Math.min(Math.max(deadline - now, 1), 86400)`.',
    triggers: ANALYSED_JS,
  },
  {
    id: 'v2-rtc-six-arguments',
    name: 'V2RtcMissingPrivilegeExpire',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'AccessToken2 RTC builder called with 6 arguments (no privilegeExpire)',
    full:
      'The v1 call shape kept after a package swap: `privilegeExpire` defaults to 0, which in AccessToken2 ' +
      'means the privileges never expire, and TypeScript rejects the call (TS2554, expected 7 arguments).',
    help: 'Pass `privilegeExpire` explicitly, normally equal to `tokenExpire`: `buildTokenWithUid(app, cert, channel, uid, role, tokenExpire, tokenExpire)`.',
    triggers: ANALYSED_JS,
  },
  {
    id: 'v2-rtm-role-argument',
    name: 'V2RtmRoleArgument',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'AccessToken2 RTM buildToken called with a role argument',
    full:
      'v2 `RtmTokenBuilder.buildToken(appId, appCertificate, userId, expire)` has no role. A v1-shaped ' +
      'five-argument call passes the role as `expire`: `RtmRole.Rtm_User` yields a 1-second token, the ' +
      '`RtmRole` object yields 0 (expires immediately).',
    help: 'Drop the role argument and pass the lifetime in seconds: `RtmTokenBuilder.buildToken(appId, appCertificate, userId, 3600)`.',
    triggers: ANALYSED_JS,
  },
  {
    id: 'v2-rtm-role-import',
    name: 'V2RtmRoleImport',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'RtmRole read from agora-token, which does not export it',
    full:
      '`agora-token` (AccessToken2) has no `RtmRole`: RTM tokens carry no role. `import { RtmRole } from \'agora-token\'`, ' +
      "`const { RtmRole } = require('agora-token')` and `agoraToken.RtmRole` all give `undefined`, so `RtmRole.Rtm_User` " +
      'throws a TypeError at run time (TypeScript reports TS2724/TS2339).',
    help: 'Drop the role: `RtmTokenBuilder.buildToken(appId, appCertificate, userId, expireSeconds)` takes none, and remove `RtmRole` from the import.',
    triggers: ANALYSED_JS,
  },
  {
    id: 'v2-token-expire-zero',
    name: 'V2TokenExpireZero',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'AccessToken2 tokenExpire of 0 or missing',
    full:
      'Agora documents disagree on `tokenExpire = 0` ("24 hours" in the AccessToken2 reference, "expires ' +
      'immediately" for RTM/Signaling), and a missing `tokenExpire` is written as 0. Never rely on it.',
    help: 'Pass an explicit lifetime in seconds, at most 86400. A v1 deadline of 0 ("never") maps to `tokenExpire = 86400, privilegeExpire = 0`.',
    triggers: ANALYSED_JS,
  },
  {
    id: 'v2-named-import-esm',
    name: 'V2NamedImportInNativeEsm',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'Named or namespace import from agora-token in a native ES module, which fails at load',
    full:
      '`agora-token` is CommonJS, and Node detects only its first export (`ApaasTokenBuilder`) as a named export. ' +
      "In a native ES module (`.mjs`/`.mts`, or `.js`/`.ts` under `\"type\": \"module\"`) `import { RtcTokenBuilder } from 'agora-token'` " +
      "throws `SyntaxError: Named export 'RtcTokenBuilder' not found` when the file is loaded. TypeScript accepts the import " +
      '(the typings declare it), so only starting the server shows the failure. A namespace import (`import * as agora`) loads but sees ' +
      'no builders (`agora.RtcTokenBuilder` is undefined). The same holds for `export { RtcTokenBuilder } from \'agora-token\'` (fails at load), ' +
      "`export * as agora from 'agora-token'`, and `const { RtcTokenBuilder } = await import('agora-token')` (undefined: only `.default` has the builders). " +
      '`export * from \'agora-token\'` and `import type { … }` are harmless; bundled code is unaffected.',
    help: "Import the default export and destructure it: `import agoraToken from 'agora-token'; const { RtcTokenBuilder } = agoraToken;` (`migrate` writes this form).",
    triggers: ANALYSED_JS,
  },
  {
    id: 'v2-builder-type-error',
    name: 'V2BuilderTypeError',
    category: 'javascript',
    defaultSeverity: 'error',
    short: "Type error at an agora-token builder call (TypeScript or `// @ts-check` JavaScript)",
    full:
      "The file type-checks with an error at a call of an `agora-token` builder or at its import, checked against the " +
      "declarations of `agora-token` itself: a wrong number of arguments (TS2554), a member AccessToken2 does not have " +
      "(`buildTokenWithAccount`, `RtcRole.ATTENDEE`: TS2339/TS2551) or a name it does not export (`RtmRole`: TS2305/TS2724). " +
      'At run time such a call throws or silently builds a different token. Other type errors in the file are not reported.',
    help: 'Call the builder as `agora-token` declares it: `buildTokenWithUid(app, cert, channel, uid, role, tokenExpire, privilegeExpire)`, `buildTokenWithUserAccount`, RTM `buildToken(app, cert, userId, expire)`, `RtcRole.PUBLISHER`/`SUBSCRIBER` only.',

    triggers: ANALYSED_JS,
  },
  {
    id: 'manual-review-marker',
    name: 'ManualReviewMarker',
    category: 'javascript',
    defaultSeverity: 'error',
    short: 'Manual-review marker left by migrate',
    full:
      '`migrate` left a `agora-token-migrate: manual review` comment where it could not prove a rewrite ' +
      'faithful (for example a hand-built AccessToken). The code still needs a decision.',
    help: 'Finish the change the comment describes, then delete the comment. `npx agora-token-migrate verify` compares v1 and v2 token claims.',
    triggers: [REVIEW_MARKER],
  },
  {
    id: 'v1-dependency',
    name: 'V1PackageDependency',
    category: 'manifest',
    defaultSeverity: 'error',
    short: 'package.json depends on agora-access-token',
    full: 'The project still declares the v1 package, which only builds AccessToken ("006").',
    help: 'Replace it with `agora-token` (`npm uninstall agora-access-token && npm install agora-token`) once no code imports it; `migrate` does both.',
    triggers: ['agora-access-token'],
  },
  {
    id: 'old-client-sdk',
    name: 'ClientSdkTooOldForAccessToken2',
    category: 'manifest',
    defaultSeverity: 'warning',
    short: 'Client SDK version too old for AccessToken2',
    full:
      'A client SDK declared in package.json or pubspec.yaml, or loaded by a `<script>` tag, allows a version ' +
      'that accepts only AccessToken ("006"): Web `agora-rtc-sdk-ng` < 4.8.0, the legacy Web SDK ' +
      '`agora-rtc-sdk` (any version), RTM Web `agora-rtm-sdk` < 1.4.6, `react-native-agora` and ' +
      '`agora-electron-sdk` < 3.5.2, Flutter `agora_rtc_engine` < 4.2.0. The lowest version the range allows is checked.',
    help:
      'Raise the lower bound of the range to a version that supports AccessToken2 before the server issues 007 tokens: clients that accept 007 also accept 006, so upgrade clients first. ' +
      '`migrate` raises `agora-rtc-sdk-ng` ranges in package.json and `AgoraRTC_N-4.x.y.js` script URLs to 4.8.0; the legacy `agora-rtc-sdk`, RTM, the native SDKs, ' +
      'ranges of other shapes and scripts pinned by an `integrity` hash are left to you (it lists them as review items).',
    // every SDK package name and Web SDK file name contains it, in some case
    triggers: [{ anyCase: 'agora' }],
  },
  {
    id: 'go-v1-builder',
    name: 'GoV1TokenBuilder',
    category: 'other-language',
    defaultSeverity: 'error',
    short: 'Go import or call of the v1 RtcTokenBuilder / RtmTokenBuilder package',
    full: 'Imports of `…/go/src/RtcTokenBuilder` or `…/go/src/RtmTokenBuilder` (AgoraIO/Tools), every builder call through such an import (six-argument `BuildTokenWithUserAccount` included) and calls of the v1-only `BuildTokenWithUID` build AccessToken ("006"). `migrate` rewrites them.',
    help: 'Import `…/go/src/rtctokenbuilder2` and call `BuildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire)` with relative seconds (RolePublisher for RoleAttendee/RoleAdmin); RTM: `rtmtokenbuilder2.BuildToken(appId, appCertificate, userId, expire)`.',
    triggers: [...V1_BUILDER_NAMES, 'BuildTokenWithUID', 'RoleAttendee', 'RoleAdmin', 'RoleRtmUser'],
  },
  {
    id: 'python-v1-builder',
    name: 'PythonV1TokenBuilder',
    category: 'other-language',
    defaultSeverity: 'error',
    short: 'Python import or call of the v1 token builders',
    full: 'Imports of the v1 modules `RtcTokenBuilder` / `RtmTokenBuilder` (not `…2`) or of `agora_token_builder`, and camelCase v1 calls (`buildTokenWithUid`, `buildTokenWithAccount`, `RtmTokenBuilder.buildToken`).',
    help: 'Use `from src.RtcTokenBuilder2 import *` and `RtcTokenBuilder.build_token_with_uid(app_id, app_certificate, channel_name, uid, role, token_expire, privilege_expire)` with relative seconds; RTM: `RtmTokenBuilder2.RtmTokenBuilder.build_token(app_id, app_certificate, user_id, expire)`.',
    triggers: [...V1_BUILDER_NAMES, 'agora_token_builder', 'buildTokenWith'],
  },
  {
    id: 'java-v1-builder',
    name: 'JavaV1TokenBuilder',
    category: 'other-language',
    defaultSeverity: 'error',
    short: 'Java use of io.agora.media.RtcTokenBuilder / io.agora.rtm.RtmTokenBuilder',
    full: 'The v1 Java classes build AccessToken ("006"); note that v1 Java gives SUBSCRIBER publish privileges and ATTENDEE none, unlike every other v1 implementation.',
    help: 'Use `io.agora.media.RtcTokenBuilder2.buildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire)` and `io.agora.rtm.RtmTokenBuilder2.buildToken(appId, appCertificate, userId, expire)`.',
    triggers: V1_BUILDER_NAMES,
  },
  {
    id: 'php-v1-builder',
    name: 'PhpV1TokenBuilder',
    category: 'other-language',
    defaultSeverity: 'error',
    short: 'PHP use of the v1 RtcTokenBuilder / RtmTokenBuilder classes',
    full: '`RtcTokenBuilder::buildTokenWithUid(…, $privilegeExpireTs)` and friends take an absolute timestamp and build AccessToken ("006").',
    help: 'Include `RtcTokenBuilder2.php` and call `RtcTokenBuilder2::buildTokenWithUid($appId, $appCertificate, $channelName, $uid, $role, $tokenExpire, $privilegeExpire)` with relative seconds; RTM: `RtmTokenBuilder2::buildToken($appId, $appCertificate, $userId, $expire)`.',
    triggers: V1_BUILDER_NAMES,
  },
  {
    id: 'cpp-v1-builder',
    name: 'CppV1TokenBuilder',
    category: 'other-language',
    defaultSeverity: 'error',
    short: 'C++ include or use of the v1 RtcTokenBuilder.h / RtmTokenBuilder.h',
    full: '`agora::tools::RtcTokenBuilder` / `RtmTokenBuilder` build AccessToken ("006") from an absolute `privilegeExpiredTs`.',
    help: 'Include `RtcTokenBuilder2.h` and call `agora::tools::RtcTokenBuilder2::BuildTokenWithUid(app_id, app_certificate, channel_name, uid, role, token_expire, privilege_expire)`; RTM: `RtmTokenBuilder2::BuildToken`.',
    triggers: V1_BUILDER_NAMES,
  },
  {
    id: 'csharp-v1-builder',
    name: 'CSharpV1TokenBuilder',
    category: 'other-language',
    defaultSeverity: 'error',
    short: 'C# use of the v1 RtcTokenBuilder / RtmTokenBuilder classes',
    full: '`AgoraIO.Media.RtcTokenBuilder` and `AgoraIO.Rtm.RtmTokenBuilder` build AccessToken ("006") from an absolute `privilegeExpiredTs`.',
    help: 'Use `RtcTokenBuilder2.buildTokenWithUid(appId, appCertificate, channelName, uid, role, tokenExpire, privilegeExpire)` and `RtmTokenBuilder2.buildToken(appId, appCertificate, userId, expire)`.',
    triggers: V1_BUILDER_NAMES,
  },
  {
    id: 'hardcoded-app-certificate',
    name: 'HardcodedAppCertificate',
    category: 'security',
    defaultSeverity: 'error',
    short: 'App Certificate hard-coded in source',
    full:
      'A 32-hex-digit string literal passed as the App Certificate of a token builder, or assigned to a ' +
      'certificate variable or property in a file that builds tokens. Anyone who can read the repository ' +
      'can mint tokens for the project. (The value is never printed: all but its last 4 characters are masked.)',
    help: 'Read the certificate from the environment or a secret store (`process.env.AGORA_APP_CERTIFICATE`), and rotate it in Agora Console: it has been exposed.',
    // a certificate-named assignment, or a builder call (any language) given the literal
    triggers: [{ anyCase: 'cert' }, { anyCase: 'buildtoken' }, { anyCase: 'build_token' }, ...ANALYSED_JS],
    // both ways of finding one (src/check/secrets.ts) need a quoted 32-hex-digit literal
    requires: [{ pattern: /(['"`])[0-9a-fA-F]{32}\1/, maxLength: 34 }],
  },
  {
    id: 'unused-suppression',
    name: 'UnusedSuppression',
    category: 'meta',
    defaultSeverity: 'warning',
    short: 'Suppression comment that suppresses nothing',
    full: 'An `agora-token-migrate-ignore-next-line` comment whose next line has no finding of the named rule (or names an unknown rule).',
    help: 'Delete the comment, or fix the rule id it names.',
    triggers: [SUPPRESSION_DIRECTIVE],
  },
] as const satisfies readonly RuleMeta[];

export type RuleId = (typeof RULES)[number]['id'];

const RULES_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(RULES.map((rule) => [rule.id, rule]));

/** The rule with this id, or undefined for an unknown id. */
export function getRule(id: string): RuleMeta | undefined {
  return RULES_BY_ID.get(id);
}

/** Whether `id` names a rule. */
export function isRuleId(id: string): id is RuleId {
  return RULES_BY_ID.has(id);
}

/** The README table of rules (Markdown), generated from the registry. */
export function renderRulesTable(): string {
  const rows = RULES.map((rule) => `| \`${rule.id}\` | ${rule.defaultSeverity} | ${rule.short} |`);
  return ['| rule | severity | finds |', '|---|---|---|', ...rows].join('\n') + '\n';
}
