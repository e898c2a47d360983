import { beforeAll, describe, expect, it } from 'vitest';
import { planLakehouse } from '../../lib/plan';
import { bigLakeEngineSettings, type BigLakeEngineSettings } from '../../lib/clients';
import { GcpLakehouse } from '../../lib/gcp';
import { gcpEnvironment, gcpTestStack, shippedTemplates } from '../support/synth';
import { templateFromYaml } from '../gcp/helpers';
import { SHIPPED_TABLE_KEYS, shippedEnvironment } from './fixtures';

describe('BigLake engine settings for environments/gcp-dev.yaml', () => {
  let s: BigLakeEngineSettings;
  beforeAll(() => {
    s = bigLakeEngineSettings({ plan: planLakehouse(shippedEnvironment('gcp-dev'), shippedTemplates()) });
  });

  it('gives Spark the BigQuery connector options and the federated Iceberg catalog', () => {
    expect(s.spark).toEqual({
      'spark.datasource.bigquery.writeMethod': 'direct',
      'spark.datasource.bigquery.parentProject': 'acme-lake-dev',
      'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      'spark.sql.catalog.lakehouse': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.lakehouse.type': 'rest',
      'spark.sql.catalog.lakehouse.uri': 'https://biglake.googleapis.com/iceberg/v1/restcatalog',
      'spark.sql.catalog.lakehouse.warehouse': 'bq://projects/acme-lake-dev',
      'spark.sql.catalog.lakehouse.header.x-goog-user-project': 'acme-lake-dev',
      'spark.sql.catalog.lakehouse.rest.auth.type': 'org.apache.iceberg.gcp.auth.GoogleAuthManager',
      'spark.sql.catalog.lakehouse.io-impl': 'org.apache.iceberg.gcp.gcs.GCSFileIO',
    });
  });

  it('gives PyIceberg and Trino BigQuery catalog federation with Google credentials, billed to the project', () => {
    expect(s.pyiceberg).toEqual({
      type: 'rest',
      uri: 'https://biglake.googleapis.com/iceberg/v1/restcatalog',
      warehouse: 'bq://projects/acme-lake-dev',
      auth: { type: 'google' },
      'header.x-goog-user-project': 'acme-lake-dev',
      'header.X-Iceberg-Access-Delegation': '',
    });
    expect(s.pyicebergRequirement).toBe('pyiceberg[gcp-auth,pyarrow]');
    expect(s.trino).toEqual({
      'connector.name': 'iceberg',
      'iceberg.catalog.type': 'rest',
      'iceberg.rest-catalog.uri': 'https://biglake.googleapis.com/iceberg/v1/restcatalog',
      'iceberg.rest-catalog.warehouse': 'bq://projects/acme-lake-dev',
      'iceberg.rest-catalog.security': 'GOOGLE',
      'iceberg.rest-catalog.google-project-id': 'acme-lake-dev',
      'iceberg.rest-catalog.view-endpoints-enabled': 'false',
      'fs.native-gcs.enabled': 'true',
    });
    expect(s.identifiers.iceberg_rest).toEqual({
      uri: 'https://biglake.googleapis.com/iceberg/v1/restcatalog',
      warehouse: 'bq://projects/acme-lake-dev',
    });
    expect(s.pendingOutputs).toEqual([]);
  });

  it('names each table <project>.<dataset>.<table> with its own storage folder', () => {
    expect(Object.keys(s.identifiers.tables)).toEqual(SHIPPED_TABLE_KEYS);
    expect(s.identifiers.tables['core.customer_dim']).toEqual({
      bigquery_table: 'acme-lake-dev.acme_lake_gcp_dev_core.customer_dim',
      mode: 'managed',
      storage_uri: 'gs://acme-lake-gcp-dev-lakehouse/warehouse/core/customer_dim/',
      metadata_export: 'EXPORT TABLE METADATA FROM `acme-lake-dev.acme_lake_gcp_dev_core.customer_dim`',
      pyiceberg: 'acme_lake_gcp_dev_core.customer_dim',
      spark: 'lakehouse.acme_lake_gcp_dev_core.customer_dim',
      trino: 'iceberg.acme_lake_gcp_dev_core.customer_dim',
    });
    expect(s.identifiers.datasets.pg_archive_sync).toBe('acme-lake-dev.acme_lake_gcp_dev_pg_archive_sync');
    expect(s.identifiers.bigquery_connection).toBe('acme-lake-dev.europe-west1.acme-lake-gcp-dev-lakehouse');
    expect(new Set(Object.values(s.identifiers.tables).map((t) => t.storage_uri)).size).toBe(6);
  });
});

describe('BigLake settings agree with GcpLakehouse', () => {
  it('uses the same table ids, storage URIs, datasets and connection as the constructs', () => {
    const external = templateFromYaml(
      'name: imported\nnamespace: core\ncolumns:\n  - { name: id, type: long }\ngcp:\n  metadata_uri: gs://other-bucket/imported/metadata/v3.metadata.json\n',
    );
    const env = gcpEnvironment();
    const templates = [...shippedTemplates(), external];
    const lakehouse = new GcpLakehouse(gcpTestStack(), 'lakehouse', { environment: env, templates });
    const s = bigLakeEngineSettings({ plan: planLakehouse(env, templates) });
    const fromConstruct = lakehouse.clientSettings;
    expect(Object.keys(s.identifiers.tables)).toEqual(Object.keys(fromConstruct.tables));
    for (const [key, t] of Object.entries(fromConstruct.tables)) {
      const mine = s.identifiers.tables[key]!;
      expect([key, mine.bigquery_table, mine.mode, mine.storage_uri, mine.metadata_uri]).toEqual([
        key,
        t.bigquery_table,
        t.mode,
        t.storage_uri,
        t.metadata_uri,
      ]);
    }
    expect(s.identifiers.tables['core.imported']).toEqual({
      bigquery_table: 'acme-test-1.acme_test_core.imported',
      mode: 'external',
      metadata_uri: 'gs://other-bucket/imported/metadata/v3.metadata.json',
    });
    expect(s.identifiers.datasets).toEqual(fromConstruct.datasets);
    expect(s.identifiers.bigquery_connection).toBe(lakehouse.connection.connectionRef);
  });

  it('refuses an environment without a gcp block', () => {
    expect(() => bigLakeEngineSettings({ plan: planLakehouse({ ...gcpEnvironment(), gcp: undefined }, []) })).toThrow(
      /has no 'gcp' block \(gcp\.project_id\)/,
    );
  });
});
