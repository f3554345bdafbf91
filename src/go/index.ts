/**
 * The Go language room, ready to use: parser, analysis and the migration of Agora's v1 Go token
 * builders. Importing it loads the Go grammar (the recipe imports it, so only a run with something
 * to transform pays for that); `check` and the runner import the parts they need directly.
 */
import { loadGoParser } from './parser.ts';

await loadGoParser();

export { migrateGoSource, GO_V1_PACKAGES } from './migrate-go.ts';
export { parseGo, GoSyntaxError, loadGoParser } from './parser.ts';
export { goHelperSource, GO_HELPERS, type GoHelper } from './helpers.ts';
export { isGoFile } from './files.ts';
export { findGoV1Calls, type GoV1Call } from './v1-calls.ts';
