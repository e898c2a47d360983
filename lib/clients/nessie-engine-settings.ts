import type { LakehousePlan } from '../plan';
import { objectStoreUri } from '../plan/storage-paths';
import {
  type AwsTableIdentifiers,
  DEFAULT_CATALOG_NAME,
  type EngineSettingsBase,
  type Properties,
  TRINO_CATALOG_NAME,
} from './engine-settings-types';
import { sortedRecord } from './layout';
import { nessieOAuthSettings, type NessieOAuthIdentifiers, type NessieOAuthSettings } from './nessie-oauth-settings';
import { CLIENT_OUTPUTS, outputPlaceholder } from './outputs';

/**
 * Name of the warehouse the Nessie server is configured with (`nessie.catalog.warehouses.<name>`);
 * must equal NESSIE_WAREHOUSE_NAME in lib/aws/nessie/nessie-container.ts (a test checks it).
 */
export const NESSIE_WAREHOUSE = 'warehouse';
/** The Nessie branch clients work on. */
export const NESSIE_DEFAULT_BRANCH = 'main';

export interface NessieIdentifiers {
  readonly cloud: 'aws';
  readonly catalog: 'nessie';
  readonly environment: string;
  readonly region: string;
  /** `http(s)://<host>`, or a placeholder until apply. */
  readonly nessie_api_url: string;
  /** `<api>/iceberg`: Iceberg REST on the default branch (`<api>/iceberg/<branch>` for another). */
  readonly iceberg_rest_uri: string;
  /** `<api>/api/v2`: Nessie's own API (CLI, NessieCatalog). */
  readonly nessie_uri: string;
  readonly warehouse: { readonly name: string; readonly location: string };
  /** Template namespaces, used as Iceberg namespaces as they are (the server is per environment). */
  readonly namespaces: readonly string[];
  readonly tables: Readonly<Record<string, AwsTableIdentifiers>>;
  /** Token endpoint, scopes and secret names when Nessie authenticates (`nessie.auth.mode` not `none`). */
  readonly oauth?: NessieOAuthIdentifiers;
}

export interface NessieEngineSettings extends EngineSettingsBase {
  readonly catalog: 'nessie';
  readonly pyiceberg: Properties;
  readonly pyicebergRequirement: string;
  readonly trino: Properties;
  /** Spark through Iceberg's NessieCatalog (Nessie API v2): branches and tags with Nessie's SQL extensions. */
  readonly sparkNessieCatalog: Properties;
  readonly identifiers: NessieIdentifiers;
}

export interface NessieSettingsInput {
  /** The resolved plan of a `catalog: nessie` environment. */
  readonly plan: LakehousePlan;
  /**
   * Nessie's API root `http(s)://<host>` without a trailing slash (a token inside a stack). Used
   * as given: it is not parsed, so a token works.
   * @default - the placeholder `<lakehouse_nessie_api_url from: cdktf output <env>>`
   */
  readonly apiUrl?: string;
  /** @default DEFAULT_CATALOG_NAME ('lakehouse') */
  readonly catalogName?: string;
  /** @default environment.storage.bucketName */
  readonly bucketName?: string;
}

const ICEBERG_EXTENSIONS = 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions';
const NESSIE_EXTENSIONS = 'org.projectnessie.spark.extensions.NessieSparkSessionExtensions';

/**
 * Nessie returns `py-io-impl=pyiceberg.io.fsspec.FsspecFileIO` in every table's config (Nessie
 * 0.108.4, S3ObjectIO.icebergConfigDefaults), and PyIceberg's REST catalog lets the table config
 * override local properties when it builds the table's FileIO. FsspecFileIO reads `s3://` through
 * s3fs, so the `s3fs` extra is required; `pyarrow` turns scans into Arrow tables.
 */
export const NESSIE_PYICEBERG_REQUIREMENT = 'pyiceberg[s3fs,pyarrow]';

/**
 * Settings for the Nessie catalog path: Iceberg REST at `<api>/iceberg` for PyIceberg, Spark and
 * Trino, plus Iceberg's NessieCatalog for Spark users who want branches. Nessie does not sign S3
 * requests or vend credentials in this deployment, so every client reads and writes table files
 * with its own AWS identity (a tier role, or a role given a tier with `grantRead` & co.).
 */
export function nessieEngineSettings(input: NessieSettingsInput): NessieEngineSettings {
  const { plan } = input;
  const env = plan.environment;
  const catalogName = input.catalogName ?? DEFAULT_CATALOG_NAME;
  const bucket = input.bucketName ?? plan.storage.bucketName;
  // A configured host name is known before apply (HTTPS: a certificate is required to use one).
  const known = input.apiUrl ?? (env.nessie.hostName ? `https://${env.nessie.hostName}` : undefined);
  const apiUrl = known ?? outputPlaceholder(CLIENT_OUTPUTS.nessieApiUrl, env.name);
  const endpoints: NessieEndpoints = {
    apiUrl,
    restUri: `${apiUrl}/iceberg`,
    nessieUri: `${apiUrl}/api/v2`,
    warehouse: objectStoreUri('s3', bucket, plan.storage.warehousePrefix),
    region: env.region,
    spark: `spark.sql.catalog.${catalogName}`,
    oauth: nessieOAuthSettings(env),
  };
  const { restUri, region, spark, oauth } = endpoints;

  return {
    catalog: 'nessie',
    environment: env.name,
    catalogName,
    pendingOutputs: known === undefined ? [CLIENT_OUTPUTS.nessieApiUrl] : [],
    pyicebergRequirement: NESSIE_PYICEBERG_REQUIREMENT,
    pyiceberg: sortedRecord([
      ['type', 'rest'],
      ['uri', restUri],
      ['warehouse', NESSIE_WAREHOUSE],
      ['s3.region', region],
      ...Object.entries(oauth?.pyiceberg ?? {}),
    ]),
    spark: sortedRecord([
      ['spark.sql.extensions', ICEBERG_EXTENSIONS],
      [spark, 'org.apache.iceberg.spark.SparkCatalog'],
      [`${spark}.type`, 'rest'],
      [`${spark}.uri`, restUri],
      [`${spark}.warehouse`, NESSIE_WAREHOUSE],
      [`${spark}.io-impl`, 'org.apache.iceberg.aws.s3.S3FileIO'],
      [`${spark}.client.region`, region],
      ...Object.entries(oauth?.sparkRest(spark) ?? {}),
    ]),
    sparkNessieCatalog: sparkNessieCatalog(endpoints),
    trino: sortedRecord([
      ['connector.name', 'iceberg'],
      ['iceberg.catalog.type', 'rest'],
      ['iceberg.rest-catalog.uri', restUri],
      ['iceberg.rest-catalog.warehouse', NESSIE_WAREHOUSE],
      ['fs.native-s3.enabled', 'true'],
      ['s3.region', region],
      ...Object.entries(oauth?.trino ?? {}),
    ]),
    identifiers: nessieIdentifiers(plan, catalogName, endpoints),
  };
}

/** Where clients find Nessie and the warehouse, and how they authenticate. */
interface NessieEndpoints {
  /** `http(s)://<host>` or its placeholder. */
  readonly apiUrl: string;
  /** Iceberg REST on the default branch. */
  readonly restUri: string;
  /** Nessie API v2. */
  readonly nessieUri: string;
  /** `s3://<bucket>/<warehouse prefix>`. */
  readonly warehouse: string;
  readonly region: string;
  /** `spark.sql.catalog.<catalog name>`: the prefix of the Spark catalog's properties. */
  readonly spark: string;
  readonly oauth: NessieOAuthSettings | undefined;
}

/** Spark through Iceberg's NessieCatalog on the default branch, with Nessie's SQL extensions. */
function sparkNessieCatalog({ spark, nessieUri, warehouse, region, oauth }: NessieEndpoints): Properties {
  return sortedRecord([
    ['spark.sql.extensions', `${ICEBERG_EXTENSIONS},${NESSIE_EXTENSIONS}`],
    [spark, 'org.apache.iceberg.spark.SparkCatalog'],
    [`${spark}.catalog-impl`, 'org.apache.iceberg.nessie.NessieCatalog'],
    [`${spark}.uri`, nessieUri],
    [`${spark}.ref`, NESSIE_DEFAULT_BRANCH],
    [`${spark}.warehouse`, warehouse],
    [`${spark}.io-impl`, 'org.apache.iceberg.aws.s3.S3FileIO'],
    [`${spark}.client.region`, region],
    ...Object.entries(oauth?.sparkNessie(spark) ?? {}),
  ]);
}

/** The identifiers `lakehouse export` and the stack outputs publish: endpoints, warehouse and each table's names per engine. */
function nessieIdentifiers(plan: LakehousePlan, catalogName: string, endpoints: NessieEndpoints): NessieIdentifiers {
  const tables = plan.tables.map((t): [string, AwsTableIdentifiers] => [
    t.key,
    {
      namespace: t.namespace,
      table: t.name,
      pyiceberg: `${t.namespace}.${t.name}`,
      spark: `${catalogName}.${t.namespace}.${t.name}`,
      trino: `${TRINO_CATALOG_NAME}.${t.namespace}.${t.name}`,
    },
  ]);
  return {
    cloud: 'aws',
    catalog: 'nessie',
    environment: plan.environment.name,
    region: endpoints.region,
    nessie_api_url: endpoints.apiUrl,
    iceberg_rest_uri: endpoints.restUri,
    nessie_uri: endpoints.nessieUri,
    warehouse: { name: NESSIE_WAREHOUSE, location: endpoints.warehouse },
    namespaces: plan.namespaces.map((ns) => ns.namespace),
    tables: sortedRecord(tables),
    ...(endpoints.oauth ? { oauth: endpoints.oauth.identifiers } : {}),
  };
}
