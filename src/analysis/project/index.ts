/**
 * The project layer: answers, for the jscodeshift transforms, what one file cannot (values of
 * imported constants and config objects). It is built only when a candidate imports a module of
 * the project; otherwise nothing is loaded (ts-morph and TypeScript included).
 */
import { aliasMatcher, findNearestConfig, type ConfigCache } from './config.ts';
import type { ModuleKind } from '../../types.ts';
import type { ProjectAnswers, ProjectFacts } from './facts.ts';
import { importsProjectModule, mayWrapDeadline } from './gate.ts';

export type { FileGroup, ProjectAnswers, ProjectFacts, ProjectFactsByFile } from './facts.ts';

export interface CollectProjectFactsInput {
  /** Candidate files (those the recipe will run on), with their text as the transforms see it and how Node loads them. */
  candidates: ReadonlyArray<{ path: string; source: string; moduleKind: ModuleKind }>;
  /** Every JS/TS source file of the run: other importers of a config module are looked for among them. */
  sourceFiles: readonly string[];
  /** candidatesNeedingProject(candidates), when the caller has it already. */
  needing?: CollectProjectFactsInput['candidates'];
}

/** The candidates that import a module of their project (relative, or mapped by tsconfig `paths`/`baseUrl`). */
export function candidatesNeedingProject<T extends { path: string; source: string }>(candidates: readonly T[]): T[] {
  const configs: ConfigCache = new Map();
  const matchers = new Map<string, (specifier: string) => boolean>();
  return candidates.filter((candidate) => {
    const aliased = (specifier: string) => {
      const config = findNearestConfig(candidate.path, configs) ?? '';
      let matcher = matchers.get(config);
      if (!matcher) matchers.set(config, (matcher = aliasMatcher(config || undefined)));
      return matcher(specifier);
    };
    return importsProjectModule(candidate.source, candidate.path, aliased) || mayWrapDeadline(candidate.source);
  });
}

/**
 * Facts for every candidate that has some (paths as given). Loads ts-morph only when a candidate
 * imports a module of the project.
 */
export async function collectProjectFacts(input: CollectProjectFactsInput): Promise<ProjectAnswers> {
  const needing = input.needing ?? candidatesNeedingProject(input.candidates);
  if (needing.length === 0) return { facts: new Map(), groups: [], parsed: [] };
  const { analyzeProject } = await import('./build.ts');
  return analyzeProject({ candidates: needing, allCandidates: input.candidates, sourceFiles: input.sourceFiles });
}

/** The facts without those that only hold for a whole group (when the group is undone). */
export function withoutGroupFacts(facts: ProjectFacts | undefined): ProjectFacts | undefined {
  if (!facts) return undefined;
  const { agoraBarrels: _barrels, followedBarrel: _followed, deadlineWrappers: _wrappers, deadlineArguments: _arguments, mappedRoles: _roles, roleDefinitions: _definitions, ...rest } = facts;
  return rest;
}
