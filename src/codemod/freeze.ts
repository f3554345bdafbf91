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
 * the others move. A module object (`import * as agora`, `const agora = require(…)`, a default
 * import) cannot be split: one binding stands for every name, so when any of its uses is frozen
 * the whole import stays, and every family it is used for is frozen with it.
 */
import type { namedTypes as N } from 'ast-types';
import { rootSite, type EntityRef, type ImportSite } from '../analysis/bindings.ts';
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

/**
 * Can this import be split per name: a named import (no default or namespace specifier), or a
 * plain `const { A, B: b } = require(…)` statement of its own (no defaults, rest or nesting).
 */
export function isSplittable(site: ImportSite): boolean {
  if (site !== rootSite(site) || site.bindings.length === 0 || site.bindings.some((b) => b.kind !== 'entity')) return false;
  if (site.form === 'esm-named') return ((site.path.node as N.ImportDeclaration).specifiers ?? []).every((s) => s.type === 'ImportSpecifier');
  if (site.form !== 'cjs-destructure') return false;
  const declarator = site.path.node as N.VariableDeclarator;
  const statement = site.path.parent;
  if (declarator.id.type !== 'ObjectPattern' || (statement?.node as AnyNode | undefined)?.type !== 'VariableDeclaration') return false;
  if (!STATEMENT_LISTS.has((statement.parent?.node as AnyNode | undefined)?.type ?? '')) return false;
  return (declarator.id.properties as AnyNode[]).every((prop) => {
    if (prop.type !== 'ObjectProperty' && prop.type !== 'Property') return false;
    const { key, value, computed } = prop as N.ObjectProperty;
    return !computed && (key as AnyNode).type === 'Identifier' && (value as AnyNode).type === 'Identifier';
  });
}
