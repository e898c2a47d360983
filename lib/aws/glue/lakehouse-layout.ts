import type { LakehousePlan, NamespacePlan, TablePlan } from '../../plan';
import { folderUri } from '../../plan/storage-paths';
import type { LakehouseStorageRef } from './storage-ref';

/**
 * The plan's tables and namespaces with their locations built on the bucket's Terraform
 * reference, so Glue resources are ordered after the bucket (Glue writes the first metadata file
 * into it). Everything else is the plan's.
 */
export interface LakehouseTable extends TablePlan {
  /** `s3://<bucket reference>/<keyPrefix>/`. */
  readonly location: string;
}

export interface LakehouseNamespace extends Omit<NamespacePlan, 'tables' | 'location'> {
  readonly location: string;
  readonly tables: readonly LakehouseTable[];
}

export interface LakehouseLayout {
  /** Sorted by namespace. */
  readonly namespaces: readonly LakehouseNamespace[];
  /** Sorted by namespace, then name. */
  readonly tables: readonly LakehouseTable[];
}

/** Where every template goes in this bucket. */
export function lakehouseLayout(plan: LakehousePlan, storage: Pick<LakehouseStorageRef, 'bucketName'>): LakehouseLayout {
  const place = (t: TablePlan): LakehouseTable => ({ ...t, location: folderUri('s3', storage.bucketName, t.keyPrefix) });
  const namespaces = plan.namespaces.map((ns): LakehouseNamespace => ({
    ...ns,
    location: folderUri('s3', storage.bucketName, ns.keyPrefix),
    tables: ns.tables.map(place),
  }));
  return { namespaces, tables: namespaces.flatMap((ns) => ns.tables) };
}
