/**
 * What BigQuery cannot hold, per table mode, found at validation time instead of at `terraform apply`.
 *
 * A template becomes one of two BigQuery tables (see docs/gcp-biglake.md):
 * - a BigQuery-managed Iceberg table (default): the schema is declared from the template with
 *   `toBigQueryField()`, so every BigQuery schema rule applies, plus the managed-table limits
 *   (no BIGNUMERIC);
 * - an Iceberg external table (`gcp.metadata_uri`): BigQuery reads the schema from the metadata
 *   file, so only what BigQuery cannot read at all (v3 types, arrays of arrays) is rejected, and
 *   restricted columns are refused because Terraform cannot attach policy tags to that schema.
 */
import { compare } from '../../model/compare';
import { printIcebergType, V3_ONLY_PRIMITIVES, walkType, type IcebergType } from '../../model/iceberg-types';
import { bigQueryDecimalType, bigQueryUnsupportedReason } from '../../model/mappings/bigquery';
import type { PathProblem } from '../../model/problems';
import type { LoadedTableTemplate } from '../../model/table-template';
import { labelKeyProblem, labelValueProblem } from './names';

/** Column name prefixes BigQuery reserves (compared case-insensitively). */
export const BIGQUERY_RESERVED_COLUMN_PREFIXES = [
  '_table_',
  '_file_',
  '_partition',
  '_row_timestamp',
  '__root__',
  '_colidentifier',
  '_change_sequence_number',
  '_change_type',
  '_change_timestamp',
] as const;

/** BigQuery allows at most 15 levels of nested RECORD fields. */
export const BIGQUERY_MAX_NESTING = 15;
/** BigQuery column descriptions are limited to 1,024 characters. */
export const BIGQUERY_MAX_COLUMN_DESCRIPTION = 1024;

/** What to write instead of a v3-only type. */
const V2_REPLACEMENT: Readonly<Record<string, string>> = {
  timestamp_ns: 'timestamp (microseconds)',
  timestamptz_ns: 'timestamptz (microseconds)',
  variant: 'string holding JSON text',
  unknown: 'a concrete type',
};

/** The BigQuery table kind a template becomes on Google Cloud. */
export function bigQueryTableMode(template: Pick<LoadedTableTemplate, 'gcp'>): 'managed' | 'external' {
  return template.gcp?.metadata_uri ? 'external' : 'managed';
}

/**
 * Everything BigQuery would refuse for this template in its table mode; empty when it can be
 * created. Paths point at the template field to change.
 */
export function checkBigQueryCompatibility(template: LoadedTableTemplate): PathProblem[] {
  const mode = bigQueryTableMode(template);
  const problems: PathProblem[] = [];
  const external = 'set gcp.metadata_uri to read it as an Iceberg external table';

  template.parsedColumns.forEach((column, i) => {
    const typePath = ['columns', i, 'type'];
    const unsupported = bigQueryUnsupportedReason(column.type);
    if (unsupported) {
      const v3 = v3TypeIn(column.type);
      problems.push({
        path: typePath,
        message: v3
          ? `BigQuery cannot hold the Iceberg v3 type ${v3} in ${mode === 'managed' ? 'BigQuery-managed' : 'external'} tables; use ${V2_REPLACEMENT[v3] ?? 'a v2 type'} instead`
          : unsupported,
      });
    }
    if (mode === 'managed') {
      const wide = widestBigNumeric(column.type);
      if (wide) {
        problems.push({
          path: typePath,
          message:
            `${wide} needs BIGNUMERIC, which BigQuery-managed Iceberg tables do not support; ` +
            `use a decimal with scale <= 9 and at most 29 integer digits (e.g. decimal(38,9)) or ${external}`,
        });
      }
      const depth = recordDepth(column.type);
      if (depth > BIGQUERY_MAX_NESTING) {
        problems.push({
          path: typePath,
          message: `nests ${depth} levels of records; BigQuery allows at most ${BIGQUERY_MAX_NESTING}: flatten the type`,
        });
      }
      if ((column.description?.length ?? 0) > BIGQUERY_MAX_COLUMN_DESCRIPTION) {
        problems.push({
          path: ['columns', i, 'description'],
          message: `is ${column.description!.length} characters; BigQuery column descriptions allow at most ${BIGQUERY_MAX_COLUMN_DESCRIPTION}`,
        });
      }
      if (column.masking === 'sha256' && !hashableLeaves(column.type)) {
        problems.push({
          path: ['columns', i, 'masking'],
          message: `BigQuery's SHA256 masking only applies to STRING and BYTES values, not ${printIcebergType(column.type)}; use masking: nullify or default`,
        });
      }
    } else if (column.accessLevel === 'restricted') {
      problems.push({
        path: ['columns', i, 'access_level'],
        message:
          'restricted columns need a BigQuery policy tag, which Terraform cannot attach to an Iceberg external table ' +
          '(its schema comes from the metadata file); remove gcp.metadata_uri to use a BigQuery-managed table, ' +
          'or keep this column out of the external table',
      });
    }
    for (const name of fieldNames(column.name, column.type)) {
      const prefix = BIGQUERY_RESERVED_COLUMN_PREFIXES.find((p) => name.toLowerCase().startsWith(p));
      if (prefix) {
        problems.push({
          path: name === column.name ? ['columns', i, 'name'] : typePath,
          message: `'${name}' starts with '${prefix}', a prefix BigQuery reserves; rename it`,
        });
      }
    }
  });

  for (const [key, value] of Object.entries(template.tags ?? {}).sort(([a], [b]) => compare(a, b))) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem) problems.push({ path: ['tags', key], message: `${problem} (tags become BigQuery table labels)` });
  }
  return problems;
}

/** Whether every leaf of the type becomes STRING or BYTES in BigQuery (what SHA256 masking can hash). */
function hashableLeaves(type: IcebergType): boolean {
  let ok = true;
  walkType(type, (t) => {
    if (t.kind === 'decimal' || (t.kind === 'primitive' && !['string', 'binary', 'uuid'].includes(t.name))) ok = false;
  });
  return ok;
}

function v3TypeIn(type: IcebergType): string | undefined {
  let found: string | undefined;
  walkType(type, (t) => {
    if (!found && t.kind === 'primitive' && V3_ONLY_PRIMITIVES.has(t.name)) found = t.name;
  });
  return found;
}

function widestBigNumeric(type: IcebergType): string | undefined {
  let found: string | undefined;
  walkType(type, (t) => {
    if (!found && t.kind === 'decimal' && bigQueryDecimalType(t.precision, t.scale) === 'BIGNUMERIC') {
      found = printIcebergType(t);
    }
  });
  return found;
}

/** How many RECORD levels the BigQuery field for this type has (maps become records of key/value). */
function recordDepth(type: IcebergType): number {
  switch (type.kind) {
    case 'struct':
      return 1 + Math.max(0, ...type.fields.map((f) => recordDepth(f.type)));
    case 'map':
      return 1 + Math.max(recordDepth(type.key), recordDepth(type.value));
    case 'list':
      return recordDepth(type.element);
    default:
      return 0;
  }
}

/** The column name and every struct field name inside its type. */
function fieldNames(name: string, type: IcebergType): string[] {
  const names = [name];
  walkType(type, (t) => {
    if (t.kind === 'struct') names.push(...t.fields.map((f) => f.name));
  });
  return names;
}
