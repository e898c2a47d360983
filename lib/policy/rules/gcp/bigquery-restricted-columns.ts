import { namespaceDatabaseName, restrictedColumns, type LoadedTableTemplate } from '../../../model';
import type { StackIndex, TerraformResource } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

interface SchemaField {
  readonly name?: string;
  readonly type?: string;
  readonly fields?: readonly SchemaField[];
  readonly policyTags?: { readonly names?: readonly string[] };
}

/** BigQuery takes policy tags on leaf fields only: a RECORD is protected when every leaf under it is tagged. */
function fullyTagged(field: SchemaField): boolean {
  if ((field.type === 'RECORD' || field.type === 'STRUCT') && (field.fields ?? []).length > 0) return field.fields!.every(fullyTagged);
  return (field.policyTags?.names ?? []).length > 0;
}

function datasetId(table: TerraformResource, stack: StackIndex): unknown {
  const dataset = stack.resolve(table.config.dataset_id).find((r) => r.type === 'google_bigquery_dataset');
  return dataset ? dataset.config.dataset_id : table.config.dataset_id;
}

/** The template a table was generated from: same table id, and same dataset when it can be told. */
function templateOf(table: TerraformResource, stack: StackIndex, templates: readonly LoadedTableTemplate[], project: string, env: string) {
  const candidates = templates.filter((t) => t.name === table.config.table_id);
  if (candidates.length <= 1) return candidates[0];
  const dataset = datasetId(table, stack);
  return candidates.find((t) => namespaceDatabaseName(project, env, t.namespace) === dataset);
}

export const bigqueryRestrictedColumns: PolicyRule = {
  id: 'LH-BQ-001',
  title: 'Restricted columns carry a policy tag in BigQuery',
  problem: 'A column the template marks access_level: restricted has no policy tag.',
  rationale: 'Without a policy tag every reader of the table reads the column: column-level security is the contract of access_level.',
  fix: 'Give the column "policyTags": {"names": [<policy tag id>]} in the table schema (a BigQuery-managed table; external Iceberg tables cannot carry tags).',
  severity: 'error',
  resourceTypes: ['google_bigquery_table'],
  check(table, { stack, templates, environment }) {
    const template = templateOf(table, stack, templates, environment.project, environment.name);
    if (!template) return 'not-applicable';
    const restricted = restrictedColumns(template);
    if (restricted.length === 0) return 'not-applicable';
    const schema = table.config.schema;
    if (typeof schema !== 'string')
      return fail(`The table has no schema in Terraform, so restricted column(s) ${restricted.join(', ')} cannot carry policy tags.`);
    const fields = JSON.parse(schema) as SchemaField[];
    const untagged = restricted.filter((name) => {
      const field = fields.find((f) => f.name === name);
      return !field || !fullyTagged(field);
    });
    return untagged.length === 0 ? 'compliant' : fail(`Restricted column(s) without a policy tag: ${untagged.join(', ')}.`);
  },
};
