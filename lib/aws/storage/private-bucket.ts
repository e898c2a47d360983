import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { policyJson, type PolicyStatement } from '../policy-document';
import { denyInsecureTransport } from './bucket-policy-statements';

/** Default encryption of a private bucket. */
export type BucketEncryption =
  /** SSE-KMS with the given key, or the AWS-managed `aws/s3` key when `kmsKeyArn` is undefined. */
  | { readonly type: 'kms'; readonly kmsKeyArn?: string; readonly bucketKey: boolean }
  /** SSE-S3 (AES256). */
  | { readonly type: 's3' };

export interface PrivateBucketProps {
  /** Bucket name, already validated by the caller. */
  readonly bucketName: string;
  /** Adds `prevent_destroy` to the bucket. @default true */
  readonly protectData?: boolean;
  /** Default encryption for objects uploaded without an encryption header. */
  readonly encryption: BucketEncryption;
  /** Statements added after the TLS-only deny; receives the bucket ARN. */
  readonly policyStatements: (bucketArn: string) => PolicyStatement[];
  /** Lifecycle rules; none creates no lifecycle configuration. */
  readonly lifecycleRules: S3BucketLifecycleConfigurationRule[];
  /** @default true */
  readonly versioning?: boolean;
  /** Existing bucket receiving S3 server access logs under `<bucketName>/`. @default - no access logging */
  readonly accessLogBucket?: string;
  /** Object Lock default retention, enabled at bucket creation (requires versioning). @default - no Object Lock */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly days: number };
}

/**
 * An S3 bucket with the settings every lakehouse bucket shares: versioning, default encryption
 * with SSE-C blocked, all four public-access-block flags, ACLs disabled, a TLS-only policy.
 * Each setting is its own resource (the provider's split-resource model).
 */
export class PrivateBucket extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** The bucket policy, for resources that need it in place first (CloudTrail checks it at trail creation). */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: PrivateBucketProps) {
    super(scope, id);
    const versioned = props.versioning ?? true;
    const bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      // Object Lock can only be switched on when the bucket is created.
      ...(props.objectLock ? { objectLockEnabled: true } : {}),
      lifecycle: (props.protectData ?? true) ? { preventDestroy: true } : undefined,
    });
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;

    const versioning = versioned
      ? new S3BucketVersioningA(this, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } })
      : undefined;

    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault:
            props.encryption.type === 'kms'
              ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryption.kmsKeyArn }
              : { sseAlgorithm: 'AES256' },
          ...(props.encryption.type === 'kms' ? { bucketKeyEnabled: props.encryption.bucketKey } : {}),
          // Nothing here uses customer-provided keys; S3 blocks SSE-C on new buckets from 2026 anyway.
          blockedEncryptionTypes: ['SSE-C'],
        },
      ],
    });

    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });

    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });

    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: bucket.id,
      policy: policyJson([denyInsecureTransport(bucket.arn), ...props.policyStatements(bucket.arn)]),
      // PutBucketPolicy and PutPublicAccessBlock on one bucket at once fail with a conflicting-operation error.
      dependsOn: [publicAccess, ownership],
    });

    if (props.lifecycleRules.length > 0) {
      new S3BucketLifecycleConfiguration(this, 'lifecycle', {
        bucket: bucket.id,
        rule: props.lifecycleRules,
        // Noncurrent-version rules need versioning in place first (provider documentation).
        dependsOn: versioning ? [versioning] : undefined,
      });
    }

    if (props.accessLogBucket) {
      new S3BucketLoggingA(this, 'access-logging', {
        bucket: bucket.id,
        targetBucket: props.accessLogBucket,
        targetPrefix: `${props.bucketName}/`,
      });
    }

    if (props.objectLock) {
      new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        bucket: bucket.id,
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
        dependsOn: versioning ? [versioning] : undefined,
      });
    }
  }
}

/** A lifecycle rule applying to the whole bucket (`filter { prefix = "" }`, which no provider version warns about). */
export function wholeBucketRule(
  id: string,
  rule: Omit<S3BucketLifecycleConfigurationRule, 'id' | 'status' | 'filter'>,
): S3BucketLifecycleConfigurationRule {
  return { id, status: 'Enabled', filter: [{ prefix: '' }], ...rule };
}
