import { bigLakeConnectionId } from '../gcp/rules/names';
import type { LakehousePlan } from '../plan';
import { folderUri } from '../plan/storage-paths';
import {
  BIGLAKE_PYICEBERG_REQUIREMENT,
  BIGLAKE_REST_CATALOG_URI,
  bigLakeFederationSettings,
  bigQueryFederationWarehouse,
  federatedTableNames,
} from './biglake-federation';
import { DEFAULT_CATALOG_NAME, type EngineSettingsBase, type Properties, type PyIcebergProperties } from './engine-settings-types';
import { sortedRecord } from './layout';

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
  /** The resolved plan of a `cloud: gcp` environment. */
  readonly plan: LakehousePlan;
  /** Name of the federated Iceberg catalog in Spark and PyIceberg. @default DEFAULT_CATALOG_NAME */
  readonly catalogName?: string;
  /** @default environment.storage.bucketName */
  readonly bucketName?: string;
}

/**
 * Settings for the BigLake path. BigQuery-managed Iceberg tables are written only through
 * BigQuery (SQL, load jobs, the Storage Write API: Spark's BigQuery connector with
 * `writeMethod=direct`). PyIceberg, Spark (Iceberg) and Trino read them through BigQuery catalog
 * federation: Google's Iceberg REST endpoint with the warehouse `bq://projects/<project>`, which
 * needs no resource of its own. External tables (`gcp.metadata_uri`) are read by their own catalog.
 */
export function bigLakeEngineSettings(input: BigLakeSettingsInput): BigLakeEngineSettings {
  const { plan } = input;
  const env = plan.environment;
  if (!env.gcp) throw new Error(`Environment ${env.file} (${env.name}) has no 'gcp' block (gcp.project_id); BigLake settings need it`);
  const { projectId, location } = env.gcp;
  const catalogName = input.catalogName ?? DEFAULT_CATALOG_NAME;
  const bucket = input.bucketName ?? plan.storage.bucketName;
  const federation = bigLakeFederationSettings(projectId, catalogName);

  const tables = plan.tables.map((t): [string, BigLakeTableIdentifiers] => {
    const table = `${projectId}.${t.database}.${t.name}`;
    const metadataUri = t.template.gcp?.metadata_uri;
    return [
      t.key,
      metadataUri === undefined
        ? {
            bigquery_table: table,
            mode: 'managed',
            storage_uri: folderUri('gs', bucket, t.keyPrefix),
            metadata_export: `EXPORT TABLE METADATA FROM \`${table}\``,
            ...federatedTableNames(t.database, t.name, catalogName),
          }
        : { bigquery_table: table, mode: 'external', metadata_uri: metadataUri },
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
      bigquery_connection: `${projectId}.${location.toLowerCase()}.${bigLakeConnectionId(plan.prefix)}`,
      datasets: sortedRecord(plan.namespaces.map((ns) => [ns.namespace, `${projectId}.${ns.database}`] as const)),
      iceberg_rest: { uri: BIGLAKE_REST_CATALOG_URI, warehouse: bigQueryFederationWarehouse(projectId) },
      tables: sortedRecord(tables),
    },
  };
}
