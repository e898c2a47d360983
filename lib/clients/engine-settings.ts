import type { IcebergTableJson } from '../model/mappings/iceberg-json';
import type { LakehousePlan } from '../plan';
import { bigLakeEngineSettings, type BigLakeEngineSettings } from './biglake-engine-settings';
import { glueEngineSettings, type GlueEngineSettings } from './glue-engine-settings';
import { nessieEngineSettings, type NessieEngineSettings } from './nessie-engine-settings';

export type EngineSettings = GlueEngineSettings | NessieEngineSettings | BigLakeEngineSettings;

export interface EngineSettingsOptions {
  /** Spark / PyIceberg catalog name, letters, digits and underscores. @default 'lakehouse' */
  readonly catalogName?: string;
  /** Lakehouse bucket name (e.g. a bucket construct's name token). @default environment.storage.bucketName */
  readonly bucketName?: string;
  /** Nessie only: the API root `http(s)://<host>`. @default - a placeholder naming the stack output */
  readonly nessieApiUrl?: string;
  /** Glue only: the catalog id for clients in other accounts. @default - the client's own account */
  readonly glueCatalogId?: string;
}

/** A Spark catalog name must be one SQL identifier part; PyIceberg uses it as a YAML key. */
export const CATALOG_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The connection settings of one environment's catalog, for PyIceberg, Spark, Trino, Athena and
 * BigQuery, from the resolved plan. Pure: string interpolation only, so cdktf tokens may be passed
 * for any value and the result used as a TerraformOutput.
 */
export function engineSettings(plan: LakehousePlan, options: EngineSettingsOptions = {}): EngineSettings {
  const environment = plan.environment;
  const problems: string[] = [];
  if (options.catalogName !== undefined && !CATALOG_NAME_PATTERN.test(options.catalogName))
    problems.push(`catalogName '${options.catalogName}' must be letters, digits and underscores, not starting with a digit`);
  if (options.nessieApiUrl !== undefined && environment.catalog !== 'nessie')
    problems.push(`nessieApiUrl is set but the environment's catalog is '${environment.catalog}'; only catalog: nessie has a Nessie URL`);
  if (options.glueCatalogId !== undefined && environment.catalog !== 'glue')
    problems.push(`glueCatalogId is set but the environment's catalog is '${environment.catalog}'; only catalog: glue uses it`);
  if (problems.length > 0)
    throw new Error(`Invalid client settings input for environment ${environment.name}:\n  - ${problems.join('\n  - ')}`);

  const common = { plan, catalogName: options.catalogName, bucketName: options.bucketName };
  switch (environment.catalog) {
    case 'glue':
      return glueEngineSettings({ ...common, glueCatalogId: options.glueCatalogId });
    case 'nessie':
      return nessieEngineSettings({ ...common, apiUrl: options.nessieApiUrl });
    case 'biglake':
      return bigLakeEngineSettings(common);
  }
}

/** Each table's Iceberg JSON (schema with field ids, partition spec, sort order), sorted by `<namespace>.<table>`. */
export function icebergTableSchemas(plan: LakehousePlan): Array<{ key: string; json: IcebergTableJson }> {
  return plan.tables.map((t) => ({ key: t.key, json: t.iceberg }));
}
