import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { lookupScope, memberName, type Scope } from './bindings.ts';
import { forEachNode, typeDispatcher } from './node-paths.ts';

/** The node types the index records, each as ast-types' visitor would dispatch it (subtypes included: OptionalMemberExpression is a MemberExpression). */
const dispatch = typeDispatcher(['VariableDeclarator', 'AssignmentExpression', 'UpdateExpression', 'CallExpression', 'ImportExpression', 'TSImportType', 'MemberExpression', 'Identifier', 'FunctionDeclaration']);

type Paths<T> = Map<string, ASTPath<T>[]>;

/** `createRequire(…)` or `module.createRequire(…)`. */
function isCreateRequire(node: N.Node | null | undefined): boolean {
  if (node?.type !== 'CallExpression') return false;
  const callee = (node as N.CallExpression).callee;
  if (callee.type === 'Identifier') return callee.name === 'createRequire';
  return callee.type === 'MemberExpression' && callee.property.type === 'Identifier' && callee.property.name === 'createRequire';
}

function add<T>(map: Paths<T>, name: string, path: ASTPath<T>): void {
  const list = map.get(name);
  if (list) list.push(path);
  else map.set(name, [path]);
}

/**
 * Declarations and writes of every name in a file, collected in one traversal. The analyses ask
 * "where is `x` declared / assigned?" for many names; a full-tree search each time dominated the
 * recipe's cost. Built before the steps edit the tree: the steps only add fresh names and replace
 * expressions, and dead variables are removed after the last lookup.
 */
export class NameIndex {
  readonly declarators: Paths<N.VariableDeclarator> = new Map();
  /** Every variable declarator (destructuring ones too), in source order. */
  readonly variableDeclarators: ASTPath<N.VariableDeclarator>[] = [];
  /** `x = …`, `x += …` (left side is the identifier). */
  readonly assignments: Paths<N.AssignmentExpression> = new Map();
  /** `x.y = …`, `x[y] = …`, `x.y.z = …` (keyed by the name at the root of the member chain). */
  readonly memberAssignments: Paths<N.AssignmentExpression> = new Map();
  readonly updates: Paths<N.UpdateExpression> = new Map();
  readonly functions: Paths<N.FunctionDeclaration> = new Map();
  /** Every identifier node (references, declarations, property names) by name. */
  readonly identifiers: Paths<N.Identifier> = new Map();
  /** `require(…)` calls (and calls of a `createRequire` result under any name), in source order. */
  readonly requireCalls: ASTPath<N.CallExpression>[] = [];
  /** Dynamic `import(…)` expressions, in source order. */
  readonly dynamicImports: ASTPath[] = [];
  /** TypeScript `import('…').Name` types. */
  readonly importTypes: ASTPath[] = [];
  /** `x.name`, `x?.name`, `x['name']` (one entry per node), by the member's name. */
  readonly members: Paths<N.MemberExpression> = new Map();

  constructor(_j: JSCodeshift, root: Collection) {
    const index = this;
    // `const load = createRequire(import.meta.url)`: calls of `load` are requires too
    const requireNames = new Set<string>();
    const otherCalls: ASTPath<N.CallExpression>[] = [];
    // the collection's own root path, so the paths (and their scopes) are the ones every other lookup sees
    forEachNode(root.paths()[0] as ASTPath, (node, pathOf) => {
      const kind = dispatch(node.type);
      if (kind === undefined) return;
      const path = pathOf();
      switch (kind) {
        case 'VariableDeclarator': {
          const declarator = path as ASTPath<N.VariableDeclarator>;
          index.variableDeclarators.push(declarator);
          const id = declarator.node.id;
          if (id.type === 'Identifier') add(index.declarators, id.name, declarator);
          if (id.type === 'Identifier' && isCreateRequire(declarator.node.init)) requireNames.add(id.name);
          return;
        }
        case 'AssignmentExpression': {
          const assignment = path as ASTPath<N.AssignmentExpression>;
          const left = assignment.node.left;
          if (left.type === 'Identifier') add(index.assignments, left.name, assignment);
          else if (left.type === 'MemberExpression') {
            let object = left.object;
            while (object.type === 'MemberExpression') object = object.object;
            if (object.type === 'Identifier') add(index.memberAssignments, object.name, assignment);
          }
          return;
        }
        case 'UpdateExpression': {
          const update = path as ASTPath<N.UpdateExpression>;
          if (update.node.argument.type === 'Identifier') add(index.updates, update.node.argument.name, update);
          return;
        }
        case 'CallExpression': {
          const call = path as ASTPath<N.CallExpression>;
          const callee = call.node.callee;
          if (callee.type === 'Identifier' && callee.name === 'require') index.requireCalls.push(call);
          else if (callee.type === 'Identifier' && call.node.arguments.length === 1) otherCalls.push(call);
          else if ((callee as { type: string }).type === 'Import') index.dynamicImports.push(call);
          return;
        }
        case 'ImportExpression':
          index.dynamicImports.push(path);
          return;
        case 'TSImportType':
          index.importTypes.push(path);
          return;
        case 'MemberExpression': {
          const member = path as ASTPath<N.MemberExpression>;
          const name = memberName(member.node);
          if (name !== undefined) add(index.members, name, member);
          return;
        }
        case 'Identifier': {
          const identifier = path as ASTPath<N.Identifier>;
          add(index.identifiers, identifier.node.name, identifier);
          return;
        }
        case 'FunctionDeclaration': {
          const declaration = path as ASTPath<N.FunctionDeclaration>;
          if (declaration.node.id?.type === 'Identifier') add(index.functions, declaration.node.id.name, declaration);
          return;
        }
      }
    });
    if (requireNames.size > 0) {
      const start = (p: ASTPath) => (p.node as { start?: number }).start ?? 0;
      this.requireCalls.push(...otherCalls.filter((p) => requireNames.has((p.node.callee as N.Identifier).name)));
      this.requireCalls.sort((a, b) => start(a) - start(b));
    }
  }

  /** The declarators of `name` in `scope`, and every assignment or update that writes that variable. */
  writesIn(name: string, scope: Scope): { declarators: ASTPath<N.VariableDeclarator>[]; assignments: ASTPath<N.AssignmentExpression>[]; updates: ASTPath<N.UpdateExpression>[] } {
    return {
      declarators: this.declaratorsOf(name).filter((p) => p.scope === scope),
      assignments: this.assignmentsOf(name).filter((p) => lookupScope(p, name) === scope),
      updates: this.updatesOf(name).filter((p) => lookupScope(p, name) === scope),
    };
  }

  declaratorsOf(name: string): ASTPath<N.VariableDeclarator>[] {
    return this.declarators.get(name) ?? [];
  }

  assignmentsOf(name: string): ASTPath<N.AssignmentExpression>[] {
    return this.assignments.get(name) ?? [];
  }

  updatesOf(name: string): ASTPath<N.UpdateExpression>[] {
    return this.updates.get(name) ?? [];
  }

  functionsOf(name: string): ASTPath<N.FunctionDeclaration>[] {
    return this.functions.get(name) ?? [];
  }

  /** Member expressions reading or writing `name` on some object, in source order. */
  membersNamed(name: string): ASTPath<N.MemberExpression>[] {
    return this.members.get(name) ?? [];
  }

  identifiersOf(name: string): ASTPath<N.Identifier>[] {
    return this.identifiers.get(name) ?? [];
  }

  memberAssignmentsOf(name: string): ASTPath<N.AssignmentExpression>[] {
    return this.memberAssignments.get(name) ?? [];
  }
}
