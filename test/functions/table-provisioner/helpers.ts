import { createTableRequestFor } from '../../../lib/iceberg-rest/table-requests';
import type { CatalogSettings, DesiredTableState } from '../../../lib/iceberg-rest/desired-table';
import type { LoadedTableTemplate } from '../../../lib/model/table-template';
import { template } from '../../support/extra-templates';

/** The columns of the orders table as first deployed (template YAML, one column per entry). */
export const ORDERS_V1_COLUMNS: readonly string[] = [
  '{ name: id, type: long, required: true, description: Order id }',
  '{ name: ts, type: timestamptz, required: true }',
  '{ name: qty, type: int }',
  '{ name: amount, type: "decimal(10,2)" }',
  '{ name: note, type: string }',
  '{ name: customer, type: "struct<name:string,age:int>" }',
];

/** Its partition spec, sort order and properties (template YAML). */
export const ORDERS_V1_LAYOUT = [
  'partition_spec:',
  '  - { column: ts, transform: day }',
  'sort_order:',
  '  - { column: id }',
  'properties:',
  '  write.format.default: parquet',
  '  commit.retry.num-retries: 4',
].join('\n');

/** The orders table as first deployed. */
export const ORDERS_V1 = (): LoadedTableTemplate => template('orders', ORDERS_V1_COLUMNS, ORDERS_V1_LAYOUT);

/** Safe evolution: widenings, new optional columns (top level and nested), layout and properties. */
export const ORDERS_V2_SAFE = (): LoadedTableTemplate =>
  template(
    'orders',
    [
      '{ name: id, type: long, required: true, description: Order id }',
      '{ name: ts, type: timestamptz, required: true }',
      '{ name: qty, type: long }',
      '{ name: amount, type: "decimal(12,2)" }',
      '{ name: note, type: string }',
      '{ name: customer, type: "struct<name:string,age:long,email:string>" }',
      '{ name: channel, type: string }',
    ],
    [
      'partition_spec:',
      '  - { column: ts, transform: day }',
      '  - { column: id, transform: "bucket[8]" }',
      'sort_order:',
      '  - { column: ts, direction: desc }',
      'properties:',
      '  commit.retry.num-retries: 10',
      '  write.target-file-size-bytes: 134217728',
    ].join('\n'),
  );

/** Unsafe: a dropped column, a retyped column, optional → required, a new required column. */
export const ORDERS_V3_UNSAFE = (): LoadedTableTemplate =>
  template(
    'orders',
    [
      '{ name: id, type: long, required: true, description: Order id }',
      '{ name: ts, type: timestamptz, required: true }',
      '{ name: qty, type: string }',
      '{ name: amount, type: "decimal(10,2)", required: true }',
      '{ name: customer, type: "struct<name:string,age:int>" }',
      '{ name: region, type: string, required: true }',
    ],
    ['partition_spec:', '  - { column: ts, transform: day }', 'sort_order:', '  - { column: id }'].join('\n'),
  );

export function nessieCatalog(uri: string, extra: Partial<CatalogSettings> = {}): CatalogSettings {
  return { kind: 'nessie', uri, warehouse: 'lakehouse', auth: { type: 'none' }, createNamespaces: true, ...extra };
}

export function desiredState(t: LoadedTableTemplate, catalog: CatalogSettings, protectData = false): DesiredTableState {
  return {
    version: 1,
    catalog,
    namespace: [t.namespace],
    table: createTableRequestFor(t, `s3://lakehouse-bucket/warehouse/${t.namespace}/${t.name}`),
    protectData,
  };
}

/** The event aws_lambda_invocation sends in CRUD mode: the input plus `tf`. */
export function crudEvent(
  action: 'create' | 'update' | 'delete',
  input: DesiredTableState,
  prev?: DesiredTableState,
): Record<string, unknown> {
  return { ...input, tf: { action, prev_input: prev ?? (action === 'delete' ? input : null) } };
}
