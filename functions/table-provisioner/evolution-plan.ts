/**
 * What it takes to bring a live Iceberg table to the state its template wants, as one commit:
 * schema evolution by lib/model/schema-evolution.ts (fields matched by name, live ids kept, new
 * ids after last-column-id), a new partition spec / sort order made default when they differ,
 * properties set and removed. Anything breaking is reported instead of committed.
 */
import type {
  CommitTableRequest,
  CreateTableRequest,
  PartitionField,
  Schema,
  SortField,
  TableMetadata,
  TableRequirement,
  TableUpdate,
} from '../../lib/iceberg-rest/types';
import {
  compareProperties,
  comparePartitionSpecs,
  compareSortOrders,
  evolveSchema,
  fieldPathsById,
  type SchemaChange,
} from '../../lib/model/schema-evolution';
import { liveDefinition, type LiveDefinition } from '../shared/live-table';

/** A difference between the live table and its template: a schema-evolution change, or the table's location. */
export interface Difference {
  readonly class: 'safe' | 'breaking';
  readonly kind: SchemaChange['kind'] | 'location-changed';
  /** The column path, property key, or `location`. */
  readonly path: string;
  /** What differs and why it is safe or not. */
  readonly message: string;
}

export interface EvolutionPlan {
  /** Every difference between the live table and its template. */
  readonly changes: readonly Difference[];
  /** The differences that cannot be applied safely; when any, there is no commit. */
  readonly breaking: readonly Difference[];
  /** The commit that applies the safe changes; undefined when nothing changes or something is breaking. */
  readonly commit?: CommitTableRequest;
}

export interface PlanOptions {
  /** Properties the previous template set and this one no longer does (removed from the table). */
  readonly removedPropertyKeys?: readonly string[];
}

export function planEvolution(metadata: TableMetadata, desired: CreateTableRequest, options: PlanOptions = {}): EvolutionPlan {
  const live = liveDefinition(metadata);
  const evolution = evolveSchema(live.schema, metadata['last-column-id'] ?? 0, desired.schema, { formatVersion: live.formatVersion });
  const desiredSpec = desired['partition-spec']?.fields ?? [];
  const desiredOrder = desired['write-order']?.fields ?? [];
  const specChanges = comparePartitionSpecs(
    { schema: live.schema, fields: live.spec.fields },
    { schema: desired.schema, fields: desiredSpec },
  );
  const orderChanges = compareSortOrders(
    { schema: live.schema, fields: live.order.fields },
    { schema: desired.schema, fields: desiredOrder },
  );
  const propertyChanges = comparePropertiesFor(live, desired.properties ?? {}, options.removedPropertyKeys ?? []);
  const changes: Difference[] = [
    ...evolution.changes,
    ...specChanges,
    ...orderChanges,
    ...propertyChanges,
    ...locationChanges(live, desired),
  ];
  const breaking = changes.filter((c) => c.class === 'breaking');
  if (breaking.length > 0 || changes.length === 0) return { changes, breaking };

  const target = evolution.schema ?? live.schema;
  const rebind = sourceIdRebinding(desired.schema, target);
  const requirements: TableRequirement[] = [
    { type: 'assert-table-uuid', uuid: metadata['table-uuid'] },
    { type: 'assert-current-schema-id', 'current-schema-id': live.schemaId },
    { type: 'assert-default-spec-id', 'default-spec-id': live.spec['spec-id'] ?? 0 },
    { type: 'assert-default-sort-order-id', 'default-sort-order-id': live.order['order-id'] },
  ];
  const updates: TableUpdate[] = [];
  if (evolution.schema) {
    requirements.push({ type: 'assert-last-assigned-field-id', 'last-assigned-field-id': metadata['last-column-id'] ?? 0 });
    const schemaId = Math.max(...(metadata.schemas ?? []).map((s) => s['schema-id'] ?? 0), live.schemaId) + 1;
    updates.push(
      { action: 'add-schema', schema: { ...evolution.schema, 'schema-id': schemaId } },
      { action: 'set-current-schema', 'schema-id': -1 },
    );
  }
  if (specChanges.length > 0) {
    requirements.push({ type: 'assert-last-assigned-partition-id', 'last-assigned-partition-id': lastPartitionId(metadata) });
    updates.push({ action: 'add-spec', spec: newSpec(metadata, desiredSpec, rebind) }, { action: 'set-default-spec', 'spec-id': -1 });
  }
  if (orderChanges.length > 0) {
    const fields = desiredOrder.map((f): SortField => ({ ...f, 'source-id': rebind(f['source-id']) }));
    const orderId = fields.length === 0 ? 0 : Math.max(0, ...(metadata['sort-orders'] ?? []).map((o) => o['order-id'])) + 1;
    updates.push(
      { action: 'add-sort-order', 'sort-order': { 'order-id': orderId, fields } },
      { action: 'set-default-sort-order', 'sort-order-id': -1 },
    );
  }
  updates.push(...propertyUpdates(propertyChanges, desired.properties ?? {}));
  return { changes, breaking, commit: { requirements, updates } };
}

/** Maps a desired schema's field id to the id of the same name path in the schema the commit makes current. */
function sourceIdRebinding(desired: Schema, target: Schema): (id: number) => number {
  const desiredPaths = fieldPathsById(desired);
  const targetIds = new Map([...fieldPathsById(target)].map(([id, path]) => [path, id] as const));
  return (id) => {
    const path = desiredPaths.get(id);
    const targetId = path === undefined ? undefined : targetIds.get(path);
    if (targetId === undefined) throw new Error(`source id ${id} of the template names no column of the evolved schema`);
    return targetId;
  };
}

function lastPartitionId(metadata: TableMetadata): number {
  const ids = (metadata['partition-specs'] ?? []).flatMap((s) => s.fields.map((f) => f['field-id'] ?? 999));
  return metadata['last-partition-id'] ?? Math.max(999, ...ids);
}

/** The template's spec on the evolved schema; a field seen in an earlier spec keeps its field id (Iceberg reuses them). */
function newSpec(metadata: TableMetadata, fields: readonly PartitionField[], rebind: (id: number) => number) {
  const known = new Map<string, number>();
  for (const spec of metadata['partition-specs'] ?? []) {
    for (const f of spec.fields) if (f['field-id'] !== undefined) known.set(`${f['source-id']}:${f.transform}`, f['field-id']);
  }
  let next = lastPartitionId(metadata);
  const specId = Math.max(0, ...(metadata['partition-specs'] ?? []).map((s) => s['spec-id'] ?? 0)) + 1;
  const rebound = fields.map((f): PartitionField => {
    const sourceId = rebind(f['source-id']);
    const fieldId = known.get(`${sourceId}:${f.transform}`) ?? ++next;
    return { 'source-id': sourceId, 'field-id': fieldId, name: f.name, transform: f.transform };
  });
  return { 'spec-id': specId, fields: rebound };
}

/**
 * Properties the template sets (and `format-version`), plus the ones an earlier template set and
 * this one dropped. Properties a catalog or engine added on its own are never touched. The function
 * does not upgrade a table's format version: that is one-way and every reader must support it first.
 */
function comparePropertiesFor(live: LiveDefinition, desired: Readonly<Record<string, string>>, removed: readonly string[]): Difference[] {
  const base: Record<string, string> = { 'format-version': String(live.formatVersion) };
  for (const key of [...Object.keys(desired), ...removed]) {
    const value = live.properties[key];
    if (key !== 'format-version' && value !== undefined) base[key] = value;
  }
  return compareProperties(base, { 'format-version': String(live.formatVersion), ...desired }).map((c): Difference =>
    c.kind === 'format-version-upgraded'
      ? {
          ...c,
          class: 'breaking',
          message: `${c.message}; the provisioning function does not upgrade tables: once every engine supports v${c.to}, run ALTER TABLE ... SET TBLPROPERTIES ('format-version'='${c.to}') yourself`,
        }
      : c,
  );
}

function propertyUpdates(changes: readonly Difference[], desired: Readonly<Record<string, string>>): TableUpdate[] {
  const set: Record<string, string> = {};
  const removals: string[] = [];
  for (const c of changes) {
    if (c.kind === 'property-set' || c.kind === 'property-changed') set[c.path] = desired[c.path]!;
    if (c.kind === 'property-removed') removals.push(c.path);
  }
  const updates: TableUpdate[] = [];
  if (Object.keys(set).length > 0) updates.push({ action: 'set-properties', updates: set });
  if (removals.length > 0) updates.push({ action: 'remove-properties', removals });
  return updates;
}

function locationChanges(live: LiveDefinition, desired: CreateTableRequest): Difference[] {
  const trim = (s: string) => s.replace(/\/+$/, '');
  if (desired.location === undefined || live.location === undefined || trim(desired.location) === trim(live.location)) return [];
  return [
    {
      class: 'breaking',
      kind: 'location-changed',
      path: 'location',
      message: `location is ${live.location} but the template wants ${desired.location}: breaking, a table's files cannot move with a metadata change`,
    },
  ];
}
