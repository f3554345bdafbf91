import type { ASTPath } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { isReference, lookupScope, sameScope } from '../analysis/bindings.ts';
import type { ClockVariable } from '../analysis/expiry.ts';
import { forEachNode, isOfType } from '../analysis/node-paths.ts';
import { recordEdit, removeStatement, type MigrationContext } from './context.ts';

/** Identifier paths by name for the given names, from one traversal of the tree as it is now. */
function liveIdentifiers(ctx: MigrationContext, names: Set<string>): Map<string, ASTPath<N.Identifier>[]> {
  const found = new Map<string, ASTPath<N.Identifier>[]>();
  forEachNode(ctx.root.paths()[0], (node, pathOf) => {
    if (!names.has(node.name as string) || !isOfType(node.type, 'Identifier')) return;
    const p = pathOf() as ASTPath<N.Identifier>;
    const list = found.get(p.node.name) ?? [];
    list.push(p);
    found.set(p.node.name, list);
  });
  return found;
}

/** Is the function declaration still in the tree, as a statement of a list (the same helper can be collected twice)? */
function isStatementListMember(path: ASTPath): boolean {
  const list = path.parent?.node as { body?: unknown } | undefined;
  return Array.isArray(list?.body) && (list.body as unknown[]).includes(path.node);
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
 * dropped), and the local helpers that computed the deadline (`function expiresIn(s)`, `const
 * nowSeconds = () => …`) once no call is left, repeating until stable so `const now = …` goes too.
 * Variables and helpers still read (logged, returned as `expiresAt`, exported) stay as they are.
 */
export function removeStaleVariables(ctx: MigrationContext): void {
  let removed = true;
  while (removed && ctx.staleVariables.size > 0) {
    removed = false;
    const identifiers = liveIdentifiers(ctx, new Set([...ctx.staleVariables.keys()].map((v) => v.name)));
    for (const [variable, transform] of ctx.staleVariables) {
      if (readCount(variable, identifiers) > 0) continue;
      // an exported variable or helper has readers elsewhere
      if ((variable.declarator.parent?.node as N.Node | undefined)?.type === 'ExportNamedDeclaration' || (variable.declarator.parent?.parent?.node as N.Node | undefined)?.type === 'ExportNamedDeclaration') {
        ctx.staleVariables.delete(variable);
        continue;
      }
      if (variable.declarator.node.type === 'FunctionDeclaration') {
        if (!isStatementListMember(variable.declarator)) {
          ctx.staleVariables.delete(variable);
          continue;
        }
        recordEdit(ctx, transform, variable.declarator.node, `removed \`${variable.name}\`: the deadline helper is no longer called after the rewrite`);
        removeStatement(ctx, variable.declarator);
        ctx.staleVariables.delete(variable);
        removed = true;
        continue;
      }
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
