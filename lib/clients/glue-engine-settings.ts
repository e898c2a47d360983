import type { EnvironmentConfig } from '../model/environment';
import { namespaceDatabaseName, resourcePrefix } from '../model/naming';
import { type AwsTableIdentifiers, DEFAULT_CATALOG_NAME, type EngineSettingsBase, TRINO_CATALOG_NAME } from './engine-settings-types';
import { type ClientTable, sortedNamespaces, sortedRecord, sortedTables, tableKey, tableLocation, warehouseLocation } from './layout';

/** Athena's name for the account's Glue Data Catalog. */
export const ATHENA_DATA_CATALOG = 'AwsDataCatalog';

export interface GlueTableIdentifiers extends AwsTableIdentifiers {
  /** Same as `namespace`: `<project>_<env>_<namespace>`. */
  readonly glue_database: string;
  /** `<database>.<table>` in Athena SQL (run in the workgroup below). */
  readonly athena: string;
  /** `s3://<bucket>/<warehouse>/<namespace>/<table>/`. */
  readonly location: string;
}

export interface GlueIdentifiers {
  readonly cloud: 'aws';
  readonly catalog: 'glue';
  readonly environment: string;
  readonly region: string;
  /** Present only when a catalog id was given; otherwise clients use their own account's catalog. */
  readonly glue_catalog_id?: string;
  readonly warehouse: string;
  /** `workgroup` for writers and admins; readers query in `reader_workgroup` (results kept apart). */
  readonly athena: { readonly workgroup: string; readonly reader_workgroup: string; readonly data_catalog: string };
  /** Template namespace → Glue database. */
  readonly databases: Readonly<Record<string, string>>;
  readonly tables: Readonly<Record<string, GlueTableIdentifiers>>;
}

export interface GlueEngineSettings extends EngineSettingsBase {
  readonly catalog: 'glue';
  readonly pyiceberg: Readonly<Record<string, string>>;
  readonly pyicebergRequirement: string;
  readonly trino: Readonly<Record<string, string>>;
  readonly identifiers: GlueIdentifiers;
}

export interface GlueSettingsInput {
  readonly environment: EnvironmentConfig;
  readonly tables: readonly ClientTable[];
  /** @default DEFAULT_CATALOG_NAME ('lakehouse') */
  readonly catalogName?: string;
  /** Lakehouse bucket name (a token inside a stack). @default environment.storage.bucketName */
  readonly bucketName?: string;
  /** Glue catalog id (the account id) for clients in another account. @default - the client's own account */
  readonly glueCatalogId?: string;
}

const ICEBERG_EXTENSIONS = 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions';

/**
 * PyIceberg's Glue catalog needs boto3 (extra `glue`); with PyArrow installed, `s3://` paths use
 * its PyArrowFileIO (PyIceberg configuration, "FileIO"), which reads the data into Arrow as well.
 */
export const GLUE_PYICEBERG_REQUIREMENT = 'pyiceberg[glue,pyarrow]';

/**
 * Settings for the Glue catalog path. Everything is known before apply: names derive from the
 * environment. Clients use their own AWS credentials; only Lake Formation-aware engines (Athena)
 * apply the column filters, so Spark, PyIceberg and Trino need a role with S3 access to the table
 * files (the writer or admin tier).
 */
export function glueEngineSettings(input: GlueSettingsInput): GlueEngineSettings {
  const env = input.environment;
  const catalogName = input.catalogName ?? DEFAULT_CATALOG_NAME;
  const bucket = input.bucketName ?? env.storage.bucketName;
  const region = env.region;
  const warehouse = warehouseLocation('s3', bucket, env.storage.warehousePrefix);
  const catalogId = input.glueCatalogId;
  const databaseOf = (namespace: string): string => namespaceDatabaseName(env.project, env.name, namespace);
  const spark = `spark.sql.catalog.${catalogName}`;

  const tables = sortedTables(input.tables).map((t): [string, GlueTableIdentifiers] => {
    const database = databaseOf(t.namespace);
    return [
      tableKey(t),
      {
        namespace: database,
        table: t.name,
        glue_database: database,
        pyiceberg: `${database}.${t.name}`,
        spark: `${catalogName}.${database}.${t.name}`,
        trino: `${TRINO_CATALOG_NAME}.${database}.${t.name}`,
        athena: `${database}.${t.name}`,
        location: tableLocation('s3', bucket, env.storage.warehousePrefix, t),
      },
    ];
  });

  return {
    catalog: 'glue',
    environment: env.name,
    catalogName,
    pendingOutputs: [],
    pyicebergRequirement: GLUE_PYICEBERG_REQUIREMENT,
    pyiceberg: sortedRecord([
      ['type', 'glue'],
      ['glue.region', region],
      ['s3.region', region],
      ['warehouse', warehouse],
      ...(catalogId !== undefined ? ([['glue.id', catalogId]] as const) : []),
    ]),
    spark: sortedRecord([
      ['spark.sql.extensions', ICEBERG_EXTENSIONS],
      [spark, 'org.apache.iceberg.spark.SparkCatalog'],
      [`${spark}.catalog-impl`, 'org.apache.iceberg.aws.glue.GlueCatalog'],
      [`${spark}.io-impl`, 'org.apache.iceberg.aws.s3.S3FileIO'],
      [`${spark}.warehouse`, warehouse],
      [`${spark}.client.region`, region],
      ...(catalogId !== undefined ? ([[`${spark}.glue.id`, catalogId]] as const) : []),
    ]),
    trino: sortedRecord([
      ['connector.name', 'iceberg'],
      ['iceberg.catalog.type', 'glue'],
      ['hive.metastore.glue.region', region],
      ['fs.native-s3.enabled', 'true'],
      ['s3.region', region],
      ...(catalogId !== undefined ? ([['hive.metastore.glue.catalogid', catalogId]] as const) : []),
    ]),
    identifiers: {
      cloud: 'aws',
      catalog: 'glue',
      environment: env.name,
      region,
      ...(catalogId !== undefined ? { glue_catalog_id: catalogId } : {}),
      warehouse,
      athena: {
        workgroup: `${resourcePrefix(env.project, env.name)}-lakehouse`,
        reader_workgroup: `${resourcePrefix(env.project, env.name)}-lakehouse-readers`,
        data_catalog: ATHENA_DATA_CATALOG,
      },
      databases: sortedRecord(sortedNamespaces(input.tables).map((ns) => [ns, databaseOf(ns)] as const)),
      tables: sortedRecord(tables),
    },
  };
}
