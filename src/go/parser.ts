/**
 * The Go parser: tree-sitter's Go grammar (prebuilt WebAssembly from tree-sitter-wasms) run by
 * web-tree-sitter, so nothing is compiled at install. Loading WebAssembly is asynchronous and costs
 * tens of milliseconds, so it happens once, on first need (`loadGoParser`: the Go room's entry
 * `src/go/index.ts` awaits it, and `check` before its first Go file); after that every parse is
 * synchronous like the JavaScript parsers the recipe uses.
 */
import { createRequire } from 'node:module';
import type Parser from 'web-tree-sitter';

export type GoNode = Parser.SyntaxNode;
export type GoTree = Parser.Tree;

const require = createRequire(import.meta.url);
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the Go grammar (once per thread); every parse below needs it loaded. */
export function loadGoParser(): Promise<void> {
  loading ??= (async () => {
    // the module itself is imported here too: a run without Go files never evaluates it
    const { default: TreeSitter } = await import('web-tree-sitter');
    await TreeSitter.init();
    const go = await TreeSitter.Language.load(require.resolve('tree-sitter-wasms/out/tree-sitter-go.wasm'));
    const loaded = new TreeSitter();
    loaded.setLanguage(go);
    parser = loaded;
  })();
  return loading;
}

function loadedParser(): Parser {
  if (!parser) throw new Error('internal: the Go parser is not loaded (await loadGoParser() first)');
  return parser;
}

/** A Go file that does not parse; `loc` follows babel's shape (1-based line, 0-based column), as the runner expects. */
export class GoSyntaxError extends SyntaxError {
  readonly loc: { line: number; column: number };
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = 'SyntaxError';
    this.loc = { line, column };
  }
}

/** The first node tree-sitter could not parse (an ERROR or a MISSING token), depth-first. */
function firstErrorNode(node: GoNode): GoNode | undefined {
  if (node.isError || node.isMissing) return node;
  if (!node.hasError) return undefined;
  for (const child of node.children) {
    const found = firstErrorNode(child);
    if (found) return found;
  }
  return node;
}

/** Parses Go source; throws GoSyntaxError (with `loc`) at the first syntax error. */
export function parseGo(source: string): GoTree {
  const tree = loadedParser().parse(source);
  const bad = firstErrorNode(tree.rootNode);
  if (bad) {
    const { row, column } = bad.startPosition;
    tree.delete();
    const what = bad.isMissing ? `missing ${bad.type}` : `unexpected ${JSON.stringify(bad.text.slice(0, 20))}`;
    throw new GoSyntaxError(`Go syntax error: ${what}`, row + 1, column);
  }
  return tree;
}

/** Parses Go source, keeping tree-sitter's error recovery (for `check`, which reads what it can). */
export function parseGoTolerant(source: string): GoTree {
  return loadedParser().parse(source);
}

/** Named children of `node` of one type. */
export function childrenOfType(node: GoNode, type: string): GoNode[] {
  return node.namedChildren.filter((child) => child.type === type);
}

/** Every descendant of `node` (itself included) of one of `types`, in source order. */
export function descendantsOfType(node: GoNode, types: string | string[]): GoNode[] {
  return node.descendantsOfType(types);
}
