/**
 * The resolved lakehouse plan: everything downstream needs about one environment and its tables,
 * computed once from validated input. Pure (no cdktf, no provider): constructs, `lakehouse export`,
 * the client settings, the policy pack, table provisioning and the access report read it instead of
 * working the same facts out again.
 */
import { compareBy } from '../model/compare';
import { duplicateTableProblems, tableKey } from '../model/duplicate-tables';
import type { EnvironmentConfig } from '../model/environment';
import { toIcebergTableJson, type IcebergTableJson } from '../model/mappings/iceberg-json';
import { lakehouseNames, namespaceDatabaseName, type LakehouseNames } from '../model/naming';
import { formatUnlocated } from '../model/problems';
import { restrictedColumns, type LoadedTableTemplate } from '../model/table-template';
import { folderUri, joinKey, objectStoreUri, trimSlashes, type ObjectStoreScheme } from './storage-paths';
import { ACCESS_TIERS, TIER_RIGHTS, type AccessTier, type TierRights } from './tiers';

/** One template placed in the lakehouse. */
export interface TablePlan {
  readonly template: LoadedTableTemplate;
  /** `<namespace>.<table>`: the key of the table in settings, outputs and reports. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  /** Glue database / BigQuery dataset of the namespace: `<project>_<env>_<namespace>`. */
  readonly database: string;
  /** `<database>.<table>`. */
  readonly qualifiedName: string;
  /** Object key prefix of the table, no slash at either end: `<warehouse prefix>/<namespace>/<table>`. */
  readonly keyPrefix: string;
  /** `<scheme>://<bucket>/<keyPrefix>/` with the literal bucket name. */
  readonly location: string;
  /** Schema with field ids, partition spec, sort order and properties, as Iceberg writes them. */
  readonly iceberg: IcebergTableJson;
  /** Columns readers may not see, in column order. */
  readonly restrictedColumns: readonly string[];
  /** No tier may delete its data; only table maintenance does. */
  readonly appendOnly: boolean;
}

/** One template namespace and its tables. */
export interface NamespacePlan {
  readonly namespace: string;
  readonly database: string;
  /** `<warehouse prefix>/<namespace>`. */
  readonly keyPrefix: string;
  readonly location: string;
  /** Sorted by name. */
  readonly tables: readonly TablePlan[];
  /** Every table of the namespace is append-only (one rule can then cover the whole namespace). */
  readonly allAppendOnly: boolean;
}

export interface StoragePlan {
  readonly scheme: ObjectStoreScheme;
  readonly bucketName: string;
  /** Without slashes at either end (may be empty: tables at the bucket root). */
  readonly warehousePrefix: string;
  /** `<scheme>://<bucket>/<warehouse prefix>`, no trailing slash: the Iceberg `warehouse`. */
  readonly warehouseLocation: string;
}

export interface TierPlan {
  readonly tier: AccessTier;
  readonly rights: TierRights;
}

export interface LakehousePlan {
  readonly environment: EnvironmentConfig;
  /** `<project>-<env>`: the prefix of every hyphenated name. */
  readonly prefix: string;
  readonly names: LakehouseNames;
  readonly storage: StoragePlan;
  /** Sorted by namespace. */
  readonly namespaces: readonly NamespacePlan[];
  /** Sorted by namespace, then name. */
  readonly tables: readonly TablePlan[];
  readonly tiers: Readonly<Record<AccessTier, TierPlan>>;
}

/**
 * Resolves an environment and its templates into the plan.
 * @throws Error when two templates define the same table (the loaders report it with file and line first)
 */
export function planLakehouse(environment: EnvironmentConfig, templates: readonly LoadedTableTemplate[]): LakehousePlan {
  const duplicates = duplicateTableProblems(templates);
  if (duplicates.length > 0) throw new Error(`Invalid templates:\n  - ${duplicates.map(formatUnlocated).join('\n  - ')}`);
  const names = lakehouseNames(environment.project, environment.name, environment.storage.bucketName);
  const scheme: ObjectStoreScheme = environment.cloud === 'aws' ? 's3' : 'gs';
  const warehousePrefix = trimSlashes(environment.storage.warehousePrefix);
  const storage: StoragePlan = {
    scheme,
    bucketName: names.lakehouseBucket,
    warehousePrefix,
    warehouseLocation: objectStoreUri(scheme, names.lakehouseBucket, warehousePrefix),
  };
  const tables = [...templates]
    .sort(
      compareBy(
        (t) => t.namespace,
        (t) => t.name,
      ),
    )
    .map((template) => planTable(environment, storage, template));
  return {
    environment,
    prefix: names.prefix,
    names,
    storage,
    namespaces: groupByNamespace(storage, tables),
    tables,
    tiers: Object.fromEntries(ACCESS_TIERS.map((tier) => [tier, { tier, rights: TIER_RIGHTS[tier] }])) as Record<AccessTier, TierPlan>,
  };
}

function planTable(environment: EnvironmentConfig, storage: StoragePlan, template: LoadedTableTemplate): TablePlan {
  const database = namespaceDatabaseName(environment.project, environment.name, template.namespace);
  const keyPrefix = joinKey(storage.warehousePrefix, template.namespace, template.name);
  return {
    template,
    key: tableKey(template),
    namespace: template.namespace,
    name: template.name,
    database,
    qualifiedName: `${database}.${template.name}`,
    keyPrefix,
    location: folderUri(storage.scheme, storage.bucketName, keyPrefix),
    iceberg: toIcebergTableJson(template),
    restrictedColumns: restrictedColumns(template),
    appendOnly: template.append_only === true,
  };
}

function groupByNamespace(storage: StoragePlan, tables: readonly TablePlan[]): NamespacePlan[] {
  const namespaces: NamespacePlan[] = [];
  for (const namespace of [...new Set(tables.map((t) => t.namespace))]) {
    const members = tables.filter((t) => t.namespace === namespace);
    const keyPrefix = joinKey(storage.warehousePrefix, namespace);
    namespaces.push({
      namespace,
      database: members[0]!.database,
      keyPrefix,
      location: folderUri(storage.scheme, storage.bucketName, keyPrefix),
      tables: members,
      allAppendOnly: members.every((t) => t.appendOnly),
    });
  }
  return namespaces;
}

/** The plan of one table by `<namespace>.<table>`. */
export function tablePlan(plan: LakehousePlan, key: string): TablePlan {
  const table = plan.tables.find((t) => t.key === key);
  if (!table) throw new Error(`no table '${key}' in the lakehouse of environment '${plan.environment.name}'`);
  return table;
}
