/**
 * The default recipe: every AccessToken → AccessToken2 transform in order, over one parse and one
 * print. Order matters: review flags read the original calls; roles, expiries and RTM arguments are
 * rewritten while the imports still say which calls are v1; the import swap comes last so it can
 * drop names (RtmRole) the other steps made unused, and keep imports whose uses were not migrated.
 */
import type { API, FileInfo } from 'jscodeshift';
import type { Step, TransformOptions } from '../src/codemod/context.ts';
import { runTransform } from '../src/codemod/run-steps.ts';
import { convertExpiry } from './convert-expiry.ts';
import { dropRtmRole } from './drop-rtm-role.ts';
import { flagManualReview } from './flag-manual-review.ts';
import { mapDeprecatedRoles } from './map-deprecated-roles.ts';
import { renameAccountBuilder } from './rename-account-builder.ts';
import { swapImport } from './swap-import.ts';

export const name = 'accesstoken2';

/** The steps of the recipe, in order, by transform slug. */
export const RECIPE_STEPS: ReadonlyArray<readonly [string, Step]> = [
  ['flag-manual-review', flagManualReview],
  ['rename-account-builder', renameAccountBuilder],
  ['map-deprecated-roles', mapDeprecatedRoles],
  ['convert-expiry', convertExpiry],
  ['drop-rtm-role', dropRtmRole],
  ['swap-import', swapImport],
];

/** jscodeshift entry point. */
export default function transform(file: FileInfo, api: API, options: TransformOptions): string | undefined {
  return runTransform(
    file,
    api,
    options,
    RECIPE_STEPS.map(([, step]) => step),
  );
}
