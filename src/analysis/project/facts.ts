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
}

/** Facts by file path (as the runner names the file to the transform). */
export type ProjectFactsByFile = Map<string, ProjectFacts>;
