import type { EnvironmentConfig } from '../../lib/model/environment';
import { parseEnvironment } from '../../lib/model/load-environments';
import type { Problem } from '../../lib/model/problems';
import { lakehouseProblems } from '../../lib/project';
import { show } from '../model/helpers';
import { shippedTemplates } from '../support/synth';

/** The problems `lakehouse validate` reports for an environment (its file shape must be valid). */
export function cloudProblems(yaml: string): Problem[] {
  const env = modelValid(yaml);
  const problems = lakehouseProblems(env, shippedTemplates());
  if (problems.length === 0) throw new Error('expected the environment to be rejected');
  return problems;
}

/** An environment both the model and its cloud's rules accept. */
export function cloudValid(yaml: string): EnvironmentConfig {
  const env = modelValid(yaml);
  const problems = lakehouseProblems(env, shippedTemplates());
  if (problems.length > 0) throw new Error(problems.map(show).join('\n'));
  return env;
}

/** `{ environment }` when the cloud's rules accept it, `{}` otherwise (parseEnvironment's shape). */
export function cloudParse(yaml: string): { environment?: EnvironmentConfig } {
  const env = modelValid(yaml);
  return lakehouseProblems(env, shippedTemplates()).length === 0 ? { environment: env } : {};
}

function modelValid(yaml: string): EnvironmentConfig {
  const result = parseEnvironment('env.yaml', yaml);
  if (!result.environment) throw new Error(result.problems.map(show).join('\n'));
  return result.environment;
}
