/**
 * forEachNodePath stands in for ast-types' PathVisitor (jscodeshift's `find`, `types.visit`): on
 * every fixture input and example it must reach the same nodes in the same order, through the
 * very NodePath objects the visitor then uses, and leave the tree as the visitor leaves it.
 */
import { readFileSync } from 'node:fs';
import type { ASTPath } from 'jscodeshift';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { forEachNodePath, isOfType, typeDispatcher } from '../../src/analysis/node-paths.ts';
import { parserFor } from '../../src/analysis/parser.ts';
import { FIXTURES_DIR } from '../helpers/fixtures.ts';
import { discoverFixtures } from '../helpers/semantic.ts';

const inputs = [
  ...discoverFixtures(FIXTURES_DIR).map((f) => f.input),
  ...['examples/express-cjs/before/server.js', 'examples/nestjs-service/before/src/token.service.ts', 'examples/nextjs-api/before/pages/api/rtc-token.ts'].map(
    (path) => new URL(`../../${path}`, import.meta.url).pathname,
  ),
];

/** Every node path below the root, as PathVisitor reaches them. */
function visitorPaths(root: ASTPath): ASTPath[] {
  const paths: ASTPath[] = [];
  jscodeshift.types.visit(root as never, {
    visitNode(path) {
      if (path !== (root as unknown)) paths.push(path as ASTPath);
      this.traverse(path);
    },
  });
  return paths;
}

/** The tree as text, without locations (which the two walks do not touch). */
function shape(root: ASTPath): string {
  return JSON.stringify(root.node, (key, value: unknown) => (key === 'loc' || key === 'tokens' ? undefined : value));
}

describe('forEachNodePath', () => {
  it.each(inputs.map((input) => [input.slice(input.lastIndexOf('/', input.lastIndexOf('/') - 1) + 1), input] as const))('walks %s as PathVisitor does', (_name, input) => {
    const source = readFileSync(input, 'utf8');
    const j = jscodeshift.withParser(parserFor(input));

    // same nodes, same order, same path objects (the walk first, the visitor after, on one tree)
    const walked = j(source).paths()[0] as ASTPath;
    const mine: ASTPath[] = [];
    forEachNodePath(walked, (path) => mine.push(path));
    const theirs = visitorPaths(walked);
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.length).toBe(theirs.length);
    mine.forEach((path, i) => expect(path === theirs[i], `node ${i} (${(path.node as { type: string }).type})`).toBe(true));

    // the tree left as the visitor leaves it (defaults filled in), compared with a tree only the visitor walked
    const visitedOnly = j(source).paths()[0] as ASTPath;
    visitorPaths(visitedOnly);
    const walkedOnly = j(source).paths()[0] as ASTPath;
    forEachNodePath(walkedOnly, () => undefined);
    expect(shape(walkedOnly)).toBe(shape(visitedOnly));
  });
});

describe('typeDispatcher and isOfType', () => {
  it('send a subtype to its most specific handled supertype, as visitor methods do', () => {
    const dispatch = typeDispatcher(['Identifier', 'CallExpression', 'Expression']);
    expect(dispatch('JSXIdentifier')).toBe('Identifier');
    expect(dispatch('OptionalCallExpression')).toBe('CallExpression');
    expect(dispatch('BinaryExpression')).toBe('Expression');
    expect(dispatch('ReturnStatement')).toBeUndefined();
    expect(dispatch('NotAnAstType')).toBeUndefined();
    expect(isOfType('JSXIdentifier', 'Identifier')).toBe(true);
    expect(isOfType('StringLiteral', 'Identifier')).toBe(false);
  });
});
