import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { s3BucketNameProblems } from '../rules/names';
import { AwsContext } from '../aws-context';
import { cloudTrailDeliveryStatements } from './bucket-policy-statements';
import type { LakehouseStorageRef } from './lakehouse-storage-ref';
import { PrivateBucket, wholeBucketRule } from './private-bucket';
import { defaultAuditBucketName, defaultAuditTrailName, trailNameProblems } from './storage-names';
import { integerProblems, nameProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';

/** Where the trail also delivers its events (see `AccessDeniedAlarm.trailDelivery`). */
export interface TrailLogDelivery {
  /** Log group ARN ending with `:*` (the form CloudTrail expects). */
  readonly logGroupArn: string;
  /** Role trusted by cloudtrail.amazonaws.com that may write to the log group. */
  readonly roleArn: string;
  /** Resources the trail must wait for (the role's policy: CloudTrail checks it at creation). */
  readonly dependsOn: readonly ITerraformDependable[];
}

export interface AuditTrailProps {
  /** `<project>-<env>`: the prefix of every name. */
  readonly prefix: string;
  /** Adds `prevent_destroy` to the audit bucket. @default true */
  readonly protectData?: boolean;
  /** The lakehouse bucket whose object reads and writes are recorded. */
  readonly lakehouse: LakehouseStorageRef;
  /** @default `<prefix>-audit-trail` */
  readonly bucketName?: string;
  /** @default `<prefix>-lakehouse-audit` (the name LakehouseKey's policy expects) */
  readonly trailName?: string;
  /**
   * Customer-managed key for the log files (needs LakehouseKey's CloudTrail statements) and the
   * audit bucket's default encryption.
   * @default - log files and bucket use SSE-S3
   */
  readonly kmsKeyArn?: string;
  /** Days log files are kept (current versions expire after it). HIPAA asks for at least 6 years. @default 2557 */
  readonly retentionDays?: number;
  /**
   * Days before log files move to STANDARD_IA (at least 30). Skipped when `retentionDays` ends
   * before the class's 30-day minimum storage duration (see `auditLogTransitions`).
   * @default 90
   */
  readonly infrequentAccessDays?: number;
  /**
   * Days before log files move to GLACIER (at least 30 after STANDARD_IA). Skipped when
   * `retentionDays` ends before the class's 90-day minimum storage duration.
   * @default 365
   */
  readonly glacierDays?: number;
  /** Days noncurrent (deleted or overwritten) log versions are kept, the window to notice tampering. @default 90 */
  readonly noncurrentExpirationDays?: number;
  /**
   * WORM protection of log files for `retentionDays`, set at bucket creation (changing it replaces
   * the bucket). `governance` can be bypassed with s3:BypassGovernanceRetention; `compliance` by nobody.
   * @default 'none'
   */
  readonly objectLock?: 'none' | 'governance' | 'compliance';
  /** Also record management events (the first copy of management events in an account is free). @default false */
  readonly includeManagementEvents?: boolean;
  /**
   * Also record write management events (a second event selector), e.g. Glue UpdateTable and
   * DeleteTable, which EventBridge receives only while a trail records them (the Glue table change
   * alarm). Ignored when `includeManagementEvents` records them all. @default false
   */
  readonly includeWriteManagementEvents?: boolean;
  /** Also deliver events to CloudWatch Logs. @default - S3 only */
  readonly cloudWatchLogs?: TrailLogDelivery;
  /** Existing bucket receiving the audit bucket's S3 server access logs (must not have Object Lock). @default - no access logging */
  readonly accessLogBucket?: string;
  /** Where the values come from (e.g. the environment file), named in error messages. @default - not named */
  readonly origin?: string;
}

/**
 * A CloudTrail trail recording every object-level read and write on the lakehouse bucket, into
 * its own private bucket with log file validation (signed hourly digests).
 */
export class AuditTrail extends Construct {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly trailArn: string;
  readonly trailName: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const settings: AuditTrailSettings = {
      bucketName: props.bucketName ?? defaultAuditBucketName(props.prefix),
      trailName: props.trailName ?? defaultAuditTrailName(props.prefix),
      retentionDays: props.retentionDays ?? 2557,
      iaDays: props.infrequentAccessDays ?? 90,
      glacierDays: props.glacierDays ?? 365,
      noncurrentDays: props.noncurrentExpirationDays ?? 90,
      objectLock: props.objectLock ?? 'none',
      includeManagementEvents: props.includeManagementEvents ?? false,
    };
    throwIfPropsProblems(this, 'AuditTrail', auditTrailProblems(props, settings), props.origin);

    const context = AwsContext.of(this);
    // Built from strings: the bucket policy must exist before the trail, so it cannot reference it.
    const trailArn = context.arn('cloudtrail', `trail/${settings.trailName}`);
    const bucket = this.logBucket(props, settings, trailArn);
    const trail = this.createTrail(props, settings, bucket);

    this.bucketName = bucket.bucketName;
    this.bucketArn = bucket.bucketArn;
    this.trailArn = trail.arn;
    this.trailName = settings.trailName;
  }

  /** The private bucket the trail delivers to: lifecycle by retention, optional Object Lock. */
  private logBucket(props: AuditTrailProps, settings: AuditTrailSettings, trailArn: string): PrivateBucket {
    const { retentionDays, objectLock } = settings;
    const transitions = auditLogTransitions(retentionDays, settings.iaDays, settings.glacierDays);
    const accountId = AwsContext.of(this).accountId;
    return new PrivateBucket(this, 'storage', {
      bucketName: settings.bucketName,
      protectData: props.protectData ?? true,
      // No Bucket Key here: with one, S3 asks KMS for a bucket-level key under the bucket's
      // encryption context, which the key policy's aws:cloudtrail:arn condition would refuse.
      // Log volume is small, so per-object KMS requests cost little.
      encryption: props.kmsKeyArn ? { type: 'kms', kmsKeyArn: props.kmsKeyArn, bucketKey: false } : { type: 's3' },
      policyStatements: (arn) => cloudTrailDeliveryStatements(arn, trailArn, accountId),
      lifecycleRules: [
        wholeBucketRule('archive-and-expire-logs', {
          ...(transitions.length > 0 ? { transition: transitions } : {}),
          expiration: [{ days: retentionDays }],
        }),
        wholeBucketRule('expire-noncurrent-versions', { noncurrentVersionExpiration: [{ noncurrentDays: settings.noncurrentDays }] }),
        wholeBucketRule('abort-incomplete-multipart-uploads', { abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }] }),
      ],
      accessLogBucket: props.accessLogBucket,
      objectLock:
        objectLock === 'none' ? undefined : { mode: objectLock === 'governance' ? 'GOVERNANCE' : 'COMPLIANCE', days: retentionDays },
    });
  }

  /** The trail: object-level events of the lakehouse bucket, optionally write management events too. */
  private createTrail(props: AuditTrailProps, settings: AuditTrailSettings, bucket: PrivateBucket): Cloudtrail {
    const { includeManagementEvents } = settings;
    return new Cloudtrail(this, 'trail', {
      name: settings.trailName,
      s3BucketName: bucket.bucketName,
      enableLogFileValidation: true,
      // Data events are recorded in the bucket's region, so a single-region trail sees them all;
      // multi-region would only add management events of other regions.
      isMultiRegionTrail: false,
      includeGlobalServiceEvents: includeManagementEvents,
      kmsKeyId: props.kmsKeyArn,
      cloudWatchLogsGroupArn: props.cloudWatchLogs?.logGroupArn,
      cloudWatchLogsRoleArn: props.cloudWatchLogs?.roleArn,
      eventSelector: [
        {
          readWriteType: 'All',
          includeManagementEvents,
          // The trailing slash selects every object of this one bucket.
          dataResource: [{ type: 'AWS::S3::Object', values: [`${props.lakehouse.bucketArn}/`] }],
        },
        ...(props.includeWriteManagementEvents && !includeManagementEvents
          ? [{ readWriteType: 'WriteOnly', includeManagementEvents: true }]
          : []),
      ],
      // CloudTrail verifies at creation that it may write to the bucket (and the log group).
      dependsOn: [bucket.policy, ...(props.cloudWatchLogs?.dependsOn ?? [])],
    });
  }
}

/** The trail's names, lifecycle and options with their defaults applied. */
interface AuditTrailSettings {
  readonly bucketName: string;
  readonly trailName: string;
  readonly retentionDays: number;
  readonly iaDays: number;
  readonly glacierDays: number;
  readonly noncurrentDays: number;
  readonly objectLock: 'none' | 'governance' | 'compliance';
  readonly includeManagementEvents: boolean;
}

/** Longest retention of audit log files (the environment schema's `audit.retention_days` maximum, 100 years). */
const AUDIT_MAX_RETENTION_DAYS = 36500;

function auditTrailProblems(props: AuditTrailProps, settings: AuditTrailSettings): string[] {
  const { bucketName, trailName, objectLock } = settings;
  return [
    ...nameProblems(
      'bucketName',
      bucketName,
      s3BucketNameProblems,
      props.bucketName === undefined ? `derived from prefix '${props.prefix}'` : '',
    ),
    ...nameProblems('trailName', trailName, trailNameProblems),
    ...lifecycleProblems(settings.iaDays, settings.glacierDays, settings.retentionDays, settings.noncurrentDays),
    ...(['none', 'governance', 'compliance'].includes(objectLock)
      ? []
      : [`objectLock is '${objectLock}'; use 'none', 'governance' or 'compliance'`]),
    ...(props.cloudWatchLogs && !props.cloudWatchLogs.logGroupArn.endsWith(':*')
      ? [`cloudWatchLogs.logGroupArn '${props.cloudWatchLogs.logGroupArn}' must end with ':*' (CloudTrail expects the log-stream wildcard)`]
      : []),
  ];
}

function lifecycleProblems(iaDays: number, glacierDays: number, retentionDays: number, noncurrentDays: number): string[] {
  const out = [
    ...integerProblems('infrequentAccessDays', iaDays, MINIMUM_STORAGE_DAYS.STANDARD_IA),
    ...integerProblems('glacierDays', glacierDays, 1),
    ...integerProblems('retentionDays', retentionDays, 1, AUDIT_MAX_RETENTION_DAYS),
    ...integerProblems('noncurrentExpirationDays', noncurrentDays, 1),
  ];
  if (out.length > 0) return out;
  // S3 rejects a STANDARD_IA transition of objects younger than the class's minimum storage duration,
  // and a GLACIER transition less than that long after STANDARD_IA. A retention that ends before a
  // transition is fine: auditLogTransitions leaves that class out.
  const iaMinimum = MINIMUM_STORAGE_DAYS.STANDARD_IA;
  if (glacierDays < iaDays + iaMinimum) {
    out.push(`glacierDays (${glacierDays}) must be at least infrequentAccessDays + ${iaMinimum} (${iaDays + iaMinimum})`);
  }
  return out;
}

/**
 * Minimum storage duration S3 bills for each class: an object deleted (or moved on) earlier is
 * charged as if it had stayed that long (Amazon S3 user guide, "Comparing the Amazon S3 storage
 * classes"; Amazon S3 pricing).
 */
export const MINIMUM_STORAGE_DAYS = { STANDARD_IA: 30, GLACIER: 90 } as const;

/**
 * The transitions of the audit log files, chosen by the retention: a class is used only when a log
 * file then stays in it for at least the class's minimum storage duration before it expires, so a
 * short (non-production) retention never pays for storage it does not use. Expired files remain as
 * noncurrent versions for `noncurrentExpirationDays` more; that tail is not counted (conservative).
 */
export function auditLogTransitions(
  retentionDays: number,
  infrequentAccessDays: number,
  glacierDays: number,
): { days: number; storageClass: 'STANDARD_IA' | 'GLACIER' }[] {
  const glacier = retentionDays >= glacierDays + MINIMUM_STORAGE_DAYS.GLACIER;
  // Time in STANDARD_IA ends at the GLACIER transition (MINIMUM_STORAGE_DAYS.STANDARD_IA or more days
  // later, checked by lifecycleProblems) or at expiry.
  const infrequent = glacier || retentionDays >= infrequentAccessDays + MINIMUM_STORAGE_DAYS.STANDARD_IA;
  return [
    ...(infrequent ? [{ days: infrequentAccessDays, storageClass: 'STANDARD_IA' as const }] : []),
    ...(glacier ? [{ days: glacierDays, storageClass: 'GLACIER' as const }] : []),
  ];
}
