/**
 * Post-migration type check: TypeScript (and `// @ts-check` JavaScript) that uses `agora-token`
 * is type-checked against `agora-token`'s own declarations with ts-morph, and the errors that
 * stand at a builder call are returned: an arity error (`buildTokenWithUid` with 6 arguments), a
 * missing member (`buildTokenWithAccount`, `RtcRole.ATTENDEE`), a name `agora-token` does not export
 * (`RtmRole`). Errors elsewhere in the file (an unresolved `express`, a strictness setting) are the
 * project's business, not the migration's.
 *
 * ts-morph (and TypeScript with it) is loaded on the first call that has a file to check, never at
 * import: a run with no TypeScript candidate pays nothing.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Node, Project, SourceFile } from 'ts-morph';

export interface TypecheckFile {
  /** Path of the file (it need not exist: its text is given); errors name it as given. */
  path: string;
  /** The text to check: the migrated text, or the file as it is. */
  text: string;
}

/** A type error at a builder call or an `agora-token` import; line and column 1-based. */
export interface BuilderTypeError {
  file: string;
  line: number;
  column: number;
  /** TypeScript's error number (2554: arity, 2339: no such member, 2305/2724: no such export). */
  code: number;
  message: string;
}

export interface TypecheckOptions {
  /**
   * A project to check in (its compiler options and module resolution); the files are added to it
   * with the given texts. By default a fresh project resolves `agora-token` to the declarations of
   * the version this tool ships (the migrated code's dependency may not be installed yet).
   */
  project?: Project;
}

const TS_EXTENSION = /\.[cm]?tsx?$/;
const JS_EXTENSION = /\.[cm]?jsx?$/;
/** `// @ts-check` among the comments that open the file (TypeScript reads it anywhere before the code too). */
const TS_CHECK = /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*?\s*\/\/\s*@ts-check\b/;
/** An import or require of `agora-token` or one of its modules. */
const V2_SPECIFIER = /(["'`])agora-token(?:\/[^"'`\s]*)?\1/;

/** Is this file's text something the type check reads: TypeScript or checked JavaScript, using agora-token? */
export function isTypecheckCandidate(filePath: string, text: string): boolean {
  if (/\.d\.[cm]?ts$/.test(filePath)) return false;
  if (!TS_EXTENSION.test(filePath) && !(JS_EXTENSION.test(filePath) && TS_CHECK.test(text))) return false;
  return V2_SPECIFIER.test(text);
}

const require = createRequire(import.meta.url);

/** `agora-token`'s declaration file, as installed with this tool. */
function v2Declarations(): string {
  return path.join(path.dirname(require.resolve('agora-token/package.json')), 'index.d.ts');
}

let tsMorph: typeof import('ts-morph') | undefined;

function loadTsMorph(): typeof import('ts-morph') {
  tsMorph ??= require('ts-morph') as typeof import('ts-morph');
  return tsMorph;
}

function createProject(morph: typeof import('ts-morph')): Project {
  const { ts } = morph;
  return new morph.Project({
    compilerOptions: {
      allowJs: true,
      checkJs: false, // a JavaScript file opts in with `// @ts-check`
      noEmit: true,
      strict: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      esModuleInterop: true,
      skipLibCheck: true,
      // no standard library: a third of the cost, and what a builder call's arity, members and
      // argument types need is in agora-token's declarations (lib-typed values become `any`)
      noLib: true,
      types: [],
      paths: { 'agora-token': [v2Declarations()] },
    },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
  });
}

/** Is `file` one of agora-token's own declaration or source files? */
function isV2File(file: SourceFile | undefined): boolean {
  return !!file && /[\\/]agora-token[\\/]/.test(file.getFilePath()) && !/[\\/]agora-access-token[\\/]/.test(file.getFilePath());
}

/** Does this expression evaluate to something agora-token declares (a builder, `RtcRole`, the module)? */
function fromV2(morph: typeof import('ts-morph'), expression: Node): boolean {
  const symbol = expression.getType().getSymbol() ?? expression.getSymbol();
  const target = symbol?.isAlias() ? symbol.getAliasedSymbol() : symbol;
  return (target?.getDeclarations() ?? []).some((d) => isV2File(d.getSourceFile()) || (morph.Node.isSourceFile(d) && isV2File(d)));
}

/** Does this statement import agora-token (`import … from 'agora-token'`, `require('agora-token')`)? */
function importsV2(morph: typeof import('ts-morph'), node: Node): boolean {
  const { Node: N } = morph;
  const isV2Specifier = (text: string) => text === 'agora-token' || text.startsWith('agora-token/');
  if (N.isImportDeclaration(node)) return isV2Specifier(node.getModuleSpecifierValue());
  if (N.isVariableStatement(node)) {
    return node.getDeclarations().some((d) => {
      const init = d.getInitializer();
      if (!init) return false;
      if (N.isCallExpression(init) && init.getExpression().getText() === 'require') {
        const [arg] = init.getArguments();
        return !!arg && N.isStringLiteral(arg) && isV2Specifier(arg.getLiteralValue());
      }
      return fromV2(morph, init);
    });
  }
  return false;
}

/**
 * The errors that concern a builder: arity (2554, 2555, 2556), an argument's type (2345), no
 * overload (2769), no such member (2339, 2551), no such export (2305, 2724, 2614). Others (an
 * undeclared `process` without @types/node, a strictness setting) are the project's business.
 */
const BUILDER_ERRORS = new Set([2554, 2555, 2556, 2345, 2769, 2339, 2551, 2305, 2724, 2614]);

/**
 * Does the error at `position` stand at a builder: the method name or an argument of a call on an
 * `agora-token` builder, the member name of `RtcRole.ATTENDEE`, or an import or require of `agora-token`?
 */
function atBuilder(morph: typeof import('ts-morph'), file: SourceFile, position: number, code: number): boolean {
  if (!BUILDER_ERRORS.has(code)) return false;
  const { Node: N } = morph;
  let node: Node | undefined = file.getDescendantAtPos(position);
  while (node && !N.isSourceFile(node)) {
    if (N.isPropertyAccessExpression(node) && node.getNameNode().getStart() === position && fromV2(morph, node.getExpression())) return true;
    if (N.isCallExpression(node)) {
      const callee = node.getExpression();
      // positions first: resolving types is the expensive part
      const at = N.isPropertyAccessExpression(callee) && (callee.getNameNode().getStart() === position || node.getArguments().some((arg) => arg.getStart() === position));
      if (at && fromV2(morph, callee.getExpression())) return true;
    }
    if (N.isStatement(node) || N.isImportDeclaration(node)) return importsV2(morph, node);
    node = node.getParent();
  }
  return false;
}

/**
 * Type-checks the files (with the given texts) and returns the errors at builder calls and
 * agora-token imports, in file order. Files that are not candidates (isTypecheckCandidate) are
 * ignored; with none, nothing is loaded.
 */
export function typecheckBuilderCalls(files: readonly TypecheckFile[], options: TypecheckOptions = {}): BuilderTypeError[] {
  const candidates = files.filter((file) => isTypecheckCandidate(file.path, file.text));
  if (candidates.length === 0) return [];
  const morph = loadTsMorph();
  const project = options.project ?? createProject(morph);
  const sourceFiles = new Map(candidates.map((file) => [project.createSourceFile(file.path, file.text, { overwrite: true }), file.path]));
  const errors: BuilderTypeError[] = [];
  const program = project.getProgram();
  for (const [file, filePath] of sourceFiles) {
    for (const diagnostic of program.getSemanticDiagnostics(file)) {
      const start = diagnostic.getStart();
      if (diagnostic.getCategory() !== morph.DiagnosticCategory.Error || start === undefined) continue;
      if (diagnostic.getSourceFile()?.getFilePath() !== file.getFilePath()) continue;
      if (!atBuilder(morph, file, start, diagnostic.getCode())) continue;
      const { line, column } = file.getLineAndColumnAtPos(start);
      const text = diagnostic.getMessageText();
      const message = typeof text === 'string' ? text : text.getMessageText();
      errors.push({ file: filePath, line, column, code: diagnostic.getCode(), message });
    }
  }
  return errors;
}
