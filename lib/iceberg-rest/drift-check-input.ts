/**
 * What the drift-check function (functions/drift-check) is given, computed at synthesis: the
 * catalog it reads (an environment variable, since it holds Terraform references: the account,
 * the load balancer's name, the Cognito client), the CloudWatch namespace it publishes to, and the
 * expected tables, zipped next to its code as `drift-tables.json` (too large for environment
 * variables, whose 4 KB limit a few tables exceed). No secret: an OAuth2 client secret is named by ARN.
 */
import type { IcebergTableDefinition } from '../model/schema-evolution';
import { catalogSettingsProblems, type CatalogSettings } from './desired-table';

export const DRIFT_CHECK_INPUT_VERSION = 1;
/** The file next to `index.js` in the function's zip. */
export const DRIFT_TABLES_FILE = 'drift-tables.json';

/** Environment variables of the function. */
export const DRIFT_CHECK_ENV = {
  /** JSON {@link CatalogSettings}. */
  catalog: 'LAKEHOUSE_CATALOG',
  /** CloudWatch namespace of the metrics, `Lakehouse/<prefix>`. */
  metricNamespace: 'LAKEHOUSE_METRIC_NAMESPACE',
  /** `<project>-<env>`, named in every log line. */
  prefix: 'LAKEHOUSE_PREFIX',
} as const;

/** Metric names (one value each per run, no dimensions: one metric per environment). */
export const DRIFT_METRICS = {
  /** Tables whose live definition differs from their template (or that are missing), per scheduled run. */
  driftedTables: 'SchemaDriftTables',
  /** 1 per Glue UpdateTable/DeleteTable by a principal outside the writer/admin roles and the provisioning function. */
  unexpectedChanges: 'UnexpectedTableChanges',
} as const;

/** One table as its template defines it. */
export interface ExpectedTable {
  /** `<namespace>.<table>` of the template. */
  readonly key: string;
  /** The catalog namespace: on Glue the database, on Nessie the template namespace. */
  readonly namespace: readonly string[];
  readonly name: string;
  /** Schema with field ids, partition spec, sort order and properties (`toIcebergTableJson`). */
  readonly definition: IcebergTableDefinition;
}

export interface DriftCheckTables {
  readonly version: typeof DRIFT_CHECK_INPUT_VERSION;
  /** In `<namespace>.<table>` code-point order. */
  readonly tables: readonly ExpectedTable[];
}

export interface DriftCheckSettings {
  readonly catalog: CatalogSettings;
  readonly metricNamespace: string;
  readonly prefix: string;
}

/** Problems with a value that should be {@link DriftCheckTables}, one sentence each (empty when valid). */
export function driftCheckTablesProblems(value: unknown, where = DRIFT_TABLES_FILE): string[] {
  if (!isObject(value)) return [`${where} must be a JSON object`];
  const problems: string[] = [];
  if (value.version !== DRIFT_CHECK_INPUT_VERSION) {
    problems.push(`${where}: version must be ${DRIFT_CHECK_INPUT_VERSION} (got ${JSON.stringify(value.version)})`);
  }
  if (!Array.isArray(value.tables)) return [...problems, `${where}: tables must be a list`];
  value.tables.forEach((t: unknown, i) => {
    const ok =
      isObject(t) &&
      typeof t.key === 'string' &&
      typeof t.name === 'string' &&
      Array.isArray(t.namespace) &&
      t.namespace.length > 0 &&
      isObject(t.definition) &&
      isObject(t.definition.schema) &&
      Array.isArray(t.definition.schema.fields) &&
      isObject(t.definition['partition-spec']) &&
      isObject(t.definition['sort-order']) &&
      isObject(t.definition.properties);
    if (!ok)
      problems.push(`${where}: tables[${i}] needs key, namespace, name and a definition (schema, partition-spec, sort-order, properties)`);
  });
  return problems;
}

/** The function's settings from its environment variables; throws naming every problem. */
export function driftCheckSettings(env: NodeJS.ProcessEnv): DriftCheckSettings {
  const problems: string[] = [];
  let catalog: unknown;
  try {
    catalog = JSON.parse(env[DRIFT_CHECK_ENV.catalog] ?? '');
  } catch {
    problems.push(`${DRIFT_CHECK_ENV.catalog} must hold the catalog settings as JSON`);
  }
  if (catalog !== undefined) problems.push(...catalogSettingsProblems(catalog, DRIFT_CHECK_ENV.catalog));
  const metricNamespace = env[DRIFT_CHECK_ENV.metricNamespace] ?? '';
  const prefix = env[DRIFT_CHECK_ENV.prefix] ?? '';
  if (metricNamespace === '' || metricNamespace.startsWith('AWS/')) {
    problems.push(`${DRIFT_CHECK_ENV.metricNamespace} must name a custom CloudWatch namespace (not AWS/...)`);
  }
  if (prefix === '') problems.push(`${DRIFT_CHECK_ENV.prefix} must be set`);
  if (problems.length > 0) throw new Error(`the drift check is misconfigured:\n  - ${problems.join('\n  - ')}`);
  return { catalog: catalog as CatalogSettings, metricNamespace, prefix };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
