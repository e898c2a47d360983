import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tableDrift, type DriftDifference } from '../../../functions/drift-check/compare';
import { IcebergRestClient } from '../../../lib/iceberg-rest/client';
import { createTableRequestFor } from '../../../lib/iceberg-rest/table-requests';
import type { CreateTableRequest } from '../../../lib/iceberg-rest/types';
import type { LoadedTableTemplate } from '../../../lib/model/table-template';
import { FakeIcebergCatalog } from '../../support/fake-iceberg-catalog';
import { template } from '../../support/extra-templates';
import { ORDERS_V1, ORDERS_V1_COLUMNS, ORDERS_V1_LAYOUT } from '../table-provisioner/helpers';
import { expectedTable } from './helpers';

// Live tables come from the fake Iceberg REST catalog (the specification's LoadTableResult), as the
// function sees them: created from a template (what the provisioning function does), then changed.

let catalog: FakeIcebergCatalog;
let client: IcebergRestClient;
beforeEach(async () => {
  catalog = await FakeIcebergCatalog.start();
  client = await IcebergRestClient.connect({ uri: catalog.uri });
});
afterEach(() => catalog.close());

const LOCATION = 's3://lakehouse/warehouse/sales/orders';
const orders = ORDERS_V1();

/** The drift of `orders` against a live table created from `live` (a request), or absent. */
async function driftAgainst(live: CreateTableRequest | undefined, wanted: LoadedTableTemplate = orders): Promise<DriftDifference[]> {
  if (live) catalog.seedTable('sales', live);
  const loaded = await client.loadTableIfExists({ namespace: ['sales'], name: 'orders' });
  return tableDrift(expectedTable(wanted), loaded?.metadata);
}

const variant = (columns: readonly string[], extra?: string) => createTableRequestFor(template('orders', columns, extra), LOCATION);

describe('tableDrift on tables loaded from the catalog', () => {
  it('no drift: the table as the provisioning function creates it', async () => {
    expect(await driftAgainst(createTableRequestFor(orders, LOCATION))).toEqual([]);
  });

  it('no drift for what catalogs and engines do on their own: other field ids, dropped docs, added properties', async () => {
    const request = createTableRequestFor(orders, LOCATION);
    const shifted = JSON.parse(
      JSON.stringify(request)
        .replace(/"id":(\d+)/g, (_, n) => `"id":${Number(n) + 100}`)
        .replace(/"source-id":(\d+)/g, (_, n) => `"source-id":${Number(n) + 100}`)
        .replace(/,"doc":"[^"]*"/g, ''),
    ) as CreateTableRequest;
    catalog.seedTable('sales', shifted, { properties: { ...request.properties, 'write.metadata.previous-versions-max': '50' } });
    delete catalog.table('sales.orders')!.properties['format-version'];
    const loaded = await client.loadTable({ namespace: ['sales'], name: 'orders' });
    expect(tableDrift(expectedTable(orders), loaded.metadata)).toEqual([]);
  });

  it('an extra column (ALTER TABLE ADD COLUMN debug_flag STRING)', async () => {
    expect(await driftAgainst(variant([...ORDERS_V1_COLUMNS, '{ name: debug_flag, type: string }'], ORDERS_V1_LAYOUT))).toEqual([
      {
        kind: 'column-extra',
        path: 'debug_flag',
        actual: 'string',
        message: "column 'debug_flag' (string) is in the live table but not in the template",
      },
    ]);
  });

  it('an extra nested field', async () => {
    const columns = ORDERS_V1_COLUMNS.map((c) => c.replace('struct<name:string,age:int>', 'struct<name:string,age:int,vip:boolean>'));
    expect(await driftAgainst(variant(columns, ORDERS_V1_LAYOUT))).toEqual([
      expect.objectContaining({ kind: 'column-extra', path: 'customer.vip', actual: 'boolean' }),
    ]);
  });

  it('a missing column', async () => {
    const drift = await driftAgainst(
      variant(
        ORDERS_V1_COLUMNS.filter((c) => !c.includes('note')),
        ORDERS_V1_LAYOUT,
      ),
    );
    expect(drift).toEqual([
      {
        kind: 'column-missing',
        path: 'note',
        expected: 'string',
        message: "column 'note' (string) of the template is missing from the live table",
      },
    ]);
  });

  it('type changes, a widening as much as a retyping', async () => {
    const columns = ORDERS_V1_COLUMNS.map((c) => c.replace('qty, type: int', 'qty, type: long').replace('"decimal(10,2)"', 'string'));
    expect(await driftAgainst(variant(columns, ORDERS_V1_LAYOUT))).toEqual([
      {
        kind: 'type-mismatch',
        path: 'qty',
        expected: 'int',
        actual: 'long',
        message: "'qty' is long in the live table; the template says int",
      },
      {
        kind: 'type-mismatch',
        path: 'amount',
        expected: 'decimal(10,2)',
        actual: 'string',
        message: "'amount' is string in the live table; the template says decimal(10,2)",
      },
    ]);
  });

  it('a column made optional', async () => {
    const columns = ORDERS_V1_COLUMNS.map((c) => c.replace('ts, type: timestamptz, required: true', 'ts, type: timestamptz'));
    expect(await driftAgainst(variant(columns, ORDERS_V1_LAYOUT))).toEqual([
      expect.objectContaining({ kind: 'nullability-mismatch', path: 'ts', expected: 'required', actual: 'optional' }),
    ]);
  });

  it('a partition spec change (another field, one gone) and a sort order change', async () => {
    const layout = ORDERS_V1_LAYOUT.replace('{ column: ts, transform: day }', '{ column: ts, transform: hour }').replace(
      '{ column: id }',
      '{ column: id, direction: desc }',
    );
    const drift = await driftAgainst(variant(ORDERS_V1_COLUMNS, layout));
    expect(drift.map((d) => [d.kind, d.message])).toEqual([
      ['partition-spec', "partition field hour(ts) is in the live table's partition spec but not in the template"],
      ['partition-spec', "partition field day(ts) of the template is not in the live table's partition spec"],
      ['sort-order', 'sort field identity(id) sorts differently in the live table than in the template'],
    ]);
  });

  it('a property the template sets, changed or removed; and the format version', async () => {
    const layout = ORDERS_V1_LAYOUT.replace('commit.retry.num-retries: 4', 'commit.retry.num-retries: 9').replace(
      '  write.format.default: parquet\n',
      '  format-version: 1\n',
    );
    const drift = await driftAgainst(variant(ORDERS_V1_COLUMNS, layout));
    expect(drift).toEqual([
      expect.objectContaining({ kind: 'property', path: 'format-version', expected: '2', actual: '1' }),
      expect.objectContaining({ kind: 'property', path: 'commit.retry.num-retries', expected: '4', actual: '9' }),
      {
        kind: 'property',
        path: 'write.format.default',
        expected: 'parquet',
        message: 'property write.format.default is not set on the live table; the template sets "parquet"',
      },
    ]);
  });

  it('a table missing from the catalog', async () => {
    expect(await driftAgainst(undefined)).toEqual([
      { kind: 'table-missing', path: '', message: 'table sales.orders is not in the catalog (dropped outside Terraform?)' },
    ]);
  });
});
