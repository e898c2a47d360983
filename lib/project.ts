import { existsSync, readFileSync } from 'node:fs';
import { bigQueryTableMode, checkBigQueryCompatibility } from './model/bigquery-compat';
import { checkEnvironments } from './model/load-environments';
import { formatPath, type PathProblem } from './model/problems';
import { YamlSource } from './model/yaml-source';
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

/** Locates problems in a file when it exists (templates defined in code have no lines). */
function locateIn(file: string, problems: readonly PathProblem[]): Problem[] {
  if (problems.length === 0) return [];
  const source = existsSync(file) ? new YamlSource(file, readFileSync(file, 'utf8')) : undefined;
  return problems.map((p) => source?.locate(p) ?? { file, line: 0, column: 0, field: formatPath(p.path), message: p.message });
}

/** BigQuery can hold only some Iceberg types, and managed Iceberg tables forbid a versioned bucket. */
const bigQueryCheck: CrossCheck = (templates, env) => {
  if (env.cloud !== 'gcp') return [];
  const problems = templates.flatMap((t) => locateIn(t.file, checkBigQueryCompatibility(t)));
  const managed = templates.filter((t) => bigQueryTableMode(t) === 'managed').map((t) => `${t.namespace}.${t.name}`);
  if (env.storage.versioning && managed.length > 0) {
    problems.push(
      ...locateIn(env.file, [
        {
          path: ['storage', 'versioning'],
          message: `BigQuery-managed Iceberg tables (${managed.slice(0, 3).join(', ')}${managed.length > 3 ? ', ...' : ''}) forbid object versioning on their bucket; set storage.versioning: false`,
        },
      ]),
    );
  }
  return problems;
};

const crossChecks: CrossCheck[] = [bigQueryCheck];

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
