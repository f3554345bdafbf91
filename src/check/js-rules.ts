/**
 * The JS/TS rules: pure functions from the shared binding-resolved analysis (`AgoraUsage`) to
 * findings. Nothing here looks at names; whether a call or import is Agora's, and of which
 * generation, was decided by the analysis.
 */
import type { AgoraImport, AgoraUsage, BuilderCall, MissingV2Export, RoleRef } from '../analysis/agora-usage.ts';
import { V2_EXPIRY_POSITIONS } from '../analysis/v2-expiry-positions.ts';
import type { RawFinding } from './finding.ts';

const BUILDER_CLASS = { rtc: 'RtcTokenBuilder', rtm: 'RtmTokenBuilder' } as const;

/** v2 RTC methods whose 7th argument (`privilegeExpire`) a v1-shaped call leaves out. */
const V2_RTC_ROLE_METHODS = new Set(['buildTokenWithUid', 'buildTokenWithUserAccount', 'buildTokenWithRtm']);

const DEPRECATED_RTC_ROLES = new Set(['ATTENDEE', 'ADMIN']);

/** The v1 role values AccessToken2 no longer has (reference 4): v1 let them publish, v2 makes them join-only. */
const DEPRECATED_ROLE_VALUES: ReadonlyMap<number, string> = new Map([
  [0, 'ATTENDEE'],
  [101, 'ADMIN'],
]);

function describeCall(call: BuilderCall): string {
  // the analysis names access-token uses by form (`new AccessToken`, `AccessToken`)
  return call.builder === 'access-token' ? call.method : `${BUILDER_CLASS[call.builder]}.${call.method}`;
}

function importFinding(imp: AgoraImport): RawFinding {
  const what =
    imp.kind === 'package'
      ? `\`${imp.source}\` (the v1 package)`
      : imp.kind === 'deep'
        ? `\`${imp.source}\`, a v1 module inside the package`
        : `\`${imp.source}\`, a vendored copy of the v1 token sources`;
  return {
    ruleId: 'v1-import',
    line: imp.line,
    column: imp.column,
    message: `Imports ${what}: tokens built from it are AccessToken (006).`,
  };
}

/**
 * What Node's CommonJS named-export detection finds in `agora-token` under native ESM: only the first
 * `module.exports` key (reference 1.4), plus the default export every CommonJS module has.
 */
const ESM_VISIBLE_V2_EXPORTS = new Set(['ApaasTokenBuilder', 'default']);

type ImportedName = AgoraImport['specifiers'][number];

/** `{ A, B: b }`: the destructuring that reads `names` from the default export. */
function destructuring(names: readonly ImportedName[]): string {
  return names.map((s) => (s.local === s.imported ? s.imported : `${s.imported}: ${s.local}`)).join(', ');
}

const quoteNames = (names: readonly ImportedName[]) => names.map((s) => `\`${s.imported}\``).join(', ');

/** `export { RtcTokenBuilder } from 'agora-token'` (Node refuses to load the file), `export * as ns from …` (no builders on ns). */
function reexportEsmFinding(imp: AgoraImport): RawFinding | undefined {
  const at = { ruleId: 'v2-named-import-esm', line: imp.line, column: imp.column } as const;
  if (imp.reexportsNamespace) {
    const ns = imp.names[0] ?? 'agoraToken';
    return {
      ...at,
      message: `Namespace re-export \`export * as ${ns}\` of \`agora-token\` in a native ES module: it exposes only \`ApaasTokenBuilder\` and \`default\`, so importers find \`${ns}.RtcTokenBuilder\` undefined.`,
      hint: `Re-export the default export instead: \`export { default as ${ns} } from 'agora-token';\`.`,
    };
  }
  const values = imp.specifiers.filter((s) => !s.typeOnly);
  const missing = values.filter((s) => !ESM_VISIBLE_V2_EXPORTS.has(s.imported));
  if (missing.length === 0) return undefined; // `export * from 'agora-token'` re-exports what Node sees, harmlessly
  const asDefault = missing.find((s) => s.local === 'default');
  const named = values.filter((s) => s.imported !== 'default' && s.local !== 'default');
  const statements = [
    "import agoraToken from 'agora-token';",
    ...(named.length > 0 ? [`export const { ${destructuring(named)} } = agoraToken;`] : []),
    ...(asDefault ? [`export default agoraToken.${asDefault.imported};`] : []),
  ];
  const keepTypes = values.length < imp.specifiers.length ? " Keep the type-only names in an `export type { … } from 'agora-token'`." : '';
  return {
    ...at,
    message: `Re-export of ${quoteNames(missing)} from \`agora-token\` in a native ES module: Node throws \`SyntaxError: Named export '${missing[0].imported}' not found\` when it loads this file.`,
    hint: `Re-export ${missing.length === 1 ? 'it' : 'them'} from the default export: \`${statements.join(' ')}\`.${keepTypes}`,
  };
}

/** `const { RtcTokenBuilder } = await import('agora-token')` in a native ES module: the names are undefined. */
function dynamicImportEsmFinding(imp: AgoraImport): RawFinding | undefined {
  const missing = imp.specifiers.filter((s) => !ESM_VISIBLE_V2_EXPORTS.has(s.imported));
  if (missing.length === 0) return undefined;
  const named = imp.specifiers.filter((s) => s.imported !== 'default');
  const [verb, pronoun] = missing.length === 1 ? ['is', 'it'] : ['are', 'them'];
  return {
    ruleId: 'v2-named-import-esm',
    line: imp.line,
    column: imp.column,
    message: `\`import('agora-token')\` in a native ES module resolves to a namespace with only \`ApaasTokenBuilder\` and \`default\`: ${quoteNames(missing)} read from it ${verb} undefined.`,
    hint: `Read ${pronoun} from the default export: \`const { ${destructuring(named)} } = (await import('agora-token')).default;\`.`,
  };
}

/** A value import by name from the `agora-token` root in a native ES module: Node refuses to load the file. */
function namedImportEsmFinding(imp: AgoraImport): RawFinding | undefined {
  if (imp.moduleKind !== 'module' || imp.source !== 'agora-token' || imp.typeOnly) return undefined;
  if (imp.form === 'esm-reexport') return reexportEsmFinding(imp);
  if (imp.form === 'dynamic-import') return dynamicImportEsmFinding(imp);
  if (imp.form === 'esm-namespace') {
    if (imp.onlyDefault) return undefined;
    const local = imp.names[0] ?? 'agoraToken';
    return {
      ruleId: 'v2-named-import-esm',
      line: imp.line,
      column: imp.column,
      message: `Namespace import of \`agora-token\` in a native ES module: it exposes only \`ApaasTokenBuilder\` and \`default\`, so \`${local}.RtcTokenBuilder\` is undefined.`,
      hint: `Import the default export instead: \`import ${local} from 'agora-token';\`.`,
    };
  }
  const values = imp.specifiers.filter((s) => !s.typeOnly);
  const missing = values.filter((s) => !ESM_VISIBLE_V2_EXPORTS.has(s.imported));
  if (missing.length === 0) return undefined;
  // `import agoraToken, { … }` or `import { default as agoraToken, … }` already names the default export
  const defaultLocal =
    values.find((s) => s.imported === 'default')?.local ?? imp.names.find((name) => !imp.specifiers.some((s) => s.local === name)) ?? 'agoraToken';
  const pattern = destructuring(values.filter((s) => s.imported !== 'default'));
  const keepTypes = values.length < imp.specifiers.length ? ' Keep the type-only names in an `import type { … }`.' : '';
  const names = quoteNames(missing);
  return {
    ruleId: 'v2-named-import-esm',
    line: imp.line,
    column: imp.column,
    message: `Named import of ${names} from \`agora-token\` in a native ES module: Node throws \`SyntaxError: Named export '${missing[0].imported}' not found\` when it loads this file.`,
    hint: `Import the default export and destructure it: \`import ${defaultLocal} from 'agora-token'; const { ${pattern} } = ${defaultLocal};\`.${keepTypes}`,
  };
}

function v1CallHint(call: BuilderCall): string {
  const migrate = 'Run `npx agora-token-migrate migrate` on this file.';
  if (call.builder === 'rtm') return `${migrate} v2: \`RtmTokenBuilder.buildToken(appId, appCertificate, userId, expireSeconds)\`, no role argument.`;
  if (call.builder === 'access-token') return 'Hand-built AccessToken: rebuild it with the v2 builders (`RtcTokenBuilder.buildTokenWithUidAndPrivilege` sets each privilege) and compare with `npx agora-token-migrate verify`.';
  if (call.method === 'buildTokenWithAccount') return `${migrate} v2 renames it \`buildTokenWithUserAccount(appId, appCertificate, channel, account, role, tokenExpire, privilegeExpire)\` with relative seconds.`;
  return `${migrate} v2: \`${call.method}(appId, appCertificate, channel, uid, role, tokenExpire, privilegeExpire)\` with relative seconds (\`now + N\` becomes \`N, N\`; 0 becomes \`86400, 0\`).`;
}

function v2CallFindings(call: BuilderCall): RawFinding[] {
  const name = describeCall(call);
  // `f(a, b, ...rest)`: how many arguments arrive, and what sits at each position from the spread on, is unknown
  const spread = call.spreadAt !== undefined;
  if (call.builder === 'rtm' && call.method === 'buildToken' && call.argCount === 5 && !spread) {
    // one mistake, one finding: the expiry rules would only restate it for the shifted arguments
    return [{ ruleId: 'v2-rtm-role-argument', line: call.line, column: call.column, message: `${name} (AccessToken2) called with 5 arguments: the role is read as \`expire\` (1 s for RtmRole.Rtm_User, 0 for the RtmRole object).` }];
  }
  const findings: RawFinding[] = [];
  const role = call.roleLiteral;
  const deprecated = role ? DEPRECATED_ROLE_VALUES.get(role.value) : undefined;
  if (role && deprecated) {
    findings.push({
      ruleId: 'deprecated-rtc-role',
      line: role.line,
      column: role.column,
      message: `${name} (AccessToken2) called with role \`${role.text}\` (v1 ${deprecated}, publish allowed): AccessToken2 has no role ${role.value}, so the token silently becomes join-only.`,
      hint: 'Pass `RtcRole.PUBLISHER` (1), which keeps the v1 privileges.',
    });
  }
  if (call.builder === 'rtc' && V2_RTC_ROLE_METHODS.has(call.method) && call.argCount === 6 && !spread) {
    findings.push({ ruleId: 'v2-rtc-six-arguments', line: call.line, column: call.column, message: `${name} (AccessToken2) called with 6 arguments: \`privilegeExpire\` defaults to 0, so the privileges never expire.` });
  }
  // token lifetimes must not be 0; privilege expiries may (0 = never)
  const tokenIndexes = call.builder === 'access-token' ? [] : (V2_EXPIRY_POSITIONS[call.builder][call.method]?.token ?? []);
  for (const arg of call.expiry) {
    if (call.spreadAt !== undefined && arg.index >= call.spreadAt) continue;
    if (arg.kind === 'absolute') {
      findings.push({ ruleId: 'v2-absolute-expiry', line: arg.line, column: arg.column, message: `${name} (AccessToken2) expects seconds from now, but argument ${arg.index + 1} (\`${arg.text}\`) is an absolute timestamp.` });
    } else if ((arg.kind === 'zero' || arg.kind === 'missing') && tokenIndexes.includes(arg.index)) {
      const what = arg.kind === 'zero' ? `is \`${arg.text}\`` : 'is missing (written as 0)';
      findings.push({ ruleId: 'v2-token-expire-zero', line: arg.line, column: arg.column, message: `${name} (AccessToken2): the token lifetime (argument ${arg.index + 1}) ${what}.` });
    }
  }
  return findings;
}

function roleFinding(ref: RoleRef): RawFinding | undefined {
  if (ref.object !== 'RtcRole' || !DEPRECATED_RTC_ROLES.has(ref.member)) return undefined;
  const value = ref.member === 'ATTENDEE' ? 0 : 101;
  const now = ref.generation === 'v1' ? 'becomes `undefined` after the switch to agora-token' : 'is `undefined` in agora-token';
  return {
    ruleId: 'deprecated-rtc-role',
    line: ref.line,
    column: ref.column,
    message: `\`RtcRole.${ref.member}\` (v1 value ${value}, publish allowed) ${now}: the token silently becomes join-only.`,
  };
}

function missingExportFinding(read: MissingV2Export): RawFinding {
  return {
    ruleId: 'v2-rtm-role-import',
    line: read.line,
    column: read.column,
    message:
      read.form === 'member'
        ? `\`${read.text}\` is \`undefined\`: \`agora-token\` has no \`RtmRole\` (AccessToken2 RTM tokens have no role), so reading \`Rtm_User\` on it throws a TypeError at run time.`
        : `\`RtmRole\` ${read.form === 'import' ? 'imported' : 'destructured'} from \`agora-token\` is \`undefined\`: the package has no \`RtmRole\` (AccessToken2 RTM tokens have no role), so \`RtmRole.Rtm_User\` throws a TypeError at run time.`,
    hint: 'AccessToken2 RTM tokens have no role: drop `RtmRole` and call `RtmTokenBuilder.buildToken(appId, appCertificate, userId, expireSeconds)`.',
  };
}

/** Findings for one JS/TS file from its Agora usage (parse errors are the caller's tool errors). */
export function findingsFromUsage(usage: AgoraUsage): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const imp of usage.imports) {
    if (imp.generation === 'v1') findings.push(importFinding(imp));
    const esm = namedImportEsmFinding(imp);
    if (esm) findings.push(esm);
  }
  for (const call of usage.calls) {
    if (call.generation === 'v1') {
      findings.push({ ruleId: 'v1-builder-call', line: call.line, column: call.column, message: `${describeCall(call)} is the v1 builder: it builds an AccessToken (006).`, hint: v1CallHint(call) });
    } else {
      findings.push(...v2CallFindings(call));
    }
  }
  for (const ref of usage.roleRefs) {
    const finding = roleFinding(ref);
    if (finding) findings.push(finding);
  }
  for (const read of usage.missingV2Exports ?? []) findings.push(missingExportFinding(read));
  for (const marker of usage.markers) {
    findings.push({ ruleId: 'manual-review-marker', line: marker.line, column: marker.column, message: 'Manual-review marker left by `agora-token-migrate migrate`: this code still needs a decision.' });
  }
  return findings;
}
