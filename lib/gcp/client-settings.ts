import { compareBy } from '../model/compare';

/** What a client (BigQuery, Spark, PyIceberg) needs to reach one table. */
export interface GcpTableSettings {
  /** `<project>.<dataset>.<table>` for BigQuery SQL and the Spark BigQuery connector. */
  readonly bigquery_table: string;
  readonly mode: 'managed' | 'external';
  /** Managed tables: the table's folder; Iceberg metadata appears under `metadata/` after an export. */
  readonly storage_uri?: string;
  /** Managed tables: the statement that (re)writes Iceberg metadata other engines can read. */
  readonly metadata_export?: string;
  /** External tables: the snapshot BigQuery reads (`StaticTable.from_metadata(...)` in PyIceberg). */
  readonly metadata_uri?: string;
}

export interface GcpClientSettings {
  readonly cloud: 'gcp';
  readonly project_id: string;
  readonly location: string;
  readonly bucket: string;
  /** `<project>.<location>.<connection>` as BigQuery SQL writes it (`WITH CONNECTION`). */
  readonly bigquery_connection: string;
  /** Namespace → `<project>.<dataset>`. */
  readonly datasets: Readonly<Record<string, string>>;
  /** `<namespace>.<table>` → settings. */
  readonly tables: Readonly<Record<string, GcpTableSettings>>;
  /**
   * Spark: read and write BigQuery-managed tables through the Spark BigQuery connector
   * (`format("bigquery")`); writes must use the Storage Write API (`writeMethod=direct`).
   */
  readonly spark: { readonly format: 'bigquery'; readonly options: Readonly<Record<string, string>> };
}

export interface TableSettingsInput {
  readonly namespace: string;
  readonly name: string;
  readonly tableRef: string;
  readonly mode: 'managed' | 'external';
  readonly storageUri: string;
  readonly metadataUri?: string;
}

/** Client settings for the lakehouse output, with keys sorted so the output is deterministic. */
export function gcpClientSettings(input: {
  projectId: string;
  location: string;
  bucket: string;
  connectionRef: string;
  datasets: Readonly<Record<string, string>>;
  tables: readonly TableSettingsInput[];
}): GcpClientSettings {
  const datasets = Object.fromEntries(
    Object.keys(input.datasets)
      .sort()
      .map((ns) => [ns, `${input.projectId}.${input.datasets[ns]}`]),
  );
  const tables = Object.fromEntries(
    [...input.tables].sort(compareBy((t) => `${t.namespace}.${t.name}`)).map((t): [string, GcpTableSettings] => [
      `${t.namespace}.${t.name}`,
      t.mode === 'managed'
        ? {
            bigquery_table: t.tableRef,
            mode: t.mode,
            storage_uri: t.storageUri,
            metadata_export: `EXPORT TABLE METADATA FROM \`${t.tableRef}\``,
          }
        : { bigquery_table: t.tableRef, mode: t.mode, metadata_uri: t.metadataUri },
    ]),
  );
  return {
    cloud: 'gcp',
    project_id: input.projectId,
    location: input.location,
    bucket: input.bucket,
    bigquery_connection: input.connectionRef,
    datasets,
    tables,
    spark: { format: 'bigquery', options: { writeMethod: 'direct' } },
  };
}
