/**
 * The version overrides of a package.json: npm `overrides` (nested objects, `.` for the parent
 * package), Yarn `resolutions` (`parent/name`, also under a `**` glob) and pnpm `pnpm.overrides`
 * (`parent>name`, `name@<4.8`). They force the version every install resolves, whatever the
 * dependency sections ask for, so a client SDK pinned there must be judged like a dependency.
 */
import type { Node as JsonNode } from 'jsonc-parser';

/** One overriding entry: the section it sits in, the package it forces, and its key and value nodes. */
export interface OverrideEntry {
  section: string;
  name: string;
  key: JsonNode;
  value: JsonNode;
}

/** The package an override key forces: the last name of a path or selector, without its version selector. */
export function overriddenPackage(key: string): string | undefined {
  const match = /(?:^|[>/])((?:@[^/>@]+\/)?[^/>@]+)(?:@[^/>]*)?$/.exec(key);
  return match?.[1];
}

function childProperty(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  return node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

function collect(section: string, node: JsonNode | undefined, parent: string | undefined, out: OverrideEntry[]): void {
  if (node?.type !== 'object') return;
  for (const property of node.children ?? []) {
    const [key, value] = (property.children ?? []) as [JsonNode?, JsonNode?];
    if (key?.type !== 'string' || value === undefined) continue;
    const name = key.value === '.' ? parent : overriddenPackage(String(key.value));
    if (value.type === 'object') collect(section, value, name, out);
    // `$name` refers to the version of a direct dependency, judged in its own section
    else if (value.type === 'string' && name !== undefined && !String(value.value).startsWith('$')) out.push({ section, name, key, value });
  }
}

/** Every string-valued override of the package.json `root`, in document order per section. */
export function overrideEntries(root: JsonNode): OverrideEntry[] {
  const out: OverrideEntry[] = [];
  collect('overrides', childProperty(root, 'overrides'), undefined, out);
  collect('resolutions', childProperty(root, 'resolutions'), undefined, out);
  collect('pnpm.overrides', childProperty(childProperty(root, 'pnpm'), 'overrides'), undefined, out);
  return out;
}
