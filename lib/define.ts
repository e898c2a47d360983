import { compareBy } from './model/compare';
import { duplicateTableProblems, tableKey } from './model/duplicate-tables';
import { locateProblems } from './model/locate';
import { stringify } from 'yaml';
import type { EnvironmentConfig } from './model/environment';
import { parseEnvironment } from './model/load-environments';
import { parseTableTemplate } from './model/load-templates';
import { LakehouseValidationError, type Problem } from './model/problems';
import type { LoadedTableTemplate, TableTemplate } from './model/table-template';

/**
 * An environment written in code, with the same keys as an environment file
 * (`docs/environment-reference.md`). Validated by the same schema and rules; defaults applied.
 */
export type EnvironmentInput = Record<string, unknown> & {
  readonly name: string;
  readonly project: string;
  readonly cloud: 'aws' | 'gcp';
  readonly catalog: 'glue' | 'nessie' | 'biglake';
  readonly region: string;
};

/**
 * Validates an environment defined in code and applies every default, exactly as for a YAML file.
 * @param origin what to call the input in error messages
 * @throws LakehouseValidationError listing every problem (field paths as in the YAML form)
 */
export function defineEnvironment(input: EnvironmentInput, origin = `environment '${input.name}' (code)`): EnvironmentConfig {
  const result = parseEnvironment(origin, stringify(input));
  if (!result.environment) throw new LakehouseValidationError(withoutPositions(result.problems));
  return result.environment;
}

/**
 * Validates table templates defined in code, exactly as files in `table-templates/` are.
 * @throws LakehouseValidationError listing every problem of every template
 */
export function defineTableTemplates(inputs: readonly TableTemplate[]): LoadedTableTemplate[] {
  const problems: Problem[] = [];
  const parsed: LoadedTableTemplate[] = [];
  for (const input of inputs) {
    const origin = `template '${String(input.namespace)}.${String(input.name)}' (code)`;
    const result = parseTableTemplate(origin, stringify(input));
    problems.push(...withoutPositions(result.problems));
    if (result.template) parsed.push(result.template);
  }
  const duplicates = duplicateTableProblems(parsed);
  problems.push(...locateProblems(duplicates));
  const templates = parsed.filter((t, i) => parsed.findIndex((o) => tableKey(o) === tableKey(t)) === i);
  if (problems.length > 0) throw new LakehouseValidationError(problems);
  return templates.sort(
    compareBy(
      (t) => t.namespace,
      (t) => t.name,
    ),
  );
}

/** Lines and columns of the YAML rendering mean nothing to a caller who wrote an object. */
function withoutPositions(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => ({ ...p, line: 0, column: 0 }));
}
