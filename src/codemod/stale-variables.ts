import type { ASTPath } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { isReference, lookupScope, sameScope } from '../analysis/bindings.ts';
import type { ClockVariable } from '../analysis/expiry.ts';
import { recordEdit, removeStatement, type MigrationContext } from './context.ts';

/** Identifier paths by name for the given names, from one traversal of the tree as it is now. */
function liveIdentifiers(ctx: MigrationContext, names: Set<string>): Map<string, ASTPath<N.Identifier>[]> {
  const found = new Map<string, ASTPath<N.Identifier>[]>();
  ctx.root.find(ctx.j.Identifier).forEach((p) => {
    if (!names.has(p.node.name)) return;
    const list = found.get(p.node.name) ?? [];
    list.push(p);
    found.set(p.node.name, list);
  });
  return found;
}

/** Number of places that still read `variable` (its declaration and `+=` updates excluded). */
function readCount(variable: ClockVariable, identifiers: Map<string, ASTPath<N.Identifier>[]>): number {
  let count = 0;
  for (const p of identifiers.get(variable.name) ?? []) {
    if (!isReference(p) || !sameScope(lookupScope(p, variable.name), variable.scope)) continue;
    const parent = p.parent.node as N.Node;
    if (parent.type === 'AssignmentExpression' && p.name === 'left') continue;
    count++;
  }
  return count;
}

/**
 * Removes variables that no longer have a reader after the rewrites (`const privilegeExpiredTs =
 * now + ttl` once the builder takes `ttl`, `let role = RtmRole.Rtm_User` once the RTM role is
 * dropped), repeating until stable so `const now = …` goes too. Variables still read (logged,
 * returned as `expiresAt`) stay as they are.
 */
export function removeStaleVariables(ctx: MigrationContext): void {
  let removed = true;
  while (removed && ctx.staleVariables.size > 0) {
    removed = false;
    const identifiers = liveIdentifiers(ctx, new Set([...ctx.staleVariables.keys()].map((v) => v.name)));
    for (const [variable, transform] of ctx.staleVariables) {
      if (readCount(variable, identifiers) > 0) continue;
      const declaration = variable.declarator.parent;
      const declarationNode = declaration?.node as N.VariableDeclaration | undefined;
      // the same variable can be collected twice (read by two arguments); remove it once
      if (!declarationNode?.declarations?.includes(variable.declarator.node)) {
        ctx.staleVariables.delete(variable);
        continue;
      }
      recordEdit(ctx, transform, variable.declarator.node, `removed \`${variable.name}\`: nothing reads it after the rewrite`);
      for (const update of variable.updates) removeStatement(ctx, update);
      if (declarationNode.declarations.length === 1) removeStatement(ctx, declaration);
      else variable.declarator.prune();
      ctx.staleVariables.delete(variable);
      removed = true;
    }
  }
}
