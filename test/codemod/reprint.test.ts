/**
 * printSharingUnchanged must print exactly what recast prints without it: on every fixture after
 * the recipe's steps, and on the fixtures' inputs under random edits of the kinds that make recast
 * reprint in different ways (a changed operator or value under an unchanged child, a node moved
 * into a new one, a list that grows or shrinks, a comment added, a node cleared of `original`).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { ASTPath } from 'jscodeshift';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import { parserFor } from '../../src/analysis/parser.ts';
import { preferredQuote } from '../../src/codemod/context.ts';
import { preserveArgumentLayout } from '../../src/codemod/layout.ts';
import { printSharingUnchanged } from '../../src/codemod/reprint.ts';
import { runSteps } from '../../src/codemod/run-steps.ts';
import { RECIPE_STEPS } from '../../transforms/accesstoken2.ts';
import { FIXTURES_DIR } from '../helpers/fixtures.ts';
import { discoverFixtures } from '../helpers/semantic.ts';

const fixtures = discoverFixtures(FIXTURES_DIR);
const EXAMPLES = [
  'examples/express-cjs/before/server.js',
  'examples/fetch-rtc-token/before/server.cjs',
  'examples/firebase-callable/before/functions/index.js',
  'examples/nestjs-service/before/src/token.service.ts',
  'examples/nextjs-api/before/pages/api/rtc-token.ts',
  'examples/node-http-esm/before/server.mjs',
].map((path) => new URL(`../../${path}`, import.meta.url).pathname);
const REPO = new URL('../../', import.meta.url).pathname;
const inputs = [...fixtures.map((f) => f.input), ...EXAMPLES];

/** Both prints of a tree, the shared one first (so a change it left in the tree would show in the plain one). */
function bothPrints(root: ReturnType<typeof jscodeshift>, options: object): { shared: string; plain: string } {
  const file = root.paths()[0].node as object;
  const shared = printSharingUnchanged(file, () => root.toSource(options));
  return { shared, plain: root.toSource(options) };
}

describe('printSharingUnchanged', () => {
  it('has fixtures and examples to compare', () => {
    expect(fixtures.length).toBeGreaterThan(100);
  });

  it.each(inputs.map((input) => [relative(REPO, input), input] as const))('prints the recipe’s tree of %s as recast does', (_name, input) => {
    const source = readFileSync(input, 'utf8');
    const options = fixtures.find((f) => f.input === input)?.moduleKind;
    const ctx = runSteps(
      { path: input, source },
      undefined,
      options ? { moduleKind: options } : {},
      RECIPE_STEPS.map(([, step]) => step),
    );
    if (!ctx?.changed) return;
    preserveArgumentLayout(ctx);
    const { shared, plain } = bothPrints(ctx.root, { quote: preferredQuote(ctx), lineTerminator: '\n', wrapColumn: 10_000 });
    expect(shared).toBe(plain);
  });

  it('leaves to recast an unchanged node it parenthesizes (a destructuring assignment as an argument)', () => {
    const j = jscodeshift.withParser('babylon');
    const root = j('f({ a } = b, c);\n');
    root.find(j.Identifier, { name: 'c' }).forEach((p) => {
      p.node.name = 'd';
    });
    const { shared, plain } = bothPrints(root, {});
    expect(plain).toBe('f(({ a } = b), d);\n');
    expect(shared).toBe(plain);
  });

  it('prints randomly edited inputs as recast does', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let compared = 0;
    for (const input of inputs) {
      const source = readFileSync(input, 'utf8');
      for (let round = 0; round < 4; round++) {
        const j = jscodeshift.withParser(parserFor(input));
        const root = j(source);
        const paths = root.find(j.Node).paths() as ASTPath[];
        for (let edit = 0; edit < 1 + random(3); edit++) {
          const path = paths[random(paths.length)];
          const node = path.node as { type: string; [key: string]: unknown };
          if (!path.parentPath || node !== path.value) continue;
          switch (random(7)) {
            case 0:
              if (node.type === 'BinaryExpression' || node.type === 'LogicalExpression') node.operator = node.type === 'BinaryExpression' ? '*' : '??';
              else if (node.type === 'NumericLiteral') node.value = 42;
              else if (node.type === 'Identifier') node.name = `${node.name as string}2`;
              break;
            case 1:
              // the node moves into a new call: `wrap(node)`, or becomes the operand of a new `-`
              if (j.Expression.check(node)) path.replace(random(2) ? j.callExpression(j.identifier('wrap'), [node as never]) : j.binaryExpression('-', node as never, j.numericLiteral(1)));
              break;
            case 2: {
              // a list grows or shrinks
              const list = Object.values(node).find((value) => Array.isArray(value) && value.length > 0) as unknown[] | undefined;
              if (list && random(2)) list.splice(random(list.length), 1);
              else if (list) list.push(list[random(list.length)]);
              break;
            }
            case 3:
              node.comments = [...((node.comments as unknown[]) ?? []), j.commentLine(' added', true, false)];
              break;
            case 4:
              (node as { original?: unknown }).original = null;
              break;
            case 5:
              // the node is replaced by another node of the file (moved, not copied)
              if (j.Expression.check(node)) {
                const other = paths[random(paths.length)].node;
                if (j.Expression.check(other) && other !== node) path.replace(other);
              }
              break;
            default:
              if (j.Statement.check(node) && Array.isArray(path.parentPath.value)) path.insertBefore(j.expressionStatement(j.identifier('inserted')));
          }
        }
        let plain: string;
        try {
          plain = root.toSource({ quote: 'single' });
        } catch {
          continue; // an edit recast cannot print at all (a statement moved where an expression goes)
        }
        const { shared } = bothPrints(root, { quote: 'single' });
        expect(shared, `${input}, round ${round}`).toBe(plain);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(inputs.length * 3);
  });
});
