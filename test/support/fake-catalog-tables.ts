/**
 * Table metadata semantics of the fake Iceberg REST catalog, after the REST specification
 * (apache-iceberg-1.11.0) and the Java reference implementation's TableMetadata builder:
 * `format-version` is read from the create properties and not stored as a property; specs, sort
 * orders and schemas get the next free id when added; `-1` selects the one added last in the commit;
 * requirements are checked against the current metadata before anything changes (409 otherwise).
 */
import { randomUUID } from 'node:crypto';
import type {
  CommitTableRequest,
  CreateTableRequest,
  PartitionSpec,
  Schema,
  SortOrder,
  StructField,
  TableMetadata,
  TableRequirement,
  TableUpdate,
} from '../../lib/iceberg-rest/types';

export type MutableMetadata = {
  -readonly [K in keyof TableMetadata]: TableMetadata[K];
} & { schemas: Schema[]; 'partition-specs': PartitionSpec[]; 'sort-orders': SortOrder[]; properties: Record<string, string> };

export class CatalogProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function maxFieldId(fields: readonly StructField[]): number {
  let max = 0;
  const visit = (type: unknown): void => {
    if (typeof type !== 'object' || type === null) return;
    const t = type as Record<string, any>;
    if (t.type === 'struct') {
      for (const f of t.fields as StructField[]) {
        max = Math.max(max, f.id);
        visit(f.type);
      }
    } else if (t.type === 'list') {
      max = Math.max(max, t['element-id']);
      visit(t.element);
    } else if (t.type === 'map') {
      max = Math.max(max, t['key-id'], t['value-id']);
      visit(t.key);
      visit(t.value);
    }
  };
  visit({ type: 'struct', fields });
  return max;
}

const lastPartitionId = (specs: readonly PartitionSpec[]): number =>
  Math.max(999, ...specs.flatMap((s) => s.fields.map((f) => f['field-id'] ?? 999)));

/** Initial metadata for a CreateTableRequest (ids as sent: the client assigns them like Iceberg does). */
export function newTableMetadata(request: CreateTableRequest, defaultLocation: string): MutableMetadata {
  const properties: Record<string, string> = { ...request.properties };
  const formatVersion = Number(properties['format-version'] ?? '2');
  delete properties['format-version'];
  const spec: PartitionSpec = { 'spec-id': 0, fields: request['partition-spec']?.fields ?? [] };
  const order: SortOrder = request['write-order'] ?? { 'order-id': 0, fields: [] };
  return {
    'format-version': formatVersion,
    'table-uuid': randomUUID(),
    location: request.location ?? defaultLocation,
    properties,
    schemas: [{ ...request.schema, 'schema-id': 0 }],
    'current-schema-id': 0,
    'last-column-id': maxFieldId(request.schema.fields),
    'partition-specs': [spec],
    'default-spec-id': 0,
    'last-partition-id': lastPartitionId([spec]),
    'sort-orders': order['order-id'] === 0 ? [order] : [{ 'order-id': 0, fields: [] }, order],
    'default-sort-order-id': order['order-id'],
    'current-snapshot-id': null,
    snapshots: [],
  };
}

function checkRequirement(m: MutableMetadata, r: TableRequirement): void {
  const fail = (what: string, expected: unknown, actual: unknown) => {
    throw new CatalogProblem(409, 'CommitFailedException', `Requirement failed: ${what} changed: expected ${expected} != ${actual}`);
  };
  switch (r.type) {
    case 'assert-create':
      return fail('table', 'absent', 'exists');
    case 'assert-table-uuid':
      return void (r.uuid !== m['table-uuid'] && fail('UUID', r.uuid, m['table-uuid']));
    case 'assert-current-schema-id':
      return void (
        r['current-schema-id'] !== m['current-schema-id'] && fail('current schema id', r['current-schema-id'], m['current-schema-id'])
      );
    case 'assert-last-assigned-field-id':
      return void (
        r['last-assigned-field-id'] !== m['last-column-id'] &&
        fail('last assigned field id', r['last-assigned-field-id'], m['last-column-id'])
      );
    case 'assert-default-spec-id':
      return void (
        r['default-spec-id'] !== m['default-spec-id'] && fail('default partition spec id', r['default-spec-id'], m['default-spec-id'])
      );
    case 'assert-last-assigned-partition-id':
      return void (
        r['last-assigned-partition-id'] !== m['last-partition-id'] &&
        fail('last assigned partition id', r['last-assigned-partition-id'], m['last-partition-id'])
      );
    case 'assert-default-sort-order-id':
      return void (
        r['default-sort-order-id'] !== m['default-sort-order-id'] &&
        fail('default sort order id', r['default-sort-order-id'], m['default-sort-order-id'])
      );
  }
}

/** Applies a commit to a copy of the metadata and returns it; throws a CatalogProblem (409 or 400). */
export function applyCommit(current: MutableMetadata, request: CommitTableRequest): MutableMetadata {
  for (const r of request.requirements) checkRequirement(current, r);
  const m: MutableMetadata = structuredClone(current);
  const added = { schema: -1, spec: -1, order: -1 };
  for (const u of request.updates) applyUpdate(m, u, added);
  return m;
}

function applyUpdate(m: MutableMetadata, u: TableUpdate, added: { schema: number; spec: number; order: number }): void {
  const lastOr = (id: number, last: number, what: string) => {
    if (id !== -1) return id;
    if (last === -1) throw new CatalogProblem(400, 'BadRequestException', `Cannot set last added ${what}: no ${what} has been added`);
    return last;
  };
  switch (u.action) {
    case 'add-schema':
      added.schema = Math.max(...m.schemas.map((s) => s['schema-id'] ?? 0)) + 1;
      m.schemas.push({ ...u.schema, 'schema-id': added.schema });
      m['last-column-id'] = Math.max(m['last-column-id'] ?? 0, maxFieldId(u.schema.fields));
      return;
    case 'set-current-schema':
      m['current-schema-id'] = lastOr(u['schema-id'], added.schema, 'schema');
      return;
    case 'add-spec':
      added.spec = Math.max(...m['partition-specs'].map((s) => s['spec-id'] ?? 0)) + 1;
      m['partition-specs'].push({ ...u.spec, 'spec-id': added.spec });
      m['last-partition-id'] = lastPartitionId(m['partition-specs']);
      return;
    case 'set-default-spec':
      m['default-spec-id'] = lastOr(u['spec-id'], added.spec, 'spec');
      return;
    case 'add-sort-order':
      // The unsorted order always has id 0 and is reused (Java: SortOrder.unsorted()).
      if (u['sort-order'].fields.length === 0) {
        added.order = 0;
        if (!m['sort-orders'].some((o) => o['order-id'] === 0)) m['sort-orders'].push({ 'order-id': 0, fields: [] });
        return;
      }
      added.order = Math.max(...m['sort-orders'].map((s) => s['order-id'])) + 1;
      m['sort-orders'].push({ ...u['sort-order'], 'order-id': added.order });
      return;
    case 'set-default-sort-order':
      m['default-sort-order-id'] = lastOr(u['sort-order-id'], added.order, 'sort order');
      return;
    case 'set-properties':
      Object.assign(m.properties, u.updates);
      return;
    case 'remove-properties':
      for (const k of u.removals) delete m.properties[k];
      return;
    default:
      throw new CatalogProblem(400, 'BadRequestException', `Unknown update: ${JSON.stringify(u)}`);
  }
}
