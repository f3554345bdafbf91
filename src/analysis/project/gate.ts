/**
 * The cheap text test deciding whether a candidate file needs the project layer at all: it must
 * import a module of the project (a relative path, or a bare specifier that the nearest
 * tsconfig/jsconfig maps with `paths`/`baseUrl`). No parse, no ts-morph.
 */
import { isBuiltin } from 'node:module';
import { classifySource } from '../sources.ts';

/** Every `from '…'`, `require('…')`, `import('…')` and `import '…'` specifier in a text. */
const SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"\r\n]+)\1/g;

/** The module specifiers a text mentions, in order (a superset of its real imports: strings and comments count). */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(SPECIFIER)) found.push(match[2]);
  return found;
}

/** True for a specifier that names a file of the project: relative or absolute. */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..' || specifier.startsWith('/');
}

/**
 * True when `source` imports a module that could be one of the project's own (not an Agora
 * package, not a Node built-in): relative, or bare when `aliased` (its tsconfig maps bare names).
 */
export function importsProjectModule(source: string, file: string, aliased: (specifier: string) => boolean): boolean {
  return importSpecifiers(source).some((specifier) => {
    if (classifySource(specifier, file) !== undefined || isBuiltin(specifier)) return false;
    return isRelativeSpecifier(specifier) || aliased(specifier);
  });
}

/** `buildTokenWithUid(…, expireAt)`: a builder whose last argument is a bare name. */
const BUILDER_LAST_NAME = /\.buildTokenWith(?:Uid|Account)\s*\((?:[^()]|\([^()]*\))*,\s*([A-Za-z_$][\w$]*)\s*\)/g;

/**
 * True when `source` may hold a wrapper passing its own parameter to a builder as the deadline
 * (`function createRtcToken(channel, uid, role, expireAt) { … buildTokenWithUid(…, expireAt) }`):
 * the name is a parameter of some function in the text. A cheap over-approximation for the gate.
 */
export function mayWrapDeadline(source: string): boolean {
  for (const match of source.matchAll(BUILDER_LAST_NAME)) {
    const name = match[1].replace(/\$/g, '\\$');
    if (new RegExp(`\\([^()]*\\b${name}\\b[^()]*\\)\\s*(?::[^={]*)?(?:=>|\\{)`).test(source)) return true;
  }
  return false;
}
