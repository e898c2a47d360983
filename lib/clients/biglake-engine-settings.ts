import { bigQueryTableMode } from '../model/bigquery-compat';
import type { EnvironmentConfig } from '../model/environment';
import { namespaceDatabaseName, resourcePrefix } from '../model/naming';
import {
  BIGLAKE_PYICEBERG_REQUIREMENT,
  BIGLAKE_REST_CATALOG_URI,
  bigLakeFederationSettings,
  bigQueryFederationWarehouse,
  federatedTableNames,
} from './biglake-federation';
import { DEFAULT_CATALOG_NAME, type EngineSettingsBase, type Properties, type PyIcebergProperties } from './engine-settings-types';
import { type ClientTable, sortedNamespaces, sortedRecord, sortedTables, tableKey, tableLocation } from './layout';

export interface BigLakeTableIdentifiers {
  /** `<project>.<dataset>.<table>` for BigQuery SQL and the Spark BigQuery connector. */
  readonly bigquery_table: string;
  /** `managed`: BigQuery owns the table and is its only writer. `external`: BigQuery reads a pinned snapshot. */
  readonly mode: 'managed' | 'external';
  /** Managed tables: the table's own folder (`storage_uri`), exported Iceberg metadata lands under `metadata/`. */
  readonly storage_uri?: string;
  /** Managed tables: the statement that writes an Iceberg metadata snapshot under `<storage_uri>metadata/`. */
  readonly metadata_export?: string;
  /** Managed tables, through BigQuery catalog federation (read-only): `<dataset>.<table>` for `load_table`. */
  readonly pyiceberg?: string;
  /** Managed tables, federation: `<catalogName>.<dataset>.<table>` in Spark SQL (the Iceberg catalog, not the connector). */
  readonly spark?: string;
  /** Managed tables, federation: `iceberg.<dataset>.<table>` in Trino. */
  readonly trino?: string;
  /** External tables: the snapshot BigQuery reads. */
  readonly metadata_uri?: string;
}

export interface BigLakeIdentifiers {
  readonly cloud: 'gcp';
  readonly catalog: 'biglake';
  readonly environment: string;
  readonly project_id: string;
  readonly location: string;
  readonly bucket: string;
  /** `<project>.<location>.<connection>` as `WITH CONNECTION` writes it. */
  readonly bigquery_connection: string;
  /** Template namespace → `<project>.<dataset>`. */
  readonly datasets: Readonly<Record<string, string>>;
  /** BigQuery catalog federation: the Iceberg REST endpoint and the `bq://` warehouse (read-only). */
  readonly iceberg_rest: { readonly uri: string; readonly warehouse: string };
  readonly tables: Readonly<Record<string, BigLakeTableIdentifiers>>;
}

export interface BigLakeEngineSettings extends EngineSettingsBase {
  readonly catalog: 'biglake';
  /** BigQuery catalog federation (read-only). */
  readonly pyiceberg: PyIcebergProperties;
  readonly pyicebergRequirement: string;
  /** The Spark BigQuery connector's global options plus the federated Iceberg catalog. */
  readonly spark: Properties;
  /** BigQuery catalog federation (read-only). */
  readonly trino: Properties;
  readonly identifiers: BigLakeIdentifiers;
}

export interface BigLakeSettingsInput {
  readonly environment: EnvironmentConfig;
  readonly tables: readonly ClientTable[];
  /** Name of the federated Iceberg catalog in Spark and PyIceberg. @default DEFAULT_CATALOG_NAME */
  readonly catalogName?: string;
  /** @default environment.storage.bucketName */
  readonly bucketName?: string;
}

/**
 * `gs://<bucket>/<warehousePrefix>/<namespace>/<table>/`: the `storage_uri` of a BigQuery-managed
 * Iceberg table (each table its own, initially empty folder). GcpLakehouse uses the same location.
 */
export function bigLakeStorageUri(bucket: string, warehousePrefix: string, t: Pick<ClientTable, 'namespace' | 'name'>): string {
  return tableLocation('gs', bucket, warehousePrefix, t);
}

/**
 * Settings for the BigLake path. BigQuery-managed Iceberg tables are written only through
 * BigQuery (SQL, load jobs, the Storage Write API: Spark's BigQuery connector with
 * `writeMethod=direct`). PyIceberg, Spark (Iceberg) and Trino read them through BigQuery catalog
 * federation: Google's Iceberg REST endpoint with the warehouse `bq://projects/<project>`, which
 * needs no resource of its own. External tables (`gcp.metadata_uri`) are read by their own catalog.
 */
export function bigLakeEngineSettings(input: BigLakeSettingsInput): BigLakeEngineSettings {
  const env = input.environment;
  if (!env.gcp) throw new Error(`Environment ${env.file} (${env.name}) has no 'gcp' block (gcp.project_id); BigLake settings need it`);
  const { projectId, location } = env.gcp;
  const catalogName = input.catalogName ?? DEFAULT_CATALOG_NAME;
  const bucket = input.bucketName ?? env.storage.bucketName;
  const federation = bigLakeFederationSettings(projectId, catalogName);
  const datasetOf = (namespace: string): string => namespaceDatabaseName(env.project, env.name, namespace);

  const tables = sortedTables(input.tables).map((t): [string, BigLakeTableIdentifiers] => {
    const table = `${projectId}.${datasetOf(t.namespace)}.${t.name}`;
    return [
      tableKey(t),
      bigQueryTableMode(t) === 'managed'
        ? {
            bigquery_table: table,
            mode: 'managed',
            storage_uri: bigLakeStorageUri(bucket, env.storage.warehousePrefix, t),
            metadata_export: `EXPORT TABLE METADATA FROM \`${table}\``,
            ...federatedTableNames(datasetOf(t.namespace), t.name, catalogName),
          }
        : { bigquery_table: table, mode: 'external', metadata_uri: t.gcp!.metadata_uri! },
    ];
  });

  return {
    catalog: 'biglake',
    environment: env.name,
    catalogName,
    pendingOutputs: [],
    pyicebergRequirement: BIGLAKE_PYICEBERG_REQUIREMENT,
    pyiceberg: federation.pyiceberg,
    // Global options of the Spark BigQuery connector (`spark.datasource.bigquery.<option>`):
    // writes through the Storage Write API (the indirect method would need a temporary bucket),
    // jobs billed to the lakehouse project, where the access tiers hold bigquery.jobUser. Plus
    // the federated Iceberg catalog for reads through Iceberg.
    spark: sortedRecord([
      ['spark.datasource.bigquery.writeMethod', 'direct'],
      ['spark.datasource.bigquery.parentProject', projectId],
      ...Object.entries(federation.spark),
    ]),
    trino: federation.trino,
    identifiers: {
      cloud: 'gcp',
      catalog: 'biglake',
      environment: env.name,
      project_id: projectId,
      location,
      bucket,
      bigquery_connection: `${projectId}.${location.toLowerCase()}.${resourcePrefix(env.project, env.name)}-lakehouse`,
      datasets: sortedRecord(sortedNamespaces(input.tables).map((ns) => [ns, `${projectId}.${datasetOf(ns)}`] as const)),
      iceberg_rest: { uri: BIGLAKE_REST_CATALOG_URI, warehouse: bigQueryFederationWarehouse(projectId) },
      tables: sortedRecord(tables),
    },
  };
}
