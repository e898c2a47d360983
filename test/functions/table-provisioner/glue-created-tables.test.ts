import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepGlueCreatedColumns } from '../../../functions/table-provisioner/glue-created-tables';
import { createHandler } from '../../../functions/table-provisioner/index';
import type { CatalogSettings } from '../../../lib/iceberg-rest/desired-table';
import { createTableRequestFor } from '../../../lib/iceberg-rest/table-requests';
import type { CommitTableRequest, CreateTableRequest, IcebergType, StructField } from '../../../lib/iceberg-rest/types';
import { parseIcebergType } from '../../../lib/model/iceberg-types';
import { toGlueType } from '../../../lib/model/mappings/glue';
import { FakeIcebergCatalog } from '../../support/fake-iceberg-catalog';
import { template } from '../../support/extra-templates';
import { crudEvent, desiredState, nessieCatalog } from './helpers';

/** Every column whose Iceberg type Hive cannot name, at the top level and nested. */
const EVENTS = () =>
  template(
    'events',
    [
      '{ name: id, type: uuid, required: true }',
      '{ name: at, type: timestamptz, required: true }',
      '{ name: local_time, type: time }',
      '{ name: digest, type: "fixed[32]" }',
      '{ name: qty, type: long }',
      '{ name: device, type: "struct<serial:uuid,seen:timestamptz>" }',
      '{ name: tags, type: "list<uuid>" }',
    ],
    [
      'partition_spec:',
      '  - { column: at, transform: day }',
      'sort_order:',
      '  - { column: id }',
      'properties:',
      '  write.format.default: parquet',
    ].join('\n'),
  );

/** What Glue's CREATE made of a type: the Iceberg type of its Hive type (`uuid` → `string`, `timestamptz` → `timestamp`, ...). */
function asGlueStoredIt(type: IcebergType): IcebergType {
  if (typeof type === 'string') {
    const hive = toGlueType(parseIcebergType(type));
    return { string: 'string', binary: 'binary', timestamp: 'timestamp', bigint: 'long' }[hive] ?? type;
  }
  if (type.type === 'struct') return { ...type, fields: type.fields.map(glueField) };
  if (type.type === 'list') return { ...type, element: asGlueStoredIt(type.element) };
  return { ...type, value: asGlueStoredIt(type.value) };
}
const glueField = (f: StructField): StructField => ({ ...f, required: false, type: asGlueStoredIt(f.type) });

/** The table as an earlier version created it through aws_glue_catalog_table: Hive types, all optional, unpartitioned, unsorted. */
function glueCreated(request: CreateTableRequest): CreateTableRequest {
  return {
    ...request,
    schema: { ...request.schema, fields: request.schema.fields.map(glueField) },
    'partition-spec': { 'spec-id': 0, fields: [] },
    'write-order': { 'order-id': 0, fields: [] },
    properties: {},
  };
}

let catalog: FakeIcebergCatalog;
let glue: CatalogSettings;
const handler = () => createHandler({ sleep: async () => {} }, () => {});
const commits = () => catalog.requestsTo('POST', /tables\/events$/).map((r) => r.body as CommitTableRequest);

beforeEach(async () => {
  catalog = await FakeIcebergCatalog.start();
  catalog.namespaces.set('sales', {});
  glue = { kind: 'glue', uri: catalog.uri, auth: { type: 'none' }, createNamespaces: false };
});
afterEach(async () => {
  expect(catalog.invalidRequests).toEqual([]);
  await catalog.close();
});

describe('keepGlueCreatedColumns', () => {
  it('takes exactly the columns whose stored type has the template type’s Hive type, and optional for required', () => {
    const desired = createTableRequestFor(EVENTS());
    const { table, kept } = keepGlueCreatedColumns(glueCreated(desired).schema, desired);
    expect(kept).toEqual([
      "column 'id' stays string (the template says uuid; Glue's CREATE stored its Hive type string)",
      "column 'id' stays optional (the template makes it required; Glue's CREATE made every column optional)",
      "column 'at' stays timestamp (the template says timestamptz; Glue's CREATE stored its Hive type timestamp)",
      "column 'at' stays optional (the template makes it required; Glue's CREATE made every column optional)",
      "column 'local_time' stays string (the template says time; Glue's CREATE stored its Hive type string)",
      "column 'digest' stays binary (the template says fixed[32]; Glue's CREATE stored its Hive type binary)",
      "column 'device.serial' stays string (the template says uuid; Glue's CREATE stored its Hive type string)",
      "column 'device.seen' stays timestamp (the template says timestamptz; Glue's CREATE stored its Hive type timestamp)",
      "column 'tags.element' stays string (the template says uuid; Glue's CREATE stored its Hive type string)",
    ]);
    // The model's field ids stay: partition and sort sources are bound by them.
    expect(table.schema.fields.map((f) => f.id)).toEqual(desired.schema.fields.map((f) => f.id));
    expect(table['partition-spec']).toEqual(desired['partition-spec']);
  });

  it('keeps a real difference (another Hive type) for the planner to judge', () => {
    const desired = createTableRequestFor(EVENTS());
    const stored = glueCreated(desired);
    const qty = stored.schema.fields.find((f) => f.name === 'qty')!;
    const live = { fields: stored.schema.fields.map((f) => (f === qty ? { ...f, type: 'int' } : f)) };
    const { table, kept } = keepGlueCreatedColumns(live, desired);
    expect(table.schema.fields.find((f) => f.name === 'qty')!.type).toBe('long');
    expect(kept.join('\n')).not.toContain('qty');
  });

  it('changes nothing for a table that matches its template', () => {
    const desired = createTableRequestFor(EVENTS());
    expect(keepGlueCreatedColumns(desired.schema, desired)).toEqual({ table: desired, kept: [] });
  });
});

describe('a table an earlier version created on Glue (aws_glue_catalog_table, metadata_operation CREATE)', () => {
  const location = 's3://lakehouse-bucket/warehouse/sales/events';

  it('is adopted on create even with data: spec, sort order and properties applied, Hive-typed columns kept and reported', async () => {
    const desired = desiredState(EVENTS(), glue);
    catalog.seedTable('sales', glueCreated(desired.table), { 'current-snapshot-id': 7, snapshots: [{ 'snapshot-id': 7 }] });
    const before = structuredClone(catalog.table('sales.events')!);
    const result = await handler()(crudEvent('create', desired));
    expect(result.outcome).toBe('adopted');
    expect(result.keptAsStored).toHaveLength(9);
    const [commit] = commits();
    expect(commit!.updates.map((u) => u.action)).toEqual([
      'add-spec',
      'set-default-spec',
      'add-sort-order',
      'set-default-sort-order',
      'set-properties',
    ]);
    const table = catalog.table('sales.events')!;
    expect(table.schemas).toEqual(before.schemas); // no column retyped
    expect(table['partition-specs'].find((s) => s['spec-id'] === table['default-spec-id'])!.fields.map((f) => f.transform)).toEqual([
      'day',
    ]);
    expect(table.properties['write.format.default']).toBe('parquet');
    expect(desired.table.location).toBe(location);
  });

  it('is unchanged on a second create, still reporting the kept columns', async () => {
    const desired = desiredState(EVENTS(), glue);
    catalog.seedTable('sales', glueCreated(desired.table));
    await handler()(crudEvent('create', desired));
    const again = await handler()(crudEvent('create', desired));
    expect(again.outcome).toBe('unchanged');
    expect(again.keptAsStored).toHaveLength(9);
    expect(commits()).toHaveLength(1);
  });

  it('takes later template changes as updates, keeping the stored types', async () => {
    const desired = desiredState(EVENTS(), glue);
    catalog.seedTable('sales', glueCreated(desired.table));
    await handler()(crudEvent('create', desired));
    const t2 = template('events', [...EVENTS().columns.map((c) => JSON.stringify(c)), '{ name: channel, type: string }'], '');
    const next = desiredState(t2, glue);
    const result = await handler()(crudEvent('update', next, desired));
    expect(result.outcome).toBe('updated');
    const table = catalog.table('sales.events')!;
    const current = table.schemas.find((s) => s['schema-id'] === table['current-schema-id'])!;
    expect(current.fields.map((f) => [f.name, typeof f.type === 'string' ? f.type : f.type.type])).toEqual([
      ['id', 'string'],
      ['at', 'timestamp'],
      ['local_time', 'string'],
      ['digest', 'binary'],
      ['qty', 'long'],
      ['device', 'struct'],
      ['tags', 'list'],
      ['channel', 'string'],
    ]);
  });

  it('is refused when a column really differs, naming it (Iceberg cannot narrow long to int)', async () => {
    const desired = desiredState(EVENTS(), glue);
    const stored = glueCreated(desired.table);
    const fields = stored.schema.fields.map((f) => (f.name === 'qty' ? { ...f, type: 'string' } : f));
    catalog.seedTable('sales', { ...stored, schema: { ...stored.schema, fields } });
    await expect(handler()(crudEvent('create', desired))).rejects.toThrow(/type of 'qty' changed from string to long/);
    expect(commits()).toEqual([]);
  });

  it('is refused when it is not at the template location (another table of that name)', async () => {
    const desired = desiredState(EVENTS(), glue);
    catalog.seedTable('sales', { ...glueCreated(desired.table), location: 's3://elsewhere/events' });
    await expect(handler()(crudEvent('create', desired))).rejects.toThrow(/differs from its template/);
    expect(commits()).toEqual([]);
  });

  it('gets no such allowance on Nessie, which no earlier version created tables in', async () => {
    const desired = desiredState(EVENTS(), nessieCatalog(catalog.uri));
    catalog.seedTable('sales', glueCreated(desired.table));
    await expect(handler()(crudEvent('create', desired))).rejects.toThrow(/type of 'id' changed from string to uuid/);
  });
});
