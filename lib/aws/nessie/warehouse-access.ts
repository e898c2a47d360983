import { trimSlashes } from '../../plan/storage-paths';
import type { PolicyStatement } from '../policy-document';
import type { LakehouseStorageRef } from './storage-ref';

export type WarehouseAccess = 'read' | 'write';

/** Object actions Iceberg readers use on data and metadata files. */
export const WAREHOUSE_READ_ACTIONS = ['s3:GetObject'] as const;
/** Object actions Iceberg writers add: new files, multipart uploads, expiry and compaction deletes. */
export const WAREHOUSE_WRITE_ACTIONS = [
  ...WAREHOUSE_READ_ACTIONS,
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:ListMultipartUploadParts',
  's3:PutObject',
] as const;
/** KMS use through S3 for objects encrypted with the bucket's customer-managed key. */
export const WAREHOUSE_KMS_ACTIONS: Readonly<Record<WarehouseAccess, readonly string[]>> = {
  read: ['kms:Decrypt'],
  // Multipart uploads decrypt the data key again to complete the upload.
  write: ['kms:Decrypt', 'kms:GenerateDataKey'],
};

/**
 * S3 (and KMS) statements for reading or writing the warehouse prefix and nothing else in the
 * bucket: objects under `<prefix>/`, listing conditioned on that prefix. Nessie's own task role
 * uses them; clients get a tier's set instead (nessie-tier-policies.ts): a reader of the whole
 * warehouse would read restricted columns.
 */
export function warehouseStatements(storage: LakehouseStorageRef, access: WarehouseAccess, region: string): PolicyStatement[] {
  const prefix = trimSlashes(storage.warehousePrefix);
  const statements: PolicyStatement[] = [
    {
      Sid: access === 'write' ? 'ReadWriteWarehouseObjects' : 'ReadWarehouseObjects',
      Effect: 'Allow',
      Action: [...(access === 'write' ? WAREHOUSE_WRITE_ACTIONS : WAREHOUSE_READ_ACTIONS)],
      Resource: `${storage.bucketArn}/${prefix}/*`,
    },
    {
      Sid: 'ListWarehousePrefix',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: storage.bucketArn,
      Condition: { StringLike: { 's3:prefix': [prefix, `${prefix}/*`] } },
    },
  ];
  if (storage.kmsKeyArn) {
    statements.push({
      Sid: 'UseBucketKeyThroughS3',
      Effect: 'Allow',
      Action: [...WAREHOUSE_KMS_ACTIONS[access]],
      Resource: storage.kmsKeyArn,
      Condition: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
    });
  }
  return statements;
}
