import { LoggingProjectSink } from '@cdktf/provider-google/lib/logging-project-sink';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { StorageBucket, type StorageBucketLifecycleRule } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct } from 'constructs';
import type { ObjectLockMode } from '../model/environment';
import { throwIfPropsProblems } from '../errors';
import { compare } from '../model/compare';
import { BIGQUERY_AUDITED_SERVICES, dataAccessFilter, SINK_FILTER_MAX_LENGTH } from './rules/audit-sink';
import { gcsBucketNameProblems } from './rules/names';
import type { LakehouseEncryptionKey } from './lakehouse-encryption-key';
import { privateBucketConfig } from './private-bucket-config';

export { BIGQUERY_AUDITED_SERVICES, dataAccessFilter, SINK_FILTER_MAX_LENGTH } from './rules/audit-sink';

/** Cloud Storage's longest retention period: 3,155,760,000 seconds (100 years). */
export const GCS_MAX_RETENTION_DAYS = 36525;
/** COLDLINE bills at least 90 days per object (https://cloud.google.com/storage/docs/storage-classes#coldline). */
export const COLDLINE_MINIMUM_DAYS = 90;

export interface StorageAuditTrailProps {
  /** Project whose Cloud Storage Data Access logs are enabled and exported. */
  readonly projectId: string;
  /** The audited bucket (the lakehouse bucket); the sink keeps its Cloud Storage data-access entries. */
  readonly auditedBucketName: string;
  /**
   * Literal ids of the lakehouse's BigQuery datasets: the sink also keeps BigQuery's and the Storage
   * Read API's data-access entries for their tables. Reads through BigQuery reach Cloud Storage as
   * the BigLake connection's service account; only these entries name the principal who read.
   * @default [] (Cloud Storage entries only)
   */
  readonly bigQueryDatasets?: readonly string[];
  /** Name of the audit bucket created here. */
  readonly bucketName: string;
  /** Audit bucket location. */
  readonly location: string;
  /** Retention policy of the audit bucket in days (1 to 36,525); objects are deleted once it ends. */
  readonly retentionDays: number;
  /**
   * `compliance` locks the retention policy: irreversible, the bucket can then never be deleted
   * before its newest object's retention ends and the period can only grow. `governance` and
   * `none` keep the same retention policy unlocked (a project owner can still shorten or remove it).
   * @default 'none'
   */
  readonly objectLock?: ObjectLockMode;
  /**
   * Days before audit objects move to COLDLINE; skipped when they would leave COLDLINE (deleted at
   * `retentionDays`) before its 90-day minimum, which would bill days never stored. @default 365
   */
  readonly coldlineAfterDays?: number;
  /**
   * Enable Data Access audit logs (DATA_READ, DATA_WRITE) on the project for storage.googleapis.com
   * and, with `bigQueryDatasets`, bigquery.googleapis.com and bigquerystorage.googleapis.com.
   * Cloud Storage's are off by default (without them the sink exports nothing); BigQuery's are on by
   * default for some BigQuery services, and the explicit config keeps them on whatever that default.
   * Each `google_project_iam_audit_config` is authoritative for its service: other DATA_READ /
   * DATA_WRITE settings for it on the project (exempted members included) are replaced.
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
 * Who read or wrote which lakehouse data: Data Access audit logs for Cloud Storage (and for BigQuery
 * and the Storage Read API with `bigQueryDatasets`), a log sink keeping the lakehouse bucket's and
 * datasets' data-access entries, and a dedicated retention-policy bucket the sink's own writer
 * identity may only create objects in, deleting objects when their retention ends.
 */
export class StorageAuditTrail extends Construct {
  readonly bucket: StorageBucket;
  readonly sink: LoggingProjectSink;
  /** `roles/storage.objectCreator` for the sink's writer identity on the audit bucket only. */
  readonly sinkGrant: StorageBucketIamMember;
  /** Data Access audit configs by service (storage first, then the BigQuery services); empty when disabled. */
  readonly auditConfigs: readonly ProjectIamAuditConfig[];

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
    const datasets = [...new Set(props.bigQueryDatasets ?? [])].sort(compare);
    for (const d of datasets.filter((d) => !/^[A-Za-z0-9_]{1,1024}$/.test(d)))
      problems.push(`bigQueryDatasets: '${d}' is not a literal BigQuery dataset id (letters, digits, '_')`);
    const filter = dataAccessFilter(props.projectId, props.auditedBucketName, datasets);
    if (filter.length > SINK_FILTER_MAX_LENGTH)
      problems.push(
        `the sink filter for ${datasets.length} datasets is ${filter.length} characters; Cloud Logging allows ${SINK_FILTER_MAX_LENGTH}: use fewer namespaces per environment`,
      );
    throwIfPropsProblems(this, 'StorageAuditTrail', problems);

    const services = ['storage.googleapis.com', ...(datasets.length > 0 ? BIGQUERY_AUDITED_SERVICES : [])];
    this.auditConfigs =
      (props.enableDataAccessLogs ?? true) ? services.map((service) => this.dataAccessLogs(props.projectId, service)) : [];
    this.bucket = new StorageBucket(this, 'bucket', {
      ...privateBucketConfig(props),
      retentionPolicy: {
        retentionPeriod: props.retentionDays * 86400,
        // Locking cannot be undone; only the compliance mode asks for it.
        isLocked: props.objectLock === 'compliance',
      },
      lifecycleRule: auditLifecycle(props.retentionDays, coldlineAfterDays),
    });

    this.sink = new LoggingProjectSink(this, 'sink', {
      project: props.projectId,
      name: props.sinkName,
      destination: `storage.googleapis.com/${this.bucket.name}`,
      filter,
      uniqueWriterIdentity: true,
      description:
        datasets.length > 0
          ? `Data-access entries of ${props.auditedBucketName} (Cloud Storage) and of the lakehouse datasets (BigQuery, Storage Read API)`
          : `Cloud Storage data-access entries of ${props.auditedBucketName}`,
    });
    // writer_identity already carries the 'serviceAccount:' prefix.
    this.sinkGrant = new StorageBucketIamMember(this, 'sink-writer', {
      bucket: this.bucket.name,
      role: 'roles/storage.objectCreator',
      member: this.sink.writerIdentity,
    });
  }

  private dataAccessLogs(project: string, service: string): ProjectIamAuditConfig {
    return new ProjectIamAuditConfig(
      this,
      service === 'storage.googleapis.com' ? 'data-access-logs' : `data-access-logs-${service.split('.')[0]}`,
      {
        project,
        service,
        auditLogConfig: [{ logType: 'DATA_READ' }, { logType: 'DATA_WRITE' }],
      },
    );
  }
}

/**
 * Expire audit objects when their retention ends (the retention policy refuses earlier deletes),
 * after COLDLINE only when they would stay there its minimum (COLDLINE_MINIMUM_DAYS).
 */
export function auditLifecycle(retentionDays: number, coldlineAfterDays: number): StorageBucketLifecycleRule[] {
  const coldline: StorageBucketLifecycleRule[] =
    retentionDays - coldlineAfterDays >= COLDLINE_MINIMUM_DAYS
      ? [
          {
            action: { type: 'SetStorageClass', storageClass: 'COLDLINE' },
            condition: { age: coldlineAfterDays, matchesStorageClass: ['STANDARD'] },
          },
        ]
      : [];
  return [...coldline, { action: { type: 'Delete' }, condition: { age: retentionDays } }];
}
