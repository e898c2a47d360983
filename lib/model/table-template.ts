/**
 * The table-template model: one YAML file per Iceberg table in `table-templates/`.
 * Field names match the YAML keys exactly, because pipelines (PyIceberg, Dagster) read the same
 * files through the same JSON Schema (`schemas/table-template.schema.json`).
 */
import type { IcebergType } from './iceberg-types';

export type AccessLevel = 'public' | 'internal' | 'restricted';
export type MaskingKind = 'sha256' | 'nullify' | 'default';

export interface ColumnTemplate {
  readonly name: string;
  /** Iceberg type string, e.g. `decimal(10,2)` or `struct<a:int,b:list<string>>`. */
  readonly type: string;
  readonly required?: boolean;
  readonly description?: string;
  /** @default 'public' */
  readonly access_level?: AccessLevel;
  readonly pii?: boolean;
  /** How readers without access see a restricted column on GCP (BigQuery data masking). */
  readonly masking?: MaskingKind;
}

export interface PartitionFieldTemplate {
  /** Source column; a dotted path selects a field nested in structs (`payload.country`). */
  readonly column: string;
  /** `identity`, `bucket[N]`, `truncate[W]`, `year`, `month`, `day`, `hour` or `void`. */
  readonly transform: string;
  /** Partition field name. @default - Iceberg's default (`col_day`, `col_bucket`, ...) */
  readonly name?: string;
}

export interface SortFieldTemplate {
  readonly column: string;
  /** @default 'identity' */
  readonly transform?: string;
  /** @default 'asc' */
  readonly direction?: 'asc' | 'desc';
  /** @default - `nulls_first` for asc, `nulls_last` for desc (Iceberg's defaults) */
  readonly null_order?: 'nulls_first' | 'nulls_last';
}

export interface MaintenanceTemplate {
  /** Rewrite small files into larger ones. @default false */
  readonly compaction?: boolean;
  /** Expire snapshots per `history.expire.*` properties. @default true when the block is present */
  readonly snapshot_retention?: boolean;
  /** Delete files no snapshot references. @default true when the block is present */
  readonly orphan_file_deletion?: boolean;
  /** @default 3 */
  readonly orphan_file_retention_days?: number;
}

export interface SourceTemplate {
  /** Object-store URI the pipeline ingests from (`s3://` or `gs://`). */
  readonly path: string;
  readonly format: 'parquet' | 'csv' | 'json';
  readonly csv_options?: {
    readonly delimiter?: string;
    readonly header?: boolean;
    readonly quote?: string;
    readonly escape?: string;
    readonly null_value?: string;
  };
}

export interface GcpTableTemplate {
  /**
   * An existing `gs://.../*.metadata.json`: the table is declared as a BigQuery Iceberg external
   * table reading that snapshot instead of a BigQuery-managed Iceberg table.
   */
  readonly metadata_uri?: string;
}

export interface TableTemplate {
  readonly name: string;
  readonly namespace: string;
  readonly description?: string;
  readonly columns: readonly ColumnTemplate[];
  readonly partition_spec?: readonly PartitionFieldTemplate[];
  readonly sort_order?: readonly SortFieldTemplate[];
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
  readonly tags?: Readonly<Record<string, string>>;
  /** Immutable log: no deletes are granted on it and S3 deletes are denied. @default false */
  readonly append_only?: boolean;
  readonly maintenance?: MaintenanceTemplate;
  readonly source?: SourceTemplate;
  readonly gcp?: GcpTableTemplate;
}

/** A template after validation, with parsed column types and the file it came from. */
export interface LoadedTableTemplate extends TableTemplate {
  /** Path of the YAML file, as given to the loader. */
  readonly file: string;
  /** Parsed types, in column order. */
  readonly parsedColumns: readonly ParsedColumn[];
  /** Iceberg format version from `properties['format-version']`, default 2. */
  readonly formatVersion: 1 | 2 | 3;
}

export interface ParsedColumn {
  readonly name: string;
  readonly type: IcebergType;
  readonly required: boolean;
  readonly description?: string;
  readonly accessLevel: AccessLevel;
  readonly pii: boolean;
  readonly masking?: MaskingKind;
}

/** Names of the columns readers may not see, in column order. */
export function restrictedColumns(template: LoadedTableTemplate): string[] {
  return template.parsedColumns.filter((c) => c.accessLevel === 'restricted').map((c) => c.name);
}
