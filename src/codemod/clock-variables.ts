import type { namedTypes as N } from 'ast-types';
import { isReference, lookupScope } from '../analysis/bindings.ts';
import type { ClockVariable } from '../analysis/expiry.ts';
import { recordEdit, type MigrationContext } from './context.ts';

/** Number of places that still read `variable` (its declaration and `+=` updates excluded). */
function readCount(ctx: MigrationContext, variable: ClockVariable): number {
  let count = 0;
  ctx.root.find(ctx.j.Identifier, { name: variable.name }).forEach((p) => {
    if (!isReference(p) || lookupScope(p, variable.name) !== variable.scope) return;
    const parent = p.parent.node as N.Node;
    if (parent.type === 'AssignmentExpression' && p.name === 'left') return;
    count++;
  });
  return count;
}

/**
 * Removes clock variables that no longer have a reader after the expiry rewrite
 * (`const privilegeExpiredTs = now + ttl` once the builder takes `ttl`), repeating until stable so
 * `const now = …` goes too. Variables still read (logged, returned as `expiresAt`) stay as they are.
 */
export function removeDeadClockVariables(ctx: MigrationContext): void {
  let removed = true;
  while (removed) {
    removed = false;
    for (const variable of ctx.clockVariables) {
      if (readCount(ctx, variable) > 0) continue;
      const declaration = variable.declarator.parent;
      const declarationNode = declaration?.node as N.VariableDeclaration | undefined;
      // the same variable can be collected twice (read by two arguments); remove it once
      if (!declarationNode?.declarations?.includes(variable.declarator.node)) {
        ctx.clockVariables.delete(variable);
        continue;
      }
      recordEdit(ctx, 'convert-expiry', variable.declarator.node, `removed \`${variable.name}\`: its absolute time is no longer read`);
      for (const update of variable.updates) update.prune();
      if (declarationNode.declarations.length === 1) declaration.prune();
      else variable.declarator.prune();
      ctx.clockVariables.delete(variable);
      removed = true;
    }
  }
}
