/**
 * Moves a package.json from `agora-access-token` to `agora-token` by editing the text in place, so
 * indentation, key order, line endings and the trailing newline stay exactly as they were.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits, findNodeAtLocation, parseTree, type Edit, type Node, type ParseError } from 'jsonc-parser';
import type { PackageJsonChange } from './types.ts';

export const V1_PACKAGE = 'agora-access-token';
export const V2_PACKAGE = 'agora-token';
/** The range written for agora-token: the release the recipe targets, and later 2.x. */
export const V2_RANGE = '^2.0.6';
const BOM = '\uFEFF';
/** Sections that can name agora-access-token; each is migrated on its own. */
export const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export interface PackageJsonMigration {
  /** New text, or undefined when nothing changes. */
  output: string | undefined;
  changes: PackageJsonChange[];
}

/** Thrown for a package.json that mentions agora-access-token but is not valid JSON. */
export class PackageJsonSyntaxError extends SyntaxError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'PackageJsonSyntaxError';
  }
}

export interface PackageJsonOptions {
  /**
   * Some source file of this package still imports agora-access-token after the run (it failed to
   * parse or was left for manual review): keep the v1 dependency and add agora-token next to it.
   */
  v1StillNeeded?: boolean;
}

/**
 * Per section: agora-access-token is renamed to agora-token (range V2_RANGE) in place; when the
 * section already has agora-token, agora-access-token is removed instead. With `v1StillNeeded`,
 * agora-access-token stays and agora-token is added right after it (when the section lacks it).
 */
export function migratePackageJson(text: string, options: PackageJsonOptions = {}): PackageJsonMigration {
  if (!text.includes(V1_PACKAGE)) return { output: undefined, changes: [] };
  // a UTF-8 BOM (npm and Node accept one) is not JSON: edit the text after it and write it back
  if (text.startsWith(BOM)) {
    const migration = migratePackageJson(text.slice(1), options);
    return { ...migration, output: migration.output === undefined ? undefined : BOM + migration.output };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || root === undefined || root.type !== 'object') {
    const offset = errors[0]?.offset ?? 0;
    const { line, column } = lineAndColumn(text, offset);
    throw new PackageJsonSyntaxError('package.json is not valid JSON', line, column);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let output = text;
  const changes: PackageJsonChange[] = [];
  for (const section of DEPENDENCY_SECTIONS) {
    // re-parsed per section: the previous section's edit moved every later offset
    const tree = parseTree(output) as Node;
    const v1 = findNodeAtLocation(tree, [section, V1_PACKAGE]);
    if (v1 === undefined) continue;
    const hasV2 = findNodeAtLocation(tree, [section, V2_PACKAGE]) !== undefined;
    const from = typeof v1.value === 'string' ? v1.value : undefined;
    if (options.v1StillNeeded) {
      if (hasV2) continue;
      output = applyEdits(output, [insertAfter(output, v1.parent as Node, eol)]);
      changes.push({ section, action: 'added', to: V2_RANGE });
    } else if (hasV2) {
      output = applyEdits(output, [removeProperty(v1.parent as Node)]);
      changes.push({ section, action: 'removed', from });
    } else {
      const [key, value] = (v1.parent as Node).children as [Node, Node];
      output = applyEdits(output, [
        { offset: value.offset, length: value.length, content: JSON.stringify(V2_RANGE) },
        { offset: key.offset, length: key.length, content: JSON.stringify(V2_PACKAGE) },
      ]);
      changes.push({ section, action: 'renamed', from, to: V2_RANGE });
    }
  }
  return { output: output === text ? undefined : output, changes };
}

/** `"agora-access-token": "x"` => `"agora-access-token": "x",⏎<same indent>"agora-token": "^2.0.6"` */
function insertAfter(text: string, property: Node, eol: string): Edit {
  const [key, value] = property.children as [Node, Node];
  const lineStart = text.lastIndexOf('\n', key.offset) + 1;
  const indent = text.slice(lineStart, key.offset);
  const separator = text.slice(key.offset + key.length, value.offset);
  const entry = `${JSON.stringify(V2_PACKAGE)}${separator}${JSON.stringify(V2_RANGE)}`;
  // a key that does not start its own line (one-line JSON) gets a same-line neighbour
  const content = /^[ \t]*$/.test(indent) ? `,${eol}${indent}${entry}` : `, ${entry}`;
  return { offset: value.offset + value.length, length: 0, content };
}

/**
 * Removes a property that has siblings (agora-token is one), with its separator, keeping the
 * others' layout: a non-last property goes up to the next one; a last one from the previous one's end.
 */
function removeProperty(property: Node): Edit {
  const siblings = (property.parent as Node).children as Node[];
  const index = siblings.indexOf(property);
  const end = property.offset + property.length;
  if (index < siblings.length - 1) return { offset: property.offset, length: siblings[index + 1].offset - property.offset, content: '' };
  const previous = siblings[index - 1];
  const start = previous.offset + previous.length;
  return { offset: start, length: end - start, content: '' };
}

/**
 * The install command for the package manager whose lockfile is nearest above `dir`; without a
 * lockfile, `npm install` at the outermost workspace root above (or at `dir`).
 */
export function reinstallCommand(dir: string): { dir: string; command: string } {
  const managers: Array<[string, string]> = [
    ['pnpm-lock.yaml', 'pnpm install'],
    ['yarn.lock', 'yarn install'],
    ['bun.lock', 'bun install'],
    ['bun.lockb', 'bun install'],
    ['package-lock.json', 'npm install'],
    ['npm-shrinkwrap.json', 'npm install'],
  ];
  let workspaceRoot: string | undefined;
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    for (const [lockfile, command] of managers) if (existsSync(path.join(current, lockfile))) return { dir: current, command };
    if (hasWorkspaces(path.join(current, 'package.json'))) workspaceRoot = current;
    if (path.dirname(current) === current) return { dir: workspaceRoot ?? path.resolve(dir), command: 'npm install' };
  }
}

function hasWorkspaces(packageJson: string): boolean {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8').replace(/^\uFEFF/, '')) as { workspaces?: unknown }).workspaces !== undefined;
  } catch {
    return false;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}
