/** The Go language room: parser, analysis and the migration of Agora's v1 Go token builders. */
export { migrateGoSource, GO_V1_PACKAGES } from './migrate-go.ts';
export { parseGo, GoSyntaxError } from './parser.ts';
export { goHelperSource, GO_HELPERS, type GoHelper } from './helpers.ts';

/** Whether a path is a Go source file (`migrate` sends it to the Go room, not to the JavaScript recipe). */
export function isGoFile(filePath: string): boolean {
  return filePath.toLowerCase().endsWith('.go');
}
export { findGoV1Calls, type GoV1Call } from './v1-calls.ts';
