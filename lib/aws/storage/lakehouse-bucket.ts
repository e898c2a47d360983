import { Construct } from 'constructs';
import { s3BucketNameProblems } from '../rules/names';
import { denyWrongEncryptionHeader } from './bucket-policy-statements';
import type { LakehouseStorageRef } from './lakehouse-storage-ref';
import { PrivateBucket, wholeBucketRule } from './private-bucket';
import { defaultLakehouseBucketName, keyPrefixProblems } from './storage-names';
import { integerProblems, nameProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';

export interface LakehouseBucketProps {
  /** `<project>-<env>`: the prefix of every name. */
  readonly prefix: string;
  /** Adds `prevent_destroy` to the bucket. @default true */
  readonly protectData?: boolean;
  /** @default `<prefix>-lakehouse` */
  readonly bucketName?: string;
  /** Key prefix of the Iceberg warehouse, without leading or trailing slash. @default 'warehouse' */
  readonly warehousePrefix?: string;
  /** Customer-managed key for default encryption (e.g. `LakehouseKey.keyArn`). @default - SSE-KMS with the AWS-managed key `aws/s3` */
  readonly kmsKeyArn?: string;
  /**
   * Keep object versions (recovery from overwrites and deletes). Off removes the noncurrent-version rule.
   * @default true
   */
  readonly versioning?: boolean;
  /** Days after which incomplete multipart uploads are aborted. @default 7 */
  readonly abortIncompleteMultipartDays?: number;
  /** Days after which current objects move to STANDARD_IA (S3 requires at least 30). @default 90 */
  readonly infrequentAccessDays?: number;
  /** Days after which noncurrent versions are deleted. @default 30 */
  readonly noncurrentExpirationDays?: number;
  /**
   * Deny uploads whose encryption header explicitly asks for something other than SSE-KMS.
   * Uploads without the header are never denied (they get the default encryption).
   * @default true
   */
  readonly denyNonKmsEncryptionHeader?: boolean;
  /** Existing bucket (same account and region) receiving S3 server access logs. @default - no server access logging */
  readonly accessLogBucket?: string;
  /** Where the values come from (e.g. the environment file), named in error messages. @default - not named */
  readonly origin?: string;
}

/**
 * The bucket holding every Iceberg data and metadata file: versioned, SSE-KMS with S3 Bucket Keys
 * (fewer KMS requests), SSE-C blocked, private, TLS only, with lifecycle rules for failed uploads,
 * cold data and old versions.
 */
export class LakehouseBucket extends Construct implements LakehouseStorageRef {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly kmsKeyArn?: string;
  readonly warehousePrefix: string;
  readonly warehouseLocation: string;

  constructor(scope: Construct, id: string, props: LakehouseBucketProps) {
    super(scope, id);
    const bucketName = props.bucketName ?? defaultLakehouseBucketName(props.prefix);
    const warehousePrefix = props.warehousePrefix ?? 'warehouse';
    const versioning = props.versioning ?? true;
    const abortDays = props.abortIncompleteMultipartDays ?? 7;
    const iaDays = props.infrequentAccessDays ?? 90;
    const noncurrentDays = props.noncurrentExpirationDays ?? 30;
    const nameHint =
      props.bucketName === undefined
        ? `derived from prefix '${props.prefix}'; shorten the project or environment name, or set bucketName`
        : '';
    throwIfPropsProblems(
      this,
      'LakehouseBucket',
      [
        ...nameProblems('bucketName', bucketName, s3BucketNameProblems, nameHint),
        ...nameProblems('warehousePrefix', warehousePrefix, keyPrefixProblems),
        ...integerProblems('abortIncompleteMultipartDays', abortDays, 1),
        ...integerProblems('infrequentAccessDays', iaDays, 30),
        ...integerProblems('noncurrentExpirationDays', noncurrentDays, 1),
      ],
      props.origin,
    );

    const bucket = new PrivateBucket(this, 'storage', {
      bucketName,
      protectData: props.protectData ?? true,
      versioning,
      encryption: { type: 'kms', kmsKeyArn: props.kmsKeyArn, bucketKey: true },
      policyStatements: (arn) => ((props.denyNonKmsEncryptionHeader ?? true) ? [denyWrongEncryptionHeader(arn)] : []),
      lifecycleRules: [
        wholeBucketRule('abort-incomplete-multipart-uploads', { abortIncompleteMultipartUpload: [{ daysAfterInitiation: abortDays }] }),
        // Objects under 128 KB (most Iceberg metadata) stay in STANDARD: the provider's default
        // transition_default_minimum_object_size is all_storage_classes_128K.
        wholeBucketRule('current-to-standard-ia', { transition: [{ days: iaDays, storageClass: 'STANDARD_IA' }] }),
        ...(versioning
          ? [
              wholeBucketRule('expire-noncurrent-versions', {
                noncurrentVersionExpiration: [{ noncurrentDays }],
                // Removes delete markers left with no versions behind them.
                expiration: [{ expiredObjectDeleteMarker: true }],
              }),
            ]
          : []),
      ],
      accessLogBucket: props.accessLogBucket,
    });

    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
    this.kmsKeyArn = props.kmsKeyArn;
    this.warehousePrefix = warehousePrefix;
    this.warehouseLocation = `s3://${bucket.bucketName}/${warehousePrefix}`;
  }
}
