import type { LakehousePlan } from '../plan';
import { folderUri } from '../plan/storage-paths';
import { DEFAULT_CATALOG_NAME, type EngineSettingsBase } from './engine-settings-types';
import { bigLakeConnectionId } from '../gcp/rules/names';
import { sortedRecord } from './layout';

export interface BigLakeTableIdentifiers {
  /** `<project>.<dataset>.<table>` for BigQuery SQL and the Spark BigQuery connector. */
  readonly bigquery_table: string;
  /** `managed`: BigQuery owns the table and is its only writer. `external`: BigQuery reads a pinned snapshot. */
  readonly mode: 'managed' | 'external';
  /** Managed tables: the table's own folder (`storage_uri`), exported Iceberg metadata lands under `metadata/`. */
  readonly storage_uri?: string;
  /** Managed tables: the statement that writes Iceberg metadata other engines can read. */
  readonly metadata_export?: string;
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
  readonly tables: Readonly<Record<string, BigLakeTableIdentifiers>>;
}

export interface BigLakeEngineSettings extends EngineSettingsBase {
  readonly catalog: 'biglake';
  readonly identifiers: BigLakeIdentifiers;
}

export interface BigLakeSettingsInput {
  /** The resolved plan of a `cloud: gcp` environment. */
  readonly plan: LakehousePlan;
  /** Kept for symmetry; BigQuery tables are named by project, dataset and table. @default DEFAULT_CATALOG_NAME */
  readonly catalogName?: string;
  /** @default environment.storage.bucketName */
  readonly bucketName?: string;
}

/**
 * Settings for the BigLake path. BigQuery-managed Iceberg tables are written only through
 * BigQuery (SQL, load jobs, the Storage Write API: Spark's BigQuery connector with
 * `writeMethod=direct`); other engines read Iceberg metadata exported with `EXPORT TABLE
 * METADATA`. There is no Iceberg catalog for PyIceberg or Trino to connect to (the BigLake
 * metastore REST catalog is not managed here), so those settings are absent.
 */
export function bigLakeEngineSettings(input: BigLakeSettingsInput): BigLakeEngineSettings {
  const { plan } = input;
  const env = plan.environment;
  if (!env.gcp) throw new Error(`Environment ${env.file} (${env.name}) has no 'gcp' block (gcp.project_id); BigLake settings need it`);
  const { projectId, location } = env.gcp;
  const bucket = input.bucketName ?? plan.storage.bucketName;

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
          }
        : { bigquery_table: table, mode: 'external', metadata_uri: metadataUri },
    ];
  });

  return {
    catalog: 'biglake',
    environment: env.name,
    catalogName: input.catalogName ?? DEFAULT_CATALOG_NAME,
    pendingOutputs: [],
    // Global options of the Spark BigQuery connector (`spark.datasource.bigquery.<option>`):
    // writes through the Storage Write API, jobs billed to the lakehouse project, where the
    // access tiers hold bigquery.jobUser.
    spark: sortedRecord([
      ['spark.datasource.bigquery.writeMethod', 'direct'],
      ['spark.datasource.bigquery.parentProject', projectId],
    ]),
    identifiers: {
      cloud: 'gcp',
      catalog: 'biglake',
      environment: env.name,
      project_id: projectId,
      location,
      bucket,
      bigquery_connection: `${projectId}.${location.toLowerCase()}.${bigLakeConnectionId(plan.prefix)}`,
      datasets: sortedRecord(plan.namespaces.map((ns) => [ns.namespace, `${projectId}.${ns.database}`] as const)),
      tables: sortedRecord(tables),
    },
  };
}
