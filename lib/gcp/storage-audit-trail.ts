import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct } from 'constructs';
import type { ObjectLockMode } from '../model/environment';
import { throwIfPropsProblems } from '../errors';
import { gcsBucketNameProblems } from './rules/names';
import type { LakehouseEncryptionKey } from './lakehouse-encryption-key';
import { privateBucketConfig } from './private-bucket-config';

/** Cloud Storage's longest retention period: 3,155,760,000 seconds (100 years). */
export const GCS_MAX_RETENTION_DAYS = 36525;

export interface StorageAuditTrailProps {
  /** Project whose Cloud Storage Data Access logs are enabled and exported. */
  readonly projectId: string;
  /** The audited bucket (the lakehouse bucket); the sink keeps only its entries. */
  readonly auditedBucketName: string;
  /** Name of the audit bucket created here. */
  readonly bucketName: string;
  /** Audit bucket location. */
  readonly location: string;
  /** Retention policy of the audit bucket in days (1 to 36,525). */
  readonly retentionDays: number;
  /**
   * `compliance` locks the retention policy: irreversible, the bucket can then never be deleted
   * before its newest object's retention ends and the period can only grow. `governance` and
   * `none` keep the same retention policy unlocked (a project owner can still shorten or remove it).
   * @default 'none'
   */
  readonly objectLock?: ObjectLockMode;
  /** Days before audit objects move to COLDLINE. @default 365 */
  readonly coldlineAfterDays?: number;
  /**
   * Enable Data Access audit logs (DATA_READ, DATA_WRITE) for storage.googleapis.com on the project.
   * They are off by default, so without them the sink exports nothing. The project's audit config
   * for Cloud Storage is authoritative: other DATA_READ/DATA_WRITE settings for it are replaced.
   * @default true
   */
  readonly enableDataAccessLogs?: boolean;
  /** Log sink name (up to 100 letters, digits, `_`, `-` or `.`). */
  readonly sinkName: string;
  /** @default - Google-managed encryption */
  readonly encryptionKey?: LakehouseEncryptionKey;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** `prevent_destroy` on the audit bucket. @default true */
  readonly protectData?: boolean;
}

/**
 * Who read or wrote which lakehouse object: Data Access audit logs for Cloud Storage, a log sink
 * keeping the lakehouse bucket's data-access entries, and a dedicated retention-policy bucket the
 * sink's own writer identity may only create objects in.
 */
export class StorageAuditTrail extends Construct {
  readonly bucket: StorageBucket;
  readonly sink: LoggingProjectSink;
  /** `roles/storage.objectCreator` for the sink's writer identity on the audit bucket only. */
  readonly sinkGrant: StorageBucketIamMember;
  readonly auditConfig?: ProjectIamAuditConfig;

  constructor(scope: Construct, id: string, props: StorageAuditTrailProps) {
    super(scope, id);
    const coldlineAfterDays = props.coldlineAfterDays ?? 365;
    const problems: string[] = gcsBucketNameProblems(props.bucketName).map((p) => `bucketName '${props.bucketName}' ${p}`);
    if (!Number.isInteger(props.retentionDays) || props.retentionDays < 1 || props.retentionDays > GCS_MAX_RETENTION_DAYS) {
      problems.push(
        `retentionDays: ${props.retentionDays} (audit.retention_days); Cloud Storage retention policies allow 1 to ${GCS_MAX_RETENTION_DAYS} days (100 years)`,
      );
    }
    if (!Number.isInteger(coldlineAfterDays) || coldlineAfterDays < 1)
      problems.push(`coldlineAfterDays: ${coldlineAfterDays} is not a whole number of days >= 1`);
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(props.sinkName))
      problems.push(`sinkName '${props.sinkName}': use up to 100 letters, digits, '_', '-' or '.'`);
    throwIfPropsProblems(this, 'StorageAuditTrail', problems);

    if (props.enableDataAccessLogs ?? true) {
      this.auditConfig = new ProjectIamAuditConfig(this, 'data-access-logs', {
        project: props.projectId,
        service: 'storage.googleapis.com',
        auditLogConfig: [{ logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
      });
    }

    this.bucket = new StorageBucket(this, 'bucket', {
      ...privateBucketConfig(props),
      retentionPolicy: {
        retentionPeriod: props.retentionDays * 86400,
        // Locking cannot be undone; only the compliance mode asks for it.
        isLocked: props.objectLock === 'compliance',
      },
      lifecycleRule: [
        {
          action: { type: 'SetStorageClass', storageClass: 'COLDLINE' },
          condition: { age: coldlineAfterDays, matchesStorageClass: ['STANDARD'] },
        },
      ],
    });

    this.sink = new LoggingProjectSink(this, 'sink', {
      project: props.projectId,
      name: props.sinkName,
      destination: `storage.googleapis.com/${this.bucket.name}`,
      filter: dataAccessFilter(props.projectId, props.auditedBucketName),
      uniqueWriterIdentity: true,
      description: `Cloud Storage data-access entries of ${props.auditedBucketName}`,
    });
    // writer_identity already carries the 'serviceAccount:' prefix.
    this.sinkGrant = new StorageBucketIamMember(this, 'sink-writer', {
      bucket: this.bucket.name,
      role: 'roles/storage.objectCreator',
      member: this.sink.writerIdentity,
    });
  }
}

/** Data Access audit entries of one bucket. */
export function dataAccessFilter(projectId: string, bucketName: string): string {
  return [
    `logName="projects/${projectId}/logs/cloudaudit.googleapis.com%2Fdata_access"`,
    'resource.type="gcs_bucket"',
    `resource.labels.bucket_name="${bucketName}"`,
  ].join(' AND ');
}
