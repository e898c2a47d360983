import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/table-provisioner/index';
import { createTableRequestFor } from '../../../lib/iceberg-rest/table-requests';
import type { CommitTableRequest, StructField } from '../../../lib/iceberg-rest/types';
import { FakeIcebergCatalog } from '../../support/fake-iceberg-catalog';
import { crudEvent, desiredState, nessieCatalog, ORDERS_V1, ORDERS_V2_SAFE, ORDERS_V3_UNSAFE } from './helpers';

let catalog: FakeIcebergCatalog;
let logs: string[];
const handler = () => createHandler({ sleep: async () => {} }, (line) => logs.push(line));

beforeEach(async () => {
  catalog = await FakeIcebergCatalog.start({ warehouse: 'lakehouse' });
  logs = [];
});
afterEach(async () => {
  // Every request the function sent was valid against the project's request JSON Schema.
  expect(catalog.invalidRequests).toEqual([]);
  await catalog.close();
});

const v1 = () => desiredState(ORDERS_V1(), nessieCatalog(catalog.uri));
const v2 = () => desiredState(ORDERS_V2_SAFE(), nessieCatalog(catalog.uri));
const commits = () => catalog.requestsTo('POST', /tables\/orders$/).map((r) => r.body as CommitTableRequest);
const fieldNamed = (fields: readonly StructField[], name: string) => fields.find((f) => f.name === name)!;

describe('create', () => {
  it('creates the namespace, then the table with the template schema, partition spec, sort order and properties', async () => {
    const result = await handler()(crudEvent('create', v1()));
    expect(result).toMatchObject({ action: 'create', table: 'sales.orders', outcome: 'created' });
    expect(catalog.namespaces.has('sales')).toBe(true);
    const table = catalog.table('sales.orders')!;
    const request = v1().table;
    expect(table.schemas[0]!.fields).toEqual(request.schema.fields);
    expect(table['partition-specs'][0]!.fields).toEqual(request['partition-spec']!.fields);
    expect(table['sort-orders'].find((o) => o['order-id'] === table['default-sort-order-id'])).toEqual(request['write-order']);
    expect(table.properties).toEqual({ 'commit.retry.num-retries': '4', 'write.format.default': 'parquet' });
    expect(table['format-version']).toBe(2);
    expect(table.location).toBe('s3://lakehouse-bucket/warehouse/sales/orders');
  });

  it('re-running create against the same table succeeds without changing it (a retry, an import)', async () => {
    await handler()(crudEvent('create', v1()));
    const before = catalog.table('sales.orders');
    const again = await handler()(crudEvent('create', v1()));
    expect(again.outcome).toBe('unchanged');
    expect(catalog.requestsTo('POST', /tables(\/orders)?$/)).toHaveLength(1);
    expect(catalog.table('sales.orders')).toEqual(before);
  });

  it('accepts a table another engine created with other field ids: columns are matched by name', async () => {
    const request = v1().table;
    const shifted = JSON.parse(
      JSON.stringify(request)
        .replace(/"id":(\d+)/g, (_, n) => `"id":${Number(n) + 100}`)
        .replace(/"source-id":(\d+)/g, (_, n) => `"source-id":${Number(n) + 100}`),
    );
    catalog.seedTable('sales', shifted, { properties: { ...request.properties, 'nessie.commit.id': 'abc' } });
    delete catalog.table('sales.orders')!.properties['format-version'];
    expect((await handler()(crudEvent('create', v1()))).outcome).toBe('unchanged');
  });

  it('does not count column docs as a difference when the table exists (a catalog may drop them)', async () => {
    const request = v1().table;
    expect(JSON.stringify(request)).toContain('"doc":"Order id"');
    catalog.seedTable('sales', JSON.parse(JSON.stringify(request).replace(/,"doc":"[^"]*"/g, '')));
    expect(JSON.stringify(catalog.table('sales.orders'))).not.toContain('"doc"');
    expect((await handler()(crudEvent('create', v1()))).outcome).toBe('unchanged');
  });

  it('refuses an existing table that differs, naming the table and every difference, and changes nothing', async () => {
    catalog.seedTable('sales', createTableRequestFor(ORDERS_V3_UNSAFE(), 's3://lakehouse-bucket/warehouse/sales/orders'));
    const before = structuredClone(catalog.table('sales.orders'));
    const error = await handler()(crudEvent('create', v1())).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^table sales\.orders already exists in the catalog and differs from its template:/);
    expect(message).toMatch(/type of 'qty' changed from string to int/);
    expect(message).toMatch(/new optional column 'note'/);
    expect(message).toMatch(/column 'region' \(string\) was removed/);
    expect(message).toMatch(/Nothing was changed/);
    expect(catalog.table('sales.orders')).toEqual(before);
    expect(commits()).toEqual([]);
  });

  it('brings a never-written table with the same columns in line (partition spec, sort order, properties)', async () => {
    const bare = {
      ...v1().table,
      'partition-spec': { 'spec-id': 0, fields: [] },
      'write-order': { 'order-id': 0, fields: [] },
      properties: {},
    };
    catalog.seedTable('sales', bare);
    const result = await handler()(crudEvent('create', v1()));
    expect(result.outcome).toBe('adopted');
    const table = catalog.table('sales.orders')!;
    const spec = table['partition-specs'].find((s) => s['spec-id'] === table['default-spec-id'])!;
    expect(spec.fields.map((f) => [f.name, f.transform, f['source-id']])).toEqual([['ts_day', 'day', 2]]);
    expect(table['sort-orders'].find((o) => o['order-id'] === table['default-sort-order-id'])!.fields).toEqual(
      v1().table['write-order']!.fields,
    );
    expect(table.properties['write.format.default']).toBe('parquet');
  });

  it('does not touch the layout of a table that already holds data', async () => {
    const bare = { ...v1().table, 'partition-spec': { 'spec-id': 0, fields: [] } };
    catalog.seedTable('sales', bare, { 'current-snapshot-id': 42, snapshots: [{ 'snapshot-id': 42 }] });
    await expect(handler()(crudEvent('create', v1()))).rejects.toThrow(/differs from its template:\n {2}- new partition field day\(ts\)/);
    expect(commits()).toEqual([]);
  });

  it('retries a transient 503 and succeeds', async () => {
    catalog.failNext('GET', /tables\/orders$/, 503, { times: 2 });
    expect((await handler()(crudEvent('create', v1()))).outcome).toBe('created');
    expect(catalog.requestsTo('GET', /tables\/orders$/)).toHaveLength(3);
  });
});

describe('update', () => {
  it('applies a safe change in one commit guarded by the table uuid, schema, spec and sort order ids', async () => {
    await handler()(crudEvent('create', v1()));
    const live = structuredClone(catalog.table('sales.orders')!);
    const result = await handler()(crudEvent('update', v2(), v1()));
    expect(result.outcome).toBe('updated');
    const [commit] = commits();
    expect(commit!.requirements).toEqual([
      { type: 'assert-table-uuid', uuid: live['table-uuid'] },
      { type: 'assert-current-schema-id', 'current-schema-id': 0 },
      { type: 'assert-default-spec-id', 'default-spec-id': 0 },
      { type: 'assert-default-sort-order-id', 'default-sort-order-id': 1 },
      { type: 'assert-last-assigned-field-id', 'last-assigned-field-id': live['last-column-id'] },
      { type: 'assert-last-assigned-partition-id', 'last-assigned-partition-id': 1000 },
    ]);
    const table = catalog.table('sales.orders')!;
    const schema = table.schemas.find((s) => s['schema-id'] === table['current-schema-id'])!;
    // Live ids kept; new columns numbered after last-column-id (8: id..customer.age).
    expect(fieldNamed(schema.fields, 'qty')).toMatchObject({ id: 3, type: 'long' });
    expect(fieldNamed(schema.fields, 'amount')).toMatchObject({ id: 4, type: 'decimal(12,2)' });
    expect(fieldNamed(schema.fields, 'channel')).toMatchObject({ id: 10, required: false });
    const customer = fieldNamed(schema.fields, 'customer').type as { fields: StructField[] };
    expect(customer.fields.map((f) => [f.name, f.id, f.type])).toEqual([
      ['name', 7, 'string'],
      ['age', 8, 'long'],
      ['email', 9, 'string'],
    ]);
    const spec = table['partition-specs'].find((s) => s['spec-id'] === table['default-spec-id'])!;
    expect(spec.fields).toEqual([
      { 'source-id': 2, 'field-id': 1000, name: 'ts_day', transform: 'day' },
      { 'source-id': 1, 'field-id': 1001, name: 'id_bucket', transform: 'bucket[8]' },
    ]);
    const order = table['sort-orders'].find((o) => o['order-id'] === table['default-sort-order-id'])!;
    expect(order.fields).toEqual([{ 'source-id': 2, transform: 'identity', direction: 'desc', 'null-order': 'nulls-last' }]);
    expect(table.properties).toEqual({ 'commit.retry.num-retries': '10', 'write.target-file-size-bytes': '134217728' });
    expect(result.changes.some((c) => /type of 'qty' changed from int to long: safe/.test(c))).toBe(true);
  });

  it('makes the table unpartitioned and unsorted when the template drops both', async () => {
    await handler()(crudEvent('create', v1()));
    const bare = {
      ...v1(),
      table: { ...v1().table, 'partition-spec': { 'spec-id': 0, fields: [] }, 'write-order': { 'order-id': 0, fields: [] } },
    };
    expect((await handler()(crudEvent('update', bare, v1()))).outcome).toBe('updated');
    const table = catalog.table('sales.orders')!;
    expect(table['default-sort-order-id']).toBe(0);
    expect(table['partition-specs'].find((s) => s['spec-id'] === table['default-spec-id'])!.fields).toEqual([]);
    expect(commits()[0]!.updates.map((u) => u.action)).toEqual([
      'add-spec',
      'set-default-spec',
      'add-sort-order',
      'set-default-sort-order',
    ]);
  });

  it('is a no-op when the live table already matches (an update that only changed protect_data)', async () => {
    await handler()(crudEvent('create', v1()));
    const result = await handler()(crudEvent('update', { ...v1(), protectData: true }, v1()));
    expect(result.outcome).toBe('unchanged');
    expect(commits()).toEqual([]);
  });

  it('refuses an unsafe change, naming the table, each column and why, and commits nothing', async () => {
    await handler()(crudEvent('create', v1()));
    const before = structuredClone(catalog.table('sales.orders'));
    const unsafe = desiredState(ORDERS_V3_UNSAFE(), nessieCatalog(catalog.uri));
    const message = await handler()(crudEvent('update', unsafe, v1())).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toMatch(/^table sales\.orders: the template change cannot be applied safely:/);
    expect(message).toMatch(/type of 'qty' changed from int to string: breaking/);
    expect(message).toMatch(/'amount' changed from optional to required: breaking/);
    expect(message).toMatch(/column 'note' \(string\) was removed: breaking/);
    expect(message).toMatch(/new required column 'region' \(string\): breaking/);
    expect(message).toMatch(/hashicorp\/terraform-provider-aws#43447/);
    expect(commits()).toEqual([]);
    expect(catalog.table('sales.orders')).toEqual(before);
  });

  it('plans again after a 409 (a concurrent commit moved the table) and commits on the new state', async () => {
    await handler()(crudEvent('create', v1()));
    catalog.failNext('POST', /tables\/orders$/, 409);
    expect((await handler()(crudEvent('update', v2(), v1()))).outcome).toBe('updated');
    expect(commits()).toHaveLength(2);
  });

  it('after a commit answered 500, succeeds only if reloading shows the change', async () => {
    await handler()(crudEvent('create', v1()));
    catalog.failNext('POST', /tables\/orders$/, 500, { applyFirst: true });
    expect((await handler()(crudEvent('update', v2(), v1()))).outcome).toBe('updated');
    expect(commits()).toHaveLength(1);

    const v3 = desiredState(ORDERS_V2_SAFE(), nessieCatalog(catalog.uri));
    const changed = { ...v3, table: { ...v3.table, properties: { ...v3.table.properties, 'commit.retry.num-retries': '12' } } };
    catalog.failNext('POST', /tables\/orders$/, 500);
    await expect(handler()(crudEvent('update', changed, v2()))).rejects.toThrow(
      /table sales\.orders: the catalog answered the commit with an unknown outcome .*the change is not there/,
    );
    expect(commits()).toHaveLength(2); // never resent blindly
  });

  it('creates the table when it is missing from the catalog', async () => {
    expect((await handler()(crudEvent('update', v2(), v1()))).outcome).toBe('created');
  });
});

describe('delete', () => {
  it('refuses while protect_data is on, without contacting the catalog', async () => {
    await handler()(crudEvent('create', v1()));
    const sent = catalog.requests.length;
    await expect(handler()(crudEvent('delete', { ...v1(), protectData: true }))).rejects.toThrow(
      /^refusing to drop table sales\.orders: protect_data is on/,
    );
    expect(catalog.requests.length).toBe(sent);
    expect(catalog.table('sales.orders')).toBeDefined();
  });

  it('drops the catalog entry with purgeRequested=false (the files stay) when unprotected; a second delete finds nothing', async () => {
    await handler()(crudEvent('create', v1()));
    expect((await handler()(crudEvent('delete', v1()))).outcome).toBe('dropped');
    expect(catalog.drops).toEqual([{ table: 'sales.orders', purgeRequested: 'false' }]);
    expect(catalog.table('sales.orders')).toBeUndefined();
    expect((await handler()(crudEvent('delete', v1()))).outcome).toBe('absent');
  });
});

describe('failures', () => {
  it('a catalog that is down fails the apply with the address, the cause and the table', async () => {
    const desired = v1();
    await catalog.close();
    const message = await handler()(crudEvent('create', desired)).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(message).toMatch(
      /^table sales\.orders: create failed: load catalog configuration: no answer from the catalog at http:\/\/127\.0\.0\.1:\d+ after 5 attempt\(s\) \(ECONNREFUSED\)$/,
    );
    catalog = await FakeIcebergCatalog.start(); // for afterEach
  });

  it('an event without the tf key (not lifecycle_scope CRUD) or with a broken input is refused before any request', async () => {
    await expect(handler()(v1())).rejects.toThrow(
      /no "tf" object: invoke this function from aws_lambda_invocation with lifecycle_scope = "CRUD"/,
    );
    await expect(handler()({ tf: { action: 'create' }, version: 1 })).rejects.toThrow(/not a table's desired state/);
    await expect(handler()(crudEvent('create', v1()) && { ...crudEvent('create', v1()), tf: { action: 'replace' } })).rejects.toThrow(
      /tf\.action must be one of create, update, delete/,
    );
    expect(catalog.requests).toEqual([]);
  });

  it('refuses an update whose input now names another table (a rename is a remove plus an add)', async () => {
    const renamed = { ...v2(), table: { ...v2().table, name: 'orders_v2' } };
    await expect(handler()(crudEvent('update', renamed, v1()))).rejects.toThrow(
      /the invocation for table sales\.orders now describes sales\.orders_v2: a table is renamed by removing its template and adding a new one/,
    );
  });

  it('names every problem of a malformed input', async () => {
    const broken = {
      ...v1(),
      version: 2,
      namespace: [],
      protectData: 'yes',
      catalog: { ...v1().catalog, uri: 'ftp://x', auth: { type: 'kerberos' } },
    };
    const message = await handler()({ ...broken, tf: { action: 'create', prev_input: null } }).then(
      () => '',
      (e: Error) => e.message,
    );
    for (const part of [
      'version must be 1',
      'catalog.uri must be an http(s) URL',
      "catalog.auth.type must be 'none', 'sigv4' or 'oauth2'",
      'namespace must be a non-empty list',
      'protectData must be true or false',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('logs one JSON line per outcome, never a secret', async () => {
    await handler()(crudEvent('create', v1()));
    const last = JSON.parse(logs.at(-1)!);
    expect(last).toMatchObject({ table: 'sales.orders', outcome: 'created' });
  });
});
