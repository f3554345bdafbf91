import type { ASTPath, Collection } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import type { NameIndex } from './name-index.ts';
import { type AgoraEntity, type AgoraModule, type Generation, classifySource } from './sources.ts';

/** An ast-types scope (function, program or catch clause). */
export type Scope = NonNullable<ASTPath['scope']>;

export type ImportForm =
  | 'esm-named'
  | 'esm-default'
  | 'esm-namespace'
  | 'cjs-destructure'
  | 'cjs-namespace'
  | 'cjs-member'
  | 'cjs-bare'
  | 'ts-import-equals'
  | 'esm-reexport'
  | 'dynamic-import'
  | 'ts-import-type'
  | 'alias';

/** One place that brings an Agora module into the file. */
export interface ImportSite {
  path: ASTPath;
  form: ImportForm;
  module: AgoraModule;
  /** The string literal holding the specifier (absent for aliases of other bindings). */
  sourceLiteral?: N.StringLiteral | N.Literal;
  bindings: Binding[];
  /** For aliases (`const { A } = pkg`): the site `pkg` came from. */
  parent?: ImportSite;
}

/** The import or require an alias ultimately comes from. */
export function rootSite(site: ImportSite): ImportSite {
  let current = site;
  while (current.parent) current = current.parent;
  return current;
}

/** A local name bound to an Agora entity (`RtcTokenBuilder`) or to a whole module (`agora`). */
export interface Binding {
  kind: 'entity' | 'namespace';
  entity?: AgoraEntity;
  /** Name the module exports it under (`Role` for the deep RtcTokenBuilder module). */
  exportName?: string;
  local: string;
  scope: Scope | null;
  site: ImportSite;
  /** Type-only import: no run-time value. */
  typeOnly: boolean;
}

/** An expression that evaluates to an Agora entity: `RtcTokenBuilder`, `agora.RtcRole`, `require('x').RtmRole`. */
export interface EntityRef {
  path: ASTPath;
  entity: AgoraEntity;
  generation: Generation;
  site: ImportSite;
  binding?: Binding;
}

export type BuilderKind = 'rtc' | 'rtm';

/** A call of a builder method through a resolved binding. */
export interface BuilderCall {
  path: ASTPath<N.CallExpression>;
  builder: BuilderKind;
  method: string;
  generation: Generation;
  ref: EntityRef;
}

/** `RtcRole.X` / `RtmRole.X` through a resolved binding. */
export interface RoleRef {
  path: ASTPath<N.MemberExpression>;
  object: 'RtcRole' | 'RtmRole';
  member: string;
  generation: Generation;
  ref: EntityRef;
}

export interface FileAnalysis {
  sites: ImportSite[];
  bindings: Binding[];
  calls: BuilderCall[];
  roleRefs: RoleRef[];
  /** Entity uses that are neither a builder call nor a role member: passed around, detached, … */
  otherRefs: EntityRef[];
  /** `new AccessToken(…)` and other direct uses of the v1 AccessToken class. */
  accessTokenRefs: EntityRef[];
}

type AnyNode = N.Node & { type: string };

function stringValue(node: AnyNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if ((node.type === 'StringLiteral' || node.type === 'Literal') && typeof (node as N.StringLiteral).value === 'string') {
    return (node as N.StringLiteral).value;
  }
  if (node.type === 'TemplateLiteral') {
    const t = node as N.TemplateLiteral;
    if (t.expressions.length === 0 && t.quasis.length === 1) return t.quasis[0].value.cooked ?? undefined;
  }
  return undefined;
}

/** `require('x')` → 'x'. */
export function requireSource(node: AnyNode | null | undefined): string | undefined {
  if (!node || node.type !== 'CallExpression') return undefined;
  const call = node as N.CallExpression;
  // the callee was checked by whoever found the call (NameIndex.requireCalls: `require`, or a `createRequire` result)
  if (call.callee.type !== 'Identifier' || call.arguments.length !== 1) return undefined;
  return stringValue(call.arguments[0] as AnyNode);
}

/** Name of a non-computed (or string-computed) member property. */
export function memberName(node: N.MemberExpression | N.OptionalMemberExpression): string | undefined {
  const property = node.property as AnyNode;
  if (!node.computed && property.type === 'Identifier') return (property as N.Identifier).name;
  if (node.computed) return stringValue(property);
  return undefined;
}

function isMember(node: AnyNode | null | undefined): node is N.MemberExpression {
  return !!node && (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression');
}

/** Strips TS-only wrappers and parentheses: `(x as any)!` → `x`. */
export function unwrap(node: AnyNode): AnyNode {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
        current = (current as unknown as { expression: AnyNode }).expression;
        break;
      default:
        return current;
    }
  }
}

/** True when the identifier at `path` reads a variable (not a property key, declaration, label or type). */
export function isReference(path: ASTPath<N.Identifier>): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  if (!parent) return false;
  const name = path.name;
  const computed = (parent as { computed?: boolean }).computed === true;
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return name === 'object' || computed;
    case 'Property':
    case 'ObjectProperty':
      if (path.parent.parent?.node.type === 'ObjectPattern') return name === 'key' && computed;
      return name === 'value' || computed;
    case 'ClassMethod':
    case 'ClassPrivateMethod':
    case 'ClassProperty':
    case 'ClassPrivateProperty':
    case 'ClassAccessorProperty':
    case 'MethodDefinition':
    case 'PropertyDefinition':
    case 'ObjectMethod':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
      return name === 'key' ? computed : name === 'value';
    case 'ExportSpecifier':
      return name === 'local';
    case 'VariableDeclarator':
      return name === 'init';
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression':
      return name !== 'id' && name !== 'params';
    case 'AssignmentPattern':
      return name === 'right';
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'ArrayPattern':
    case 'RestElement':
    case 'CatchClause':
    case 'TSTypeReference':
    case 'TSQualifiedName':
    case 'TSTypeQuery':
    case 'TSExpressionWithTypeArguments':
    case 'TSInterfaceDeclaration':
    case 'TSTypeAliasDeclaration':
    case 'TSEnumDeclaration':
    case 'TSEnumMember':
    case 'TSModuleDeclaration':
    case 'TSImportEqualsDeclaration':
    case 'TSTypeParameter':
    case 'TSParameterProperty':
    case 'TSImportType': // `import('agora-token').RtcRole` names the module's export, not a local
      return false;
    default:
      return true;
  }
}

/**
 * Whether two scopes are the same, by the node that makes them: once a step splices statements into
 * a body (swap-import in native ESM), ast-types builds new Scope objects for the same functions.
 */
export function sameScope(a: Scope | null | undefined, b: Scope | null | undefined): boolean {
  return a === b || (!!a && !!b && a.node === b.node);
}

/** The scope that declares `name` as seen from `path` (null for globals). */
export function lookupScope(path: ASTPath, name: string): Scope | null {
  return (path.scope?.lookup(name) as Scope | null | undefined) ?? null;
}

/** Collects Agora imports, the names bound to them, and every use of those names. */
export class BindingResolver {
  readonly sites: ImportSite[] = [];
  readonly bindings: Binding[] = [];
  private readonly byName = new Map<string, Binding[]>();
  /** `import X = ns.Member` declarations, checked once the bindings are known. */
  private readonly qualifiedAliases: ASTPath<N.TSImportEqualsDeclaration>[] = [];

  constructor(
    private readonly root: Collection,
    private readonly filePath: string,
    private readonly index: NameIndex,
    /** Project modules that re-export an Agora package (specifier → package), from the project layer. */
    private readonly barrels: Readonly<Record<string, string>> = {},
  ) {
    this.collectImports();
    this.collectRequires();
    this.collectAliases();
  }

  private addBinding(binding: Binding): void {
    this.bindings.push(binding);
    binding.site.bindings.push(binding);
    const list = this.byName.get(binding.local) ?? [];
    list.push(binding);
    this.byName.set(binding.local, list);
  }

  private entityOf(module: AgoraModule, exportName: string): AgoraEntity {
    return module.exports[exportName] ?? 'other';
  }

  /**
   * The Agora module a specifier names. A project module the project layer proved to re-export an
   * Agora package (`lib/agora.js`: `module.exports = require('agora-access-token')`) stands for that
   * package: its calls are migrated here, while the specifier itself stays (no replacement). Otherwise
   * it is classified with what the file itself shows (see classifySource).
   */
  private classify(source: string): AgoraModule | undefined {
    const barrel = Object.hasOwn(this.barrels, source) ? this.barrels[source] : undefined;
    const shows = { usesAddPriviledge: this.index.identifiers.has('addPriviledge') };
    if (barrel === undefined) return classifySource(source, this.filePath, shows);
    const module = classifySource(barrel, this.filePath, shows);
    return module && { ...module, source, replacement: undefined };
  }

  private collectImports(): void {
    // imports and `import x = require()` only appear at the top level of a module
    const body = this.root.paths()[0].get('program', 'body') as ASTPath;
    const topLevel = (body.value as unknown as N.Node[]).map((_, i) => body.get(i) as ASTPath);
    for (const path of topLevel.filter((p) => p.node.type === 'ImportDeclaration') as ASTPath<N.ImportDeclaration>[]) {
      const decl = path.node;
      const source = stringValue(decl.source as AnyNode);
      if (source === undefined) continue;
      const module = this.classify(source);
      if (!module) continue;
      const specifiers = decl.specifiers ?? [];
      const form: ImportForm = specifiers.some((s) => s.type === 'ImportNamespaceSpecifier')
        ? 'esm-namespace'
        : specifiers.some((s) => s.type === 'ImportDefaultSpecifier') && !specifiers.some((s) => s.type === 'ImportSpecifier')
          ? 'esm-default'
          : 'esm-named';
      const site: ImportSite = { path, form, module, sourceLiteral: decl.source as N.StringLiteral, bindings: [] };
      this.sites.push(site);
      const declTypeOnly = (decl as { importKind?: string }).importKind === 'type';
      for (const spec of specifiers) {
        const local = spec.local?.name as string | undefined;
        if (!local) continue;
        if (spec.type === 'ImportSpecifier') {
          const exportName = spec.imported.name as string;
          const typeOnly = declTypeOnly || (spec as { importKind?: string }).importKind === 'type';
          this.addBinding({ kind: 'entity', entity: this.entityOf(module, exportName), exportName, local, scope: path.scope as Scope, site, typeOnly });
        } else {
          this.addBinding({ kind: 'namespace', local, scope: path.scope as Scope, site, typeOnly: declTypeOnly });
        }
      }
    }
    // `export { RtcTokenBuilder } from 'agora-access-token'`, `export * from …`: importers elsewhere pass v1 arguments
    for (const path of topLevel.filter((p) => (p.node.type === 'ExportNamedDeclaration' || p.node.type === 'ExportAllDeclaration') && (p.node as N.ExportAllDeclaration).source)) {
      const literal = (path.node as N.ExportAllDeclaration).source as AnyNode;
      const source = stringValue(literal);
      const module = source === undefined ? undefined : this.classify(source);
      if (module) this.sites.push({ path, form: 'esm-reexport', module, sourceLiteral: literal as N.StringLiteral, bindings: [] });
    }
    // `typeof import('agora-access-token').RtcTokenBuilder`: a type that names the module
    for (const path of this.index.importTypes) {
      const literal = (path.node as AnyNode & { argument?: AnyNode }).argument;
      const source = literal && stringValue(literal);
      const module = source === undefined ? undefined : this.classify(source);
      if (module) this.sites.push({ path, form: 'ts-import-type', module, sourceLiteral: literal as N.StringLiteral, bindings: [] });
    }
    for (const path of this.index.dynamicImports) {
      const node = path.node as AnyNode & { source?: AnyNode; arguments?: AnyNode[] };
      const literal = node.type === 'ImportExpression' ? node.source : node.arguments?.[0];
      const source = literal && stringValue(literal);
      const module = source === undefined ? undefined : this.classify(source);
      if (module) this.sites.push({ path, form: 'dynamic-import', module, sourceLiteral: literal as N.StringLiteral, bindings: [] });
    }
    for (const path of topLevel.filter((p) => p.node.type === 'TSImportEqualsDeclaration') as ASTPath<N.TSImportEqualsDeclaration>[]) {
      const ref = path.node.moduleReference as AnyNode;
      if (ref.type !== 'TSExternalModuleReference') {
        this.qualifiedAliases.push(path);
        continue;
      }
      const source = stringValue((ref as N.TSExternalModuleReference).expression as AnyNode);
      const module = source === undefined ? undefined : this.classify(source);
      if (!module) continue;
      const site: ImportSite = { path, form: 'ts-import-equals', module, sourceLiteral: (ref as N.TSExternalModuleReference).expression as N.StringLiteral, bindings: [] };
      this.sites.push(site);
      const local = path.node.id.name as string;
      // ast-types' scopes do not declare `import x = require()` names: bind to whatever a reference resolves to
      this.addBinding({ kind: 'namespace', local, scope: lookupScope(path, local), site, typeOnly: false });
    }
  }

  private collectRequires(): void {
    for (const path of this.index.requireCalls) {
      const source = requireSource(path.node as AnyNode);
      if (source === undefined) continue;
      const module = this.classify(source);
      if (!module) continue;
      const sourceLiteral = path.node.arguments[0] as N.StringLiteral;
      const parent = path.parent.node as AnyNode;
      if (parent.type === 'VariableDeclarator' && path.name === 'init') {
        const declarator = parent as N.VariableDeclarator;
        const scope = path.parent.scope as Scope;
        if (declarator.id.type === 'Identifier') {
          const site: ImportSite = { path: path.parent, form: 'cjs-namespace', module, sourceLiteral, bindings: [] };
          this.sites.push(site);
          this.addBinding({ kind: 'namespace', local: declarator.id.name, scope, site, typeOnly: false });
          continue;
        }
        if (declarator.id.type === 'ObjectPattern') {
          const site: ImportSite = { path: path.parent, form: 'cjs-destructure', module, sourceLiteral, bindings: [] };
          this.sites.push(site);
          this.bindPattern(declarator.id, module, site, scope);
          continue;
        }
      }
      if (isMember(parent) && path.name === 'object') {
        const exportName = memberName(parent);
        const grand = path.parent.parent?.node as AnyNode | undefined;
        if (exportName && grand?.type === 'VariableDeclarator' && path.parent.name === 'init' && (grand as N.VariableDeclarator).id.type === 'Identifier') {
          const site: ImportSite = { path: path.parent.parent, form: 'cjs-member', module, sourceLiteral, bindings: [] };
          this.sites.push(site);
          this.addBinding({
            kind: 'entity',
            entity: this.entityOf(module, exportName),
            exportName,
            local: ((grand as N.VariableDeclarator).id as N.Identifier).name,
            scope: path.parent.parent.scope as Scope,
            site,
            typeOnly: false,
          });
          continue;
        }
      }
      // used in place: require('agora-access-token').RtcTokenBuilder.buildTokenWithUid(…)
      this.sites.push({ path, form: 'cjs-bare', module, sourceLiteral, bindings: [] });
    }
  }

  private bindPattern(pattern: N.ObjectPattern, module: AgoraModule, site: ImportSite, scope: Scope): void {
    for (const prop of pattern.properties) {
      if (prop.type !== 'ObjectProperty' && prop.type !== 'Property') continue;
      const key = prop.key as AnyNode;
      const exportName = key.type === 'Identifier' && !prop.computed ? (key as N.Identifier).name : stringValue(key);
      let value = prop.value as AnyNode;
      if (value.type === 'AssignmentPattern') value = (value as N.AssignmentPattern).left as AnyNode;
      if (!exportName || value.type !== 'Identifier') continue;
      this.addBinding({ kind: 'entity', entity: this.entityOf(module, exportName), exportName, local: (value as N.Identifier).name, scope, site, typeOnly: false });
    }
  }

  /** `const { RtcTokenBuilder } = pkg`, `const agora = pkg`, `const Builder = RtcTokenBuilder` — to a fixpoint. */
  private collectAliases(): void {
    const seen = new Set<N.VariableDeclarator>();
    for (let round = 0; round < 4; round++) {
      let added = false;
      for (const path of this.index.variableDeclarators) {
        const declarator = path.node;
        if (seen.has(declarator) || !declarator.init) continue;
        const init = unwrap(declarator.init as AnyNode);
        if (init.type !== 'Identifier' && !isMember(init)) continue;
        const initPath = this.pathOfInit(path);
        if (!initPath) continue;
        const resolved = this.resolveValue(initPath, init);
        if (!resolved) continue;
        seen.add(declarator);
        added = true;
        const site: ImportSite = { path, form: 'alias', module: resolved.site.module, bindings: [], parent: resolved.site };
        const scope = path.scope as Scope;
        if (resolved.kind === 'namespace') {
          this.sites.push(site);
          if (declarator.id.type === 'Identifier') {
            this.addBinding({ kind: 'namespace', local: declarator.id.name, scope, site, typeOnly: false });
          } else if (declarator.id.type === 'ObjectPattern') {
            this.bindPattern(declarator.id, resolved.site.module, site, scope);
          }
        } else if (declarator.id.type === 'Identifier') {
          this.sites.push(site);
          this.addBinding({ kind: 'entity', entity: resolved.entity, exportName: resolved.exportName, local: declarator.id.name, scope, site, typeOnly: false });
        }
      }
      if (!added) break;
    }
  }

  private pathOfInit(declaratorPath: ASTPath<N.VariableDeclarator>): ASTPath | undefined {
    let initPath = declaratorPath.get('init') as ASTPath;
    while (initPath?.node && unwrap(initPath.node as AnyNode) !== initPath.node) initPath = initPath.get('expression') as ASTPath;
    return initPath?.node ? initPath : undefined;
  }

  /** `import * as ns` read only as `ns.default` (module.exports): that works in native ESM as it is. */
  readsOnlyDefault(site: ImportSite): boolean {
    const binding = site.form === 'esm-namespace' ? site.bindings[0] : undefined;
    if (!binding) return false;
    return this.index.identifiersOf(binding.local).every((p) => {
      if (!isReference(p) || !sameScope(lookupScope(p, binding.local), binding.scope)) return true;
      const parent = p.parent.node as AnyNode;
      return isMember(parent) && p.name === 'object' && memberName(parent) === 'default';
    });
  }

  /** The binding an identifier at `path` refers to, respecting shadowing. */
  bindingOf(path: ASTPath, name: string): Binding | undefined {
    const candidates = this.byName.get(name);
    if (!candidates) return undefined;
    const scope = lookupScope(path, name);
    return candidates.find((b) => b.scope === scope);
  }

  /** What the expression at `path` evaluates to, if it is an Agora module or entity. */
  resolveValue(
    path: ASTPath,
    node: AnyNode = path.node as AnyNode,
  ):
    | { kind: 'namespace'; site: ImportSite; binding?: Binding }
    | { kind: 'entity'; entity: AgoraEntity; exportName: string; site: ImportSite; binding?: Binding }
    | undefined {
    if (node.type === 'Identifier') {
      const binding = this.bindingOf(path, (node as N.Identifier).name);
      if (!binding || binding.typeOnly) return undefined;
      if (binding.kind === 'namespace') return { kind: 'namespace', site: binding.site, binding };
      return { kind: 'entity', entity: binding.entity ?? 'other', exportName: binding.exportName ?? binding.local, site: binding.site, binding };
    }
    if (node.type === 'CallExpression') {
      const source = requireSource(node);
      if (source === undefined) return undefined;
      const site = this.sites.find((s) => s.path.node === node);
      return site ? { kind: 'namespace', site } : undefined;
    }
    if (isMember(node)) {
      const name = memberName(node);
      if (!name) return undefined;
      const objectPath = path.get('object') as ASTPath;
      const object = this.resolveValue(objectPath, unwrap(node.object as AnyNode));
      if (object?.kind !== 'namespace') return undefined;
      // `import * as ns` of a CommonJS package: `ns.default` is its module.exports
      if (name === 'default' && rootSite(object.site).form === 'esm-namespace') return object;
      return { kind: 'entity', entity: object.site.module.exports[name] ?? 'other', exportName: name, site: object.site, binding: object.binding };
    }
    return undefined;
  }

  /** Finds every builder call, role member and other use of the resolved entities. */
  analyze(): FileAnalysis {
    const calls: BuilderCall[] = [];
    const roleRefs: RoleRef[] = [];
    const otherRefs: EntityRef[] = [];
    const accessTokenRefs: EntityRef[] = [];
    const declarators = new Set<unknown>(this.sites.map((s) => s.path.node));

    const visit = (innerPath: ASTPath, resolved: NonNullable<ReturnType<BindingResolver['resolveValue']>>) => {
      if (resolved.kind !== 'entity') return;
      // (RtmRole as any).X, RtcTokenBuilder!.x: the wrapper is part of the reference
      let refPath = innerPath;
      while (refPath.parent && unwrap(refPath.parent.node as AnyNode) !== refPath.parent.node && ['expression'].includes(refPath.name as string)) refPath = refPath.parent as ASTPath;
      const ref: EntityRef = { path: refPath, entity: resolved.entity, generation: resolved.site.module.generation, site: resolved.site, binding: resolved.binding };
      const parentPath = refPath.parent as ASTPath;
      const parent = parentPath?.node as AnyNode | undefined;
      if (parent?.type === 'VariableDeclarator' && declarators.has(parent)) return; // an alias declaration, handled as a site
      if (resolved.entity === 'AccessToken') {
        accessTokenRefs.push(ref);
        return;
      }
      if ((resolved.entity === 'RtcTokenBuilder' || resolved.entity === 'RtmTokenBuilder') && isMember(parent) && refPath.name === 'object') {
        const method = memberName(parent);
        const grand = parentPath.parent as ASTPath;
        if (method && grand?.node.type === 'CallExpression' && parentPath.name === 'callee') {
          calls.push({
            path: grand as ASTPath<N.CallExpression>,
            builder: resolved.entity === 'RtcTokenBuilder' ? 'rtc' : 'rtm',
            method,
            generation: ref.generation,
            ref,
          });
          return;
        }
      }
      if ((resolved.entity === 'RtcRole' || resolved.entity === 'RtmRole') && isMember(parent) && refPath.name === 'object') {
        const member = memberName(parent);
        if (member) {
          roleRefs.push({ path: parentPath as ASTPath<N.MemberExpression>, object: resolved.entity, member, generation: ref.generation, ref });
          return;
        }
      }
      if (resolved.entity === 'other') return;
      otherRefs.push(ref);
    };

    const start = (p: ASTPath) => (p.node as { start?: number }).start ?? 0;
    // in source order, so calls are rewritten and reported top to bottom
    const bound = [...this.byName.keys()].flatMap((name) => this.index.identifiersOf(name)).sort((a, b) => start(a) - start(b));
    for (const path of bound) {
      if (!isReference(path)) continue;
      const binding = this.bindingOf(path, path.node.name);
      if (!binding || binding.typeOnly) continue;
      if (binding.kind === 'entity') {
        visit(path, { kind: 'entity', entity: binding.entity ?? 'other', exportName: binding.exportName ?? binding.local, site: binding.site, binding });
        continue;
      }
      // namespace: look at `ns.Member`
      const parent = path.parent.node as AnyNode;
      if (isMember(parent) && path.name === 'object') {
        const resolved = this.resolveValue(path.parent);
        if (resolved) visit(path.parent, resolved);
      } else if (parent.type === 'NewExpression' && path.name === 'callee' && Object.values(binding.site.module.exports).includes('AccessToken')) {
        // `const AccessToken = require('./AccessToken'); new AccessToken(…)`: a vendored copy exporting the class itself
        accessTokenRefs.push({ path, entity: 'AccessToken', generation: binding.site.module.generation, site: binding.site, binding });
      } else if (!(parent.type === 'VariableDeclarator' && declarators.has(parent))) {
        otherRefs.push({ path, entity: 'other', generation: binding.site.module.generation, site: binding.site, binding });
      }
    }
    // TS `import Builder = agora.RtcTokenBuilder` (or `export import …`): an alias the analysis does not follow
    for (const path of this.qualifiedAliases) {
      let reference = path.node.moduleReference as AnyNode;
      while (reference.type === 'TSQualifiedName') reference = (reference as N.TSQualifiedName).left as AnyNode;
      const binding = reference.type === 'Identifier' ? this.bindingOf(path, (reference as N.Identifier).name) : undefined;
      if (binding) otherRefs.push({ path, entity: 'other', generation: binding.site.module.generation, site: binding.site, binding });
    }
    for (const site of this.sites) {
      // `export const { RtcTokenBuilder } = agora`: importers elsewhere pass v1 arguments
      const exported = site.form === 'alias' && (site.path.parent?.parent?.node as AnyNode | undefined)?.type === 'ExportNamedDeclaration';
      if (site.form === 'esm-reexport' || site.form === 'dynamic-import' || exported) {
        otherRefs.push({ path: site.path, entity: 'other', generation: site.module.generation, site });
        continue;
      }
      if (site.form !== 'cjs-bare') continue;
      const parent = site.path.parent?.node as AnyNode | undefined;
      const resolved = isMember(parent) && site.path.name === 'object' ? this.resolveValue(site.path.parent) : undefined;
      if (resolved) visit(site.path.parent, resolved);
      // assigned, re-exported, chosen by a condition, caught in a try: the module escapes where no call can be followed
      else otherRefs.push({ path: site.path, entity: 'other', generation: site.module.generation, site });
    }
    return { sites: this.sites, bindings: this.bindings, calls, roleRefs, otherRefs, accessTokenRefs };
  }
}

/** Resolves the Agora bindings of a parsed file and every use of them. */
export function analyzeBindings(root: Collection, filePath: string, index: NameIndex, barrels?: Readonly<Record<string, string>>): { resolver: BindingResolver; analysis: FileAnalysis } {
  const resolver = new BindingResolver(root, filePath, index, barrels);
  return { resolver, analysis: resolver.analyze() };
}
