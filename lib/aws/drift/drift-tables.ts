/**
 * Pure translation of the construct's tables into the drift check's `drift-tables.json`, in
 * code-point order of `<namespace>.<table>` with a fixed key order: the same templates give the
 * same bytes, so the function's zip (and `source_code_hash`) only changes when a template does.
 */
import { compare } from '../../model/compare';
import type { IcebergTableJson } from '../../model/mappings/iceberg-json';
import { DRIFT_CHECK_INPUT_VERSION, type DriftCheckTables } from '../../iceberg-rest/drift-check-input';

export interface DriftCheckedTable {
  /** `<namespace>.<table>` of the template (log lines and reports use it). */
  readonly key: string;
  /** The catalog namespace: on Glue the database name (literal), on Nessie the template namespace. */
  readonly namespace: string;
  readonly name: string;
  /** Schema with field ids, partition spec, sort order and properties (`toIcebergTableJson`). */
  readonly iceberg: IcebergTableJson;
}

export function driftCheckTables(tables: readonly DriftCheckedTable[]): DriftCheckTables {
  return {
    version: DRIFT_CHECK_INPUT_VERSION,
    tables: [...tables]
      .sort((a, b) => compare(a.key, b.key))
      .map((t) => ({ key: t.key, namespace: [t.namespace], name: t.name, definition: t.iceberg })),
  };
}
