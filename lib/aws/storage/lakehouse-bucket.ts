import { Construct } from 'constructs';
import { s3BucketNameProblems } from '../rules/names';
import { denyWrongEncryptionHeader } from './bucket-policy-statements';
import type { LakehouseStorageRef } from './lakehouse-storage-ref';
import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { PrivateBucket, wholeBucketRule } from './private-bucket';
import { defaultLakehouseBucketName, keyPrefixProblems } from './storage-names';
import { integerProblems, nameProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';
import type { StorageTiering } from '../../model/environment';

const TIERINGS: readonly StorageTiering[] = ['automatic', 'infrequent_access', 'none'];

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
  /**
   * How current objects change storage class: `automatic` moves them to S3 Intelligent-Tiering at
   * once (no retrieval fees when old partitions are queried), `infrequent_access` to STANDARD_IA
   * after `infrequentAccessDays` (cheaper storage, a retrieval fee on every read), `none` keeps
   * STANDARD. See docs/aws-storage.md for the cost trade-off.
   * @default 'automatic'
   */
  readonly tiering?: StorageTiering;
  /** With `tiering: 'infrequent_access'`: days after which current objects move to STANDARD_IA (S3 requires at least 30). @default 90 */
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
    const tiering = props.tiering ?? 'automatic';
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
        ...(TIERINGS.includes(tiering) ? [] : [`tiering is '${tiering}'; use ${TIERINGS.map((t) => `'${t}'`).join(', ')}`]),
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
        ...currentObjectRules(tiering, iaDays),
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

/**
 * The lifecycle rule moving current objects out of STANDARD, by tiering. Objects under 128 KB (most
 * Iceberg metadata) are never transitioned: the provider's default
 * `transition_default_minimum_object_size` is `all_storage_classes_128K`, and S3 would neither
 * monitor nor tier them in Intelligent-Tiering anyway.
 */
function currentObjectRules(tiering: StorageTiering, iaDays: number): S3BucketLifecycleConfigurationRule[] {
  switch (tiering) {
    case 'automatic':
      // Day 0: Intelligent-Tiering has no minimum storage duration and no retrieval fee, so there
      // is nothing to gain by paying STANDARD first (AWS: Intelligent-Tiering, 2021 changes).
      return [wholeBucketRule('current-to-intelligent-tiering', { transition: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] })];
    case 'infrequent_access':
      return [wholeBucketRule('current-to-standard-ia', { transition: [{ days: iaDays, storageClass: 'STANDARD_IA' }] })];
    case 'none':
      return [];
  }
}
