/**
 * Athena SQL for the named-query library of each table (engine version 3). Tables are created by the
 * table-provisioning function with the template's full Iceberg definition, so there is no CREATE
 * TABLE here: an Athena DDL statement could not express the template's field ids, sort order or
 * exact types.
 */
import type { LakehouseTable } from './lakehouse-layout';

/** `"db"."table"` for Athena DML (double quotes are always safe there). */
export function dmlTable(table: LakehouseTable, suffix = ''): string {
  return `"${table.database}"."${table.name}${suffix}"`;
}

/** Time travel to a point in time. */
export function timeTravelTimestampSql(table: LakehouseTable): string {
  return [
    `-- ${table.qualifiedName} as it was one day ago (Iceberg time travel). Use any timestamp, e.g.`,
    `-- FOR TIMESTAMP AS OF TIMESTAMP '2025-01-31 00:00:00 UTC'.`,
    `SELECT * FROM ${dmlTable(table)} FOR TIMESTAMP AS OF (current_timestamp - interval '1' day) LIMIT 100`,
  ].join('\n');
}

/** Time travel to one snapshot. */
export function timeTravelVersionSql(table: LakehouseTable): string {
  return [
    `-- ${table.qualifiedName} at one snapshot. List the snapshot ids first:`,
    `--   SELECT snapshot_id, committed_at, operation FROM ${dmlTable(table, '$snapshots')} ORDER BY committed_at DESC`,
    `-- then put one of them in place of the example id below.`,
    `SELECT * FROM ${dmlTable(table)} FOR VERSION AS OF 1234567890123456789 LIMIT 100`,
  ].join('\n');
}
