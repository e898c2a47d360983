/**
 * The environment model: one deployment per `environments/*.yaml`, turned into typed settings with
 * every default applied. The cloud constructs take these settings (or the same shape built in code).
 */

import type { NessieAuthSettings } from './nessie-auth';

export type Cloud = 'aws' | 'gcp';
export type Catalog = 'glue' | 'nessie' | 'biglake';
export type ComplianceProfile = 'none' | 'soc2' | 'hipaa';
export type ObjectLockMode = 'none' | 'governance' | 'compliance';
/**
 * How current objects of the lakehouse bucket change storage class (cloud-neutral):
 * - `automatic`: the cloud moves each object by its own access pattern, with no retrieval fee
 *   (S3 Intelligent-Tiering from day 0; GCS Autoclass);
 * - `infrequent_access`: every object moves to the infrequent-access class after
 *   `infrequentAccessDays`, and every later read pays a retrieval fee (STANDARD_IA; NEARLINE);
 * - `none`: objects stay in the standard class.
 */
export type StorageTiering = 'automatic' | 'infrequent_access' | 'none';

export interface StorageSettings {
  /** @default `<project>-<env>-lakehouse` */
  readonly bucketName: string;
  /** Prefix under which table data lives: `s3://<bucket>/<warehousePrefix>/<namespace>/<table>/`. @default 'warehouse' */
  readonly warehousePrefix: string;
  /** @default true (forced off for BigQuery-managed Iceberg buckets on GCP) */
  readonly versioning: boolean;
  /** @default 7 */
  readonly abortIncompleteMultipartDays: number;
  /** How current objects change storage class; see `StorageTiering`. @default 'automatic' */
  readonly tiering: StorageTiering;
  /** With `tiering: infrequent_access`: days before current objects move to STANDARD_IA (AWS) or NEARLINE (GCP). @default 90 */
  readonly infrequentAccessDays: number;
  /** @default 30 */
  readonly noncurrentExpirationDays: number;
}

export interface AuditSettings {
  /** @default true */
  readonly enabled: boolean;
  /** @default 2557 (7 years) */
  readonly retentionDays: number;
  /** @default 'none' */
  readonly objectLock: ObjectLockMode;
  /** CloudWatch metric filter + alarm on AccessDenied against the lakehouse bucket. @default true when `alarms.sns_topic_arn` is set */
  readonly accessAlerts: boolean;
}

export interface LoggingSettings {
  /** CloudWatch Logs retention (a value CloudWatch accepts). @default 365 */
  readonly retentionDays: number;
  /** Existing bucket receiving S3 server access logs. @default - no access logging */
  readonly accessLogBucket?: string;
}

export interface AccessSettings {
  /** Lake Formation data lake administrators besides the principal running Terraform. @default [] */
  readonly lakeFormationAdmins: readonly string[];
  /**
   * Principals (account ids, IAM root/role/user ARNs) that may assume the reader role, and no other
   * tier's role. @default [] (the reader role trusts the account root: IAM decides)
   */
  readonly readers: readonly string[];
  /** Principals that may assume the writer role, and no other tier's role. @default [] (the account root) */
  readonly writers: readonly string[];
  /** Principals that may assume the admin role, and no other tier's role. @default [] (the account root) */
  readonly admins: readonly string[];
  /** Manage the account-wide Lake Formation data-lake settings. @default false */
  readonly manageAccountSettings: boolean;
  /**
   * AWS: managed policies one tier role may carry, once the account's IAM quota allows it.
   * @default - IAM's default quota (the AWS constructs apply it)
   */
  readonly maxManagedPoliciesPerRole?: number;
}

export interface NessieSettings {
  /** @default NESSIE_DEFAULT_IMAGE_TAG */
  readonly imageTag: string;
  /** Fargate CPU units. @default 1024 */
  readonly cpu: number;
  /** Fargate memory (MiB). @default 2048 */
  readonly memory: number;
  /** @default 2 */
  readonly minCount: number;
  /** @default 4 */
  readonly maxCount: number;
  /** @default true */
  readonly internal: boolean;
  /** @default ['10.0.0.0/8'] */
  readonly allowedCidrs: readonly string[];
  /** @default - no HTTPS listener (HTTP only: development) */
  readonly certificateArn?: string;
  /** @default '10.0.0.0/16' */
  readonly vpcCidr: string;
  /** @default 'single' */
  readonly natGateways: 'single' | 'per_az';
  /** DynamoDB table prefix: `<prefix>_refs`, `<prefix>_objs`. @default `<project>_<env>_nessie` */
  readonly tablePrefix: string;
  /** @default - no ALB access logs */
  readonly accessLogBucket?: string;
  /**
   * DNS name clients use (covered by the certificate, pointed at the ALB by you).
   * @default - the ALB's own DNS name (fine over HTTP; with HTTPS no certificate covers it)
   */
  readonly hostName?: string;
  /** Route 53 hosted zone that gets an alias record `hostName` → the ALB. @default - no DNS record */
  readonly route53ZoneId?: string;
  /** Authentication and per-tier authorization (see lib/model/nessie-auth.ts). */
  readonly auth: NessieAuthSettings;
}

export interface GcpSettings {
  readonly projectId: string;
  /** Location of the buckets, datasets, connection, key ring and taxonomy. @default the environment's region */
  readonly location: string;
  /**
   * Enable the Google Cloud APIs the lakehouse uses (`google_project_service`, never disabled on
   * destroy). Off where an organisation enables APIs centrally. @default true
   */
  readonly manageApis: boolean;
  /**
   * Acknowledges that BigQuery cannot enforce `append_only` (a DML DELETE needs only
   * `bigquery.tables.updateData`, like an INSERT): without it, append-only BigQuery-managed
   * tables are refused. @default false
   */
  readonly acceptUnenforcedAppendOnly: boolean;
}

export interface DriftSettings {
  /**
   * Scheduled schema drift checks of the live tables against their templates, with an alarm.
   * @default true when alarms have a destination (`alarms.sns_topic_arn` on AWS,
   * `alarms.notification_channel` on GCP), except on Nessie with `nessie.auth.mode: external`
   * (the check authenticates with the stack's Cognito client)
   */
  readonly enabled: boolean;
  /**
   * When the check runs. AWS: an EventBridge Scheduler `rate(...)` or `cron(...)` expression (UTC);
   * GCP: a Data Transfer Service schedule such as `every 1 hours` or `every day 06:30` (UTC).
   * @default `rate(1 hour)` on AWS, `every 1 hours` on GCP
   */
  readonly schedule: string;
}

export interface PolicySuppression {
  readonly rule: string;
  /**
   * Construct path of the resource, or of a construct above it (every resource beneath is
   * covered), relative to the stack: `lakehouse/bucket/storage/bucket`. The environment (stack)
   * name for stack-wide rules. Construct paths survive refactors; hashed Terraform addresses do not.
   */
  readonly path: string;
  readonly reason: string;
}

export interface BackendSettings {
  readonly s3?: {
    readonly bucket: string;
    readonly key: string;
    readonly region?: string;
    readonly dynamodbTable?: string;
    readonly useLockfile?: boolean;
    readonly kmsKeyId?: string;
  };
  readonly gcs?: { readonly bucket: string; readonly prefix?: string };
}

export interface EnvironmentConfig {
  /** Path of the environment file, for error messages. @default '(code)' */
  readonly file: string;
  readonly name: string;
  readonly project: string;
  readonly cloud: Cloud;
  readonly catalog: Catalog;
  readonly region: string;
  /**
   * Accept a `region` (and `gcp.location`) that is not in the library's region list
   * (lib/regions/cloud-regions.json), for regions newer than the list. @default false
   */
  readonly allowUnlistedRegion: boolean;
  readonly tags: Readonly<Record<string, string>>;
  /** @default 'none' */
  readonly compliance: ComplianceProfile;
  /** Keep stateful resources from being destroyed (`prevent_destroy`, deletion protection). @default true */
  readonly protectData: boolean;
  /** AWS: raising it re-runs every table's provisioning as an update against the live table. @default 0 */
  readonly provisioningRevision?: number;
  /** @default - local state */
  readonly backend?: BackendSettings;
  /** A customer-managed KMS key (AWS) or Cloud KMS key (GCP) per environment. @default true on AWS, false on GCP */
  readonly customerManagedKey: boolean;
  readonly storage: StorageSettings;
  readonly audit: AuditSettings;
  readonly logging: LoggingSettings;
  readonly access: AccessSettings;
  readonly nessie: NessieSettings;
  /** AWS: SNS topic of alarm actions. @default - no alarm actions */
  readonly snsTopicArn?: string;
  /** GCP: Cloud Monitoring notification channel of alert policies. @default - alerts notify nobody */
  readonly notificationChannel?: string;
  readonly drift: DriftSettings;
  /** Required when cloud is gcp. */
  readonly gcp?: GcpSettings;
  /** @default [] */
  readonly suppressions: readonly PolicySuppression[];
}

/** Nessie server release pinned by default: the newest release with public evidence here (images pinned at 0.108.4); see docs/aws-nessie.md. */
export const NESSIE_DEFAULT_IMAGE_TAG = '0.108.4';

/**
 * Defaults of the `nessie` block, applied by the environment loader and by the Nessie constructs
 * for props left out in code: one place, so the file and the constructs cannot disagree.
 */
export const NESSIE_DEFAULTS = {
  cpu: 1024,
  memory: 2048,
  minCount: 2,
  maxCount: 4,
  allowedCidrs: ['10.0.0.0/8'],
  vpcCidr: '10.0.0.0/16',
} as const;
