/**
 * Points v1 imports (`agora-access-token`, `agora-token/src/RtcTokenBuilder`, vendored copies) at
 * `agora-token`, in the same form, merged with an existing `agora-token` import. In native ESM a
 * named import from `agora-token` crashes at load (reference 1.4), so there it emits a default
 * import and destructures it. Names AccessToken2 does not have (`RtmRole`) go once unused.
 */
import type { API, ASTPath, FileInfo } from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { isReference, lookupScope, memberName, rootSite, sameScope, type Binding, type EntityRef, type ImportSite } from '../src/analysis/bindings.ts';
import { forEachNode, isOfType } from '../src/analysis/node-paths.ts';
import type { AgoraModule } from '../src/analysis/sources.ts';
import { V2_PACKAGE } from '../src/analysis/sources.ts';
import { insertStatementsBefore, parsedText, programPath, recordEdit, removeStatement, requestReview, type MigrationContext, type TransformOptions } from '../src/codemod/context.ts';
import { familyOf, isFrozen, splitTarget } from '../src/codemod/freeze.ts';
import { freshName } from '../src/codemod/expressions.ts';
import { runTransform, runTransformWithReport } from '../src/codemod/run-steps.ts';
import { convertExpiry } from './convert-expiry.ts';
import { dropRtmRole, isV2ShapeOnV1Review } from './drop-rtm-role.ts';
import { flagManualReview, isHandledElsewhere } from './flag-manual-review.ts';
import { mapDeprecatedRoles } from './map-deprecated-roles.ts';
import { renameAccountBuilder } from './rename-account-builder.ts';

type AnyNode = N.Node & { type: string; comments?: N.Comment[] | null };

export const name = 'swap-import';

const DEFAULT_LOCAL = 'agoraToken';

/** The name `agora-token`'s root exports an entity under, or undefined when it has none (RtmRole). */
function v2ExportName(module: AgoraModule, exportName: string): string | undefined {
  const entity = module.exports[exportName];
  switch (entity) {
    case 'RtcTokenBuilder':
    case 'RtmTokenBuilder':
    case 'RtcRole':
      return entity;
    case 'RtmRole':
    case 'AccessToken':
      return undefined;
    default:
      return exportName;
  }
}

/** Does anything still read this binding? */
function isRead(ctx: MigrationContext, binding: Binding): boolean {
  let read = false;
  forEachNode(ctx.root.paths()[0], (node, pathOf) => {
    if (read || node.name !== binding.local || !isOfType(node.type, 'Identifier')) return;
    const p = pathOf() as ASTPath<N.Identifier>;
    if (!isReference(p) || !sameScope(lookupScope(p, binding.local), binding.scope)) return;
    const parent = p.parent.node as AnyNode;
    if (parent.type === 'VariableDeclarator' && binding.site.path.node === parent) return;
    read = true;
  });
  return read;
}

/** The quote character of a string literal as written (`'` for template literals and new nodes). */
function quoteOf(literal: AnyNode | undefined): string {
  return (literal as { extra?: { raw?: string } } | undefined)?.extra?.raw?.startsWith('"') ? '"' : "'";
}

/** A string literal for `value`, quoted like `like`. */
function stringLike(ctx: MigrationContext, value: string, like: AnyNode | undefined): AnyNode {
  const literal = ctx.j.stringLiteral(value) as N.StringLiteral & { extra?: unknown };
  const quote = quoteOf(like);
  literal.extra = { raw: `${quote}${value}${quote}`, rawValue: value };
  return literal as AnyNode;
}

/**
 * Which names of a v1 import stay on v1: none (swap it all), some (split it: see freeze.ts), or all
 * (undefined: not swappable, or a frozen import that cannot be split). A name stays when one of its
 * family's uses could not be migrated by the other steps or was frozen by an earlier pass.
 */
function namesToKeep(ctx: MigrationContext, site: ImportSite): Set<string> | undefined {
  if (site.module.generation !== 'v1' || !site.module.replacement || site.form === 'alias') return undefined;
  const entities = Object.values(site.module.exports);
  if (!entities.some((e) => e === 'RtcTokenBuilder' || e === 'RtmTokenBuilder' || e === 'RtcRole')) return undefined;
  const { found } = ctx;
  const own = (ref: EntityRef) => rootSite(ref.site) === site;
  const blocking = [...found.otherRefs, ...found.accessTokenRefs].filter((ref) => own(ref) && !isHandledElsewhere(ctx, ref));
  const unmigrated = found.calls.filter((c) => own(c.ref) && ctx.unmigrated.has(c.path.node)).map((c) => c.ref);
  const frozen = [...found.calls.map((c) => c.ref), ...found.roleRefs.map((r) => r.ref)].filter((ref) => own(ref) && isFrozen(ctx.frozenFamilies, ref));
  const kept = new Set([...blocking, ...unmigrated, ...frozen].map((ref) => familyOf(ref.binding?.entity ?? ref.entity)));
  if (kept.size === 0) return new Set();
  const source = site.module.source;
  const target = splitTarget(site, found);
  if (target && [...blocking, ...unmigrated].every((ref) => ref.binding)) {
    for (const binding of target.bindings) if (ctx.frozenFamilies.has(familyOf(binding.entity))) kept.add(familyOf(binding.entity));
    const keep = new Set(target.bindings.filter((b) => kept.has(familyOf(b.entity))).map((b) => b.local));
    for (const family of kept) ctx.keptFamilies.add(family);
    if (keep.size < target.bindings.length) return keep; // reviewed once split (reviewSplit)
  } else {
    // one binding stands for every name: the whole import stays, with every family it is used for
    const used = [...found.calls.map((c) => c.ref), ...found.roleRefs.map((r) => r.ref), ...blocking].filter(own);
    for (const ref of used) ctx.keptFamilies.add(familyOf(ref.entity));
    for (const family of kept) ctx.keptFamilies.add(family);
  }
  requestReview(ctx, name, site.path, `kept the ${source} import, and every call through it on AccessToken (006): migrate the marked uses by hand, then run migrate again`);
  return undefined;
}

/** The review of a split import, on its v1 part (after the moved names were inserted above it). */
function reviewSplit(ctx: MigrationContext, site: ImportSite, keep: ReadonlySet<string>): void {
  const names = [...keep].map((local) => `\`${local}\``).join(', ');
  const them = keep.size === 1 ? 'it' : 'them';
  requestReview(ctx, name, site.path, `kept ${names} on ${site.module.source}, and every call through ${them} on AccessToken (006); the other names moved to ${V2_PACKAGE}: migrate the marked uses by hand, then run migrate again`);
}

/** Existing `agora-token` imports this file already has, to merge into. */
interface V2Imports {
  named?: ASTPath<N.ImportDeclaration>;
  defaultLocal?: string;
  defaultDestructure?: ASTPath<N.VariableDeclarator>;
  cjsDestructure?: ASTPath<N.VariableDeclarator>;
}

function findV2Imports(ctx: MigrationContext): V2Imports {
  const found: V2Imports = {};
  const programScope = programPath(ctx).scope;
  for (const site of ctx.analysis.sites) {
    if (site.module.generation !== 'v2' || site.module.kind !== 'package' || site.module.source !== V2_PACKAGE) continue;
    const node = site.path.node as AnyNode;
    if (site.form === 'esm-named' && !found.named && !(node as N.ImportDeclaration).specifiers?.some((s) => s.type !== 'ImportSpecifier')) found.named = site.path as ASTPath<N.ImportDeclaration>;
    if ((site.form === 'esm-default' || site.form === 'esm-namespace') && !found.defaultLocal) found.defaultLocal = site.bindings[0]?.local;
    if (site.form === 'cjs-destructure' && site.path.scope === programScope && !found.cjsDestructure) found.cjsDestructure = site.path as ASTPath<N.VariableDeclarator>;
  }
  for (const site of ctx.analysis.sites) {
    if (site.form !== 'alias' || !site.parent || site.parent.module.source !== V2_PACKAGE) continue;
    if ((site.path.node as N.VariableDeclarator).id.type === 'ObjectPattern' && site.path.scope === programScope) found.defaultDestructure = site.path as ASTPath<N.VariableDeclarator>;
  }
  return found;
}

/** `{ RtcTokenBuilder, Role }` properties for the v2 root: renamed keys, v2-less names dropped when unused. */
function v2Properties(ctx: MigrationContext, site: ImportSite, pairs: { exportName: string; local: string; binding?: Binding }[]): { key: string; local: string }[] {
  const result: { key: string; local: string }[] = [];
  for (const pair of pairs) {
    const key = v2ExportName(site.module, pair.exportName);
    if (key === undefined) {
      if (pair.binding && isRead(ctx, pair.binding)) {
        requestReview(ctx, name, site.path, `${pair.exportName} does not exist in agora-token; \`${pair.local}\` is still used`);
        result.push({ key: pair.exportName, local: pair.local });
      } else {
        recordEdit(ctx, name, site.path.node as AnyNode, `removed ${pair.exportName}: AccessToken2 has no RTM role`);
      }
      continue;
    }
    result.push({ key, local: pair.local });
  }
  return result;
}

/** `{ A, RtcRole: Role }` as source text. */
function patternText(properties: { key: string; local: string }[]): string {
  return `{ ${properties.map(({ key, local }) => (key === local ? key : `${key}: ${local}`)).join(', ')} }`;
}

/** Parses a statement snippet; recast prints snippet nodes exactly as written (one line, our spacing). */
function parseStatement(ctx: MigrationContext, text: string): AnyNode {
  return (ctx.j(text).get().node as N.File).program.body[0] as AnyNode;
}

function objectPattern(ctx: MigrationContext, properties: { key: string; local: string }[]): N.ObjectPattern {
  const declaration = parseStatement(ctx, `const ${patternText(properties)} = x;`) as unknown as N.VariableDeclaration;
  return (declaration.declarations[0] as N.VariableDeclarator).id as N.ObjectPattern;
}

/** Adds properties to an existing destructuring pattern, skipping locals it already binds. */
function mergeIntoPattern(ctx: MigrationContext, declarator: N.VariableDeclarator, properties: { key: string; local: string }[]): void {
  const pattern = declarator.id as N.ObjectPattern;
  const existing: { key: string; local: string }[] = [];
  for (const prop of pattern.properties as AnyNode[]) {
    const local = localOf(prop);
    const key = (prop as N.ObjectProperty).key as AnyNode;
    if (!local || key.type !== 'Identifier') return; // rest elements, defaults, computed keys: leave the pattern alone
    existing.push({ key: (key as N.Identifier).name, local });
  }
  const locals = new Set(existing.map((p) => p.local));
  declarator.id = objectPattern(ctx, [...existing, ...properties.filter((p) => !locals.has(p.local))]);
}

/** Native ESM: `import { A } from 'x'` → `import agoraToken from 'agora-token'; const { A } = agoraToken;`. */
function swapToDefaultImport(ctx: MigrationContext, site: ImportSite, v2: V2Imports, replacement: string, keep: ReadonlySet<string>): void {
  const decl = site.path.node as N.ImportDeclaration;
  const specifiers = decl.specifiers ?? [];
  const defaultSpecifier = specifiers.find((s) => s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier');
  const staying = (s: (typeof specifiers)[number]) => keep.has(s.local?.name as string);
  const pairs = specifiers
    .filter((s): s is N.ImportSpecifier => s.type === 'ImportSpecifier' && !staying(s))
    .map((s) => ({ exportName: s.imported.name as string, local: (s.local?.name ?? s.imported.name) as string, binding: site.bindings.find((b) => b.local === s.local?.name) }));
  const properties = v2Properties(ctx, site, pairs);
  const program = programPath(ctx).node;
  // a split import keeps its comments (and the review marker) on the v1 part
  const comments = keep.size > 0 ? [] : (decl as AnyNode).comments;
  const lines: string[] = [];
  let local = v2.defaultLocal;
  if (!local || defaultSpecifier) {
    local = (defaultSpecifier?.local?.name as string | undefined) ?? freshName(ctx, site.path, DEFAULT_LOCAL);
    const quote = quoteOf(decl.source as AnyNode);
    lines.push(`import ${local} from ${quote}${replacement}${quote};`);
    v2.defaultLocal ??= local;
  }
  if (properties.length > 0) {
    if (v2.defaultDestructure && v2.defaultLocal === local) mergeIntoPattern(ctx, v2.defaultDestructure.node, properties);
    else lines.push(`const ${patternText(properties)} = ${local};`);
  }
  // the import's own comments travel as text: one snippet, printed exactly as written here
  const text = parsedText(ctx);
  const commentText = (c: N.Comment & { start?: number; end?: number }) => text.slice(c.start ?? 0, c.end ?? 0);
  const leading = (comments ?? []).filter((c) => (c as { leading?: boolean }).leading).map(commentText);
  const trailing = (comments ?? []).filter((c) => (c as { trailing?: boolean }).trailing).map(commentText);
  if (lines.length > 0) {
    lines.unshift(...leading);
    lines[leading.length] += trailing.map((t) => ` ${t}`).join('');
  }
  const statements = lines.length > 0 && keep.size === 0 ? ((ctx.j(lines.join('\n')).get().node as N.File).program.body as AnyNode[]) : [];
  if (keep.size > 0) {
    decl.specifiers = specifiers.filter(staying);
    insertStatementsBefore(ctx, site.path, lines);
  } else program.body.splice(program.body.indexOf(decl as never), 1, ...(statements as never[]));
  // an import is hoisted, a const is not: top-level code above this line would now hit the TDZ
  const declStart = (decl as { start?: number }).start ?? 0;
  const usedEarlier = site.bindings.some((b) =>
    !keep.has(b.local) &&
    ctx.expiry.index.identifiersOf(b.local).some((p) => ((p.node as { start?: number }).start ?? Infinity) < declStart && isReference(p) && lookupScope(p, b.local) === b.scope && p.scope === b.scope),
  );
  if (usedEarlier) requestReview(ctx, name, site.path, 'this import came after top-level code that uses it; the destructuring that replaces it is not hoisted — move it up');
  recordEdit(ctx, name, decl as AnyNode, `${keep.size > 0 ? 'names proven safe moved from' : 'import from'} ${site.module.source} → default import of ${replacement} + destructuring (named imports from agora-token fail at load in native ESM)`);
}

/** Named imports in CommonJS output / bundlers: same form, new source, merged with an existing named import. */
function swapNamedImport(ctx: MigrationContext, site: ImportSite, v2: V2Imports, replacement: string, path: ASTPath = site.path): void {
  const { j } = ctx;
  const decl = path.node as N.ImportDeclaration;
  const kept: N.ImportDeclaration['specifiers'] = [];
  for (const spec of decl.specifiers ?? []) {
    if (spec.type !== 'ImportSpecifier') {
      kept.push(spec);
      continue;
    }
    const binding = site.bindings.find((b) => b.local === spec.local?.name);
    const [prop] = v2Properties(ctx, site, [{ exportName: spec.imported.name as string, local: (spec.local?.name ?? spec.imported.name) as string, binding }]);
    if (!prop) continue;
    if (prop.key === spec.imported.name) {
      kept.push(spec); // as written, `type` modifier included
      continue;
    }
    const renamed = j.importSpecifier(j.identifier(prop.key), j.identifier(prop.local)) as N.ImportSpecifier & { importKind?: string };
    renamed.importKind = (spec as { importKind?: string }).importKind;
    kept.push(renamed);
  }
  // `import type { … }` and a value import stay two declarations: merged, one would change the other's kind
  const sameKind = (other: N.ImportDeclaration) => ((other as { importKind?: string }).importKind ?? 'value') === ((decl as { importKind?: string }).importKind ?? 'value');
  if (v2.named && v2.named.node !== decl && sameKind(v2.named.node) && replacement === V2_PACKAGE && kept.every((s) => s.type === 'ImportSpecifier')) {
    const target = v2.named.node.specifiers!;
    const locals = new Set(target.map((s) => s.local?.name));
    for (const spec of kept) if (!locals.has(spec.local?.name)) target.push(spec);
    removeStatement(ctx, path);
    recordEdit(ctx, name, decl as AnyNode, `import from ${site.module.source} merged into the existing ${V2_PACKAGE} import`);
    return;
  }
  if (kept.length === 0) {
    removeStatement(ctx, path);
    return;
  }
  decl.specifiers = kept;
  decl.source = stringLike(ctx, replacement, decl.source as AnyNode) as never;
  if (replacement === V2_PACKAGE) v2.named ??= path as ASTPath<N.ImportDeclaration>;
  recordEdit(ctx, name, decl as AnyNode, `import from ${site.module.source} → ${replacement}`);
}

/**
 * Named imports, split: the names proven safe move to the existing `agora-token` import, or to a
 * new one above the v1 import (as written: aliases and `type` modifiers), which keeps the others.
 */
function splitNamedImport(ctx: MigrationContext, site: ImportSite, v2: V2Imports, replacement: string, keep: ReadonlySet<string>): void {
  const decl = site.path.node as N.ImportDeclaration;
  const specifiers = (decl.specifiers ?? []) as N.ImportSpecifier[];
  const moving = specifiers.filter((s) => !keep.has(s.local?.name as string));
  decl.specifiers = specifiers.filter((s) => keep.has(s.local?.name as string));
  const kind = (node: N.ImportDeclaration) => (node as { importKind?: string }).importKind ?? 'value';
  const pairs = moving.map((s) => ({ exportName: s.imported.name as string, local: (s.local?.name ?? s.imported.name) as string, binding: site.bindings.find((b) => b.local === s.local?.name) }));
  const properties = v2Properties(ctx, site, pairs);
  const typeOf = (local: string) => ((moving.find((s) => s.local?.name === local) as { importKind?: string } | undefined)?.importKind === 'type' ? 'type ' : '');
  if (properties.length === 0) return;
  if (v2.named && replacement === V2_PACKAGE && kind(v2.named.node) === kind(decl)) {
    const target = v2.named.node.specifiers!;
    const locals = new Set(target.map((s) => s.local?.name));
    for (const spec of moving) if (!locals.has(spec.local?.name) && properties.some((p) => p.local === spec.local?.name)) target.push(spec);
    recordEdit(ctx, name, decl as AnyNode, `names proven safe moved from ${site.module.source} into the existing ${V2_PACKAGE} import`);
    return;
  }
  const quote = quoteOf(decl.source as AnyNode);
  const list = properties.map(({ key, local }) => `${typeOf(local)}${key === local ? key : `${key} as ${local}`}`).join(', ');
  insertStatementsBefore(ctx, site.path, [`import ${kind(decl) === 'type' ? 'type ' : ''}{ ${list} } from ${quote}${replacement}${quote};`]);
  recordEdit(ctx, name, decl as AnyNode, `names proven safe moved from ${site.module.source} → ${replacement}`);
}

/** Local name a destructuring property binds (`{ A }`, `{ A: b }`, `{ A: b = x }`). */
function localOf(prop: AnyNode): string | undefined {
  if (prop.type !== 'ObjectProperty' && prop.type !== 'Property') return undefined;
  const value = (prop as N.ObjectProperty).value as AnyNode;
  if (value.type === 'Identifier') return (value as N.Identifier).name;
  if (value.type === 'AssignmentPattern') return ((value as N.AssignmentPattern).left as N.Identifier).name;
  return undefined;
}

/** `const { RtcTokenBuilder, Role } = require('…')` → `const { RtcTokenBuilder, RtcRole: Role } = require('agora-token')`. */
function swapCjsDestructure(ctx: MigrationContext, site: ImportSite, v2: V2Imports, replacement: string): void {
  const declarator = site.path.node as N.VariableDeclarator;
  const pattern = declarator.id as N.ObjectPattern;
  const pairs: { exportName: string; local: string; binding?: Binding }[] = [];
  for (const prop of pattern.properties as AnyNode[]) {
    const local = localOf(prop);
    if (!local) continue;
    const key = (prop as N.ObjectProperty).key as AnyNode;
    const exportName = key.type === 'Identifier' ? (key as N.Identifier).name : String((key as N.StringLiteral).value);
    pairs.push({ exportName, local, binding: site.bindings.find((b) => b.local === local) });
  }
  const properties = v2Properties(ctx, site, pairs);
  const programScope = programPath(ctx).scope;
  const removeDeclarator = () => {
    const declaration = site.path.parent.node as N.VariableDeclaration;
    if (declaration.declarations.length === 1) removeStatement(ctx, site.path.parent);
    else site.path.prune();
  };
  if (v2.cjsDestructure && v2.cjsDestructure.node !== declarator && replacement === V2_PACKAGE && site.path.scope === programScope) {
    mergeIntoPattern(ctx, v2.cjsDestructure.node, properties);
    removeDeclarator();
    recordEdit(ctx, name, declarator as AnyNode, `require of ${site.module.source} merged into the existing require('${V2_PACKAGE}')`);
    return;
  }
  if (properties.length === 0) {
    removeDeclarator();
    return;
  }
  // an unchanged pattern keeps its formatting; a changed one is printed on one line
  const unchanged = properties.length === pairs.length && properties.every((p, i) => p.key === pairs[i].exportName && p.local === pairs[i].local);
  const simple = (pattern.properties as AnyNode[]).every((prop) => localOf(prop) !== undefined && ((prop as N.ObjectProperty).value as AnyNode).type === 'Identifier');
  if (!unchanged) {
    if (!simple) {
      requestReview(ctx, name, site.path, `destructuring from ${site.module.source} with defaults or rest elements: rename Role to RtcRole and drop RtmRole by hand`);
      return;
    }
    declarator.id = objectPattern(ctx, properties) as never;
  }
  replaceSource(ctx, site, replacement);
  if (replacement === V2_PACKAGE && site.path.scope === programScope) v2.cjsDestructure ??= site.path as ASTPath<N.VariableDeclarator>;
}

/** `{ A, B: b }` of a destructuring split: the names kept on the v1 package, and those that move. */
function partitionPattern(declarator: N.VariableDeclarator, keep: ReadonlySet<string>, bindings: readonly Binding[]): {
  staying: { key: string; local: string }[];
  moving: { exportName: string; local: string; binding?: Binding }[];
} {
  const staying: { key: string; local: string }[] = [];
  const moving: { exportName: string; local: string; binding?: Binding }[] = [];
  for (const prop of (declarator.id as N.ObjectPattern).properties as N.ObjectProperty[]) {
    const local = (prop.value as N.Identifier).name;
    const exportName = (prop.key as N.Identifier).name;
    if (keep.has(local)) staying.push({ key: exportName, local });
    else moving.push({ exportName, local, binding: bindings.find((b) => b.local === local) });
  }
  return { staying, moving };
}

/**
 * `const { A, B } = require('…')`, split: the names proven safe go to a new declaration above it
 * (same keyword, same require), or into an existing `require('agora-token')`; the others stay.
 */
function splitCjsDestructure(ctx: MigrationContext, site: ImportSite, v2: V2Imports, replacement: string, keep: ReadonlySet<string>): void {
  const declarator = site.path.node as N.VariableDeclarator;
  const { staying, moving } = partitionPattern(declarator, keep, site.bindings);
  declarator.id = objectPattern(ctx, staying) as never;
  const properties = v2Properties(ctx, site, moving);
  if (properties.length === 0) return;
  if (v2.cjsDestructure && replacement === V2_PACKAGE && site.path.scope === programPath(ctx).scope) {
    mergeIntoPattern(ctx, v2.cjsDestructure.node, properties);
    recordEdit(ctx, name, declarator as AnyNode, `names proven safe moved from ${site.module.source} into the existing require('${V2_PACKAGE}')`);
    return;
  }
  const text = parsedText(ctx);
  const init = declarator.init as AnyNode & { start: number; end: number };
  const literal = site.sourceLiteral as unknown as AnyNode & { start: number; end: number };
  const quote = quoteOf(literal);
  const initText = `${text.slice(init.start, literal.start)}${quote}${replacement}${quote}${text.slice(literal.end, init.end)}`;
  const kind = (site.path.parent.node as N.VariableDeclaration).kind;
  insertStatementsBefore(ctx, site.path.parent, [`${kind} ${patternText(properties)} = ${initText};`]);
  recordEdit(ctx, name, declarator as AnyNode, `names proven safe moved from ${site.module.source} → ${replacement}`);
}

/**
 * `import pkg from '…'; const { A, B } = pkg;` (or `const agora = require('…')`), split: the names
 * proven safe are destructured from `agora-token` above the v1 import (a default import in ESM,
 * a require in CommonJS), or merged into an existing destructuring of it; the others stay.
 */
function splitModuleObject(ctx: MigrationContext, site: ImportSite, v2: V2Imports, replacement: string, keep: ReadonlySet<string>): void {
  const alias = splitTarget(site, ctx.found)!;
  const declarator = alias.path.node as N.VariableDeclarator;
  const { staying, moving } = partitionPattern(declarator, keep, alias.bindings);
  declarator.id = objectPattern(ctx, staying) as never;
  const properties = v2Properties(ctx, alias, moving);
  if (properties.length === 0) return;
  const merged = site.form === 'esm-default' ? v2.defaultDestructure : v2.cjsDestructure;
  if (merged && replacement === V2_PACKAGE) {
    mergeIntoPattern(ctx, merged.node, properties);
    recordEdit(ctx, name, declarator as AnyNode, `names proven safe moved from ${site.module.source} into the existing destructuring of ${V2_PACKAGE}`);
    return;
  }
  const kind = (alias.path.parent.node as N.VariableDeclaration).kind;
  const quote = quoteOf(site.sourceLiteral as AnyNode | undefined);
  const lines: string[] = [];
  if (site.form === 'esm-default') {
    let local = replacement === V2_PACKAGE ? v2.defaultLocal : undefined;
    if (!local) {
      local = freshName(ctx, site.path, DEFAULT_LOCAL);
      lines.push(`import ${local} from ${quote}${replacement}${quote};`);
    }
    lines.push(`${kind} ${patternText(properties)} = ${local};`);
  } else {
    const text = parsedText(ctx);
    const init = (site.path.node as N.VariableDeclarator).init as AnyNode & { start: number; end: number };
    const literal = site.sourceLiteral as unknown as AnyNode & { start: number; end: number };
    lines.push(`${kind} ${patternText(properties)} = ${text.slice(init.start, literal.start)}${quote}${replacement}${quote}${text.slice(literal.end, init.end)};`);
  }
  insertStatementsBefore(ctx, site.form === 'esm-default' ? site.path : site.path.parent, lines);
  recordEdit(ctx, name, declarator as AnyNode, `names proven safe moved from ${site.module.source} → ${replacement}`);
}

function replaceSource(ctx: MigrationContext, site: ImportSite, replacement: string): void {
  const literal = site.sourceLiteral as AnyNode | undefined;
  if (!literal) return;
  const fresh = stringLike(ctx, replacement, literal) as N.StringLiteral & { extra?: unknown };
  const target = literal as N.StringLiteral & { extra?: unknown };
  target.value = fresh.value;
  target.extra = fresh.extra;
  recordEdit(ctx, name, literal, `${site.module.source} → ${replacement}`);
}

/** `import('agora-access-token').RtcRole` → `import('agora-token').RtcRole`; a name agora-token lacks is left for review. */
function swapImportType(ctx: MigrationContext, site: ImportSite, replacement: string): void {
  let qualifier = (site.path.node as AnyNode & { qualifier?: AnyNode | null }).qualifier;
  while (qualifier?.type === 'TSQualifiedName') qualifier = (qualifier as N.TSQualifiedName).left as AnyNode;
  const exportName = qualifier?.type === 'Identifier' ? (qualifier as N.Identifier).name : undefined;
  const v2Name = exportName && v2ExportName(site.module, exportName);
  if (exportName && !v2Name) {
    requestReview(ctx, name, site.path, `type ${exportName} of ${site.module.source} does not exist in agora-token`);
    return;
  }
  if (v2Name && v2Name !== exportName) (qualifier as N.Identifier).name = v2Name;
  replaceSource(ctx, site, replacement);
}

/** `ns.Role` → `ns.RtcRole` for namespaces of a deep v1 module (whose role export is called `Role`). */
function renameMemberExports(ctx: MigrationContext, site: ImportSite): void {
  const refs = [...ctx.analysis.calls.map((c) => c.ref), ...ctx.analysis.roleRefs.map((r) => r.ref)].filter((r) => rootSite(r.site) === site);
  for (const ref of refs) {
    const node = ref.path.node as AnyNode;
    if (node.type !== 'MemberExpression') continue;
    const exportName = memberName(node as N.MemberExpression);
    if (!exportName) continue;
    const v2Name = v2ExportName(site.module, exportName);
    if (v2Name && v2Name !== exportName && !(node as N.MemberExpression).computed) ((node as N.MemberExpression).property as N.Identifier).name = v2Name;
  }
}

/**
 * `const RtcRole = require('…/RtcTokenBuilder').Role` → `require('agora-token').RtcRole`; a member
 * AccessToken2 does not have (the RTM `Role`) is removed once nothing reads it.
 */
function swapCjsMember(ctx: MigrationContext, site: ImportSite, replacement: string): void {
  const init = (site.path.node as N.VariableDeclarator).init as N.MemberExpression;
  const exportName = memberName(init);
  const v2Name = exportName && v2ExportName(site.module, exportName);
  if (exportName && !v2Name) {
    const binding = site.bindings[0];
    if (binding && isRead(ctx, binding)) {
      requestReview(ctx, name, site.path, `${exportName} of ${site.module.source} does not exist in agora-token; \`${binding.local}\` is still used`);
      return;
    }
    const declaration = site.path.parent.node as N.VariableDeclaration;
    recordEdit(ctx, name, site.path.node as AnyNode, `removed ${binding?.local ?? exportName}: AccessToken2 has no RTM role`);
    if (declaration.declarations.length === 1) removeStatement(ctx, site.path.parent);
    else site.path.prune();
    return;
  }
  if (v2Name && v2Name !== exportName && !init.computed) (init.property as N.Identifier).name = v2Name;
  replaceSource(ctx, site, replacement);
}

/**
 * Native-ESM named imports from `agora-token` itself crash at load, and a namespace import sees no
 * builders (only ApaasTokenBuilder and default): fix them too (a half-migration).
 */
function isCrashingV2Import(ctx: MigrationContext, site: ImportSite): boolean {
  if (ctx.moduleKind !== 'module' || site.module.generation !== 'v2' || site.module.kind !== 'package') return false;
  if ((site.path.node as { importKind?: string }).importKind === 'type') return false;
  if (site.form === 'esm-namespace') return !ctx.resolver.readsOnlyDefault(site);
  if (site.form !== 'esm-named') return false;
  const specifiers = (site.path.node as N.ImportDeclaration).specifiers ?? [];
  // cjs-module-lexer only finds the first export of agora-token (ApaasTokenBuilder)
  return specifiers.some((s) => s.type === 'ImportSpecifier' && (s as { importKind?: string }).importKind !== 'type' && s.imported.name !== 'ApaasTokenBuilder');
}

/** The step. */
export function swapImport(ctx: MigrationContext): void {
  const v2 = findV2Imports(ctx);
  const swapped = new Set<ImportSite>();
  for (const site of ctx.analysis.sites) {
    const crashing = isCrashingV2Import(ctx, site);
    const keep = crashing ? new Set<string>() : namesToKeep(ctx, site);
    if (!keep) continue;
    if (keep.size > 0 && (site.form === 'esm-default' || site.form === 'cjs-namespace')) {
      splitModuleObject(ctx, site, v2, site.module.replacement ?? site.module.source, keep);
      reviewSplit(ctx, site, keep);
      continue;
    }
    swapped.add(site);
    const replacement = site.module.replacement ?? site.module.source;
    const typeOnly = (site.path.node as { importKind?: string }).importKind === 'type';
    switch (site.form) {
      case 'esm-named':
        if (ctx.moduleKind === 'module' && !typeOnly) {
          if (crashing) v2.named = undefined;
          swapToDefaultImport(ctx, site, v2, replacement, keep);
        } else if (keep.size > 0) splitNamedImport(ctx, site, v2, replacement, keep);
        else swapNamedImport(ctx, site, v2, replacement);
        if (keep.size > 0) reviewSplit(ctx, site, keep);
        break;
      case 'esm-namespace':
        if (ctx.moduleKind === 'module' && !typeOnly && !ctx.resolver.readsOnlyDefault(site)) {
          const decl = site.path.node as N.ImportDeclaration;
          decl.specifiers = [ctx.j.importDefaultSpecifier(ctx.j.identifier(site.bindings[0].local))];
          recordEdit(ctx, name, decl as AnyNode, 'namespace import → default import (agora-token has no ESM named exports)');
        }
        replaceSource(ctx, site, replacement);
        break;
      case 'cjs-member':
        swapCjsMember(ctx, site, replacement);
        break;
      case 'esm-default':
      case 'cjs-namespace':
      case 'cjs-bare':
      case 'ts-import-equals':
        replaceSource(ctx, site, replacement);
        break;
      case 'ts-import-type':
        swapImportType(ctx, site, replacement);
        break;
      case 'esm-reexport':
        // only a barrel the project layer followed (CommonJS, names agora-token has) gets here
        replaceSource(ctx, site, replacement);
        break;
      case 'cjs-destructure':
        if (keep.size > 0) {
          splitCjsDestructure(ctx, site, v2, replacement, keep);
          reviewSplit(ctx, site, keep);
        } else swapCjsDestructure(ctx, site, v2, replacement);
        break;
      case 'alias':
        break;
    }
    renameMemberExports(ctx, site);
  }
  // `const { RtcTokenBuilder, RtmRole } = pkg` where pkg now comes from agora-token
  for (const site of ctx.analysis.sites) {
    if (site.form !== 'alias' || !site.parent || site.module.generation !== 'v1' || !swapped.has(rootSite(site))) continue;
    const declarator = site.path.node as N.VariableDeclarator;
    if (declarator.id.type !== 'ObjectPattern') continue;
    const unused = new Set(site.bindings.filter((b) => b.entity === 'RtmRole' && !isRead(ctx, b)).map((b) => b.local));
    const properties: { key: string; local: string }[] = [];
    let renamed = false;
    for (const prop of declarator.id.properties as AnyNode[]) {
      const local = localOf(prop);
      const key = (prop as N.ObjectProperty).key as AnyNode;
      if (!local || key.type !== 'Identifier' || ((prop as N.ObjectProperty).value as AnyNode).type !== 'Identifier') {
        properties.length = 0;
        break; // defaults, rest elements, computed keys: leave the pattern as it is
      }
      if (unused.has(local)) continue;
      // `Role` of a deep v1 module is `RtcRole` at the agora-token root
      const exportName = (key as N.Identifier).name;
      const v2Name = v2ExportName(site.module, exportName) ?? exportName;
      if (v2Name !== exportName) renamed = true;
      properties.push({ key: v2Name, local });
    }
    if ((unused.size === 0 && !renamed) || properties.length === 0) continue;
    declarator.id = objectPattern(ctx, properties) as never;
    recordEdit(ctx, name, declarator as AnyNode, unused.size > 0 ? 'removed RtmRole: AccessToken2 has no RTM role' : 'renamed to the agora-token root export names');
  }
}

/**
 * jscodeshift entry point. Alone, this transform would be the naive package swap the migration
 * exists to prevent, so it refuses while any other transform still has work in the file.
 */
export default function transform(file: FileInfo, api: API, options: TransformOptions): string | undefined {
  const pending = runTransformWithReport(file, options, [flagManualReview, renameAccountBuilder, mapDeprecatedRoles, convertExpiry, dropRtmRole]);
  // a v2-shaped RTM call on v1 (or one drop-rtm-role already rewrote) has no arguments left to change: not pending work
  const onlyLifetimeReviews = pending.edits.length === 0 && pending.reviews.length > 0 && pending.reviews.every(isV2ShapeOnV1Review);
  if (pending.output !== undefined && !onlyLifetimeReviews) {
    api.report(`${file.path}: imports left on AccessToken: calls still have v1 arguments (${pending.edits.length} edits pending); run the accesstoken2 recipe instead`);
    return undefined;
  }
  return runTransform(file, api, options, [swapImport]);
}
