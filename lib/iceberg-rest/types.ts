/**
 * The Iceberg REST catalog shapes this client sends and reads, named as in the OpenAPI
 * specification (apache/iceberg `open-api/rest-catalog-open-api.yaml`, tag apache-iceberg-1.11.0).
 * Only the members the client uses are declared; servers may send more.
 */

/** A type as Iceberg serializes it: a primitive name (`long`, `decimal(10,2)`, `fixed[16]`) or a nested type. */
export type IcebergType = string | StructType | ListType | MapType;

export interface StructField {
  readonly id: number;
  readonly name: string;
  readonly type: IcebergType;
  readonly required: boolean;
  readonly doc?: string;
}

export interface StructType {
  readonly type: 'struct';
  /** Mutable array: the model's Iceberg JSON types (lib/model/mappings/iceberg-json.ts) are assignable both ways. */
  readonly fields: StructField[];
}

export interface ListType {
  readonly type: 'list';
  readonly 'element-id': number;
  readonly element: IcebergType;
  readonly 'element-required': boolean;
}

export interface MapType {
  readonly type: 'map';
  readonly 'key-id': number;
  readonly key: IcebergType;
  readonly 'value-id': number;
  readonly value: IcebergType;
  readonly 'value-required': boolean;
}

export interface Schema extends StructType {
  readonly 'schema-id'?: number;
  readonly 'identifier-field-ids'?: readonly number[];
}

export interface PartitionField {
  readonly 'field-id'?: number;
  readonly 'source-id': number;
  readonly name: string;
  readonly transform: string;
}

export interface PartitionSpec {
  readonly 'spec-id'?: number;
  readonly fields: readonly PartitionField[];
}

export interface SortField {
  readonly 'source-id': number;
  readonly transform: string;
  readonly direction: 'asc' | 'desc';
  readonly 'null-order': 'nulls-first' | 'nulls-last';
}

export interface SortOrder {
  readonly 'order-id': number;
  readonly fields: readonly SortField[];
}

export type Namespace = readonly string[];

export interface TableIdentifier {
  readonly namespace: Namespace;
  readonly name: string;
}

export interface CreateNamespaceRequest {
  readonly namespace: Namespace;
  readonly properties?: Readonly<Record<string, string>>;
}

export interface CreateTableRequest {
  readonly name: string;
  readonly location?: string;
  readonly schema: Schema;
  readonly 'partition-spec'?: PartitionSpec;
  readonly 'write-order'?: SortOrder;
  readonly 'stage-create'?: boolean;
  readonly properties?: Readonly<Record<string, string>>;
}

export type TableRequirement =
  | { readonly type: 'assert-create' }
  | { readonly type: 'assert-table-uuid'; readonly uuid: string }
  | { readonly type: 'assert-current-schema-id'; readonly 'current-schema-id': number }
  | { readonly type: 'assert-last-assigned-field-id'; readonly 'last-assigned-field-id': number }
  | { readonly type: 'assert-default-spec-id'; readonly 'default-spec-id': number }
  | { readonly type: 'assert-last-assigned-partition-id'; readonly 'last-assigned-partition-id': number }
  | { readonly type: 'assert-default-sort-order-id'; readonly 'default-sort-order-id': number };

/** The table updates this client sends (a subset of the specification's TableUpdate). */
export type TableUpdate =
  | { readonly action: 'add-schema'; readonly schema: Schema }
  | { readonly action: 'set-current-schema'; readonly 'schema-id': number }
  | { readonly action: 'add-spec'; readonly spec: PartitionSpec }
  | { readonly action: 'set-default-spec'; readonly 'spec-id': number }
  | { readonly action: 'add-sort-order'; readonly 'sort-order': SortOrder }
  | { readonly action: 'set-default-sort-order'; readonly 'sort-order-id': number }
  | { readonly action: 'set-properties'; readonly updates: Readonly<Record<string, string>> }
  | { readonly action: 'remove-properties'; readonly removals: readonly string[] };

export interface CommitTableRequest {
  readonly identifier?: TableIdentifier;
  readonly requirements: readonly TableRequirement[];
  readonly updates: readonly TableUpdate[];
}

/** Table metadata as a catalog returns it (the members the client reads). */
export interface TableMetadata {
  readonly 'format-version': number;
  readonly 'table-uuid': string;
  readonly location?: string;
  readonly properties?: Readonly<Record<string, string>>;
  readonly schemas?: readonly Schema[];
  readonly 'current-schema-id'?: number;
  readonly 'last-column-id'?: number;
  readonly 'partition-specs'?: readonly PartitionSpec[];
  readonly 'default-spec-id'?: number;
  readonly 'last-partition-id'?: number;
  readonly 'sort-orders'?: readonly SortOrder[];
  readonly 'default-sort-order-id'?: number;
  readonly 'current-snapshot-id'?: number | null;
  readonly snapshots?: readonly unknown[];
}

export interface LoadTableResult {
  readonly 'metadata-location'?: string | null;
  readonly metadata: TableMetadata;
  readonly config?: Readonly<Record<string, string>>;
}

export interface CatalogConfig {
  readonly defaults: Readonly<Record<string, string>>;
  readonly overrides: Readonly<Record<string, string>>;
  readonly endpoints?: readonly string[];
  readonly 'idempotency-key-lifetime'?: string;
}

/** The specification's ErrorModel, sent as `{ "error": ErrorModel }` with every non-2xx answer. */
export interface ErrorModel {
  readonly message: string;
  readonly type: string;
  readonly code: number;
  readonly stack?: readonly string[];
}
