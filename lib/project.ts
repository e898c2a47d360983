import { checkEnvironments } from './model/load-environments';
import { checkTableTemplates } from './model/load-templates';
import type { EnvironmentConfig } from './model/environment';
import { LakehouseValidationError, sortProblems, type Problem } from './model/problems';
import type { LoadedTableTemplate } from './model/table-template';

export interface LakehouseProject {
  readonly templates: LoadedTableTemplate[];
  readonly environments: EnvironmentConfig[];
}

/** Checks that need both the templates and an environment (e.g. what one cloud's tables can hold). */
export type CrossCheck = (templates: readonly LoadedTableTemplate[], environment: EnvironmentConfig) => Problem[];

const crossChecks: CrossCheck[] = [];

/** Registers a check run for every environment against every template (cloud-specific rules). */
export function registerCrossCheck(check: CrossCheck): void {
  crossChecks.push(check);
}

/** Validates the templates and environments together; every problem in every file, sorted. */
export function checkProject(templatesDir: string, environmentsPath: string): LakehouseProject & { problems: Problem[] } {
  const t = checkTableTemplates(templatesDir);
  const e = checkEnvironments(environmentsPath);
  const problems = [...t.problems, ...e.problems];
  if (t.problems.length === 0) {
    for (const env of e.environments) for (const check of crossChecks) problems.push(...check(t.templates, env));
  }
  return { templates: t.templates, environments: e.environments, problems: sortProblems(problems) };
}

/** Loads a project; throws one LakehouseValidationError listing every problem. Nothing is built from invalid input. */
export function loadProject(templatesDir: string, environmentsPath: string): LakehouseProject {
  const { templates, environments, problems } = checkProject(templatesDir, environmentsPath);
  if (problems.length > 0) throw new LakehouseValidationError(problems);
  return { templates, environments };
}
