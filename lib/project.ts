import { gcpLakehouseProblems } from './gcp/rules/gcp-checks';
import { awsLakehouseProblems } from './aws/rules/aws-checks';
import type { Cloud, EnvironmentConfig } from './model/environment';
import { checkEnvironments } from './model/load-environments';
import { checkTableTemplates } from './model/load-templates';
import { locateProblems } from './model/locate';
import { errorsOf, LakehouseValidationError, sortProblems, warningsOf, type Problem, type SourcedProblem } from './model/problems';
import type { LoadedTableTemplate } from './model/table-template';
import { planLakehouse, type LakehousePlan } from './plan';

export interface LakehouseProject {
  readonly templates: LoadedTableTemplate[];
  readonly environments: EnvironmentConfig[];
}

/** Each cloud's rules, run on the resolved plan of every environment of that cloud. */
const CLOUD_RULES: Readonly<Record<Cloud, (plan: LakehousePlan) => SourcedProblem[]>> = {
  aws: awsLakehouseProblems,
  gcp: gcpLakehouseProblems,
};

/**
 * Every problem of one environment with its templates, located at the key or field to change:
 * the checks the composites (AwsLakehouse, GcpLakehouse) run on their props, so `lakehouse
 * validate` and synthesis agree.
 */
export function lakehouseProblems(environment: EnvironmentConfig, templates: readonly LoadedTableTemplate[]): Problem[] {
  return locateProblems(CLOUD_RULES[environment.cloud](planLakehouse(environment, templates)));
}

/** Validates the templates and environments together; every problem in every file, sorted. */
export function checkProject(templatesDir: string, environmentsPath: string): LakehouseProject & { problems: Problem[] } {
  const t = checkTableTemplates(templatesDir);
  const e = checkEnvironments(environmentsPath);
  const problems = [...t.problems, ...e.problems];
  // Rules that need the templates are only meaningful when every template is valid. They also run
  // on environments with problems that leave the rest meaningful, so one run reports everything.
  if (t.problems.length === 0) for (const env of e.checkable) problems.push(...lakehouseProblems(env, t.templates));
  return { templates: t.templates, environments: e.environments, problems: sortProblems(dedupe(problems)) };
}

/** A template problem found for every environment is reported once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.file}\u0000${p.line}\u0000${p.column}\u0000${p.field}\u0000${p.message}\u0000${p.severity ?? 'error'}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Loads a project; throws one LakehouseValidationError listing every problem (warnings do not
 * count, they are returned). Nothing is built from invalid input.
 */
export function loadProject(templatesDir: string, environmentsPath: string): LakehouseProject & { warnings: Problem[] } {
  const { templates, environments, problems } = checkProject(templatesDir, environmentsPath);
  const errors = errorsOf(problems);
  if (errors.length > 0) throw new LakehouseValidationError(errors);
  return { templates, environments, warnings: warningsOf(problems) };
}
