import { beforeAll, describe, expect, it } from 'vitest';
import { bigQuerySchemaFor, taggedFieldPaths } from '../../lib/gcp';
import { restrictedColumns } from '../../lib/model/table-template';
import { gcpEnvironment, resourcesOf, shippedTemplates, type TfJson } from '../support/synth';
import { addressOf, apiEdges, refTo, synthLakehouse, templateFromYaml } from './helpers';

const mixed = templateFromYaml(`name: payments
namespace: finance
description: Card payments
columns:
  - { name: payment_id, type: uuid, required: true }
  - { name: booked_at, type: timestamp, required: true, description: Local booking time }
  - { name: settled_at, type: timestamptz }
  - { name: amount, type: "decimal(18,2)", required: true }
  - { name: rate, type: "decimal(38,9)" }
  - { name: lines, type: "list<struct<sku:string,qty:int,price:decimal(10,4)>>" }
  - { name: attrs, type: "map<string,list<long>>" }
  - { name: card, type: "struct<holder:string,last4:fixed[4]>", access_level: restricted, masking: default }
  - { name: iban, type: string, access_level: restricted }
  - { name: on, type: date }
  - { name: at, type: time }
  - { name: ok, type: boolean }
  - { name: ratio, type: float }
tags:
  domain: finance
`);

const external = templateFromYaml(`name: clicks
namespace: finance
columns:
  - { name: id, type: long }
gcp:
  metadata_uri: gs://partner-lake/warehouse/clicks/metadata/00012-aa.metadata.json
`);

/** Parses a table's schema, replacing policy tag references by the tag's construct id. */
function schemaOf(json: TfJson, table: Record<string, any>): any[] {
  const text = (table.schema as string).replace(
    /\$\{google_data_catalog_policy_tag\.lakehouse_column-security_([a-z0-9-]+)_[A-F0-9]{8}\.name\}/g,
    'TAG:$1',
  );
  return JSON.parse(text) as any[];
}

function tableNamed(json: TfJson, tableId: string): Record<string, any> {
  const found = Object.values(resourcesOf(json, 'google_bigquery_table')).filter((t) => t.table_id === tableId);
  if (found.length !== 1) throw new Error(`expected one table ${tableId}, found ${found.length}`);
  return found[0]!;
}

describe('BigQuery tables from templates', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthLakehouse(gcpEnvironment(), [...shippedTemplates(), mixed, external]).json;
  });

  it('declares one table per template, each in its namespace dataset', () => {
    const tables = Object.values(resourcesOf(json, 'google_bigquery_table'));
    expect(tables.map((t) => t.table_id).sort()).toEqual([...shippedTemplates().map((t) => t.name), 'payments', 'clicks'].sort());
    expect(tableNamed(json, 'payments').dataset_id).toBe(refTo(json, 'google_bigquery_dataset', 'datasets_finance', 'dataset_id'));
    expect(tableNamed(json, 'audit_trail').dataset_id).toBe(refTo(json, 'google_bigquery_dataset', 'datasets_compliance', 'dataset_id'));
  });

  it('makes templates BigQuery-managed Iceberg tables with a unique storage folder each', () => {
    const managed = Object.values(resourcesOf(json, 'google_bigquery_table')).filter((t) => t.biglake_configuration);
    expect(managed).toHaveLength(shippedTemplates().length + 1);
    const uris = managed.map((t) => t.biglake_configuration.storage_uri);
    expect(new Set(uris).size).toBe(uris.length);
    expect(tableNamed(json, 'payments')).toMatchObject({
      project: 'acme-test-1',
      description: 'Card payments',
      labels: { domain: 'finance' },
      deletion_protection: true,
      lifecycle: { prevent_destroy: true },
      biglake_configuration: {
        connection_id: refTo(json, 'google_bigquery_connection', 'biglake', 'name'),
        storage_uri: 'gs://acme-test-lakehouse/warehouse/finance/payments/',
        file_format: 'PARQUET',
        table_format: 'ICEBERG',
      },
    });
    // The connection's grants, after they had time to propagate (test/gcp/iam-propagation.test.ts), and the API.
    expect(tableNamed(json, 'payments').depends_on).toEqual([
      addressOf(json, 'time_sleep', 'biglake_grant-propagation'),
      ...apiEdges(json, 'bigquery.googleapis.com'),
    ]);
  });

  it('maps the schema exactly: timestamp vs timestamptz, decimals, nested lists, structs and maps, policy tags on leaves', () => {
    expect(schemaOf(json, tableNamed(json, 'payments'))).toEqual([
      { name: 'payment_id', type: 'BYTES', mode: 'REQUIRED' },
      { name: 'booked_at', description: 'Local booking time', type: 'DATETIME', mode: 'REQUIRED' },
      { name: 'settled_at', type: 'TIMESTAMP', mode: 'NULLABLE' },
      { name: 'amount', type: 'NUMERIC', mode: 'REQUIRED', precision: '18', scale: '2' },
      { name: 'rate', type: 'NUMERIC', mode: 'NULLABLE', precision: '38', scale: '9' },
      {
        name: 'lines',
        type: 'RECORD',
        mode: 'REPEATED',
        fields: [
          { name: 'sku', type: 'STRING', mode: 'NULLABLE' },
          { name: 'qty', type: 'INT64', mode: 'NULLABLE' },
          { name: 'price', type: 'NUMERIC', mode: 'NULLABLE', precision: '10', scale: '4' },
        ],
      },
      {
        name: 'attrs',
        type: 'RECORD',
        mode: 'REPEATED',
        fields: [
          { name: 'key', type: 'STRING', mode: 'REQUIRED' },
          { name: 'value', type: 'INT64', mode: 'REPEATED' },
        ],
      },
      {
        name: 'card',
        type: 'RECORD',
        mode: 'NULLABLE',
        fields: [
          { name: 'holder', type: 'STRING', mode: 'NULLABLE', policyTags: { names: ['TAG:restricted-default'] } },
          { name: 'last4', type: 'BYTES', mode: 'NULLABLE', policyTags: { names: ['TAG:restricted-default'] } },
        ],
      },
      { name: 'iban', type: 'STRING', mode: 'NULLABLE', policyTags: { names: ['TAG:restricted'] } },
      { name: 'on', type: 'DATE', mode: 'NULLABLE' },
      { name: 'at', type: 'TIME', mode: 'NULLABLE' },
      { name: 'ok', type: 'BOOL', mode: 'NULLABLE' },
      { name: 'ratio', type: 'FLOAT64', mode: 'NULLABLE' },
    ]);
  });

  it('tags exactly the restricted columns of every shipped template, with the tag of its masking kind', () => {
    for (const t of shippedTemplates()) {
      const schema = schemaOf(json, tableNamed(json, t.name));
      expect(taggedFieldPaths(schema), t.name).toEqual(restrictedColumns(t));
      for (const column of t.parsedColumns.filter((c) => c.accessLevel === 'restricted')) {
        const field = schema.find((f) => f.name === column.name);
        expect(field.policyTags, `${t.name}.${column.name}`).toEqual({
          names: [column.masking ? `TAG:restricted-${column.masking}` : 'TAG:restricted'],
        });
      }
    }
    expect(taggedFieldPaths(schemaOf(json, tableNamed(json, 'customer_features')))).toEqual([]);
  });

  it('declares templates with gcp.metadata_uri as Iceberg external tables without a schema', () => {
    const table = tableNamed(json, 'clicks');
    expect(table.schema).toBeUndefined();
    expect(table.biglake_configuration).toBeUndefined();
    expect(table.external_data_configuration).toEqual({
      autodetect: true,
      source_format: 'ICEBERG',
      source_uris: ['gs://partner-lake/warehouse/clicks/metadata/00012-aa.metadata.json'],
      connection_id: refTo(json, 'google_bigquery_connection', 'biglake', 'name'),
    });
  });

  it('lets the connection read the external bucket, and write the lakehouse bucket for managed tables', () => {
    const member = `serviceAccount:\${${refTo(json, 'google_bigquery_connection', 'biglake', 'cloud_resource[0].service_account_id').slice(2, -1)}}`;
    const grants = Object.values(resourcesOf(json, 'google_storage_bucket_iam_member'))
      .filter((g) => g.member === member)
      .map((g) => [g.bucket, g.role]);
    const lake = refTo(json, 'google_storage_bucket', 'lakehouse_bucket_', 'name');
    expect(grants).toEqual([
      [lake, 'roles/storage.legacyBucketReader'],
      [lake, 'roles/storage.objectUser'],
      ['partner-lake', 'roles/storage.objectViewer'],
    ]);
  });
});

describe('append-only tables BigQuery cannot enforce', () => {
  it('carry the acknowledgement label (read by lakehouse access) when the environment accepts it, and only then', () => {
    const label = (json: TfJson, name: string) => tableNamed(json, name).labels?.['lakehouse-append-only'];
    const accepted = synthLakehouse(gcpEnvironment(), shippedTemplates()).json;
    expect(label(accepted, 'audit_trail')).toBe('unenforced-accepted');
    expect(label(accepted, 'customer_dim')).toBeUndefined();
    const templates = shippedTemplates().filter((t) => !t.append_only);
    const plain = gcpEnvironment().gcp!;
    const environment = { ...gcpEnvironment(), gcp: { ...plain, acceptUnenforcedAppendOnly: false } };
    expect(
      Object.values(resourcesOf(synthLakehouse(environment, templates).json, 'google_bigquery_table')).map(
        (t) => t.labels?.['lakehouse-append-only'],
      ),
    ).toEqual(templates.map(() => undefined));
    expect(() => synthLakehouse(environment, shippedTemplates())).toThrow(/set gcp\.accept_unenforced_append_only: true/);
  });
});

describe('the writer and admin custom roles', () => {
  it('hold exactly their tier’s BigQuery permissions, with deterministic ids', () => {
    const json = synthLakehouse(gcpEnvironment(), shippedTemplates()).json;
    const roles = Object.values(resourcesOf(json, 'google_project_iam_custom_role'));
    expect(roles.map((r) => [r.role_id, r.project, r.permissions])).toEqual([
      [
        'acme_test_lakehouse_admin',
        'acme-test-1',
        [
          'bigquery.datasets.get',
          'bigquery.tables.get',
          'bigquery.tables.getData',
          'bigquery.tables.list',
          'bigquery.tables.update',
          'bigquery.tables.updateData',
        ],
      ],
      [
        'acme_test_lakehouse_writer',
        'acme-test-1',
        ['bigquery.datasets.get', 'bigquery.tables.get', 'bigquery.tables.getData', 'bigquery.tables.list', 'bigquery.tables.updateData'],
      ],
    ]);
    for (const r of roles) expect(r.permissions.filter((p: string) => /delete|create|setIamPolicy|setCategory/.test(p))).toEqual([]);
  });
});

describe('table modes and protection', () => {
  it('gives the connection read-only access when every table is external', () => {
    const { json } = synthLakehouse(gcpEnvironment(), [external]);
    const roles = Object.values(resourcesOf(json, 'google_storage_bucket_iam_member'))
      .filter((g) => String(g.member).includes('google_bigquery_connection'))
      .map((g) => g.role);
    expect(roles).toEqual(['roles/storage.objectViewer', 'roles/storage.objectViewer']);
  });

  it('drops deletion protection and prevent_destroy when protect_data is false', () => {
    const { json } = synthLakehouse(gcpEnvironment('protect_data: false\n'), [mixed]);
    const table = tableNamed(json, 'payments');
    expect(table.deletion_protection).toBe(false);
    expect(table.lifecycle).toEqual({ prevent_destroy: false });
  });

  it('refuses templates BigQuery cannot hold, listing every problem with its file', () => {
    const wide = templateFromYaml(
      'name: big\nnamespace: finance\ncolumns:\n  - { name: n, type: "decimal(38,20)" }\n  - { name: m, type: "list<list<int>>" }\n',
      'big.yaml',
    );
    expect(() => synthLakehouse(gcpEnvironment(), [wide])).toThrow(
      /big\.yaml: columns\[0\]\.type: decimal\(38,20\) needs BIGNUMERIC[\s\S]*big\.yaml: columns\[1\]\.type: BigQuery cannot nest an array/,
    );
  });

  it('refuses two templates declaring the same table in one namespace', () => {
    expect(() => synthLakehouse(gcpEnvironment(), [mixed, { ...mixed, file: 'copy.yaml' }])).toThrow(
      /copy\.yaml: name: table 'finance\.payments' is already defined in inline\.yaml/,
    );
  });

  it('builds the schema without the composite (restricted column without masking gets the restricted tag)', () => {
    const schema = bigQuerySchemaFor(mixed, (masking) => `tag-${masking ?? 'none'}`);
    expect(taggedFieldPaths(schema)).toEqual(['card.holder', 'card.last4', 'iban']);
    expect(schema.find((f) => f.name === 'iban')!.policyTags).toEqual({ names: ['tag-none'] });
  });
});
