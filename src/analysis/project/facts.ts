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
  /**
   * Builder calls of this file inside a function whose parameter `param` passes the absolute
   * deadline straight through, where every caller in the run passes `now + N`: the parameter
   * carries N seconds instead (renamed) and the call passes it as tokenExpire and privilegeExpire.
   * By the builder call's position (line 1-based, column 0-based).
   */
  deadlineWrappers?: { line: number; column: number; param: string; wrapper: string; callers: number }[];
  /** Calls of such a wrapper in this file: the argument at `index` goes from `now + N` to N. */
  deadlineArguments?: { line: number; column: number; index: number; wrapper: string }[];
  /**
   * Role references of this file (`ROLES`, `config.ROLES`, `HOST_ROLE`, `Role`) whose definition in
   * another module is mapped there, every reader being a builder's role argument: passed as they are.
   */
  mappedRoles?: string[];
  /** Deprecated role values (`101`, `0`, `RtcRole.ADMIN`) this module defines that only builders read: mapped here, by position. */
  roleDefinitions?: { line: number; column: number }[];
}

/**
 * Whether the facts give a file work without any Agora import of its own: it calls a wrapper whose
 * deadline parameter now takes seconds, or defines role values only builders read.
 */
export function hasWorkWithoutAgoraImport(facts: ProjectFacts | undefined): boolean {
  return (facts?.deadlineArguments?.length ?? 0) > 0 || (facts?.roleDefinitions?.length ?? 0) > 0;
}

/** Facts by file path (as the runner names the file to the transform). */
export type ProjectFactsByFile = Map<string, ProjectFacts>;

/**
 * Files whose facts only hold together (a followed barrel and its importers, a wrapper and its
 * callers): migrated together, or, after a review or failure in any of them, each as it would be alone.
 */
export interface FileGroup {
  files: string[];
}

/** What the project layer found out, per file and across files. */
export interface ProjectAnswers {
  facts: ProjectFactsByFile;
  groups: FileGroup[];
  /** The files the layer parsed to answer (none when it was not needed): what it cost, for reports and tests. */
  parsed: string[];
}
