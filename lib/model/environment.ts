/**
 * The environment model: one deployment per `environments/*.yaml`, turned into typed settings with
 * every default applied. The cloud constructs take these settings (or the same shape built in code).
 */

import type { NessieAuthSettings } from './nessie-auth';

export type Cloud = 'aws' | 'gcp';
export type Catalog = 'glue' | 'nessie' | 'biglake';
export type ComplianceProfile = 'none' | 'soc2' | 'hipaa';
export type ObjectLockMode = 'none' | 'governance' | 'compliance';

export interface StorageSettings {
  /** @default `<project>-<env>-lakehouse` */
  readonly bucketName: string;
  /** Prefix under which table data lives: `s3://<bucket>/<warehousePrefix>/<namespace>/<table>/`. @default 'warehouse' */
  readonly warehousePrefix: string;
  /** @default true (forced off for BigQuery-managed Iceberg buckets on GCP) */
  readonly versioning: boolean;
  /** @default 7 */
  readonly abortIncompleteMultipartDays: number;
  /** Days before current objects move to STANDARD_IA (AWS) or NEARLINE (GCP). @default 90 */
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
  /** @default [] */
  readonly lakeFormationAdmins: readonly string[];
  /** Principals allowed to assume the reader/writer/admin roles. @default - the account root (IAM decides) */
  readonly trustedPrincipals: readonly string[];
  /** Manage the account-wide Lake Formation data-lake settings. @default false */
  readonly manageAccountSettings: boolean;
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

export interface PolicySuppression {
  readonly rule: string;
  /** Terraform address `<type>.<name>` or construct path suffix of the resource. */
  readonly resource: string;
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
  readonly tags: Readonly<Record<string, string>>;
  /** @default 'none' */
  readonly compliance: ComplianceProfile;
  /** Keep stateful resources from being destroyed (`prevent_destroy`, deletion protection). @default true */
  readonly protectData: boolean;
  /** AWS: raising it re-runs every table's provisioning as an update against the live table. @default 0 */
  readonly provisioningRevision?: number;
  /** @default - local state */
  readonly backend?: BackendSettings;
  /** @default false */
  readonly customerManagedKey: boolean;
  readonly storage: StorageSettings;
  readonly audit: AuditSettings;
  readonly logging: LoggingSettings;
  readonly access: AccessSettings;
  readonly nessie: NessieSettings;
  /** @default - no alarm actions */
  readonly snsTopicArn?: string;
  /** Required when cloud is gcp. */
  readonly gcp?: { readonly projectId: string; readonly location: string };
  /** @default [] */
  readonly suppressions: readonly PolicySuppression[];
}

/** Nessie server release pinned by default: the newest release with public evidence here (images pinned at 0.108.4); see docs/aws-nessie.md. */
export const NESSIE_DEFAULT_IMAGE_TAG = '0.108.4';
