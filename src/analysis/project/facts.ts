/**
 * What the project layer tells the transforms about one file: plain data (it crosses into worker
 * threads), so each transform still runs alone with jscodeshift and, without it, behaves exactly
 * as on a single file.
 */

/** Answers about one file that only other modules of the project can give. */
export interface ProjectFacts {
  /**
   * Numbers this file reads from other modules that are fixed at migration time, keyed by the
   * module-level reference as written in this file: `TTL` (`import { TTL } from './config'`,
   * `const { TTL } = require('./config')`), `config.agora.ttl` (an exported object literal nothing
   * writes or hands out), `Lifetime.Hour` (an exported enum member), `constants.TTL` (a CommonJS
   * `exports.TTL = 3600` read through `const constants = require('./constants')`).
   */
  constants: Record<string, number>;
  /**
   * Clock helpers this file imports, by module-level reference: `'now'` for a function returning
   * the unix time now (`nowSeconds()`), or the index of the parameter it adds to now
   * (`expiresIn(seconds)` → 0), so `expiresIn(3600)` reads as `now + 3600`.
   */
  clockHelpers?: Record<string, 'now' | number>;
  /**
   * Project modules this file imports that re-export an Agora package (a barrel every importer of
   * which is migrated with it), by specifier as written → the package (`'./lib/agora'` →
   * `'agora-access-token'`): their builders are that package's, and the specifier stays.
   */
  agoraBarrels?: Record<string, string>;
  /** This file is such a barrel: its re-export of the v1 package is swapped like an import. */
  followedBarrel?: true;
}

/** Facts by file path (as the runner names the file to the transform). */
export type ProjectFactsByFile = Map<string, ProjectFacts>;

/** A barrel the project layer followed, and its importers: migrated together, or (after a review in any) not at all. */
export interface BarrelGroup {
  barrel: string;
  importers: string[];
}

/** What the project layer found out, per file and across files. */
export interface ProjectAnswers {
  facts: ProjectFactsByFile;
  barrels: BarrelGroup[];
}
