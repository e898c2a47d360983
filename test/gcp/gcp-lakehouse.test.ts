import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ENVIRONMENTS_DIR,
  environmentFromYaml,
  gcpEnvironment,
  onlyResource,
  resourcesOf,
  shippedTemplates,
  type TfJson,
} from '../support/synth';
import { refTo, synthLakehouse, templateFromYaml } from './helpers';

const external = templateFromYaml(`name: clicks
namespace: analytics
columns:
  - { name: id, type: long }
gcp:
  metadata_uri: gs://acme-test-lakehouse/external/clicks/metadata/00001-x.metadata.json
`);

describe('GcpLakehouse outputs', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthLakehouse(gcpEnvironment(), [...shippedTemplates(), external]).json;
  });

  it('names the outputs stably', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'lakehouse_bucket',
      'lakehouse_client_settings',
      'lakehouse_connection_id',
      'lakehouse_datasets',
      'lakehouse_service_accounts',
      'lakehouse_tables',
    ]);
    expect(json.output!.lakehouse_bucket!.value).toBe(refTo(json, 'google_storage_bucket', 'lakehouse_bucket_', 'name'));
    expect(json.output!.lakehouse_connection_id!.value).toBe(refTo(json, 'google_bigquery_connection', 'biglake', 'name'));
  });

  it('lists datasets and every table id', () => {
    expect(json.output!.lakehouse_datasets!.value).toEqual({
      analytics: 'acme-test-1.acme_test_analytics',
      compliance: 'acme-test-1.acme_test_compliance',
      core: 'acme-test-1.acme_test_core',
      ml: 'acme-test-1.acme_test_ml',
      pg_archive_sync: 'acme-test-1.acme_test_pg_archive_sync',
    });
    expect(json.output!.lakehouse_tables!.value).toEqual({
      'analytics.clicks': 'acme-test-1.acme_test_analytics.clicks',
      'analytics.event_stream': 'acme-test-1.acme_test_analytics.event_stream',
      'compliance.audit_trail': 'acme-test-1.acme_test_compliance.audit_trail',
      'core.customer_dim': 'acme-test-1.acme_test_core.customer_dim',
      'ml.customer_features': 'acme-test-1.acme_test_ml.customer_features',
      'pg_archive_sync.primary_postgresql_logs': 'acme-test-1.acme_test_pg_archive_sync.primary_postgresql_logs',
      'pg_archive_sync.replica_postgresql_logs': 'acme-test-1.acme_test_pg_archive_sync.replica_postgresql_logs',
    });
  });

  it('gives clients the connection, storage folders, metadata export and external metadata URIs', () => {
    const settings = json.output!.lakehouse_client_settings!.value as Record<string, any>;
    expect(settings).toMatchObject({
      cloud: 'gcp',
      project_id: 'acme-test-1',
      location: 'europe-west1',
      bucket: 'acme-test-lakehouse',
      bigquery_connection: 'acme-test-1.europe-west1.acme-test-lakehouse',
      spark: { format: 'bigquery', options: { writeMethod: 'direct' } },
    });
    expect(settings.tables['core.customer_dim']).toEqual({
      bigquery_table: 'acme-test-1.acme_test_core.customer_dim',
      mode: 'managed',
      storage_uri: 'gs://acme-test-lakehouse/warehouse/core/customer_dim/',
      metadata_export: 'EXPORT TABLE METADATA FROM `acme-test-1.acme_test_core.customer_dim`',
    });
    expect(settings.tables['analytics.clicks']).toEqual({
      bigquery_table: 'acme-test-1.acme_test_analytics.clicks',
      mode: 'external',
      metadata_uri: 'gs://acme-test-lakehouse/external/clicks/metadata/00001-x.metadata.json',
    });
  });

  it('creates the BigLake connection in the dataset location', () => {
    expect(onlyResource(json, 'google_bigquery_connection')).toMatchObject({
      connection_id: 'acme-test-lakehouse',
      location: 'europe-west1',
      project: 'acme-test-1',
      cloud_resource: {},
    });
  });
});

describe('GcpLakehouse with the shipped gcp-dev environment', () => {
  it('synthesizes with CMEK, a multi-namespace layout and a 365-day audit retention', () => {
    const file = resolve(ENVIRONMENTS_DIR, 'gcp-dev.yaml');
    const env = environmentFromYaml(readFileSync(file, 'utf8'), file);
    const { json } = synthLakehouse(env, shippedTemplates());
    expect(onlyResource(json, 'google_kms_key_ring').name).toBe('acme-lake-gcp-dev-lakehouse');
    expect(json.output!.lakehouse_service_accounts).toBeDefined();
    const buckets = Object.values(resourcesOf(json, 'google_storage_bucket')).map((b) => [b.name, b.retention_policy?.retention_period]);
    expect(buckets.sort()).toEqual([
      ['acme-lake-gcp-dev-audit-trail', 365 * 86400],
      ['acme-lake-gcp-dev-lakehouse', undefined],
    ]);
  });
});
