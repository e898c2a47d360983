import type { LakehousePlan } from '../plan';
import { folderUri, objectStoreUri } from '../plan/storage-paths';
import { type AwsTableIdentifiers, DEFAULT_CATALOG_NAME, type EngineSettingsBase, TRINO_CATALOG_NAME } from './engine-settings-types';
import { glueReaderWorkgroupName, glueWorkgroupName } from '../aws/rules/glue-checks';
import { sortedRecord } from './layout';

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
  /** The resolved plan of a `catalog: glue` environment. */
  readonly plan: LakehousePlan;
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
  const { plan } = input;
  const env = plan.environment;
  const catalogName = input.catalogName ?? DEFAULT_CATALOG_NAME;
  const bucket = input.bucketName ?? plan.storage.bucketName;
  const region = env.region;
  const warehouse = objectStoreUri('s3', bucket, plan.storage.warehousePrefix);
  const catalogId = input.glueCatalogId;
  const spark = `spark.sql.catalog.${catalogName}`;

  const tables = plan.tables.map((t): [string, GlueTableIdentifiers] => {
    const database = t.database;
    return [
      t.key,
      {
        namespace: database,
        table: t.name,
        glue_database: database,
        pyiceberg: `${database}.${t.name}`,
        spark: `${catalogName}.${database}.${t.name}`,
        trino: `${TRINO_CATALOG_NAME}.${database}.${t.name}`,
        athena: `${database}.${t.name}`,
        location: folderUri('s3', bucket, t.keyPrefix),
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
        workgroup: glueWorkgroupName(plan.prefix),
        reader_workgroup: glueReaderWorkgroupName(plan.prefix),
        data_catalog: ATHENA_DATA_CATALOG,
      },
      databases: sortedRecord(plan.namespaces.map((ns) => [ns.namespace, ns.database] as const)),
      tables: sortedRecord(tables),
    },
  };
}
