import { beforeAll, describe, expect, it } from 'vitest';
import { planLakehouse } from '../../lib/plan';
import { lakehouseLayout } from '../../lib/aws/glue/lakehouse-layout';
import { glueEngineSettings, type GlueEngineSettings } from '../../lib/clients';
import { shippedTemplates } from '../support/synth';
import { SHIPPED_NAMESPACES, SHIPPED_TABLE_KEYS, shippedEnvironment } from './fixtures';

describe('Glue engine settings for environments/dev.yaml', () => {
  let s: GlueEngineSettings;
  beforeAll(() => {
    s = glueEngineSettings({ plan: planLakehouse(shippedEnvironment('dev'), shippedTemplates()) });
  });

  it('gives PyIceberg a glue catalog in the environment region with the warehouse location', () => {
    expect(s.pyiceberg).toEqual({
      type: 'glue',
      'glue.region': 'us-east-1',
      's3.region': 'us-east-1',
      warehouse: 's3://acme-lake-dev-lakehouse/warehouse',
    });
    expect(Object.keys(s.pyiceberg)).toEqual(['glue.region', 's3.region', 'type', 'warehouse']);
  });

  it('gives Spark an Iceberg SparkCatalog on Glue with S3FileIO', () => {
    expect(s.spark).toEqual({
      'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      'spark.sql.catalog.lakehouse': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.lakehouse.catalog-impl': 'org.apache.iceberg.aws.glue.GlueCatalog',
      'spark.sql.catalog.lakehouse.io-impl': 'org.apache.iceberg.aws.s3.S3FileIO',
      'spark.sql.catalog.lakehouse.warehouse': 's3://acme-lake-dev-lakehouse/warehouse',
      'spark.sql.catalog.lakehouse.client.region': 'us-east-1',
    });
  });

  it('gives Trino the Iceberg connector on the Glue catalog with native S3', () => {
    expect(s.trino).toEqual({
      'connector.name': 'iceberg',
      'iceberg.catalog.type': 'glue',
      'hive.metastore.glue.region': 'us-east-1',
      'fs.native-s3.enabled': 'true',
      's3.region': 'us-east-1',
    });
  });

  it('names the Athena workgroup and one Glue database per namespace', () => {
    expect(s.identifiers.athena).toEqual({
      workgroup: 'acme-lake-dev-lakehouse',
      reader_workgroup: 'acme-lake-dev-lakehouse-readers',
      data_catalog: 'AwsDataCatalog',
    });
    expect(s.identifiers.databases).toEqual(Object.fromEntries(SHIPPED_NAMESPACES.map((ns) => [ns, `acme_lake_dev_${ns}`])));
    expect(Object.keys(s.identifiers.tables)).toEqual(SHIPPED_TABLE_KEYS);
    expect(s.identifiers.tables['core.customer_dim']).toEqual({
      namespace: 'acme_lake_dev_core',
      table: 'customer_dim',
      glue_database: 'acme_lake_dev_core',
      athena: 'acme_lake_dev_core.customer_dim',
      pyiceberg: 'acme_lake_dev_core.customer_dim',
      spark: 'lakehouse.acme_lake_dev_core.customer_dim',
      trino: 'iceberg.acme_lake_dev_core.customer_dim',
      location: 's3://acme-lake-dev-lakehouse/warehouse/core/customer_dim/',
    });
    expect(s.pendingOutputs).toEqual([]);
  });

  it('places every table where the Glue path creates it (database and S3 location)', () => {
    const env = shippedEnvironment('dev');
    const layout = lakehouseLayout(planLakehouse(env, shippedTemplates()), { bucketName: env.storage.bucketName });
    expect(layout.tables.map((t) => [`${t.namespace}.${t.name}`, t.database, t.location])).toEqual(
      Object.entries(s.identifiers.tables).map(([k, t]) => [k, t.glue_database, t.location]),
    );
  });
});

describe('Glue engine settings for environments/prod.yaml and options', () => {
  it('adds the catalog id to every engine when given', () => {
    const s = glueEngineSettings({ plan: planLakehouse(shippedEnvironment('prod'), shippedTemplates()), glueCatalogId: '111122223333' });
    expect(s.pyiceberg['glue.id']).toBe('111122223333');
    expect(s.spark['spark.sql.catalog.lakehouse.glue.id']).toBe('111122223333');
    expect(s.trino['hive.metastore.glue.catalogid']).toBe('111122223333');
    expect(s.identifiers.glue_catalog_id).toBe('111122223333');
    expect(s.identifiers.athena.workgroup).toBe('acme-lake-prod-lakehouse');
    expect(s.identifiers.databases.core).toBe('acme_lake_prod_core');
  });

  it('leaves the catalog id out otherwise (clients use their own account)', () => {
    const s = glueEngineSettings({ plan: planLakehouse(shippedEnvironment('prod'), shippedTemplates()) });
    expect(Object.keys(s.pyiceberg)).not.toContain('glue.id');
    expect(Object.keys(s.trino)).not.toContain('hive.metastore.glue.catalogid');
    expect('glue_catalog_id' in s.identifiers).toBe(false);
  });

  it('uses another catalog name everywhere', () => {
    const s = glueEngineSettings({ plan: planLakehouse(shippedEnvironment('dev'), shippedTemplates()), catalogName: 'prod_lake' });
    expect(
      Object.keys(s.spark)
        .filter((k) => k.startsWith('spark.sql.catalog.'))
        .every((k) => k.startsWith('spark.sql.catalog.prod_lake')),
    ).toBe(true);
    expect(s.identifiers.tables['core.customer_dim']!.spark).toBe('prod_lake.acme_lake_dev_core.customer_dim');
  });
});
