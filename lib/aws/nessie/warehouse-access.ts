import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { LakehousePropsError } from '../../errors';
import { trimSlashes } from '../../plan/storage-paths';
import type { GrantableRole } from '../grantable-role';
import { policyJson, type PolicyStatement } from '../policy-document';
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
 * bucket: objects under `<prefix>/`, listing conditioned on that prefix.
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

export interface WarehouseDataAccessProps {
  /** The role receiving access (another stack's role works too: only its name is used). */
  readonly role: GrantableRole;
  readonly access: WarehouseAccess;
  readonly storage: LakehouseStorageRef;
  /** Region of the bucket (the `kms:ViaService` condition). */
  readonly region: string;
  /** Inline policy name on the role. @default `nessie-warehouse-<access>` */
  readonly policyName?: string;
}

/**
 * Gives a role S3 read or read/write access to the warehouse prefix (plus the bucket's CMK). With
 * request signing off Nessie hands clients no credentials, whatever its authentication: what a
 * client can read or write in the warehouse files is decided here, by IAM.
 */
export class WarehouseDataAccess extends Construct {
  readonly policyName: string;

  constructor(scope: Construct, id: string, props: WarehouseDataAccessProps) {
    super(scope, id);
    if (props.access !== 'read' && props.access !== 'write') {
      throw new LakehousePropsError(this, 'WarehouseDataAccess', [`access is '${String(props.access)}'; use 'read' or 'write'`]);
    }
    this.policyName = props.policyName ?? `nessie-warehouse-${props.access}`;
    new IamRolePolicy(this, 'policy', {
      role: props.role.roleName,
      name: this.policyName,
      policy: policyJson(warehouseStatements(props.storage, props.access, props.region)),
    });
  }
}

/** A construct id for a grant: the role name when it is a literal, otherwise the caller must name it. */
export function grantId(role: GrantableRole, access: WarehouseAccess, id: string | undefined): string {
  if (id) return id;
  if (Token.isUnresolved(role.roleName)) {
    throw new Error(`grantDataAccess: role name is a Terraform reference; pass an id to name the ${access} grant`);
  }
  return `data-${access}-${role.roleName}`;
}
