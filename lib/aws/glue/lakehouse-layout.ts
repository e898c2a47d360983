import { namespaceDatabaseName, type LoadedTableTemplate } from '../../model';
import type { LakehouseStorageRef } from './storage-ref';

/** One template placed in the lakehouse: its Glue database, name and S3 location. */
export interface LakehouseTable {
  readonly template: LoadedTableTemplate;
  readonly namespace: string;
  /** Glue database: `<project>_<env>_<namespace>`. */
  readonly database: string;
  readonly name: string;
  /** `<database>.<table>`. */
  readonly qualifiedName: string;
  /** Object key prefix of the table, without slashes at either end: `<warehousePrefix>/<namespace>/<table>`. */
  readonly keyPrefix: string;
  /** `s3://<bucket>/<warehousePrefix>/<namespace>/<table>/`. */
  readonly location: string;
}

/** One template namespace: one Glue database holding its tables. */
export interface LakehouseNamespace {
  readonly namespace: string;
  readonly database: string;
  /** `<warehousePrefix>/<namespace>`. */
  readonly keyPrefix: string;
  /** `s3://<bucket>/<warehousePrefix>/<namespace>/`. */
  readonly location: string;
  /** Tables sorted by name. */
  readonly tables: readonly LakehouseTable[];
  /** Every table of the namespace is append-only (lets one deny cover the whole namespace). */
  readonly allAppendOnly: boolean;
}

export interface LakehouseLayout {
  /** Sorted by namespace. */
  readonly namespaces: readonly LakehouseNamespace[];
  /** Sorted by namespace, then name. */
  readonly tables: readonly LakehouseTable[];
}

/** `a`, `b/c` → `a/b/c`, ignoring empty parts and stray slashes. */
export function joinKey(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p.length > 0)
    .join('/');
}

/** Where every template goes. Pure and sorted, so output never depends on input order. */
export function lakehouseLayout(
  templates: readonly LoadedTableTemplate[],
  project: string,
  environment: string,
  storage: LakehouseStorageRef,
): LakehouseLayout {
  const sorted = [...templates].sort((a, b) => (a.namespace === b.namespace ? compare(a.name, b.name) : compare(a.namespace, b.namespace)));
  const tables = sorted.map((template): LakehouseTable => {
    const database = namespaceDatabaseName(project, environment, template.namespace);
    const keyPrefix = joinKey(storage.warehousePrefix, template.namespace, template.name);
    return {
      template,
      namespace: template.namespace,
      database,
      name: template.name,
      qualifiedName: `${database}.${template.name}`,
      keyPrefix,
      location: `s3://${storage.bucketName}/${keyPrefix}/`,
    };
  });
  const namespaces: LakehouseNamespace[] = [];
  for (const table of tables) {
    let ns = namespaces[namespaces.length - 1];
    if (!ns || ns.namespace !== table.namespace) {
      const keyPrefix = joinKey(storage.warehousePrefix, table.namespace);
      ns = {
        namespace: table.namespace,
        database: table.database,
        keyPrefix,
        location: `s3://${storage.bucketName}/${keyPrefix}/`,
        tables: [],
        allAppendOnly: true,
      };
      namespaces.push(ns);
    }
    (ns.tables as LakehouseTable[]).push(table);
    if (!table.template.append_only) (ns as { allAppendOnly: boolean }).allAppendOnly = false;
  }
  return { namespaces, tables };
}

/** Code-point order (locale-independent, so output is the same on every machine). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
