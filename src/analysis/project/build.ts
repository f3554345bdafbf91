/**
 * The ts-morph side of the project layer: one Project holding the candidate files, the modules
 * they import (resolved with the nearest tsconfig/jsconfig, `paths` and `baseUrl` included) and
 * the other importers of the modules whose objects they read. It only answers questions (which
 * imported values are fixed numbers); the edits stay in the jscodeshift transforms.
 *
 * Loaded dynamically by ./index.ts, so a run that needs no other module never loads TypeScript.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import { isBuiltin } from 'node:module';
import type { Expression, Identifier, SourceFile, ts as TS } from 'ts-morph';
import { Node, Project, ts, VariableDeclarationKind } from './morph.ts';
import { classifySource } from '../sources.ts';
import { exactPathAliases, findNearestConfig, type ConfigCache } from './config.ts';
import type { ModuleKind } from '../../types.ts';
import type { FileGroup, ProjectAnswers, ProjectFacts } from './facts.ts';
import { importSpecifiers } from './gate.ts';
import { packageSourceFiles } from './package-files.ts';
import { arithmetic, barrelPackage, exportedAs, exportsTarget, isExportSite, isPackageEntry, isPrimitiveExpression, moduleName, positionOf, skipWrappers, topLevelFunctions, unquote, V1_RTC_BUILD_METHODS } from './nodes.ts';
import { findRoleDefinitions, type RoleDefinition, type RoleHost } from './roles.ts';

/** A value as far as migration time can know it. */
type Value =
  | { kind: 'number'; value: number }
  /** A string, boolean, `process.env.X`…: harmless to read, no fact. */
  | { kind: 'primitive' }
  /** An object whose properties are known; `origin` identifies it (writes anywhere taint it). */
  | { kind: 'object'; origin: object; props: Map<string, Value>; closed: boolean }
  /** A function returning the unix time now (`'now'`), or now plus its parameter at that index. */
  | { kind: 'clock'; returns: 'now' | number }
  | { kind: 'opaque' };

const OPAQUE: Value = { kind: 'opaque' };
const PRIMITIVE: Value = { kind: 'primitive' };
const MAX_DEPTH = 12;
const MAX_FACT_DEPTH = 4;

/** Whether a fact can come out of `value` (see flatten): a number or clock helper in it, at any depth flatten reaches. */
function mayGiveFacts(value: Value, depth: number): boolean {
  if (value.kind === 'number' || value.kind === 'clock') return true;
  return value.kind === 'object' && depth <= MAX_FACT_DEPTH && [...value.props.values()].some((inner) => mayGiveFacts(inner, depth + 1));
}

/** A module-level name a file binds to another module's value. */
interface ImportBinding {
  local: string;
  nameNode: Identifier;
  value: Value;
  /** The module object (or table) the value was taken out of: a write to it anywhere voids the value. */
  container?: Value;
}

export interface ProjectInput {
  /** The candidate files that import a module of the project, with the text the transforms will see. */
  candidates: ReadonlyArray<{ path: string; source: string }>;
  /** Every candidate of the run (the recipe runs on each), with how Node loads it. */
  allCandidates: ReadonlyArray<{ path: string; moduleKind: ModuleKind }>;
  /** Every JS/TS source file of the run (other importers of a config module are looked for among them). */
  sourceFiles: readonly string[];
}

/** Builds the project for `input` and returns the facts of every candidate that has some. */
export function analyzeProject(input: ProjectInput): ProjectAnswers {
  return new ProjectAnalysis(input).run();
}


const ASSIGNMENT_OPERATORS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

class ProjectAnalysis {
  private readonly project = new Project({
    // noResolve: the program holds only the files added here, never node_modules' declarations
    compilerOptions: { allowJs: true, checkJs: false, noEmit: true, noResolve: true, noLib: true, types: [] },
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
  });
  private readonly configs: ConfigCache = new Map();
  private readonly compilerOptions = new Map<string, TS.CompilerOptions>();
  private readonly values = new Map<Node, Value>();
  private readonly namespaces = new Map<SourceFile, Value>();
  private readonly tainted = new Set<object>();
  /** Object literals bound to a module-level const: their own file's uses are checked too. */
  private readonly declaredObjects = new Map<Identifier, Value>();
  /** Files whose objects other modules read: their other importers are looked for. */
  private readonly exporters = new Set<SourceFile>();
  private readonly checked = new Set<SourceFile>();
  private readonly identifiers = new Map<SourceFile, Map<string, TS.Identifier[]>>();
  /** Other importers (not candidates): only their specifiers naming these modules are followed. */
  private readonly only = new Map<string, Set<string>>();
  /** The module specifiers of the run's source files, read once. */
  private readonly specifiers = new Map<string, string[]>();
  private packageFilesList?: string[];
  private runFiles?: Set<string>;
  /** Exact `paths` aliases by config file ('' for none). */
  private readonly aliases = new Map<string, Set<string>>();

  constructor(private readonly input: ProjectInput) {}

  run(): ProjectAnswers {
    const candidates = this.input.candidates.map((c) => ({ path: c.path, file: this.project.createSourceFile(c.path, c.source, { overwrite: true }) }));
    // every file added later rebuilds the program the checker answers from: load the imports first
    this.preload(candidates.map((c) => c.file), 2);
    const bindings = new Map<string, ImportBinding[]>();
    for (const { path, file } of candidates) bindings.set(path, this.checkFile(file));
    // checking a module's own uses can find it passing objects on, whose importers must be checked in turn
    const checkedObjects = new Set<Identifier>();
    let settled = false;
    for (let round = 0; round < 4 && !settled; round++) {
      this.checkOtherImporters();
      for (const [name, value] of this.declaredObjects) {
        if (checkedObjects.has(name)) continue;
        checkedObjects.add(name);
        if (!this.onlyReadThroughMembers(name, value)) this.taint(value);
      }
      settled = this.exporters.size === 0 && [...this.declaredObjects.keys()].every((name) => checkedObjects.has(name));
    }
    const facts = new Map<string, ProjectFacts>();
    // a chain of re-exports longer than this is not followed: no value is trusted
    if (!settled) bindings.clear();
    for (const [path, list] of bindings) {
      const found: ProjectFacts = { constants: {} };
      for (const binding of list) {
        if (binding.container?.kind === 'object' && this.tainted.has(binding.container.origin)) continue;
        this.flatten(binding.value, binding.local, found, 0);
      }
      if (Object.keys(found.constants).length > 0 || found.clockHelpers) facts.set(path, found);
    }
    const barrels = this.followBarrels(candidates.map((c) => c.file));
    const groups: FileGroup[] = [];
    for (const barrel of barrels) {
      const own = facts.get(barrel.path) ?? { constants: {} };
      facts.set(barrel.path, { ...own, followedBarrel: true });
      for (const [importer, specifiers] of barrel.specifiers) {
        const theirs = facts.get(importer) ?? { constants: {} };
        facts.set(importer, { ...theirs, agoraBarrels: { ...theirs.agoraBarrels, ...Object.fromEntries([...specifiers].map((s) => [s, barrel.pkg])) } });
      }
      groups.push({ files: [barrel.path, ...barrel.specifiers.keys()] });
    }
    for (const wrapper of this.findWrappers(candidates.map((c) => c.file))) {
      const own = facts.get(wrapper.file) ?? { constants: {} };
      facts.set(wrapper.file, { ...own, deadlineWrappers: [...(own.deadlineWrappers ?? []), wrapper.builderCall] });
      for (const call of wrapper.calls) {
        const theirs = facts.get(call.file) ?? { constants: {} };
        facts.set(call.file, { ...theirs, deadlineArguments: [...(theirs.deadlineArguments ?? []), call.argument] });
      }
      groups.push({ files: [...new Set([wrapper.file, ...wrapper.calls.map((c) => c.file)])] });
    }
    for (const definition of this.findRoles(candidates.map((c) => c.file))) {
      if (definition.positions.length > 0) {
        const own = facts.get(definition.file) ?? { constants: {} };
        facts.set(definition.file, { ...own, roleDefinitions: [...(own.roleDefinitions ?? []), ...definition.positions] });
      }
      for (const [reader, references] of definition.readers) {
        const theirs = facts.get(reader) ?? { constants: {} };
        facts.set(reader, { ...theirs, mappedRoles: [...new Set([...(theirs.mappedRoles ?? []), ...references])] });
      }
      groups.push({ files: [definition.file, ...definition.readers.keys()] });
    }
    return { facts, groups, parsed: this.project.getSourceFiles().map((file) => file.getFilePath()) };
  }

  /** Role constants and tables of other modules read only as builder role arguments (./roles.ts). */
  private findRoles(files: SourceFile[]): RoleDefinition[] {
    const host: RoleHost = {
      resolve: (specifier, from) => this.resolve(specifier, from),
      importsOf: (importer, module) => this.importsOf(importer, module),
      load: (path) => {
        const existing = this.project.getSourceFile(path);
        if (existing) return existing;
        try {
          return this.project.createSourceFile(path, readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { overwrite: true });
        } catch {
          return undefined;
        }
      },
      specifiersNaming: (from, path) => this.specifiersNaming(from, new Set([moduleName(path)])),
      sourceFiles: this.input.sourceFiles,
      packageFiles: () => this.packageFiles(),
      candidates: new Set(this.input.allCandidates.map((c) => c.path)),
      isPackageEntry,
      checker: () => this.project.getTypeChecker().compilerObject,
    };
    return findRoleDefinitions(host, files);
  }

  // --- wrappers ------------------------------------------------------------------------------

  /**
   * Functions of candidate modules whose parameter passes an absolute deadline straight to a v1
   * builder (`createRtcToken(channel, uid, role, expireAt)` → `buildTokenWithUid(…, expireAt)`),
   * every call of which is known: direct calls in its own module and in the run's files importing
   * it, nothing else (not handed out, not the package's entry point).
   */
  private findWrappers(callerFiles: SourceFile[]): {
    file: string;
    builderCall: NonNullable<ProjectFacts['deadlineWrappers']>[number];
    calls: { file: string; argument: NonNullable<ProjectFacts['deadlineArguments']>[number] }[];
  }[] {
    const candidates = new Set(this.input.allCandidates.map((c) => c.path));
    const modules = new Set<SourceFile>();
    for (const file of callerFiles) {
      modules.add(file);
      for (const specifier of importSpecifiers(file.getFullText())) {
        const target = this.resolve(specifier, file);
        if (target && candidates.has(target.getFilePath())) modules.add(target);
      }
    }
    const found = [];
    for (const module of modules) {
      const path = module.getFilePath();
      if (!importSpecifiers(module.getFullText()).some((s) => classifySource(s, path)?.generation === 'v1') || isPackageEntry(path)) continue;
      for (const fn of topLevelFunctions(module)) {
        const passing = this.deadlinePassThrough(fn.node);
        if (!passing) continue;
        const calls = this.callsOf(module, fn.name, passing.index);
        if (!calls || calls.length === 0) continue;
        const position = positionOf(passing.builderCall);
        found.push({
          file: path,
          builderCall: { ...position, param: passing.param, wrapper: fn.name.getText(), callers: calls.length },
          calls: calls.map((call) => ({ file: call.getSourceFile().getFilePath(), argument: { ...positionOf(call), index: passing.index, wrapper: fn.name.getText() } })),
        });
      }
    }
    return found;
  }

  /** The v1 builder call of `fn` whose expiry is one of its parameters, read nowhere else. */
  private deadlinePassThrough(fn: Node): { builderCall: Node; param: string; index: number } | undefined {
    if (!Node.isFunctionDeclaration(fn) && !Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return undefined;
    const params = fn.getParameters();
    const builders = fn.getDescendantsOfKind(ts.SyntaxKind.CallExpression).filter((call) => {
      const callee = call.getExpression();
      return Node.isPropertyAccessExpression(callee) && V1_RTC_BUILD_METHODS.has(callee.getName()) && call.getArguments().length === 6;
    });
    if (builders.length !== 1) return undefined;
    const expiry = builders[0].getArguments()[5];
    if (!Node.isIdentifier(expiry)) return undefined;
    const index = params.findIndex((p) => p.getName() === expiry.getText() && Node.isIdentifier(p.getNameNode()) && !p.getInitializer() && !p.getDotDotDotToken());
    if (index < 0) return undefined;
    const param = params[index];
    const checker = this.project.getTypeChecker().compilerObject;
    const symbol = checker.getSymbolAtLocation(param.getNameNode().compilerNode);
    const file = fn.getSourceFile();
    const uses = this.identifiersNamed(file, expiry.getText()).filter((id) => id !== param.getNameNode().compilerNode && checker.getSymbolAtLocation(id) === symbol);
    return symbol && uses.length === 1 && uses[0] === expiry.compilerNode ? { builderCall: builders[0], param: expiry.getText(), index } : undefined;
  }

  /**
   * Every call of the function `name` declares, when all of them are known: direct calls (with the
   * deadline argument, no spread before it) in its module and in the loaded candidates importing it.
   */
  private callsOf(module: SourceFile, name: Identifier, index: number): Node[] | undefined {
    const calls: Node[] = [];
    const exportNames = new Set<string>();
    const isCallWithDeadline = (ref: Node) => {
      const call = ref.getParent();
      if (!Node.isCallExpression(call) || call.getExpression() !== ref) return false;
      const args = call.getArguments();
      if (args.length <= index || args.slice(0, index + 1).some((a) => Node.isSpreadElement(a))) return false;
      calls.push(call);
      return true;
    };
    const checker = this.project.getTypeChecker().compilerObject;
    const symbol = checker.getSymbolAtLocation(name.compilerNode);
    if (!symbol) return undefined;
    const fn = name.getParent();
    if (Node.isModifierable(fn) && fn.hasModifier(ts.SyntaxKind.ExportKeyword)) exportNames.add(fn.hasModifier(ts.SyntaxKind.DefaultKeyword) ? 'default' : name.getText());
    const statement = fn?.getFirstAncestorByKind(ts.SyntaxKind.VariableStatement);
    if (statement?.hasModifier(ts.SyntaxKind.ExportKeyword)) exportNames.add(name.getText());
    for (const id of this.identifiersNamed(module, name.getText())) {
      if (id === name.compilerNode) continue;
      const resolved = ts.isShorthandPropertyAssignment(id.parent) ? checker.getShorthandAssignmentValueSymbol(id.parent) : checker.getSymbolAtLocation(id);
      if (resolved !== symbol) continue;
      const ref = module.getDescendantAtPos(id.getStart(module.compilerNode));
      if (!ref) return undefined;
      const exported = exportedAs(ref);
      if (exported !== undefined) exportNames.add(exported);
      else if (!isCallWithDeadline(ref)) return undefined;
    }
    if (exportNames.size === 0) return calls;
    // module.exports = createRtcToken: the module object is the function, not followed
    if (exportNames.has('*')) return undefined;
    // importers: every file of the run importing this module must be a loaded candidate calling it directly
    const path = module.getFilePath();
    for (const file of this.packageFiles()) {
      if (file === path || !this.specifiersNaming(file, new Set([moduleName(path)])).some((s) => this.resolve(s, file) === module)) continue;
      // a caller the run does not edit would keep passing an absolute deadline
      if (!this.inRun(file)) return undefined;
      let importer = this.project.getSourceFile(file);
      if (!importer) {
        // a caller that never mentions Agora: migrate runs the recipe on it for these facts
        try {
          importer = this.project.createSourceFile(file, readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { overwrite: true });
        } catch {
          return undefined;
        }
      }
      const locals = this.importsOf(importer, module);
      // it names the module but binds nothing we can follow (`export { createRtcToken } from`, `import x = require`, `import()`): callers we cannot see
      if (!locals) return undefined;
      for (const local of locals) {
        // require('./wrapper').createRtcToken(…), a re-export and other uses in place are not followed
        if (local.imported === '?') return undefined;
        if (!local.namespace && !exportNames.has(local.imported)) continue;
        const localSymbol = checker.getSymbolAtLocation(local.node.compilerNode);
        for (const id of this.identifiersNamed(importer, local.node.getText())) {
          if (id === local.node.compilerNode || checker.getSymbolAtLocation(id) !== localSymbol) continue;
          const ref = importer.getDescendantAtPos(id.getStart(importer.compilerNode));
          if (!ref) return undefined;
          if (!local.namespace) {
            if (!isCallWithDeadline(ref)) return undefined;
            continue;
          }
          const member = ref.getParent();
          if (!Node.isPropertyAccessExpression(member) || member.getExpression() !== ref) return undefined;
          if (exportNames.has(member.getName()) && !isCallWithDeadline(member)) return undefined;
        }
      }
    }
    return calls;
  }

  /** The names `importer` binds to `module` (named: the export it imports; namespace: the module object); undefined when it does not import it. */
  private importsOf(importer: SourceFile, module: SourceFile): { node: Identifier; imported: string; namespace: boolean }[] | undefined {
    let imports: { node: Identifier; imported: string; namespace: boolean }[] | undefined;
    const add = (entry: { node: Identifier; imported: string; namespace: boolean }) => (imports ??= []).push(entry);
    for (const decl of importer.getImportDeclarations()) {
      if (this.resolve(decl.getModuleSpecifierValue(), importer) !== module) continue;
      imports ??= [];
      const namespace = decl.getNamespaceImport();
      if (namespace) add({ node: namespace, imported: '*', namespace: true });
      const defaultImport = decl.getDefaultImport();
      if (defaultImport) add({ node: defaultImport, imported: this.isCommonJs(module) ? '*' : 'default', namespace: this.isCommonJs(module) });
      for (const named of decl.getNamedImports()) {
        const local = named.getAliasNode() ?? named.getNameNode();
        if (Node.isIdentifier(local)) add({ node: local, imported: named.getNameNode().getText(), namespace: false });
      }
    }
    // `export { f } from`, `export * from`: its importers read the module through this one
    for (const decl of importer.getExportDeclarations()) {
      const specifier = decl.getModuleSpecifierValue();
      if (specifier && !decl.isTypeOnly() && this.resolve(specifier, importer) === module) (imports ??= []).push({ node: decl as unknown as Identifier, imported: '?', namespace: false });
    }
    for (const call of importer.getDescendantsOfKind(ts.SyntaxKind.CallExpression)) {
      const [arg] = call.getArguments();
      if (call.getExpression().getText() !== 'require' || !arg || !Node.isStringLiteral(arg) || this.resolve(arg.getLiteralValue(), importer) !== module) continue;
      imports ??= [];
      const declaration = call.getParent();
      if (!Node.isVariableDeclaration(declaration) || declaration.getInitializer() !== call) {
        // require('./wrapper').createRtcToken(…) and other uses in place: not followed
        imports.push({ node: call as unknown as Identifier, imported: '?', namespace: false });
        continue;
      }
      const nameNode = declaration.getNameNode();
      if (Node.isIdentifier(nameNode)) add({ node: nameNode, imported: '*', namespace: true });
      else if (Node.isObjectBindingPattern(nameNode)) {
        for (const element of nameNode.getElements()) {
          const local = element.getNameNode();
          if (Node.isIdentifier(local)) add({ node: local, imported: unquote(element.getPropertyNameNode()?.getText() ?? local.getText()), namespace: false });
        }
      }
    }
    return imports;
  }

  // --- barrels -------------------------------------------------------------------------------

  /**
   * Candidates that re-export an Agora package (`module.exports = require('agora-access-token')`,
   * `export { RtcTokenBuilder } from …`, `export * from …`) and whose every importer is a candidate
   * too, all loaded as CommonJS (in native ESM a re-export of agora-token cannot be read by name):
   * such a barrel is migrated with its importers instead of being frozen for review.
   */
  private followBarrels(files: SourceFile[]): { path: string; pkg: string; specifiers: Map<string, Set<string>> }[] {
    const kinds = new Map(this.input.allCandidates.map((c) => [c.path, c.moduleKind]));
    const found = new Map<SourceFile, { pkg: string; specifiers: Map<string, Set<string>>; followed: boolean }>();
    const barrelOf = (specifier: string, from: string) => {
      const target = this.resolve(specifier, from);
      if (!target || !kinds.has(target.getFilePath())) return undefined;
      let entry = found.get(target);
      if (!entry) {
        const pkg = barrelPackage(target);
        if (!pkg) return undefined;
        entry = { pkg, specifiers: new Map(), followed: kinds.get(target.getFilePath()) === 'commonjs' };
        found.set(target, entry);
      }
      return entry;
    };
    for (const file of files) {
      const path = file.getFilePath();
      for (const specifier of importSpecifiers(file.getFullText())) {
        const entry = barrelOf(specifier, path);
        if (!entry) continue;
        if (kinds.get(path) !== 'commonjs') entry.followed = false;
        entry.specifiers.set(path, new Set([...(entry.specifiers.get(path) ?? []), specifier]));
      }
    }
    if (found.size === 0) return [];
    // an importer the recipe will not run on would be left passing v1 arguments to agora-token
    const names = new Set([...found.keys()].map((f) => moduleName(f.getFilePath())));
    for (const path of this.packageFiles()) {
      if (kinds.has(path)) continue;
      for (const specifier of this.specifiersNaming(path, names)) {
        const target = this.resolve(specifier, path);
        const entry = target && found.get(target);
        if (entry) entry.followed = false;
      }
    }
    return [...found]
      .filter(([, entry]) => entry.followed && entry.specifiers.size > 0)
      .map(([file, entry]) => ({ path: file.getFilePath(), pkg: entry.pkg, specifiers: entry.specifiers }));
  }

  /** The file's import bindings, with every use checked (an object written or handed out is tainted). */
  private checkFile(file: SourceFile): ImportBinding[] {
    this.checked.add(file);
    const bindings = this.importBindings(file);
    for (const binding of bindings) {
      if (binding.value.kind === 'object' && !this.onlyReadThroughMembers(binding.nameNode, binding.value)) this.taint(binding.value);
    }
    this.checkInlineRequires(file);
    return bindings;
  }

  /**
   * Files outside the candidates that import a module whose objects were read: they could write
   * them. Found by a text search for the module's name among the run's source files, then checked
   * like the candidates.
   */
  private checkOtherImporters(): void {
    for (let round = 0; round < 3 && this.exporters.size > 0; round++) {
      // a module whose values hold no number or clock helper gives no fact a writer could falsify
      const exporters = new Set([...this.exporters].filter((file) => {
        const ns = this.namespaces.get(file);
        return ns === undefined || mayGiveFacts(ns, 0);
      }));
      if (exporters.size === 0) {
        this.exporters.clear();
        return;
      }
      const names = new Set([...exporters].map((f) => moduleName(f.getFilePath())));
      this.exporters.clear();
      const found: SourceFile[] = [];
      for (const path of this.packageFiles()) {
        const existing = this.project.getSourceFile(path);
        if (existing && this.checked.has(existing)) continue;
        // by name first, then resolved without loading anything: a large run has many modules called
        // `errors` or `config`, and parsing each of them would cost more than the whole migration
        if (!this.specifiersNaming(path, names).some((s) => this.resolvesTo(s, path, exporters))) continue;
        let file = existing;
        if (!file) {
          try {
            file = this.project.createSourceFile(path, readFileSync(path, 'utf8'), { overwrite: true });
          } catch {
            continue;
          }
          // its other imports are none of our business: loading them would load the whole project
          this.only.set(file.getFilePath(), names);
        }
        found.push(file);
      }
      this.preload(found, 1);
      for (const file of found) this.checkFile(file);
    }
  }

  /** The run's files, then the other sources of the candidates' packages (looked at, never edited: see package-files.ts). */
  private packageFiles(): readonly string[] {
    this.packageFilesList ??= packageSourceFiles(this.input.allCandidates.map((c) => c.path), this.input.sourceFiles);
    return this.packageFilesList;
  }

  /** Whether `path` is one of the files this run edits. */
  private inRun(path: string): boolean {
    this.runFiles ??= new Set(this.input.sourceFiles);
    return this.runFiles.has(path);
  }

  /**
   * Whether `specifier`, written in `from`, may name a module called one of `names` (see moduleName):
   * by that name (a relative specifier by the path it points to, so `'.'` or `'..'` name their
   * directory's index), or an exact tsconfig `paths` alias (`'@config'`), whose name says nothing
   * about the file. A cheap test before resolving.
   */
  private mayName(specifier: string, from: string, names: ReadonlySet<string>): boolean {
    // a relative specifier is named from where it points: '.' inside config/ and '../config' both name `config`
    const relative = specifier.startsWith('.');
    if (names.has(moduleName(relative ? resolvePath(dirname(from), specifier) : specifier))) return true;
    return !relative && this.aliasesOf(from).has(specifier);
  }

  /** The exact tsconfig `paths` aliases that apply to `file` (see exactPathAliases). */
  private aliasesOf(file: string): Set<string> {
    const config = findNearestConfig(file, this.configs) ?? '';
    let aliases = this.aliases.get(config);
    if (!aliases) this.aliases.set(config, (aliases = exactPathAliases(config || undefined)));
    return aliases;
  }

  /**
   * The module specifiers of `path` that may name a module called one of `names` (mayName; none
   * when it cannot be read). Its bytes decide first: such a specifier spells the name, is an alias
   * of the file's tsconfig, or is made of `.`, `..` and `index` only, so it points at the file's own
   * directory or one above it; a file that spells none of them outside a directory of such a name
   * is never decoded (a large run has thousands of files, and few import the module asked about).
   */
  private specifiersNaming(path: string, names: ReadonlySet<string>): string[] {
    let list = this.specifiers.get(path);
    if (!list) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        bytes = Buffer.alloc(0);
      }
      const inNamedDirectory = dirname(path).split(/[\\/]/).some((part) => names.has(part));
      if (!inNamedDirectory && ![...names, ...this.aliasesOf(path)].some((needle) => bytes.includes(needle))) return [];
      list = importSpecifiers(bytes.toString('utf8'));
      this.specifiers.set(path, list);
    }
    return list.filter((specifier) => this.mayName(specifier, path, names));
  }

  /** Loads the project modules `files` import, `depth` levels deep, before any question is asked. */
  private preload(files: SourceFile[], depth: number): void {
    let level = files;
    for (let d = 0; d < depth && level.length > 0; d++) {
      const next: SourceFile[] = [];
      for (const file of level) {
        for (const specifier of importSpecifiers(file.getFullText())) {
          const known = this.project.getSourceFile(specifier);
          const target = this.resolve(specifier, file);
          if (target && !known && !next.includes(target)) next.push(target);
        }
      }
      level = next;
    }
  }

  private taint(value: Value, depth = 0): void {
    if (value.kind !== 'object' || depth > MAX_FACT_DEPTH + 2) return;
    this.tainted.add(value.origin);
    for (const inner of value.props.values()) this.taint(inner, depth + 1);
  }

  private flatten(value: Value, key: string, out: ProjectFacts, depth: number): void {
    if (value.kind === 'number') out.constants[key] = value.value;
    if (value.kind === 'clock') out.clockHelpers = { ...out.clockHelpers, [key]: value.returns };
    if (value.kind !== 'object' || depth >= MAX_FACT_DEPTH || this.tainted.has(value.origin)) return;
    for (const [name, inner] of value.props) if (/^[A-Za-z_$][\w$]*$/.test(name)) this.flatten(inner, `${key}.${name}`, out, depth + 1);
  }

  // --- module resolution ---------------------------------------------------------------------

  private optionsFor(file: string): TS.CompilerOptions {
    const config = findNearestConfig(file, this.configs) ?? '';
    let options = this.compilerOptions.get(config);
    if (!options) {
      options = { allowJs: true, moduleResolution: ts.ModuleResolutionKind.Node10 };
      if (config) {
        const read = ts.readConfigFile(config, ts.sys.readFile);
        if (!read.error) options = { ...ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(config), undefined, config).options, allowJs: true };
      }
      this.compilerOptions.set(config, options);
    }
    return options;
  }

  /** The project file `specifier` names from `from`; undefined for packages, built-ins and Agora modules. */
  private resolve(specifier: string, from: SourceFile | string): SourceFile | undefined {
    const fromPath = typeof from === 'string' ? from : from.getFilePath();
    const only = this.only.get(fromPath);
    if (only && !this.mayName(specifier, fromPath, only)) return undefined;
    const path = this.resolvedPath(specifier, fromPath);
    return path === undefined ? undefined : (this.project.getSourceFile(path) ?? this.project.addSourceFileAtPathIfExists(path));
  }

  /** Whether `specifier` in `from` resolves to one of `files` (already in the project; nothing is loaded). */
  private resolvesTo(specifier: string, from: string, files: ReadonlySet<SourceFile>): boolean {
    const path = this.resolvedPath(specifier, from);
    const file = path === undefined ? undefined : this.project.getSourceFile(path);
    return file !== undefined && files.has(file);
  }

  /** The project source file path `specifier` resolves to from `fromPath` (see resolve). */
  private resolvedPath(specifier: string, fromPath: string): string | undefined {
    if (classifySource(specifier, fromPath) !== undefined || isBuiltin(specifier)) return undefined;
    const options = this.optionsFor(fromPath);
    let resolved = ts.resolveModuleName(specifier, fromPath, options, ts.sys).resolvedModule;
    // a CommonJS require without extension under NodeNext: resolve as a bundler would
    if (!resolved) resolved = ts.resolveModuleName(specifier, fromPath, { ...options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext }, ts.sys).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.d.ts') || /\.d\.[cm]ts$/.test(resolved.resolvedFileName)) return undefined;
    return resolved.resolvedFileName;
  }

  // --- bindings ------------------------------------------------------------------------------

  /** `import … from`, `const … = require(…)` at module level, with the values they bind. */
  private importBindings(file: SourceFile): ImportBinding[] {
    const bindings: ImportBinding[] = [];
    for (const decl of file.getImportDeclarations()) {
      if (decl.isTypeOnly()) continue;
      const target = this.resolve(decl.getModuleSpecifierValue(), file);
      if (!target) continue;
      const ns = this.namespace(target);
      const defaultImport = decl.getDefaultImport();
      if (defaultImport) bindings.push({ local: defaultImport.getText(), nameNode: defaultImport, value: prop(ns, 'default'), container: ns });
      const namespaceImport = decl.getNamespaceImport();
      if (namespaceImport) bindings.push({ local: namespaceImport.getText(), nameNode: namespaceImport, value: ns });
      for (const named of decl.getNamedImports()) {
        if (named.isTypeOnly()) continue;
        const local = named.getAliasNode() ?? named.getNameNode();
        if (!Node.isIdentifier(local)) continue;
        bindings.push({ local: local.getText(), nameNode: local, value: prop(ns, named.getNameNode().getText()), container: ns });
      }
    }
    for (const statement of file.getVariableStatements()) {
      if (statement.getDeclarationKind() !== VariableDeclarationKind.Const) continue;
      for (const decl of statement.getDeclarations()) {
        const init = decl.getInitializer();
        const value = init && this.requireValue(init, file);
        if (!value) continue;
        const name = decl.getNameNode();
        if (Node.isIdentifier(name)) {
          bindings.push({ local: name.getText(), nameNode: name, value, container: this.requiredModule(init!, file) });
        } else if (Node.isObjectBindingPattern(name)) {
          for (const element of name.getElements()) {
            const local = element.getNameNode();
            if (element.getDotDotDotToken() || !Node.isIdentifier(local)) continue;
            const key = element.getPropertyNameNode()?.getText() ?? local.getText();
            bindings.push({ local: local.getText(), nameNode: local, value: prop(value, unquote(key)), container: value });
          }
        }
      }
    }
    return bindings;
  }

  /** The module `require('./x').a.b` reads from (undefined for a bare `require('./x')`). */
  private requiredModule(expr: Expression, file: SourceFile): Value | undefined {
    let inner = skipWrappers(expr);
    if (!Node.isPropertyAccessExpression(inner)) return undefined;
    while (Node.isPropertyAccessExpression(inner)) inner = skipWrappers(inner.getExpression());
    return Node.isExpression(inner) ? this.requireValue(inner, file) : undefined;
  }

  /** `require('./x')` or `require('./x').a.b`: the value, or undefined when it is no project require. */
  private requireValue(expr: Expression, file: SourceFile): Value | undefined {
    const inner = skipWrappers(expr);
    if (Node.isPropertyAccessExpression(inner)) {
      const object = this.requireValue(inner.getExpression(), file);
      return object && prop(object, inner.getName());
    }
    if (!Node.isCallExpression(inner)) return undefined;
    const callee = inner.getExpression();
    const [arg] = inner.getArguments();
    if (!Node.isIdentifier(callee) || callee.getText() !== 'require' || !arg || !Node.isStringLiteral(arg)) return undefined;
    const target = this.resolve(arg.getLiteralValue(), file);
    return target && this.moduleExports(target);
  }

  // --- module values -------------------------------------------------------------------------

  private isCommonJs(file: SourceFile): boolean {
    return file.getImportDeclarations().length === 0 && file.getExportDeclarations().length === 0 && file.getExportAssignments().length === 0 && !file.getStatements().some((s) => Node.isModifierable(s) && s.hasModifier(ts.SyntaxKind.ExportKeyword));
  }

  /** What `require()` returns: module.exports for CommonJS, the namespace for ESM. */
  private moduleExports(file: SourceFile): Value {
    if (!this.isCommonJs(file)) return this.namespace(file);
    return prop(this.namespace(file), 'default');
  }

  /**
   * The namespace object of a module: ESM exports by name, or for CommonJS the properties of
   * module.exports plus `default` (what an ESM import of it sees).
   */
  private namespace(file: SourceFile): Value {
    const cached = this.namespaces.get(file);
    if (cached) return cached;
    const props = new Map<string, Value>();
    const ns: Value = { kind: 'object', origin: file, props, closed: true };
    this.namespaces.set(file, ns);
    this.exporters.add(file);
    if (this.isCommonJs(file)) {
      const exportsValue = this.commonJsExports(file);
      props.set('default', exportsValue);
      if (exportsValue.kind === 'object') for (const [k, v] of exportsValue.props) props.set(k, v);
      else if (exportsValue.kind === 'opaque') return this.namespaces.set(file, OPAQUE).get(file)!;
      return ns;
    }
    // re-export targets must be in the program for the checker to follow `export * from`
    for (const decl of file.getExportDeclarations()) {
      const spec = decl.getModuleSpecifierValue();
      if (spec) this.resolve(spec, file);
    }
    for (const [name, decls] of file.getExportedDeclarations()) {
      props.set(name, decls.length === 1 ? this.declarationValue(decls[0]) : OPAQUE);
    }
    return ns;
  }

  /** module.exports of a CommonJS file: `module.exports = {…}`, or the `exports.X = …` it builds up. */
  private commonJsExports(file: SourceFile): Value {
    const whole: Expression[] = [];
    const named = new Map<string, Expression[]>();
    let other = false;
    file.forEachDescendant((node) => {
      if (!Node.isBinaryExpression(node) || !ASSIGNMENT_OPERATORS.has(node.getOperatorToken().getKind())) return;
      const left = node.getLeft();
      const target = exportsTarget(left);
      if (target === undefined) return;
      const topLevel = Node.isExpressionStatement(node.getParent()) && Node.isSourceFile(node.getParentOrThrow().getParent());
      if (!topLevel || node.getOperatorToken().getKind() !== ts.SyntaxKind.EqualsToken) other = true;
      else if (target === '') whole.push(node.getRight());
      else named.set(target, [...(named.get(target) ?? []), node.getRight()]);
    });
    // the exports object handed to other code (`Object.assign(module.exports, …)`, `defineProperty(exports, …)`)
    file.forEachDescendant((node) => {
      if (!Node.isIdentifier(node) || node.getText() !== 'exports' || node.getSymbol()?.getDeclarations().some((d) => d.getSourceFile() === file && !Node.isSourceFile(d))) return;
      const parent = node.getParent();
      // `module.exports` is one expression; the `exports` of `module.exports` is a property name
      const object: Node = Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node ? parent : node;
      if (object !== node && object.getText().replace(/\s/g, '') !== 'module.exports') return;
      const holder = object.getParent();
      const member = (Node.isPropertyAccessExpression(holder) || Node.isElementAccessExpression(holder)) && holder.getExpression() === object;
      const assigned = Node.isBinaryExpression(holder) && holder.getLeft() === object;
      if (!member && !assigned) other = true;
    });
    if (other || whole.length > 1 || (whole.length === 1 && named.size > 0)) return OPAQUE;
    if (whole.length === 1) return this.evaluate(whole[0], 0);
    const props = new Map<string, Value>();
    for (const [name, values] of named) props.set(name, values.length === 1 ? this.evaluate(values[0], 0) : OPAQUE);
    return { kind: 'object', origin: file, props, closed: true };
  }

  private declarationValue(decl: Node): Value {
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      const constant = decl.getVariableStatement()?.getDeclarationKind() === VariableDeclarationKind.Const;
      if (!constant || !init || !Node.isIdentifier(decl.getNameNode())) return OPAQUE;
      const value = this.evaluate(init, 0);
      if (value.kind === 'object' && skipWrappers(init) !== undefined && Node.isObjectLiteralExpression(skipWrappers(init))) this.declaredObjects.set(decl.getNameNode() as Identifier, value);
      return value;
    }
    if (Node.isEnumDeclaration(decl)) return this.enumValue(decl);
    if (Node.isFunctionDeclaration(decl)) return this.evaluate(decl, 0);
    if (Node.isExpression(decl)) return this.evaluate(decl, 0);
    return OPAQUE;
  }

  private enumValue(decl: import('ts-morph').EnumDeclaration): Value {
    const cached = this.values.get(decl);
    if (cached) return cached;
    const props = new Map<string, Value>();
    for (const member of decl.getMembers()) {
      const value = member.getValue();
      props.set(member.getName(), typeof value === 'number' ? { kind: 'number', value } : value === undefined ? OPAQUE : PRIMITIVE);
    }
    // a declare or merged enum may have members elsewhere
    const value: Value = { kind: 'object', origin: decl, props, closed: !decl.hasDeclareKeyword() && decl.getSymbol()?.getDeclarations().length === 1 };
    this.values.set(decl, value);
    return value;
  }

  /** The value of an expression, as far as the code shows it at migration time. */
  private evaluate(expr: Node, depth: number): Value {
    if (depth > MAX_DEPTH) return OPAQUE;
    const cached = this.values.get(expr);
    if (cached) return cached;
    this.values.set(expr, OPAQUE); // cycles read as unknown
    const value = this.compute(expr, depth);
    this.values.set(expr, value);
    return value;
  }

  private compute(expr: Node, depth: number): Value {
    const node = skipWrappers(expr);
    if (node !== expr) return this.evaluate(node, depth + 1);
    if (Node.isNumericLiteral(node)) return { kind: 'number', value: node.getLiteralValue() };
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateExpression(node) || Node.isTrueLiteral(node) || Node.isFalseLiteral(node) || Node.isNullLiteral(node)) return PRIMITIVE;
    if (Node.isPrefixUnaryExpression(node)) {
      const operand = this.evaluate(node.getOperand(), depth + 1);
      const op = node.getOperatorToken();
      if (operand.kind === 'number' && op === ts.SyntaxKind.MinusToken) return { kind: 'number', value: -operand.value };
      if (operand.kind === 'number' && op === ts.SyntaxKind.PlusToken) return operand;
      return operand.kind === 'number' || operand.kind === 'primitive' ? PRIMITIVE : OPAQUE;
    }
    if (Node.isBinaryExpression(node)) {
      const l = this.evaluate(node.getLeft(), depth + 1);
      const r = this.evaluate(node.getRight(), depth + 1);
      if (l.kind === 'number' && r.kind === 'number') {
        const result = arithmetic(node.getOperatorToken().getKind(), l.value, r.value);
        if (result !== undefined) return { kind: 'number', value: result };
      }
      return isPrimitiveExpression(node) ? PRIMITIVE : OPAQUE;
    }
    if (Node.isObjectLiteralExpression(node)) {
      const props = new Map<string, Value>();
      let closed = true;
      for (const property of node.getProperties()) {
        if (Node.isPropertyAssignment(property)) {
          const name = property.getNameNode();
          if (Node.isComputedPropertyName(name)) closed = false;
          else props.set(unquote(name.getText()), this.evaluate(property.getInitializerOrThrow(), depth + 1));
        } else if (Node.isShorthandPropertyAssignment(property)) {
          props.set(property.getName(), this.evaluate(property.getNameNode(), depth + 1));
        } else {
          // spreads, methods and accessors: not a plain table of values
          closed = false;
          if (Node.isSpreadAssignment(property)) {
            // `{ ttl: 3600, ...overrides }`: the spread may replace any key written before it
            for (const key of props.keys()) props.set(key, OPAQUE);
          } else {
            const name = property.getNameNode();
            // `get ttl() { … }`, `ttl() { … }` replace a `ttl` written before them
            if (!Node.isComputedPropertyName(name)) props.set(unquote(name.getText()), OPAQUE);
          }
        }
      }
      return { kind: 'object', origin: node, props, closed };
    }
    if (Node.isCallExpression(node)) {
      const callee = node.getExpression();
      // Object.freeze({ … }) is the same table, only safer
      if (Node.isPropertyAccessExpression(callee) && callee.getText() === 'Object.freeze' && node.getArguments().length === 1) return this.evaluate(node.getArguments()[0], depth + 1);
      return isPrimitiveExpression(node) ? PRIMITIVE : OPAQUE;
    }
    if (Node.isPropertyAccessExpression(node)) {
      if (isPrimitiveExpression(node)) return PRIMITIVE;
      return prop(this.evaluate(node.getExpression(), depth + 1), node.getName());
    }
    if (Node.isElementAccessExpression(node)) {
      const arg = node.getArgumentExpression();
      if (!arg || !Node.isStringLiteral(arg)) return OPAQUE;
      return prop(this.evaluate(node.getExpression(), depth + 1), arg.getLiteralValue());
    }
    if (Node.isIdentifier(node)) return this.identifierValue(node, depth);
    if (Node.isArrowFunction(node) || Node.isFunctionExpression(node) || Node.isFunctionDeclaration(node)) return this.clockFunction(node, depth);
    return OPAQUE;
  }

  /**
   * A clock helper: a function whose only statement returns the unix time now
   * (`Math.floor(Date.now() / 1000)`, or a call of another such helper) or now plus one of its
   * parameters (`(seconds) => nowSeconds() + seconds`).
   */
  private clockFunction(fn: import('ts-morph').ArrowFunction | import('ts-morph').FunctionExpression | import('ts-morph').FunctionDeclaration, depth: number): Value {
    const params = fn.getParameters().map((p) => (Node.isIdentifier(p.getNameNode()) && !p.getInitializer() && !p.getDotDotDotToken() ? p.getName() : undefined));
    const body = fn.getBody();
    if (!body || fn.isAsync() || (!Node.isArrowFunction(fn) && fn.isGenerator())) return OPAQUE;
    let returned: Node | undefined = body;
    if (Node.isBlock(body)) {
      const statements = body.getStatements();
      returned = statements.length === 1 && Node.isReturnStatement(statements[0]) ? statements[0].getExpression() : undefined;
    }
    if (!returned) return OPAQUE;
    const expr = skipWrappers(returned);
    if (this.isNow(expr, depth)) return { kind: 'clock', returns: 'now' };
    if (Node.isBinaryExpression(expr) && expr.getOperatorToken().getKind() === ts.SyntaxKind.PlusToken) {
      const [left, right] = [skipWrappers(expr.getLeft()), skipWrappers(expr.getRight())];
      const param = (node: Node) => (Node.isIdentifier(node) ? params.indexOf(node.getText()) : -1);
      // the parameter itself, not a shadowing local (the body is one return statement: nothing else is declared)
      if (this.isNow(left, depth) && param(right) >= 0) return { kind: 'clock', returns: param(right) };
      if (this.isNow(right, depth) && param(left) >= 0) return { kind: 'clock', returns: param(left) };
    }
    return OPAQUE;
  }

  /** Whole seconds now: `Math.floor(Date.now() / 1000)` (round, trunc, ceil), `Date.now() / 1000 | 0`, a clock helper's call. */
  private isNow(node: Node, depth: number): boolean {
    const n = skipWrappers(node);
    const isGlobal = (id: Node, name: string) => Node.isIdentifier(id) && id.getText() === name && id.getSymbol() === undefined;
    const nowFloat = (e: Node) => {
      const x = skipWrappers(e);
      if (!Node.isBinaryExpression(x) || x.getOperatorToken().getKind() !== ts.SyntaxKind.SlashToken) return false;
      const ms = skipWrappers(x.getLeft());
      const divisor = skipWrappers(x.getRight());
      return Node.isNumericLiteral(divisor) && divisor.getLiteralValue() === 1000 && Node.isCallExpression(ms) && ms.getArguments().length === 0 && Node.isPropertyAccessExpression(ms.getExpression()) && ms.getExpression().getText().replace(/\s/g, '') === 'Date.now' && isGlobal((ms.getExpression() as import('ts-morph').PropertyAccessExpression).getExpression(), 'Date');
    };
    if (Node.isCallExpression(n)) {
      const callee = n.getExpression();
      if (Node.isPropertyAccessExpression(callee) && isGlobal(callee.getExpression(), 'Math') && ['floor', 'round', 'trunc', 'ceil'].includes(callee.getName())) {
        const [arg] = n.getArguments();
        return n.getArguments().length === 1 && nowFloat(arg);
      }
      if (n.getArguments().length === 0 && depth < MAX_DEPTH) {
        const helper = this.evaluate(callee, depth + 1);
        return helper.kind === 'clock' && helper.returns === 'now';
      }
      return false;
    }
    if (Node.isBinaryExpression(n) && n.getOperatorToken().getKind() === ts.SyntaxKind.BarToken) {
      const right = skipWrappers(n.getRight());
      return Node.isNumericLiteral(right) && right.getLiteralValue() === 0 && nowFloat(n.getLeft());
    }
    return false;
  }

  /** What a name reads: a const of its module, an enum, or an import followed to its module. */
  private identifierValue(id: Identifier, depth: number): Value {
    const parent = id.getParent();
    // `{ expiresIn }`: the variable's symbol, not the property's
    const symbol = Node.isShorthandPropertyAssignment(parent) && parent.getNameNode() === id ? parent.getValueSymbol() : id.getSymbol();
    const decl = symbol?.getDeclarations()[0];
    if (!decl || decl.getSourceFile() !== id.getSourceFile()) return OPAQUE;
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      if (decl.getVariableStatement()?.getDeclarationKind() !== VariableDeclarationKind.Const || !init) return OPAQUE;
      const required = this.requireValue(init, decl.getSourceFile());
      if (required) return required;
      if (!Node.isIdentifier(decl.getNameNode())) return OPAQUE;
      const value = this.evaluate(init, depth + 1);
      if (value.kind === 'object' && Node.isObjectLiteralExpression(skipWrappers(init))) this.declaredObjects.set(decl.getNameNode() as Identifier, value);
      return value;
    }
    if (Node.isBindingElement(decl)) {
      const pattern = decl.getParent();
      const declaration = pattern.getParent();
      if (!Node.isVariableDeclaration(declaration) || decl.getDotDotDotToken()) return OPAQUE;
      const init = declaration.getInitializer();
      const required = init && this.requireValue(init, decl.getSourceFile());
      return required ? prop(required, unquote(decl.getPropertyNameNode()?.getText() ?? decl.getName())) : OPAQUE;
    }
    if (Node.isEnumDeclaration(decl)) return this.enumValue(decl);
    if (Node.isFunctionDeclaration(decl)) return this.evaluate(decl, 0);
    if (Node.isImportSpecifier(decl) || Node.isImportClause(decl) || Node.isNamespaceImport(decl)) {
      const importDecl = decl.getFirstAncestorByKind(ts.SyntaxKind.ImportDeclaration);
      const target = importDecl && this.resolve(importDecl.getModuleSpecifierValue(), decl.getSourceFile());
      if (!target) return OPAQUE;
      const ns = this.namespace(target);
      if (Node.isNamespaceImport(decl)) return ns;
      if (Node.isImportClause(decl)) return prop(ns, 'default');
      return prop(ns, decl.getNameNode().getText());
    }
    return OPAQUE;
  }

  // --- uses ----------------------------------------------------------------------------------

  /**
   * Every use of the name `nameNode` declares, in its own file, reads a value out of the object
   * (see isRead); an export site is no use (the modules importing it are checked themselves).
   */
  private onlyReadThroughMembers(nameNode: Identifier, value: Value): boolean {
    const checker = this.project.getTypeChecker().compilerObject;
    const symbol = checker.getSymbolAtLocation(nameNode.compilerNode);
    if (!symbol) return false;
    const file = nameNode.getSourceFile();
    // the same binding, not a property or a shadowing local of the same name (`{ config }` reads the variable)
    for (const id of this.identifiersNamed(file, nameNode.getText())) {
      if (id === nameNode.compilerNode) continue;
      const resolved = ts.isShorthandPropertyAssignment(id.parent) ? checker.getShorthandAssignmentValueSymbol(id.parent) : checker.getSymbolAtLocation(id);
      if (resolved !== symbol) continue;
      const ref = file.getDescendantAtPos(id.getStart(file.compilerNode));
      if (!ref || !this.isRead(ref, value)) return false;
    }
    return true;
  }

  /** The identifiers of a file with a given name, as compiler nodes (indexed once per file; wrapping every one is slow). */
  private identifiersNamed(file: SourceFile, name: string): TS.Identifier[] {
    let index = this.identifiers.get(file);
    if (!index) {
      const built = new Map<string, TS.Identifier[]>();
      const visit = (node: TS.Node): void => {
        if (ts.isIdentifier(node)) {
          const list = built.get(node.text);
          if (list) list.push(node);
          else built.set(node.text, [node]);
        }
        ts.forEachChild(node, visit);
      };
      visit(file.compilerNode);
      this.identifiers.set(file, (index = built));
    }
    return index.get(name) ?? [];
  }

  /**
   * `ref` (an expression evaluating to `value`) only reads a value out of it: a member chain ending
   * in a number or another primitive. Writes (`config.ttl = …`, `++`, `delete`), the object or an
   * inner object used as a value (handed out, aliased, a method called on it) are not reads.
   */
  private isRead(ref: Node, value: Value): boolean {
    const parent = ref.getParent();
    // `typeof config` in a type: no value flows anywhere
    if (ref.getFirstAncestor((a) => Node.isTypeNode(a)) !== undefined) return true;
    // another name for the same binding (`import { config as c }`, `export { config as c } from`): checked as that name
    if (Node.isImportSpecifier(parent) || Node.isImportClause(parent) || Node.isNamespaceImport(parent)) return true;
    if (isExportSite(ref)) {
      // passed on to the modules importing this one: look for them too
      this.exporters.add(ref.getSourceFile());
      return true;
    }
    let top: Node = ref;
    let current: Value = value;
    for (;;) {
      const up = top.getParent();
      if (Node.isPropertyAccessExpression(up) && up.getExpression() === top) {
        current = prop(current, up.getName());
        top = up;
      } else if (Node.isElementAccessExpression(up) && up.getExpression() === top) {
        const arg = up.getArgumentExpression();
        if (!arg || !Node.isStringLiteral(arg)) return false;
        current = prop(current, arg.getLiteralValue());
        top = up;
      } else {
        break;
      }
    }
    const holder = top.getParent();
    if (Node.isBinaryExpression(holder) && holder.getLeft() === top && ASSIGNMENT_OPERATORS.has(holder.getOperatorToken().getKind())) return false;
    if (Node.isPrefixUnaryExpression(holder) || Node.isPostfixUnaryExpression(holder) || Node.isDeleteExpression(holder)) {
      const op = Node.isDeleteExpression(holder) ? undefined : holder.getOperatorToken();
      if (op === undefined || op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken) return false;
    }
    // `expiresIn(3600)`: calling a clock helper reads the time, nothing else
    if (current.kind === 'clock' && Node.isCallExpression(holder) && holder.getExpression() === top) return true;
    // `{ ...config }` copies values; inner objects would be shared
    if (Node.isSpreadAssignment(holder) && current.kind === 'object' && current.closed) return [...current.props.values()].every(isPrimitiveValue);
    // `const { ttl, name } = config`: reads values, as long as none is an object
    if (Node.isVariableDeclaration(holder) && holder.getInitializer() === top && Node.isObjectBindingPattern(holder.getNameNode())) {
      return holder.getNameNode().asKindOrThrow(ts.SyntaxKind.ObjectBindingPattern).getElements().every((element) => {
        const key = element.getPropertyNameNode()?.getText() ?? element.getName();
        return !element.getDotDotDotToken() && Node.isIdentifier(element.getNameNode()) && isPrimitiveValue(prop(current, unquote(key)));
      });
    }
    return isPrimitiveValue(current);
  }

  /** Taints what `require('./config').ttl = 60` (a require that binds no name) writes or hands out. */
  private checkInlineRequires(file: SourceFile): void {
    for (const call of file.getDescendantsOfKind(ts.SyntaxKind.CallExpression)) {
      const parent = call.getParent();
      if (!Node.isPropertyAccessExpression(parent) && !Node.isElementAccessExpression(parent)) continue;
      const value = this.requireValue(call, file);
      if (value?.kind === 'object' && !this.isRead(call, value)) this.taint(value);
    }
  }
}

function isPrimitiveValue(value: Value): boolean {
  return value.kind === 'number' || value.kind === 'primitive';
}

function prop(value: Value, key: string): Value {
  if (value.kind !== 'object') return OPAQUE;
  const found = value.props.get(key);
  if (found) return found;
  // a key a closed literal lacks reads undefined
  return value.closed ? PRIMITIVE : OPAQUE;
}
