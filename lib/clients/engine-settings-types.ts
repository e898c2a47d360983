import type { Catalog } from '../model/environment';

/** Engine properties (`key → value`); values may hold cdktf tokens when built inside a stack. */
export type Properties = Readonly<Record<string, string>>;

/**
 * PyIceberg catalog properties. Most are flat dotted keys (`s3.region`); a few are nested blocks
 * PyIceberg reads as maps (`auth: { type: google }`), written here as a nested record.
 */
export type PyIcebergProperties = Readonly<Record<string, string | Properties>>;

/** Default name of the catalog in Spark (`spark.sql.catalog.<name>`) and PyIceberg (`load_catalog(name)`). */
export const DEFAULT_CATALOG_NAME = 'lakehouse';
/** Trino names a catalog after its properties file: `trino/iceberg.properties` → catalog `iceberg`. */
export const TRINO_CATALOG_NAME = 'iceberg';

/** What every catalog's settings have in common. */
export interface EngineSettingsBase {
  readonly catalog: Catalog;
  /** Environment name, which is also the stack name (`cdktf output <environment>`). */
  readonly environment: string;
  /** Catalog name used in the Spark and PyIceberg settings. */
  readonly catalogName: string;
  /** PyIceberg catalog properties (`catalog: { <catalogName>: ... }` in `.pyiceberg.yaml`). Absent when PyIceberg has no catalog to connect to. */
  readonly pyiceberg?: PyIcebergProperties;
  /**
   * What to `pip install` for these PyIceberg settings (e.g. `pyiceberg[s3fs,pyarrow]`): the extras
   * the catalog and its FileIO need. Present exactly when `pyiceberg` is.
   */
  readonly pyicebergRequirement?: string;
  /** Spark properties (`spark-defaults.conf` or `--conf`). */
  readonly spark: Properties;
  /** Trino catalog properties (`etc/catalog/iceberg.properties`). Absent when Trino cannot use the catalog. */
  readonly trino?: Properties;
  /** Stack outputs still shown as placeholders in these settings (empty when everything is known). */
  readonly pendingOutputs: readonly string[];
}

/** One table's names in each engine, keyed `<namespace>.<table>` in the identifiers. */
export interface AwsTableIdentifiers {
  /** Iceberg namespace as the catalog knows it (a Glue database on the Glue path). */
  readonly namespace: string;
  readonly table: string;
  /** `<namespace>.<table>` for `catalog.load_table(...)`. */
  readonly pyiceberg: string;
  /** `<catalogName>.<namespace>.<table>` in Spark SQL. */
  readonly spark: string;
  /** `iceberg.<namespace>.<table>` in Trino. */
  readonly trino: string;
}
