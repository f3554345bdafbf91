import type { API, ASTPath, Collection, FileInfo, JSCodeshift } from 'jscodeshift';
import jscodeshift from 'jscodeshift';
import type { namedTypes as N } from 'ast-types';
import { analyzeBindings, type BindingResolver, type FileAnalysis } from '../analysis/bindings.ts';
import { ExpiryClassifier } from '../analysis/expiry.ts';
import { hasWorkWithoutAgoraImport, type ProjectFacts } from '../analysis/project/facts.ts';
import { NameIndex } from '../analysis/name-index.ts';
import { detectModuleKind } from '../analysis/module-kind.ts';
import { jscodeshiftFor } from '../analysis/parser.ts';
import { formatMarker, isMarker } from '../marker.ts';
import { preserveArgumentLayout } from './layout.ts';
import { printSharingUnchanged } from './reprint.ts';
import { isFrozen, type Family } from './freeze.ts';
import type { EditRecord, ModuleKind, ReviewItem } from '../types.ts';

type AnyNode = N.Node & { type: string; comments?: unknown[] | null };

/** Options every transform accepts (from jscodeshift's command line or the recipe). */
export interface TransformOptions {
  /** Overrides module-kind detection (extension, then nearest package.json `type`). */
  moduleKind?: ModuleKind;
  /** What the project layer (src/analysis/project) knows about this file from other modules; none: single-file analysis. */
  projectFacts?: ProjectFacts;
}

/**
 * What a previous pass over the same text decided (see runSteps): v1 names that stay on v1 for
 * review, whose uses must then stay v1-shaped too, and the reviews to repeat.
 */
export interface PassState {
  /** Families of v1 names kept for review (see freeze.ts). */
  keptFamilies: ReadonlySet<Family>;
  /** The calls (by start offset and type) left unmigrated, with their reasons. */
  reviews: readonly ReviewAnchor[];
}

export interface ReviewAnchor {
  start: number;
  type: string;
  transform: string;
  reason: string;
}

/** Shared state of one file's migration: parsed once, analysed once, printed once. */
export interface MigrationContext {
  j: JSCodeshift;
  root: Collection;
  file: FileInfo;
  moduleKind: ModuleKind;
  isTypeScript: boolean;
  resolver: BindingResolver;
  analysis: FileAnalysis;
  expiry: ExpiryClassifier;
  edits: EditRecord[];
  reviews: ReviewItem[];
  /** Runtime helpers the steps asked for, emitted once at the end of the file. */
  helpers: Set<RuntimeHelper>;
  /**
   * Variables a rewrite stopped reading (clock values, dropped RTM roles), with the transform that
   * did: removed at the end when nothing else reads them.
   */
  staleVariables: Map<import('../analysis/expiry.ts').ClockVariable, string>;
  /** Builder calls left as they were (reviewed): their names must stay on v1 too. */
  unmigrated: Set<N.Node>;
  /** The analysis before the uses of frozen families were taken out (swap-import decides what to keep from it). */
  found: FileAnalysis;
  /** Families of v1 names kept for review by an earlier pass: their calls and roles are left as they are. */
  frozenFamilies: ReadonlySet<Family>;
  /** Families this pass kept for review. */
  keptFamilies: Set<Family>;
  /** Labels of the v1 constants written as numbers (labelledNumber), to space their comments when printing. */
  labels: Set<string>;
  /** Where each call left unmigrated is, so a later pass (which no longer sees it) can repeat its review. */
  reviewAnchors: ReviewAnchor[];
  /** Argument count and extent of every builder call as parsed, for layout-preserving printing. */
  originalArity: Map<N.Node, number>;
  originalArgs: Map<N.Node, { start: number; lastEnd: number; nodes: N.Node[] }>;
  /** A new argument → the original one it stands for, where the list shrank (its comments follow it). */
  argumentOrigins: Map<N.Node, N.Node>;
  /** Text appended after printing (the run-time helpers). */
  appendix: string;
  /** Names this run declared (hoisted consts, default imports), so a second one does not collide. */
  introducedNames: Set<string>;
  /** The project layer proved every importer of this file's re-export of an Agora package is migrated with it. */
  followedBarrel: boolean;
  /** What the project layer knows about this file (undefined when the transforms run alone). */
  projectFacts: ProjectFacts | undefined;
  changed: boolean;
}

/** The run-time helpers a migration can need; bodies mirror src/mapping.ts. */
export type RuntimeHelper = 'toTokenExpire' | 'toPrivilegeExpire' | 'toV2Role';

/** A transform step: edits the shared tree, records edits and reviews. */
export type Step = (ctx: MigrationContext) => void;

/** 1-based line and column of a node (falls back to the file start for synthesized nodes). */
export function positionOf(node: AnyNode | undefined): { line: number; column: number } {
  const start = (node as { loc?: { start: { line: number; column: number } } } | undefined)?.loc?.start;
  return start ? { line: start.line, column: start.column + 1 } : { line: 1, column: 1 };
}

/** The Program node's path, without a tree search (the root path holds the File). */
export function programPath(ctx: MigrationContext): ASTPath<N.Program> {
  return ctx.root.paths()[0].get('program') as ASTPath<N.Program>;
}

/** Placeholder left where a statement was removed; its line is dropped from the printed text. */
const REMOVED = '__agoraTokenMigrateRemoved__';

/** A line holding only a placeholder statement (`const X;`, `X;`, `import 'X';`). */
const REMOVED_LINE = `[ \\t]*(?:(?:var|let|const) |import ['"])?${REMOVED}['"]?;?[ \\t]*\\r?\\n`;

/**
 * Removes a statement. Recast reprints a whole block when one of its statements is replaced or
 * removed (re-indenting comments in code nobody touched), so the statement keeps its node and type
 * and only its content becomes a placeholder, which printContext deletes with its line.
 */
export function removeStatement(ctx: MigrationContext, statement: ASTPath): void {
  const { j } = ctx;
  const node = statement.node as AnyNode;
  const parent = statement.parent?.node as AnyNode | undefined;
  // only a statement on its own line in a statement list can be dropped as a line
  const inList = !!parent && ['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock'].includes(parent.type);
  switch (inList ? node.type : undefined) {
    case 'VariableDeclaration':
      (node as N.VariableDeclaration).declarations = [j.variableDeclarator(j.identifier(REMOVED), null)];
      return;
    case 'ExpressionStatement':
      (node as N.ExpressionStatement).expression = j.identifier(REMOVED);
      return;
    case 'ImportDeclaration':
      // `import type '…'` does not parse: the placeholder is a plain side-effect import
      (node as { importKind?: string }).importKind = 'value';
      (node as N.ImportDeclaration).specifiers = [];
      (node as N.ImportDeclaration).source = j.stringLiteral(REMOVED);
      return;
    default:
      statement.prune();
  }
}

/** Drops the placeholders' lines; a run of them between two blank lines leaves one blank line. */
function dropRemovedStatements(text: string): string {
  if (!text.includes(REMOVED)) return text;
  return text
    .replace(new RegExp(`(\\r?\\n[ \\t]*\\r?\\n)(?:${REMOVED_LINE})+[ \\t]*\\r?\\n`, 'g'), '$1')
    .replace(new RegExp(`^(?:${REMOVED_LINE})+`, 'gm'), '');
}

/** A line comment standing for statements to insert; printContext writes them in its place. */
const INSERTED = '__agoraTokenMigrateInsert__';

/**
 * Inserts statements (source lines, printed exactly as given) above a statement. Recast loses line
 * breaks when a new node is spliced next to one whose comments changed (a review marker), so the
 * lines travel as a comment of that statement, placed before any marker it gets later.
 */
export function insertStatementsBefore(ctx: MigrationContext, statement: ASTPath, lines: string[]): void {
  const node = statement.node as AnyNode;
  node.comments = [...(node.comments ?? []), ctx.j.commentLine(`${INSERTED}${JSON.stringify(lines)}`, true, false)] as never;
  ctx.changed = true;
}

/** Writes the statements insertStatementsBefore left as comments, indented like the line they stand on. */
function writeInsertedStatements(text: string, lineTerminator: string): string {
  if (!text.includes(INSERTED)) return text;
  return text.replace(new RegExp(`^([ \\t]*)//${INSERTED}(.*)$`, 'gm'), (_, indent: string, json: string) =>
    (JSON.parse(json) as string[]).map((line) => `${indent}${line}`).join(lineTerminator),
  );
}

/** Records an edit for reports; marks the file changed. */
export function recordEdit(ctx: MigrationContext, transform: string, node: AnyNode | undefined, description: string): void {
  ctx.changed = true;
  ctx.edits.push({ file: ctx.file.path, transform, description, ...positionOf(node) });
}

/** The statement (or class member) that contains `path`, where a marker comment can go. */
function enclosingStatement(path: ASTPath): ASTPath | undefined {
  let current: ASTPath | null = path;
  while (current) {
    const parent = current.parent as ASTPath | null;
    const type = (current.node as AnyNode).type;
    if (
      parent &&
      (/Statement$|Declaration$/.test(type) || type === 'ClassProperty' || type === 'PropertyDefinition') &&
      type !== 'VariableDeclarator' &&
      (Array.isArray(parent.node) || ['Program', 'BlockStatement', 'SwitchCase', 'ClassBody', 'StaticBlock', 'ExportNamedDeclaration'].includes((parent.node as AnyNode).type))
    ) {
      // the marker goes on the export statement, not its inner declaration
      if ((parent.node as AnyNode).type === 'ExportNamedDeclaration') return parent;
      return current;
    }
    current = parent;
  }
  return undefined;
}

/**
 * Leaves a manual-review marker comment above the statement at `path` (once) and reports it.
 * The code itself is left as it is.
 */
export function requestReview(ctx: MigrationContext, transform: string, path: ASTPath, reason: string): void {
  const position = positionOf(path.node as AnyNode);
  if (ctx.reviews.some((r) => r.line === position.line && r.column === position.column && r.reason === reason)) return;
  ctx.reviews.push({ file: ctx.file.path, transform, reason, ...position });
  const statement = enclosingStatement(path);
  if (!statement) return;
  const node = statement.node as AnyNode;
  const comments = (node.comments ?? []) as { leading?: boolean; value: string }[];
  if (comments.some((c) => c.leading !== false && isMarker(c.value))) return;
  const marker = ctx.j.commentLine(formatMarker(reason), true, false);
  node.comments = [...comments, marker] as never;
  ctx.changed = true;
}

/** Leaves a builder call unchanged, with a review marker; its import is then not swapped either. */
export function leaveUnmigrated(ctx: MigrationContext, transform: string, call: ASTPath, reason: string): void {
  ctx.unmigrated.add(call.node as N.Node);
  // a later pass no longer sees this call once its import is frozen: it repeats the reason from here
  const anchor = call.node as AnyNode & { start?: number };
  if (anchor.start !== undefined) ctx.reviewAnchors.push({ start: anchor.start, type: anchor.type, transform, reason });
  requestReview(ctx, transform, call, reason);
}

/** Builds the shared context for a file, or undefined when it uses no Agora token module. */
export function createContext(file: FileInfo, api: API, options: TransformOptions, previous?: PassState): MigrationContext | undefined {
  const j = jscodeshiftFor(api?.jscodeshift ?? jscodeshift, file.path);
  const root = j(file.source);
  const index = new NameIndex(j, root);
  const { resolver, analysis: found } = analyzeBindings(root, file.path, index, options.projectFacts?.agoraBarrels);
  // a file calling a wrapper whose deadline parameter now takes seconds has work even without an Agora import
  if (found.sites.length === 0 && !hasWorkWithoutAgoraImport(options.projectFacts)) return undefined;
  const frozenFamilies = previous?.keptFamilies ?? new Set<Family>();
  // the steps never see the calls and roles of a frozen family: they stay AccessToken-shaped
  const analysis: FileAnalysis =
    frozenFamilies.size === 0
      ? found
      : {
          ...found,
          calls: found.calls.filter((c) => !isFrozen(frozenFamilies, c.ref)),
          roleRefs: found.roleRefs.filter((r) => !isFrozen(frozenFamilies, r.ref)),
        };
  const originalArity = new Map<N.Node, number>();
  const originalArgs = new Map<N.Node, { start: number; lastEnd: number; nodes: N.Node[] }>();
  for (const call of analysis.calls) {
    const args = call.path.node.arguments as (N.Node & { start?: number; end?: number })[];
    originalArity.set(call.path.node, args.length);
    if (args.length > 0) originalArgs.set(call.path.node, { start: args[0].start ?? 0, lastEnd: args[args.length - 1].end ?? 0, nodes: [...args] });
  }
  return {
    originalArity,
    originalArgs,
    argumentOrigins: new Map(),
    j,
    root,
    file,
    moduleKind: options.moduleKind ?? detectModuleKind(file.path),
    isTypeScript: /\.[cm]?tsx?$/.test(file.path),
    resolver,
    analysis,
    expiry: new ExpiryClassifier(j, index, options.projectFacts?.constants, options.projectFacts?.clockHelpers),
    edits: [],
    reviews: [],
    helpers: new Set(),
    staleVariables: new Map(),
    unmigrated: new Set(),
    found,
    frozenFamilies,
    keptFamilies: new Set(),
    reviewAnchors: [],
    labels: new Set(),
    appendix: '',
    introducedNames: new Set(),
    followedBarrel: options.projectFacts?.followedBarrel === true,
    projectFacts: options.projectFacts,
    changed: false,
  };
}

/**
 * The quote for strings the migration creates (recast prints every new string literal with it):
 * that of the file's own Agora import specifiers, else the one the file uses most.
 */
export function preferredQuote(ctx: MigrationContext): 'single' | 'double' {
  const raw = (ctx.analysis.sites.find((s) => s.sourceLiteral)?.sourceLiteral as { extra?: { raw?: string } } | undefined)?.extra?.raw;
  if (raw?.startsWith('"')) return 'double';
  if (raw?.startsWith("'")) return 'single';
  const single = (ctx.file.source.match(/'/g) ?? []).length;
  const double = (ctx.file.source.match(/"/g) ?? []).length;
  return double > single ? 'double' : 'single';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number standing for a v1 constant, labelled with the constant as written (`101`, then the comment `RtcRole.ADMIN`). */
export function labelledNumber(ctx: MigrationContext, value: number, label: string): N.NumericLiteral {
  const literal = ctx.j.numericLiteral(value) as N.NumericLiteral & { comments?: unknown[] };
  literal.comments = [ctx.j.commentBlock(` ${label} `, false, true)];
  ctx.labels.add(label);
  return literal;
}

/** The text node offsets refer to: recast hands the parser every line terminator as `\n`. */
export function parsedText(ctx: MigrationContext): string {
  return ctx.file.source.replace(/\r\n?|\u2028|\u2029/g, '\n');
}

/** Prints the tree if any step changed it, keeping untouched code byte-for-byte. */
export function printContext(ctx: MigrationContext): string | undefined {
  if (!ctx.changed) return undefined;
  preserveArgumentLayout(ctx);
  // recast writes one terminator everywhere: a mixed file gets the one most of its lines use
  const crlf = ctx.file.source.split('\r\n').length - 1;
  const lineTerminator = crlf > (ctx.file.source.split('\n').length - 1) / 2 ? '\r\n' : '\n';
  // argument layout is decided by preserveArgumentLayout, not by recast's line-length wrapping
  const options = { quote: preferredQuote(ctx), lineTerminator, wrapColumn: 10_000 };
  const source = printSharingUnchanged(ctx.root.paths()[0].node, () => ctx.root.toSource(options));
  let printed = writeInsertedStatements(dropRemovedStatements(source), lineTerminator);
  // recast prints a trailing block comment flush against its node: `101/* RtcRole.ADMIN */`
  for (const label of ctx.labels) {
    const comment = `/* ${label} */`;
    printed = printed.replace(new RegExp(`(\\d)${escapeRegExp(comment)}`, 'g'), (_, digit: string) => `${digit} ${comment}`);
  }
  if (!ctx.appendix) return printed;
  const body = printed.replace(/\s*$/, '');
  return `${body}${lineTerminator}${lineTerminator}${ctx.appendix.split('\n').join(lineTerminator)}${lineTerminator}`;
}
