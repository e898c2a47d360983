/**
 * Which Glue table optimizers a template gets, derived from its `maintenance` block and its
 * `history.expire.*` properties. Pure, so the rules are tested without synthesis.
 */
import type { LoadedTableTemplate } from '../../model';
import type { SourcedProblem } from '../../model/problems';

export interface MaintenancePlan {
  readonly compaction: boolean;
  /** Snapshot retention (Glue's snapshot expiration), undefined when off. */
  readonly retention?: {
    readonly snapshotRetentionPeriodInDays: number;
    readonly numberOfSnapshotsToRetain: number;
    /** Delete the data files only expired snapshots referenced. */
    readonly cleanExpiredFiles: boolean;
  };
  /** Orphan file deletion, undefined when off. */
  readonly orphanFileDeletion?: { readonly orphanFileRetentionPeriodInDays: number };
  /** Where the plan came from. */
  readonly source: 'template' | 'append-only default';
}

/** Iceberg's defaults when a template does not set `history.expire.*`. */
export const ICEBERG_DEFAULT_MAX_SNAPSHOT_AGE_MS = 432_000_000; // 5 days
export const ICEBERG_DEFAULT_MIN_SNAPSHOTS = 1;
export const DEFAULT_ORPHAN_RETENTION_DAYS = 3;
const DAY_MS = 86_400_000;

/**
 * The optimizers of one template, or undefined for none:
 * - a `maintenance` block: compaction when asked (default off), snapshot retention and orphan
 *   file deletion unless turned off, as the template schema documents;
 * - no block but `append_only: true`: all three. Append-only logs are written in many small
 *   appends, so compaction pays off; compaction leaves the replaced files behind until snapshots
 *   expire, so retention (honouring the template's `history.expire.*`) and orphan cleanup must
 *   run too, or storage doubles. Nothing is ever deleted from the rows: compaction rewrites them.
 *   (Compaction only for Parquet tables: Glue's managed compaction supports nothing else.)
 * - otherwise none (the table's writers maintain it).
 */
export function maintenancePlan(template: LoadedTableTemplate): MaintenancePlan | undefined {
  const m = template.maintenance;
  if (!m && !template.append_only) return undefined;
  // Glue compacts Parquet tables only: the append-only default skips compaction for other formats.
  const compaction = m ? (m.compaction ?? false) : isParquet(template);
  const retentionOn = m ? (m.snapshot_retention ?? true) : true;
  const orphansOn = m ? (m.orphan_file_deletion ?? true) : true;
  const props = template.properties ?? {};
  const ageMs = Number(props['history.expire.max-snapshot-age-ms'] ?? ICEBERG_DEFAULT_MAX_SNAPSHOT_AGE_MS);
  const keep = Number(props['history.expire.min-snapshots-to-keep'] ?? ICEBERG_DEFAULT_MIN_SNAPSHOTS);
  const plan: MaintenancePlan = {
    compaction,
    ...(retentionOn
      ? {
          retention: {
            // Rounded up: a snapshot never expires earlier than the template allows.
            snapshotRetentionPeriodInDays: Math.max(1, Math.ceil(ageMs / DAY_MS)),
            numberOfSnapshotsToRetain: Math.max(1, keep),
            cleanExpiredFiles: true,
          },
        }
      : {}),
    ...(orphansOn
      ? {
          orphanFileDeletion: {
            orphanFileRetentionPeriodInDays: Math.max(1, m?.orphan_file_retention_days ?? DEFAULT_ORPHAN_RETENTION_DAYS),
          },
        }
      : {}),
    source: m ? 'template' : 'append-only default',
  };
  return plan.compaction || plan.retention || plan.orphanFileDeletion ? plan : undefined;
}

export function isParquet(template: LoadedTableTemplate): boolean {
  return String(template.properties?.['write.format.default'] ?? 'parquet') === 'parquet';
}

/** Maintenance a template asks for that Glue cannot do. */
export function maintenanceProblems(template: LoadedTableTemplate): SourcedProblem[] {
  if (template.maintenance?.compaction && !isParquet(template)) {
    return [
      {
        file: template.file,
        path: ['maintenance', 'compaction'],
        message: `needs Parquet data files (write.format.default is ${String(template.properties?.['write.format.default'])}); Glue compacts Parquet tables only`,
      },
    ];
  }
  return [];
}
