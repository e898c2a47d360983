import type { SourcedProblem } from './problems';
import type { TableTemplate } from './table-template';

/** `<namespace>.<table>`: the identity of a table in every catalog, settings map and report. */
export function tableKey(t: Pick<TableTemplate, 'namespace' | 'name'>): string {
  return `${t.namespace}.${t.name}`;
}

/**
 * The one duplicate-table check: every template after the first with the same
 * `<namespace>.<table>`, reported at its `name` field. Loaders, `define*`, the plan and the
 * constructs all call this, so the message is the same wherever a duplicate is found.
 */
export function duplicateTableProblems(
  templates: readonly (Pick<TableTemplate, 'namespace' | 'name'> & { file: string })[],
): SourcedProblem[] {
  const owners = new Map<string, string>();
  const problems: SourcedProblem[] = [];
  for (const t of templates) {
    const key = tableKey(t);
    const owner = owners.get(key);
    if (owner === undefined) owners.set(key, t.file);
    else
      problems.push({
        file: t.file,
        path: ['name'],
        message: `table '${key}' is already defined in ${owner}; a table name must be unique within its namespace`,
      });
  }
  return problems;
}

/**
 * The same check on construct props, which have no file: one line per repeated
 * `<namespace>.<table>` key, in first-seen order.
 */
export function duplicateTableKeyProblems(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of keys) (seen.has(key) ? repeated : seen).add(key);
  return [...repeated].map((key) => `tables: table '${key}' appears more than once; a table name must be unique within its namespace`);
}
