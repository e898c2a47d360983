import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { bigQueryClustering } from '../../lib/model/mappings/bigquery-clustering';
import { environmentStack } from '../../lib/stack/environment-stack';
import { ENVIRONMENTS_DIR, environmentFromYaml, gcpEnvironment, resourcesOf, shippedTemplates, type TfJson } from '../support/synth';
import { synthLakehouse, templateFromYaml } from './helpers';

/** Every partition transform and every column kind BigQuery can or cannot cluster on. */
const WIDE = templateFromYaml(`name: wide
namespace: finance
columns:
  - { name: id, type: uuid, required: true }
  - { name: booked_at, type: timestamp, required: true }
  - { name: settled_at, type: timestamptz }
  - { name: amount, type: "decimal(18,2)" }
  - { name: ratio, type: double }
  - { name: at, type: time }
  - { name: digest, type: binary }
  - { name: ok, type: boolean }
  - { name: country, type: string }
  - { name: tags, type: "list<string>" }
  - { name: address, type: "struct<city:string,zip:string>" }
  - { name: day, type: date }
partition_spec:
  - { column: booked_at, transform: day }
  - { column: id, transform: "bucket[16]" }
  - { column: ratio, transform: identity }
  - { column: country, transform: "truncate[2]" }
  - { column: address.city, transform: identity }
  - { column: ok, transform: void }
sort_order:
  - { column: booked_at, direction: desc }
  - { column: at }
  - { column: amount }
  - { column: settled_at }
  - { column: day }
`);

describe('bigQueryClustering', () => {
  it('takes partition source columns first, then sort columns, BigQuery-clusterable and top-level, at most four', () => {
    const { columns, dropped } = bigQueryClustering(WIDE);
    expect(columns).toEqual(['booked_at', 'country', 'amount', 'settled_at']);
    expect(dropped).toEqual([
      { column: 'id', from: 'partition_spec[1]', reason: 'BigQuery cannot cluster on BYTES columns' },
      { column: 'ratio', from: 'partition_spec[2]', reason: 'BigQuery cannot cluster on FLOAT64 columns' },
      { column: 'address.city', from: 'partition_spec[4]', reason: 'a struct field: BigQuery clusters on top-level columns only' },
      { column: 'ok', from: 'partition_spec[5]', reason: 'a void partition field holds no values' },
      { column: 'at', from: 'sort_order[1]', reason: 'BigQuery cannot cluster on TIME columns' },
      { column: 'day', from: 'sort_order[4]', reason: 'BigQuery clusters on at most 4 columns' },
    ]);
  });

  it('gives nothing to a table without partition or sort columns', () => {
    expect(bigQueryClustering(templateFromYaml('name: p\nnamespace: n\ncolumns:\n  - { name: id, type: long }\n'))).toEqual({
      columns: [],
      dropped: [],
    });
  });
});

describe('BigQuery-managed tables are clustered as derived', () => {
  it('sets clustering on managed tables only, and none when nothing is clusterable', () => {
    const external = templateFromYaml(
      'name: clicks\nnamespace: finance\ncolumns:\n  - { name: id, type: long }\npartition_spec:\n  - { column: id, transform: identity }\ngcp:\n  metadata_uri: gs://partner/warehouse/clicks/metadata/00001-a.metadata.json\n',
    );
    const { json } = synthLakehouse(gcpEnvironment(), [WIDE, external]);
    const tables = Object.values(resourcesOf(json, 'google_bigquery_table'));
    expect(tables.find((t) => t.table_id === 'wide')!.clustering).toEqual(['booked_at', 'country', 'amount', 'settled_at']);
    expect(tables.find((t) => t.table_id === 'clicks')!.clustering).toBeUndefined();
  });

  it('gcp-dev: every shipped table clusters on its partition and sort columns', () => {
    const file = join(ENVIRONMENTS_DIR, 'gcp-dev.yaml');
    const stack = environmentStack(Testing.app(), environmentFromYaml(readFileSync(file, 'utf8'), file), shippedTemplates());
    const json = JSON.parse(Testing.synth(stack)) as TfJson;
    const clustering = Object.fromEntries(
      Object.values(resourcesOf(json, 'google_bigquery_table')).map((t) => [t.table_id as string, t.clustering]),
    );
    expect(clustering).toEqual({
      audit_trail: ['event_timestamp', 'action_type'],
      customer_dim: ['customer_id', 'valid_from'],
      customer_features: ['feature_date', 'customer_id'],
      event_stream: ['event_time', 'event_type'],
      primary_postgresql_logs: ['ingest_ts'],
      replica_postgresql_logs: ['ingest_ts'],
    });
    for (const t of shippedTemplates()) expect(bigQueryClustering(t).dropped, t.name).toEqual([]);
  });
});
