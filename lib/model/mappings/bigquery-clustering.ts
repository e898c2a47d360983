/**
 * Clustering of a BigQuery-managed Iceberg table, derived from its template: BigQuery lays out a
 * managed table's files itself and applies no Iceberg partition spec or sort order, but it clusters
 * on up to four top-level columns, which serves the same queries (filters and ranges on those
 * columns skip blocks). The partition source columns come first, then the sort columns, in template
 * order; a column BigQuery cannot cluster on is left out, with the reason.
 *
 * BigQuery ("Introduction to clustered tables", limitations): clustering columns must be top-level,
 * non-repeated columns of type BIGNUMERIC, BOOL, DATE, DATETIME, GEOGRAPHY, INT64, NUMERIC, RANGE,
 * STRING or TIMESTAMP, at most four. Clustering is by the column's value, so a partition transform
 * (day, bucket[N], truncate[W], ...) becomes clustering on its source column.
 */
import type { LoadedTableTemplate } from '../table-template';
import { toBigQueryField } from './bigquery';

/** BigQuery column types a table can be clustered on. */
export const BIGQUERY_CLUSTERING_TYPES: ReadonlySet<string> = new Set([
  'BIGNUMERIC',
  'BOOL',
  'DATE',
  'DATETIME',
  'GEOGRAPHY',
  'INT64',
  'NUMERIC',
  'RANGE',
  'STRING',
  'TIMESTAMP',
]);
/** The most clustering columns BigQuery accepts. */
export const BIGQUERY_MAX_CLUSTERING_COLUMNS = 4;

export interface ClusteringCandidate {
  /** The template column (a dotted path for a struct field). */
  readonly column: string;
  /** Where it comes from: `partition_spec[i]` or `sort_order[i]`. */
  readonly from: string;
}

export interface BigQueryClustering {
  /** The clustering columns, in priority order (at most four). */
  readonly columns: readonly string[];
  /** Partition and sort columns left out, with why. */
  readonly dropped: readonly (ClusteringCandidate & { readonly reason: string })[];
}

/** The clustering a template's BigQuery-managed table gets (see the module comment). */
export function bigQueryClustering(template: LoadedTableTemplate): BigQueryClustering {
  const candidates: (ClusteringCandidate & { readonly transform?: string })[] = [
    ...(template.partition_spec ?? []).map((p, i) => ({ column: p.column, from: `partition_spec[${i}]`, transform: p.transform })),
    ...(template.sort_order ?? []).map((s, i) => ({ column: s.column, from: `sort_order[${i}]` })),
  ];
  const columns: string[] = [];
  const dropped: (ClusteringCandidate & { reason: string })[] = [];
  for (const { column, from, transform } of candidates) {
    if (columns.includes(column)) continue;
    const reason = unclusterable(template, column, transform);
    if (reason) dropped.push({ column, from, reason });
    else if (columns.length === BIGQUERY_MAX_CLUSTERING_COLUMNS)
      dropped.push({ column, from, reason: `BigQuery clusters on at most ${BIGQUERY_MAX_CLUSTERING_COLUMNS} columns` });
    else columns.push(column);
  }
  return { columns, dropped };
}

function unclusterable(template: LoadedTableTemplate, column: string, transform: string | undefined): string | undefined {
  if (transform === 'void') return 'a void partition field holds no values';
  if (column.includes('.')) return 'a struct field: BigQuery clusters on top-level columns only';
  const parsed = template.parsedColumns.find((c) => c.name === column);
  if (!parsed) return 'no such column'; // template validation refuses this first
  // Partition and sort sources are primitive (template validation), so the field is never REPEATED.
  const field = toBigQueryField(parsed.name, parsed.type, parsed.required);
  if (!BIGQUERY_CLUSTERING_TYPES.has(field.type)) return `BigQuery cannot cluster on ${field.type} columns`;
  return undefined;
}
