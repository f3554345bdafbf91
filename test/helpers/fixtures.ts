import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jscodeshift, { type API, type FileInfo } from 'jscodeshift';
import { parserFor } from '../../src/analysis/parser.ts';
import type { TransformOptions } from '../../src/codemod/context.ts';
import { discoverFixtures as discoverSemanticFixtures } from './semantic.ts';

export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url).pathname;

/** A jscodeshift transform as exported by transforms/<slug>.ts. */
export type Transform = (file: FileInfo, api: API, options: TransformOptions) => string | undefined;

export interface FixtureCase {
  slug: string;
  name: string;
  inputPath: string;
  outputPath?: string;
  options: TransformOptions;
}

/** Every `<case>.input.<ext>` under test/fixtures/<slug>/ (found by the semantic harness's discovery), with its options. */
export function discoverFixtures(slug: string): FixtureCase[] {
  return discoverSemanticFixtures(FIXTURES_DIR)
    .filter((fixture) => fixture.slug === slug)
    .map((fixture) => {
      const optionsPath = join(fixture.dir, `${fixture.name}.options.json`);
      return {
        slug,
        name: fixture.name,
        inputPath: fixture.input,
        outputPath: fixture.output,
        options: existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as TransformOptions) : {},
      };
    });
}

/** Slugs that have a fixture directory. */
export function fixtureSlugs(): string[] {
  return readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Runs a transform the way jscodeshift does, collecting what it reports. */
export function applyTransform(transform: Transform, path: string, source: string, options: TransformOptions): { output: string | undefined; reports: string[] } {
  const reports: string[] = [];
  const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => reports.push(message) } as unknown as API;
  return { output: transform({ path, source }, api, options), reports };
}

/** Throws when `source` does not parse with the parser the transforms use for `path`. */
export function assertParses(path: string, source: string): void {
  jscodeshift.withParser(parserFor(path))(source);
}
