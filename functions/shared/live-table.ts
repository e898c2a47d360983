/** A live table's current definition read out of its metadata; shared by the provisioning and drift-check functions. */
import type { PartitionSpec, Schema, SortOrder, TableMetadata } from '../../lib/iceberg-rest/types';

/** A live table's current schema, default partition spec and sort order, properties and format version. */
export interface LiveDefinition {
  readonly schema: Schema & { readonly 'schema-id': number };
  readonly schemaId: number;
  readonly spec: PartitionSpec;
  readonly order: SortOrder;
  readonly properties: Readonly<Record<string, string>>;
  readonly formatVersion: number;
  readonly location?: string;
}

const UNPARTITIONED: PartitionSpec = { 'spec-id': 0, fields: [] };
const UNSORTED: SortOrder = { 'order-id': 0, fields: [] };

/**
 * Reads the current definition out of table metadata (Iceberg table spec: `current-schema-id`,
 * `default-spec-id`, `default-sort-order-id` select from the lists). A v1 table may lack the lists'
 * defaults; a missing current schema is an error, since nothing can be compared without it.
 */
export function liveDefinition(metadata: TableMetadata): LiveDefinition {
  const schemaId = metadata['current-schema-id'] ?? 0;
  const schema = (metadata.schemas ?? []).find((s) => (s['schema-id'] ?? 0) === schemaId);
  if (!schema) throw new Error(`the catalog returned table metadata without its current schema (id ${schemaId})`);
  const specId = metadata['default-spec-id'] ?? 0;
  const orderId = metadata['default-sort-order-id'] ?? 0;
  return {
    schema: { ...schema, 'schema-id': schemaId },
    schemaId,
    spec: (metadata['partition-specs'] ?? []).find((s) => (s['spec-id'] ?? 0) === specId) ?? UNPARTITIONED,
    order: (metadata['sort-orders'] ?? []).find((o) => o['order-id'] === orderId) ?? UNSORTED,
    properties: metadata.properties ?? {},
    formatVersion: metadata['format-version'],
    ...(metadata.location !== undefined ? { location: metadata.location } : {}),
  };
}

/** Whether any data was ever committed (a snapshot exists). */
export function hasSnapshots(metadata: TableMetadata): boolean {
  const current = metadata['current-snapshot-id'];
  return (current !== undefined && current !== null && current !== -1) || (metadata.snapshots?.length ?? 0) > 0;
}
