import { StorageBucket, type StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../errors';
import type { StorageTiering } from '../model/environment';
import { gcsBucketNameProblems } from './rules/names';
import type { LakehouseEncryptionKey } from './lakehouse-encryption-key';
import { privateBucketConfig } from './private-bucket-config';

/** The soft delete windows Cloud Storage accepts, in days (besides 0, which turns soft delete off). */
const SOFT_DELETE_DAYS = { min: 7, max: 90 } as const;

export interface LakehouseBucketProps {
  /** Global bucket name, checked against Cloud Storage naming rules. */
  readonly bucketName: string;
  /** Bucket location; BigQuery datasets using the bucket must be in the same location. */
  readonly location: string;
  /** @default - the provider's project */
  readonly projectId?: string;
  /**
   * Object versioning. BigQuery-managed Iceberg tables refuse buckets with versioning, so it
   * cannot be combined with `bigQueryManagedTables`.
   * @default false
   */
  readonly versioning?: boolean;
  /**
   * Whether any BigQuery-managed Iceberg table stores its data here. Such buckets must not use
   * object versioning, a retention policy or bucket lock (BigQuery deletes files it rewrites).
   * @default false
   */
  readonly bigQueryManagedTables?: boolean;
  /**
   * How live objects change storage class. `auto`: Cloud Storage Autoclass (terminal class
   * NEARLINE) moves each object by its own reads, with no retrieval or early-deletion fees;
   * `infrequent`: every object moves to NEARLINE `infrequentAccessDays` after it was written, and
   * each later read pays Nearline's retrieval fee; `none`: objects stay STANDARD.
   * @default 'automatic'
   */
  readonly tiering?: StorageTiering;
  /** With `tiering: 'infrequent_access'`: days before current objects move from STANDARD to NEARLINE. @default 90 */
  readonly infrequentAccessDays?: number;
  /** Days before incomplete multipart uploads are aborted. @default 7 */
  readonly abortIncompleteMultipartDays?: number;
  /** Days before noncurrent versions are deleted (only with versioning). @default 30 */
  readonly noncurrentExpirationDays?: number;
  /** Soft delete window in days (7-90): deleted objects stay restorable that long. @default 7 */
  readonly softDeleteDays?: number;
  /** Customer-managed key; the bucket then waits for the key's grant to the storage agent. @default - Google-managed encryption */
  readonly encryptionKey?: LakehouseEncryptionKey;
  /** @default {} (the provider's default labels still apply) */
  readonly labels?: Readonly<Record<string, string>>;
  /** `prevent_destroy` on the bucket. @default true */
  readonly protectData?: boolean;
}

/**
 * The lakehouse bucket: uniform bucket-level access, public access prevention enforced, soft
 * delete kept, storage classes by `tiering` (Autoclass by default), lifecycle
 * (aborted multipart uploads, noncurrent versions), optional CMEK.
 */
export class LakehouseBucket extends Construct {
  readonly bucket: StorageBucket;
  /** The bucket name as a reference: grants using it are created after the bucket. */
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: LakehouseBucketProps) {
    super(scope, id);
    const versioning = props.versioning ?? false;
    const days = {
      infrequentAccessDays: props.infrequentAccessDays ?? 90,
      abortIncompleteMultipartDays: props.abortIncompleteMultipartDays ?? 7,
      noncurrentExpirationDays: props.noncurrentExpirationDays ?? 30,
    };
    const softDeleteDays = props.softDeleteDays ?? 7;
    const transition = props.tiering ?? 'automatic';
    const problems: string[] = gcsBucketNameProblems(props.bucketName).map((p) => `bucketName '${props.bucketName}' ${p}`);
    if (versioning && props.bigQueryManagedTables) {
      problems.push(
        'versioning: true (storage.versioning in the environment) cannot be combined with BigQuery-managed Iceberg tables, ' +
          'which refuse buckets with object versioning; set storage.versioning: false, or give every template a gcp.metadata_uri (external tables)',
      );
    }
    for (const [name, value] of Object.entries(days)) {
      if (!Number.isInteger(value) || value < 1) problems.push(`${name}: ${value} is not a whole number of days >= 1`);
    }
    const { min, max } = SOFT_DELETE_DAYS;
    if (!Number.isInteger(softDeleteDays) || softDeleteDays < min || softDeleteDays > max) {
      problems.push(`softDeleteDays: ${softDeleteDays}; Cloud Storage keeps soft-deleted objects ${min} to ${max} days`);
    }
    if (!['automatic', 'infrequent_access', 'none'].includes(transition))
      problems.push(`tiering: '${transition}' (storage.tiering); use automatic, infrequent_access or none`);
    throwIfPropsProblems(this, 'LakehouseBucket', problems);

    // Autoclass refuses SetStorageClass lifecycle actions; only `infrequent` has one.
    const lifecycleRule: StorageBucketLifecycleRule[] = [
      ...(transition === 'infrequent_access'
        ? [
            {
              action: { type: 'SetStorageClass', storageClass: 'NEARLINE' },
              condition: { age: days.infrequentAccessDays, matchesStorageClass: ['STANDARD'] },
            },
          ]
        : []),
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: days.abortIncompleteMultipartDays } },
    ];
    if (versioning) {
      lifecycleRule.push({
        action: { type: 'Delete' },
        condition: { daysSinceNoncurrentTime: days.noncurrentExpirationDays, withState: 'ARCHIVED' },
      });
    }

    this.bucket = new StorageBucket(this, 'bucket', {
      ...privateBucketConfig(props),
      versioning: { enabled: versioning },
      // NEARLINE as the coldest class: a read of an object Autoclass cooled costs Nearline's read
      // operation price, never a retrieval fee; ARCHIVE would make first reads of old partitions dearer.
      autoclass: transition === 'automatic' ? { enabled: true, terminalStorageClass: 'NEARLINE' } : undefined,
      softDeletePolicy: { retentionDurationSeconds: softDeleteDays * 86400 },
      lifecycleRule,
    });
    this.bucketName = this.bucket.name;
  }
}
