import { beforeAll, describe, expect, it } from 'vitest';
import { planLakehouse } from '../../lib/plan';
import { NESSIE_WAREHOUSE_NAME } from '../../lib/aws/nessie/nessie-container';
import { hasPlaceholder, NESSIE_WAREHOUSE, nessieEngineSettings, type NessieEngineSettings } from '../../lib/clients';
import { shippedTemplates } from '../support/synth';
import { SHIPPED_NAMESPACES, SHIPPED_TABLE_KEYS, shippedEnvironment } from './fixtures';

const PLACEHOLDER = '<lakehouse_nessie_api_url from: cdktf output staging>';

/** The shipped staging environment without its host name: the URL is only known after apply. */
function stagingWithoutHostName() {
  const env = shippedEnvironment('staging');
  return { ...env, nessie: { ...env.nessie, hostName: undefined } };
}

describe('Nessie engine settings with a configured host name', () => {
  it('uses https://<host_name>, known before apply, and leaves nothing pending', () => {
    const known = nessieEngineSettings({ plan: planLakehouse(shippedEnvironment('staging'), shippedTemplates()) });
    expect(known.pyiceberg.uri).toBe('https://nessie.staging.acme-lake.example.com/iceberg');
    expect(known.pendingOutputs).toEqual([]);
  });
});

describe('Nessie engine settings for environments/staging.yaml (without host_name) before apply', () => {
  let s: NessieEngineSettings;
  beforeAll(() => {
    s = nessieEngineSettings({ plan: planLakehouse(stagingWithoutHostName(), shippedTemplates()) });
  });

  it('points PyIceberg at Iceberg REST under the placeholder, with the server warehouse name', () => {
    expect(s.pyiceberg).toEqual({ type: 'rest', uri: `${PLACEHOLDER}/iceberg`, warehouse: 'warehouse', 's3.region': 'us-east-1' });
    expect(hasPlaceholder(s.pyiceberg.uri!)).toBe(true);
    expect(s.pendingOutputs).toEqual(['lakehouse_nessie_api_url']);
  });

  it('uses the warehouse name the Nessie server is configured with', () => {
    expect(NESSIE_WAREHOUSE).toBe(NESSIE_WAREHOUSE_NAME);
  });

  it('gives Spark the Iceberg REST catalog', () => {
    expect(s.spark).toEqual({
      'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      'spark.sql.catalog.lakehouse': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.lakehouse.type': 'rest',
      'spark.sql.catalog.lakehouse.uri': `${PLACEHOLDER}/iceberg`,
      'spark.sql.catalog.lakehouse.warehouse': 'warehouse',
      'spark.sql.catalog.lakehouse.io-impl': 'org.apache.iceberg.aws.s3.S3FileIO',
      'spark.sql.catalog.lakehouse.client.region': 'us-east-1',
    });
  });

  it("gives Spark Iceberg's NessieCatalog on API v2, branch main, the S3 warehouse and both SQL extensions", () => {
    expect(s.sparkNessieCatalog).toEqual({
      'spark.sql.extensions':
        'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,org.projectnessie.spark.extensions.NessieSparkSessionExtensions',
      'spark.sql.catalog.lakehouse': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.lakehouse.catalog-impl': 'org.apache.iceberg.nessie.NessieCatalog',
      'spark.sql.catalog.lakehouse.uri': `${PLACEHOLDER}/api/v2`,
      'spark.sql.catalog.lakehouse.ref': 'main',
      'spark.sql.catalog.lakehouse.warehouse': 's3://acme-lake-staging-lakehouse/warehouse',
      'spark.sql.catalog.lakehouse.io-impl': 'org.apache.iceberg.aws.s3.S3FileIO',
      'spark.sql.catalog.lakehouse.client.region': 'us-east-1',
    });
  });

  it('gives Trino the REST catalog with native S3 and no credential vending', () => {
    expect(s.trino).toEqual({
      'connector.name': 'iceberg',
      'iceberg.catalog.type': 'rest',
      'iceberg.rest-catalog.uri': `${PLACEHOLDER}/iceberg`,
      'iceberg.rest-catalog.warehouse': 'warehouse',
      'fs.native-s3.enabled': 'true',
      's3.region': 'us-east-1',
    });
  });

  it('keeps template namespaces as Iceberg namespaces (one Nessie server per environment)', () => {
    expect(s.identifiers.namespaces).toEqual(SHIPPED_NAMESPACES);
    expect(Object.keys(s.identifiers.tables)).toEqual(SHIPPED_TABLE_KEYS);
    expect(s.identifiers.tables['analytics.event_stream']).toEqual({
      namespace: 'analytics',
      table: 'event_stream',
      pyiceberg: 'analytics.event_stream',
      spark: 'lakehouse.analytics.event_stream',
      trino: 'iceberg.analytics.event_stream',
    });
    expect(s.identifiers.warehouse).toEqual({ name: 'warehouse', location: 's3://acme-lake-staging-lakehouse/warehouse' });
    expect(s.identifiers.nessie_uri).toBe(`${PLACEHOLDER}/api/v2`);
  });
});

describe('Nessie engine settings after apply', () => {
  it('puts the given URL in every engine and reports nothing pending', () => {
    const s = nessieEngineSettings({
      plan: planLakehouse(shippedEnvironment('staging'), shippedTemplates()),
      apiUrl: 'https://nessie.staging.example.com',
    });
    const rest = 'https://nessie.staging.example.com/iceberg';
    expect([s.pyiceberg.uri, s.spark['spark.sql.catalog.lakehouse.uri'], s.trino['iceberg.rest-catalog.uri']]).toEqual([rest, rest, rest]);
    expect(s.identifiers.iceberg_rest_uri).toBe(rest);
    expect(s.identifiers.nessie_api_url).toBe('https://nessie.staging.example.com');
    expect(s.pendingOutputs).toEqual([]);
    expect(JSON.stringify(s).includes('cdktf output')).toBe(false);
  });
});
