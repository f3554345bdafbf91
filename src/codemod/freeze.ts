/**
 * Which v1 names stay on AccessToken (006) when some of their uses cannot be migrated.
 *
 * Names freeze in families: the RTC builder with the RTC role object, the RTM builder with the RTM
 * role, the v1 `AccessToken`, everything else. A role constant and the builder it feeds must be
 * on the same generation (a v1 `RtcRole.ATTENDEE` left as it is would reach a v2 builder as a
 * join-only role), and which role reaches which call is not traced, so a family is either
 * migrated or frozen as a whole, across every import of the file. A frozen family's calls and
 * roles keep their v1 form; the other families still move to `agora-token`.
 *
 * A named import or a destructuring require is split: the frozen names stay on the v1 import and
 * the others move; so is a module object read only by one destructuring (`import pkg from …;
 * const { A, B } = pkg;`, the native-ESM form). A module object read in any other way
 * (`agora.RtcTokenBuilder`, passed around) cannot be split: one binding stands for every name, so
 * when any of its uses is frozen the whole import stays, and every family it is used for is
 * frozen with it.
 */
import type { namedTypes as N } from 'ast-types';
import { rootSite, type EntityRef, type FileAnalysis, type ImportSite } from '../analysis/bindings.ts';
import type { AgoraEntity } from '../analysis/sources.ts';

export type Family = 'rtc' | 'rtm' | 'access' | 'other';

type AnyNode = N.Node & { type: string };

export function familyOf(entity: AgoraEntity | undefined): Family {
  switch (entity) {
    case 'RtcTokenBuilder':
    case 'RtcRole':
      return 'rtc';
    case 'RtmTokenBuilder':
    case 'RtmRole':
      return 'rtm';
    case 'AccessToken':
      return 'access';
    default:
      return 'other';
  }
}

/** Is this use of a v1 name in a frozen family (left as it is by every step)? */
export function isFrozen(frozen: ReadonlySet<Family>, ref: EntityRef): boolean {
  return ref.generation === 'v1' && frozen.size > 0 && frozen.has(familyOf(ref.entity));
}

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock']);

/** `const { A, B: b } = …` as a statement of its own: no defaults, rest, nesting or computed keys. */
function isPlainDestructuring(site: ImportSite, lists: ReadonlySet<string>): boolean {
  const declarator = site.path.node as N.VariableDeclarator;
  const statement = site.path.parent;
  if (declarator.id.type !== 'ObjectPattern' || (statement?.node as AnyNode | undefined)?.type !== 'VariableDeclaration') return false;
  if (!lists.has((statement.parent?.node as AnyNode | undefined)?.type ?? '')) return false;
  return (declarator.id.properties as AnyNode[]).every((prop) => {
    if (prop.type !== 'ObjectProperty' && prop.type !== 'Property') return false;
    const { key, value, computed } = prop as N.ObjectProperty;
    return !computed && (key as AnyNode).type === 'Identifier' && (value as AnyNode).type === 'Identifier';
  });
}

/**
 * Where an import can be split per name, or undefined: the import itself when it is a named
 * import (no default or namespace specifier) or a plain destructuring require; for a module object
 * (`import pkg from …`, `const agora = require(…)` at the top level), its one plain top-level
 * destructuring (`const { A, B } = pkg`), when the module object is read nowhere else.
 */
export function splitTarget(site: ImportSite, found: FileAnalysis): ImportSite | undefined {
  if (site !== rootSite(site) || site.bindings.length === 0) return undefined;
  if (site.form === 'esm-named') {
    const plain = site.bindings.every((b) => b.kind === 'entity') && ((site.path.node as N.ImportDeclaration).specifiers ?? []).every((s) => s.type === 'ImportSpecifier');
    return plain ? site : undefined;
  }
  if (site.form === 'cjs-destructure') return site.bindings.every((b) => b.kind === 'entity') && isPlainDestructuring(site, STATEMENT_LISTS) ? site : undefined;
  if (site.form !== 'esm-default' && site.form !== 'cjs-namespace') return undefined;
  const [namespace] = site.bindings;
  if (site.bindings.length !== 1 || namespace.kind !== 'namespace') return undefined;
  if (site.form === 'cjs-namespace' && (site.path.parent?.parent?.node as AnyNode | undefined)?.type !== 'Program') return undefined;
  const aliases = found.sites.filter((s) => s.parent === site);
  const [alias] = aliases;
  if (aliases.length !== 1 || alias.bindings.length === 0 || alias.bindings.some((b) => b.kind !== 'entity')) return undefined;
  if (!isPlainDestructuring(alias, new Set(['Program']))) return undefined;
  const refs = [...found.calls.map((c) => c.ref), ...found.roleRefs.map((r) => r.ref), ...found.otherRefs, ...found.accessTokenRefs];
  return refs.some((ref) => ref.binding === namespace || (ref.site === site && !ref.binding)) ? undefined : alias;
}
