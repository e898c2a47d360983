import type { TableTemplate } from '../model/table-template';

/** What the client settings need from a template: where it lives and, on GCP, how BigQuery holds it. */
export type ClientTable = Pick<TableTemplate, 'namespace' | 'name' | 'gcp'>;

/** `<namespace>.<table>`: the key of a table in every settings map and in `identifiers.json`. */
export function tableKey(t: Pick<TableTemplate, 'namespace' | 'name'>): string {
  return `${t.namespace}.${t.name}`;
}

/** Code-point order, so output is the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tables sorted by `<namespace>.<table>`, so settings never depend on the order templates were loaded. */
export function sortedTables<T extends ClientTable>(tables: readonly T[]): T[] {
  return [...tables].sort((a, b) => compare(tableKey(a), tableKey(b)));
}

/** Namespaces in code-point order, each once. */
export function sortedNamespaces(tables: readonly ClientTable[]): string[] {
  return [...new Set(tables.map((t) => t.namespace))].sort(compare);
}

/** `warehouse/`, `/a/b/` → `warehouse`, `a/b`: key prefixes without slashes at either end. */
export function trimSlashes(prefix: string): string {
  return prefix.replace(/^\/+|\/+$/g, '');
}

/** `s3://<bucket>/<prefix>` (no trailing slash), the Iceberg `warehouse` value; `s3://<bucket>` when the prefix is empty. */
export function warehouseLocation(scheme: 's3' | 'gs', bucket: string, prefix: string): string {
  const p = trimSlashes(prefix);
  return p === '' ? `${scheme}://${bucket}` : `${scheme}://${bucket}/${p}`;
}

/**
 * `<scheme>://<bucket>/<prefix>/<namespace>/<table>/`: the folder of one table. The Glue path
 * (lib/aws/glue/lakehouse-layout.ts) and the GCP path (BigQuery-managed `storage_uri`) place
 * tables exactly here; the tests compare both.
 */
export function tableLocation(scheme: 's3' | 'gs', bucket: string, prefix: string, t: Pick<TableTemplate, 'namespace' | 'name'>): string {
  return `${warehouseLocation(scheme, bucket, prefix)}/${t.namespace}/${t.name}/`;
}

/** Object with keys in code-point order (JSON and HCL output stay stable). */
export function sortedRecord<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  return Object.fromEntries([...entries].sort(([a], [b]) => compare(a, b)));
}
