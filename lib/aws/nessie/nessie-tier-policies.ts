/**
 * The IAM side of the three tiers on the Nessie path, as pure statement builders. Nessie neither
 * filters columns nor vends credentials (request signing off): what each tier can do to a table's
 * files is decided here, per key prefix.
 *
 * Nessie 0.108.4 places a new table at `<warehouse>/<namespace>/<table>_<uuid>`: its Iceberg REST
 * `createTable` ignores the request's `location` and `CatalogServiceImpl.setLocationForCreate`
 * appends a random UUID (`NessieModelIceberg.icebergNewEntityBaseLocation`) to the path. Table
 * names are `[a-z0-9_]`, so `<table>_????????-????-????-????-????????????` (IAM's `?` is one
 * character) matches that table's folders and no other table's.
 */
import type { TablePlan } from '../../plan';
import type { AccessTier } from '../../plan/tiers';
import type { ArnScope } from '../glue/lakehouse-arns';
import type { PolicyStatement } from '../policy-document';

/** The UUID Nessie appends to a new table's folder, as an IAM pattern. */
export const NESSIE_UUID_PATTERN = '????????-????-????-????-????????????';

/** What a Nessie tier policy needs to know of one table. */
export type NessieTableAccess = Pick<TablePlan, 'key' | 'namespace' | 'keyPrefix' | 'restrictedColumns' | 'appendOnly'>;

/** Object actions of readers: data, manifests and metadata files. */
export const NESSIE_READ_ACTIONS = ['s3:GetObject'] as const;
/** Writers add new files; they never delete (only admins and table maintenance do). */
export const NESSIE_WRITE_ACTIONS = ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'] as const;
export const NESSIE_ADMIN_ACTIONS = [...NESSIE_WRITE_ACTIONS, 's3:DeleteObject'].sort();
/** Denied to admins on append-only tables (also the versions a versioned bucket keeps). */
export const NESSIE_APPEND_ONLY_DENIED = ['s3:DeleteObject', 's3:DeleteObjectVersion'] as const;

export interface NessieTierScope {
  readonly arns: ArnScope;
  /** Warehouse key prefix, no slashes at either end. */
  readonly warehousePrefix: string;
}

/** The object ARNs of one table's folders as Nessie names them (`<keyPrefix>_<uuid>/`). */
export function nessieTableObjects(s: ArnScope, table: Pick<NessieTableAccess, 'keyPrefix'>): string {
  return `${s.bucketArn}/${table.keyPrefix}_${NESSIE_UUID_PATTERN}/*`;
}

/** Tables readers may read: those without restricted columns (Iceberg files hold every column). */
export function readableTables(tables: readonly NessieTableAccess[]): NessieTableAccess[] {
  return tables.filter((t) => t.restrictedColumns.length === 0);
}

/**
 * Prefixes admins may not delete under: a namespace whose tables are all append-only as a whole,
 * otherwise each append-only table's folders (both spellings: Nessie's and the plain one).
 */
export function appendOnlyPrefixes(tables: readonly NessieTableAccess[]): string[] {
  const byNamespace = new Map<string, NessieTableAccess[]>();
  for (const t of tables) byNamespace.set(t.namespace, [...(byNamespace.get(t.namespace) ?? []), t]);
  return [...byNamespace.values()].flatMap((ts) => {
    if (!ts.some((t) => t.appendOnly)) return [];
    if (ts.every((t) => t.appendOnly)) return [`${ts[0]!.keyPrefix.slice(0, ts[0]!.keyPrefix.lastIndexOf('/'))}/*`];
    return ts.filter((t) => t.appendOnly).flatMap((t) => [`${t.keyPrefix}/*`, `${t.keyPrefix}_${NESSIE_UUID_PATTERN}/*`]);
  });
}

/** KMS through S3 for objects encrypted with the bucket's key. */
function keyStatement(tier: AccessTier, s: ArnScope): PolicyStatement[] {
  if (s.kmsKeyArn === undefined) return [];
  return [
    {
      Sid: 'UseBucketKeyThroughS3',
      Effect: 'Allow',
      Action: tier === 'reader' ? ['kms:Decrypt'] : ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: s.kmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${s.region}.amazonaws.com` } },
    },
  ];
}

/** Reader statements for a chunk of readable tables; the first policy also carries the key. */
export function nessieReaderStatements(tables: readonly NessieTableAccess[], s: ArnScope, first: boolean): PolicyStatement[] {
  return [
    ...(first ? keyStatement('reader', s) : []),
    ...(tables.length > 0
      ? [
          {
            Sid: 'ReadTablesWithoutRestrictedColumns',
            Effect: 'Allow' as const,
            Action: [...NESSIE_READ_ACTIONS],
            Resource: tables.map((t) => nessieTableObjects(s, t)),
          },
        ]
      : []),
  ];
}

/** Writer and admin statements on the whole warehouse (they read every column). */
export function nessieWarehouseStatements(tier: 'writer' | 'admin', scope: NessieTierScope): PolicyStatement[] {
  const s = scope.arns;
  return [
    {
      Sid: tier === 'admin' ? 'ReadWriteDeleteWarehouseObjects' : 'ReadWriteWarehouseObjects',
      Effect: 'Allow',
      Action: tier === 'admin' ? [...NESSIE_ADMIN_ACTIONS] : [...NESSIE_WRITE_ACTIONS],
      Resource: `${s.bucketArn}/${scope.warehousePrefix}/*`,
    },
    {
      Sid: 'ListWarehousePrefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: s.bucketArn,
      Condition: { StringLike: { 's3:prefix': [scope.warehousePrefix, `${scope.warehousePrefix}/*`] } },
    },
    ...keyStatement(tier, s),
  ];
}

/** The admins' Deny of deletes under a chunk of append-only prefixes. */
export function nessieAppendOnlyDeny(prefixes: readonly string[], s: ArnScope): PolicyStatement[] {
  if (prefixes.length === 0) return [];
  return [
    {
      Sid: 'AppendOnlyNoDelete',
      Effect: 'Deny',
      Action: [...NESSIE_APPEND_ONLY_DENIED],
      Resource: prefixes.map((p) => `${s.bucketArn}/${p}`),
    },
  ];
}
