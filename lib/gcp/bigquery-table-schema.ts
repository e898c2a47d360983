import { toBigQueryField, type BigQueryField } from '../model/mappings/bigquery';
import type { LoadedTableTemplate, MaskingKind } from '../model/table-template';

/** Gives the policy tag name for a restricted column's masking kind (none: plain `restricted`). */
export type PolicyTagResolver = (masking?: MaskingKind) => string;

/**
 * The BigQuery schema of a template (`toBigQueryField` per column) with a policy tag on every
 * restricted column. BigQuery only accepts policy tags on leaf fields, not on RECORDs, so a
 * restricted struct or map column has the tag on each of its leaf fields.
 */
export function bigQuerySchemaFor(template: LoadedTableTemplate, tagFor: PolicyTagResolver): BigQueryField[] {
  return template.parsedColumns.map((column) => {
    const field = toBigQueryField(column.name, column.type, column.required, column.description);
    return column.accessLevel === 'restricted' ? withPolicyTag(field, tagFor(column.masking)) : field;
  });
}

function withPolicyTag(field: BigQueryField, tag: string): BigQueryField {
  if (field.type === 'RECORD') return { ...field, fields: (field.fields ?? []).map((f) => withPolicyTag(f, tag)) };
  return { ...field, policyTags: { names: [tag] } };
}

/** Names of the fields carrying a policy tag, as dotted paths (for tests and reports). */
export function taggedFieldPaths(fields: readonly BigQueryField[], prefix = ''): string[] {
  return fields.flatMap((f) => {
    const path = `${prefix}${f.name}`;
    const own = f.policyTags ? [path] : [];
    return [...own, ...taggedFieldPaths(f.fields ?? [], `${path}.`)];
  });
}
