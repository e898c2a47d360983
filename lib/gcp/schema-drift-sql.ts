/**
 * The scheduled query of the GCP drift check: the expected columns of every BigQuery-managed table,
 * embedded at synthesis, compared with INFORMATION_SCHEMA.COLUMNS of the lakehouse datasets; the
 * query fails with ERROR() naming the differences, so the transfer run fails and the alert fires.
 * Pure (no cdktf): tests read the SQL as text.
 *
 * INFORMATION_SCHEMA.COLUMNS (BigQuery docs, "COLUMNS view") has one row per top-level column with
 * `data_type` the column's GoogleSQL type: `STRUCT<name STRING, age INT64>`, `ARRAY<STRING>`,
 * `NUMERIC(10, 2)`; `is_nullable` YES or NO. Types are compared after removing spaces, backticks
 * and `NOT NULL` and upper-casing, so the comparison does not depend on how BigQuery spaces or
 * quotes a type string; nullability is compared for top-level columns that are not arrays.
 */
import { compare } from '../model/compare';
import { toBigQueryField, type BigQueryField } from '../model/mappings/bigquery';
import type { LoadedTableTemplate } from '../model/table-template';

export interface DriftCheckedBigQueryTable {
  /** `<namespace>.<table>` of the template. */
  readonly key: string;
  /** Literal dataset id. */
  readonly dataset: string;
  readonly table: string;
  readonly template: LoadedTableTemplate;
}

export interface ExpectedColumn {
  readonly key: string;
  readonly dataset: string;
  readonly table: string;
  readonly column: string;
  /** GoogleSQL type as INFORMATION_SCHEMA.COLUMNS writes it, e.g. `ARRAY<STRUCT<key STRING, value INT64>>`. */
  readonly dataType: string;
  /** `YES`/`NO`; undefined for arrays (REPEATED), which are never NULL. */
  readonly isNullable?: 'YES' | 'NO';
}

/** A schema field's GoogleSQL type: RECORD → STRUCT<...>, REPEATED → ARRAY<...>, parameterized decimals. */
export function googleSqlType(field: BigQueryField): string {
  const base =
    field.type === 'RECORD'
      ? `STRUCT<${(field.fields ?? []).map((f) => `${f.name} ${googleSqlType(f)}`).join(', ')}>`
      : field.precision !== undefined
        ? `${field.type}(${field.precision}, ${field.scale ?? '0'})`
        : field.type;
  return field.mode === 'REPEATED' ? `ARRAY<${base}>` : base;
}

/** The expected top-level columns of the tables, in table key then column order. */
export function expectedColumns(tables: readonly DriftCheckedBigQueryTable[]): ExpectedColumn[] {
  return [...tables]
    .sort((a, b) => compare(a.key, b.key))
    .flatMap((t) =>
      t.template.parsedColumns.map((c): ExpectedColumn => {
        const field = toBigQueryField(c.name, c.type, c.required);
        return {
          key: t.key,
          dataset: t.dataset,
          table: t.table,
          column: c.name,
          dataType: googleSqlType(field),
          ...(field.mode === 'REPEATED' ? {} : { isNullable: field.mode === 'REQUIRED' ? 'NO' : 'YES' }),
        };
      }),
    );
}

/** A GoogleSQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A backquoted GoogleSQL identifier (project ids may hold hyphens). */
function ident(value: string): string {
  if (/[`\\]/.test(value)) throw new Error(`'${value}' cannot be quoted as a BigQuery identifier`);
  return `\`${value}\``;
}

/** What both sides of the type comparison go through. */
const typeKey = (column: string) => `UPPER(REGEXP_REPLACE(REGEXP_REPLACE(${column}, r'\\s+NOT NULL', ''), r'[\\s\`]', ''))`;

const SAME_COLUMN = 'a.table_schema = e.table_schema AND a.table_name = e.table_name AND a.column_name = e.column_name';

/** At most this many differences are named in the error; the count covers all of them. */
export const MAX_REPORTED_DIFFERENCES = 25;

export interface SchemaDriftSqlOptions {
  readonly projectId: string;
  /** `<project>-<env>`, named in the error. */
  readonly prefix: string;
  readonly tables: readonly DriftCheckedBigQueryTable[];
}

/** The query; deterministic for the same input. */
export function schemaDriftSql(options: SchemaDriftSqlOptions): string {
  const columns = expectedColumns(options.tables);
  if (columns.length === 0) throw new Error('schemaDriftSql: no table to check');
  const byDataset = new Map<string, Set<string>>();
  for (const c of columns) byDataset.set(c.dataset, (byDataset.get(c.dataset) ?? new Set()).add(c.table));
  const rows = columns.map(
    (c) =>
      `    (${[c.key, c.dataset, c.table, c.column, c.dataType].map(sqlString).join(', ')}, ${c.isNullable ? sqlString(c.isNullable) : 'NULL'})`,
  );
  const actual = [...byDataset.keys()]
    .sort(compare)
    .map(
      (dataset) =>
        `  SELECT table_schema, table_name, column_name, data_type, is_nullable\n` +
        `  FROM ${ident(options.projectId)}.${ident(dataset)}.INFORMATION_SCHEMA.COLUMNS\n` +
        `  WHERE table_name IN (${[...byDataset.get(dataset)!].sort(compare).map(sqlString).join(', ')}) AND is_hidden = 'NO'`,
    );
  const tableCount = new Set(columns.map((c) => c.key)).size;
  return [
    `-- Schema drift check of lakehouse ${options.prefix}, generated from its table templates (iceberg-lakehouse-cdktf).`,
    '-- Fails with ERROR() when a live table differs from its template; see docs/operations.md.',
    'WITH expected AS (',
    '  SELECT * FROM UNNEST(ARRAY<STRUCT<table_key STRING, table_schema STRING, table_name STRING, column_name STRING, data_type STRING, is_nullable STRING>>[',
    rows.join(',\n'),
    '  ])',
    '),',
    'actual AS (',
    actual.join('\n  UNION ALL\n'),
    '),',
    'tables AS (SELECT DISTINCT table_key, table_schema, table_name FROM expected),',
    'present AS (SELECT DISTINCT table_schema, table_name FROM actual),',
    'differences AS (',
    "  SELECT FORMAT('%s: table %s.%s is missing', t.table_key, t.table_schema, t.table_name) AS problem",
    '  FROM tables t LEFT JOIN present p ON p.table_schema = t.table_schema AND p.table_name = t.table_name',
    '  WHERE p.table_name IS NULL',
    '  UNION ALL',
    "  SELECT FORMAT('%s: column %s (%s) is missing', e.table_key, e.column_name, e.data_type)",
    '  FROM expected e JOIN present p ON p.table_schema = e.table_schema AND p.table_name = e.table_name',
    `  LEFT JOIN actual a ON ${SAME_COLUMN}`,
    '  WHERE a.column_name IS NULL',
    '  UNION ALL',
    "  SELECT FORMAT('%s: column %s (%s) is not in the template', t.table_key, a.column_name, a.data_type)",
    '  FROM actual a JOIN tables t ON t.table_schema = a.table_schema AND t.table_name = a.table_name',
    `  LEFT JOIN expected e ON ${SAME_COLUMN}`,
    '  WHERE e.column_name IS NULL',
    '  UNION ALL',
    "  SELECT FORMAT('%s: column %s is %s; the template says %s', e.table_key, e.column_name, a.data_type, e.data_type)",
    `  FROM expected e JOIN actual a ON ${SAME_COLUMN}`,
    `  WHERE ${typeKey('a.data_type')} != ${typeKey('e.data_type')}`,
    '  UNION ALL',
    "  SELECT FORMAT('%s: column %s is %s; the template says %s', e.table_key, e.column_name,",
    "    IF(a.is_nullable = 'YES', 'nullable', 'required'), IF(e.is_nullable = 'YES', 'nullable', 'required'))",
    `  FROM expected e JOIN actual a ON ${SAME_COLUMN}`,
    '  WHERE e.is_nullable IS NOT NULL AND a.is_nullable != e.is_nullable',
    ')',
    'SELECT IF(COUNT(*) = 0,',
    `  ${sqlString(`no schema drift in ${tableCount} table(s) of ${options.prefix}`)},`,
    `  ERROR(FORMAT(${sqlString(`schema drift in ${options.prefix}: %d difference(s): %s`)}, COUNT(*),`,
    `    STRING_AGG(problem, '; ' ORDER BY problem LIMIT ${MAX_REPORTED_DIFFERENCES}))))`,
    'FROM differences',
    '',
  ].join('\n');
}
