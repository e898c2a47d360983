import { TRINO_CATALOG_NAME, type Properties, type PyIcebergProperties } from './engine-settings-types';
import { sortedRecord } from './layout';

/**
 * The Iceberg REST endpoint of Google's Lakehouse runtime catalog (formerly BigLake metastore).
 * Source: https://docs.cloud.google.com/lakehouse/docs/spark-support
 */
export const BIGLAKE_REST_CATALOG_URI = 'https://biglake.googleapis.com/iceberg/v1/restcatalog';

/**
 * PyIceberg's Google auth manager needs google-auth (extra `gcp-auth`); PyArrowFileIO reads
 * `gs://` with Google's default credentials (PyIceberg configuration, "FileIO").
 */
export const BIGLAKE_PYICEBERG_REQUIREMENT = 'pyiceberg[gcp-auth,pyarrow]';

/**
 * `bq://projects/<project>`: the warehouse that selects BigQuery catalog federation. The REST
 * endpoint then serves the tables BigQuery knows, read-only, with datasets as namespaces.
 * Source: https://docs.cloud.google.com/lakehouse/docs/use-catalog-federation
 */
export function bigQueryFederationWarehouse(projectId: string): string {
  return `bq://projects/${projectId}`;
}

const ICEBERG_EXTENSIONS = 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions';

/** PyIceberg, Spark (Iceberg) and Trino settings for BigQuery catalog federation, read-only. */
export interface BigLakeFederationSettings {
  readonly pyiceberg: PyIcebergProperties;
  /** Spark properties of the Iceberg catalog; the BigQuery connector's options are separate. */
  readonly spark: Properties;
  readonly trino: Properties;
}

/**
 * Every engine authenticates with Google's default credentials and bills catalog requests to the
 * lakehouse project (`x-goog-user-project`). Data files are read with the engine's own identity,
 * which needs object read on the bucket (no credential vending on the federation path).
 */
export function bigLakeFederationSettings(projectId: string, catalogName: string): BigLakeFederationSettings {
  const warehouse = bigQueryFederationWarehouse(projectId);
  const spark = `spark.sql.catalog.${catalogName}`;
  return {
    pyiceberg: sortedRecord<string | Properties>([
      ['type', 'rest'],
      ['uri', BIGLAKE_REST_CATALOG_URI],
      ['warehouse', warehouse],
      ['auth', { type: 'google' }],
      ['header.x-goog-user-project', projectId],
      // PyIceberg asks for vended credentials by default; without a catalog in vending mode,
      // its docs say to send the header empty (user credentials).
      ['header.X-Iceberg-Access-Delegation', ''],
    ]),
    spark: sortedRecord([
      ['spark.sql.extensions', ICEBERG_EXTENSIONS],
      [spark, 'org.apache.iceberg.spark.SparkCatalog'],
      [`${spark}.type`, 'rest'],
      [`${spark}.uri`, BIGLAKE_REST_CATALOG_URI],
      [`${spark}.warehouse`, warehouse],
      [`${spark}.header.x-goog-user-project`, projectId],
      [`${spark}.rest.auth.type`, 'org.apache.iceberg.gcp.auth.GoogleAuthManager'],
      [`${spark}.io-impl`, 'org.apache.iceberg.gcp.gcs.GCSFileIO'],
    ]),
    trino: sortedRecord([
      ['connector.name', 'iceberg'],
      ['iceberg.catalog.type', 'rest'],
      ['iceberg.rest-catalog.uri', BIGLAKE_REST_CATALOG_URI],
      ['iceberg.rest-catalog.warehouse', warehouse],
      ['iceberg.rest-catalog.security', 'GOOGLE'],
      ['iceberg.rest-catalog.google-project-id', projectId],
      // The endpoint serves no Iceberg views; Trino's own BigLake tests turn the view endpoints off.
      ['iceberg.rest-catalog.view-endpoints-enabled', 'false'],
      ['fs.native-gcs.enabled', 'true'],
    ]),
  };
}

/** Names of a federated table: the dataset is the Iceberg namespace. */
export function federatedTableNames(
  dataset: string,
  table: string,
  catalogName: string,
): { pyiceberg: string; spark: string; trino: string } {
  return {
    pyiceberg: `${dataset}.${table}`,
    spark: `${catalogName}.${dataset}.${table}`,
    trino: `${TRINO_CATALOG_NAME}.${dataset}.${table}`,
  };
}
