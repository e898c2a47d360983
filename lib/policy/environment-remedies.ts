/**
 * The environment-file key behind a policy finding, for people who write YAML: `lakehouse validate`
 * reports a finding at the key to change ("set encryption.customer_managed_key: true") instead of
 * the Terraform attribute the rule inspects. A remedy is given only when the environment is in the
 * state that causes the finding; otherwise the finding is about the constructs (or a consumer's own
 * resources) and keeps the rule's own fix.
 */
import type { EnvironmentConfig } from '../model/environment';
import type { PathSegment } from '../model/problems';
import { profileRequirements } from './profiles';
import { SUPPRESSION_ERROR_ID } from './evaluate';
import type { Finding } from './types';

export interface EnvironmentRemedy {
  /** The environment-file key to change, e.g. `['encryption', 'customer_managed_key']`. */
  readonly path: readonly PathSegment[];
  /** What to write there, in the file's terms. */
  readonly fix: string;
}

type Remedy = (env: EnvironmentConfig, finding: Finding) => EnvironmentRemedy | undefined;

const when = (cause: boolean, path: readonly PathSegment[], fix: string): EnvironmentRemedy | undefined =>
  cause ? { path, fix } : undefined;

/** Everything the stack encrypts with the AWS-managed key unless the environment asks for its own. */
const customerKey: Remedy = (env) =>
  when(
    !env.customerManagedKey,
    ['encryption', 'customer_managed_key'],
    'set encryption.customer_managed_key: true (the stack then creates a KMS key and uses it here)',
  );

const protectData: Remedy = (env) => when(!env.protectData, ['protect_data'], 'set protect_data: true');

const logRetention: Remedy = (env) => {
  const required = profileRequirements(env.compliance)?.logRetentionDays;
  return when(
    required !== undefined && env.logging.retentionDays < required,
    ['logging', 'retention_days'],
    `set logging.retention_days to at least ${required} (the ${env.compliance} profile)`,
  );
};

const REMEDIES: Readonly<Record<string, Remedy>> = {
  'LH-PRF-001': (env) => {
    if (!env.audit.enabled) return { path: ['audit', 'enabled'], fix: 'set audit.enabled: true' };
    const required = profileRequirements(env.compliance)?.auditRetentionDays ?? 0;
    return when(
      env.audit.retentionDays < required,
      ['audit', 'retention_days'],
      `set audit.retention_days to at least ${required} (the ${env.compliance} profile)`,
    );
  },
  'LH-PRF-002': logRetention,
  'LH-PRF-003': customerKey,
  'LH-PRF-004': (env) =>
    when(env.nessie.certificateArn === undefined, ['nessie', 'certificate_arn'], 'set nessie.certificate_arn to an ACM certificate'),
  'LH-PRF-005': (env) => when(!env.nessie.internal, ['nessie', 'internal'], 'set nessie.internal: true'),
  'LH-PRF-006': protectData,
  'LH-PRF-007': (env) =>
    when(
      env.access.lakeFormationAdmins.length === 0,
      ['access', 'lake_formation_admins'],
      'list the administrator role ARNs in access.lake_formation_admins',
    ),
  'LH-PRF-008': (env) =>
    when(
      env.nessie.auth.mode === 'none',
      env.nessie.certificateArn === undefined ? ['nessie', 'certificate_arn'] : ['nessie', 'auth', 'mode'],
      env.nessie.certificateArn === undefined
        ? 'set nessie.certificate_arn (authentication then defaults to cognito), or nessie.auth.mode: external with your OIDC issuer'
        : 'remove nessie.auth.mode: none, or use mode: external with your OIDC issuer',
    ),
  'LH-PRF-009': (env) =>
    when(env.nessie.certificateArn === undefined, ['nessie', 'certificate_arn'], 'set nessie.certificate_arn to an ACM certificate'),
  'LH-PRF-010': (env) =>
    when(
      env.nessie.auth.mode === 'external' && !(env.nessie.auth.issuerUrl ?? '').startsWith('https://'),
      ['nessie', 'auth', 'issuer_url'],
      'set nessie.auth.issuer_url to the https:// URL of your OIDC issuer',
    ),
  'LH-CT-003': customerKey,
  // The trail delivers to CloudWatch Logs for the access-denied alarm, which needs a topic to notify.
  'LH-CT-004': (env) =>
    env.audit.accessAlerts
      ? undefined
      : env.snsTopicArn === undefined
        ? { path: ['alarms', 'sns_topic_arn'], fix: 'set alarms.sns_topic_arn (audit.access_alerts then defaults to true)' }
        : { path: ['audit', 'access_alerts'], fix: 'set audit.access_alerts: true' },
  'LH-S3-001': customerKey,
  'LH-S3-008': customerKey,
  'LH-CWL-002': customerKey,
  'LH-DDB-002': customerKey,
  'LH-GCS-003': customerKey,
  'LH-CWL-001': logRetention,
  'LH-S3-007': (env) =>
    when(
      env.logging.accessLogBucket === undefined,
      ['logging', 'access_log_bucket'],
      'set logging.access_log_bucket to a bucket receiving S3 server access logs, or suppress the rule for this bucket with a reason',
    ),
  'LH-DATA-001': protectData,
  'LH-ALB-004': protectData,
  [SUPPRESSION_ERROR_ID]: (env, finding) => {
    const index = env.suppressions.findIndex((_, i) => finding.message.startsWith(`policy.suppressions[${i}] `));
    return index < 0 ? undefined : { path: ['policy', 'suppressions', index], fix: 'correct or remove the suppression' };
  },
};

/** The environment key to change for a finding, when the environment causes it. */
export function environmentRemedy(finding: Finding, env: EnvironmentConfig): EnvironmentRemedy | undefined {
  return REMEDIES[finding.ruleId]?.(env, finding);
}
