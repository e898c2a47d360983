import { CLOUDWATCH_RETENTION_DAYS, fargateMemoryOptions } from './environment';
import {
  AWS_ROLE_SUFFIXES,
  GCP_SERVICE_ACCOUNT_TIERS,
  elbNameProblems,
  gcsBucketNameProblems,
  iamRoleNameProblems,
  lakehouseNames,
  resourcePrefix,
  s3BucketNameProblems,
  serviceAccountIdProblems,
} from './naming';
import { nessieAuthProblems, type RawNessieAuth } from './nessie-auth';
import type { PathProblem } from './problems';

/**
 * Semantic checks of an environment file that the JSON Schema cannot express: what a cloud would
 * reject at apply time (Fargate sizes, log retention, CIDRs, ARNs, derived names), caught first.
 */

/** Raw environment file as written (snake_case keys), once the JSON Schema found its shape sound. */
export interface RawEnvironment {
  name: string;
  project: string;
  cloud: 'aws' | 'gcp';
  catalog: 'glue' | 'nessie' | 'biglake';
  region: string;
  tags?: Record<string, string>;
  compliance?: 'none' | 'soc2' | 'hipaa';
  protect_data?: boolean;
  backend?: {
    s3?: { bucket: string; key: string; region?: string; dynamodb_table?: string; use_lockfile?: boolean; kms_key_id?: string };
    gcs?: { bucket: string; prefix?: string };
  };
  encryption?: { customer_managed_key?: boolean };
  storage?: {
    bucket_name?: string;
    warehouse_prefix?: string;
    versioning?: boolean;
    abort_incomplete_multipart_days?: number;
    infrequent_access_days?: number;
    noncurrent_expiration_days?: number;
  };
  audit?: { enabled?: boolean; retention_days?: number; object_lock?: 'none' | 'governance' | 'compliance'; access_alerts?: boolean };
  logging?: { retention_days?: number; access_log_bucket?: string };
  access?: { lake_formation_admins?: string[]; trusted_principals?: string[]; manage_account_settings?: boolean };
  nessie?: {
    image_tag?: string;
    cpu?: number;
    memory?: number;
    min_count?: number;
    max_count?: number;
    internal?: boolean;
    allowed_cidrs?: string[];
    certificate_arn?: string;
    vpc_cidr?: string;
    nat_gateways?: 'single' | 'per_az';
    table_prefix?: string;
    access_log_bucket?: string;
    host_name?: string;
    route53_zone_id?: string;
    auth?: RawNessieAuth;
  };
  alarms?: { sns_topic_arn?: string };
  gcp?: { project_id: string; location?: string };
  policy?: { suppressions?: { rule: string; resource: string; reason: string }[] };
}

const CATALOGS_BY_CLOUD = { aws: ['glue', 'nessie'], gcp: ['biglake'] } as const;
const ARN = {
  principal: /^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role\/[\w+=,.@\/-]+|user\/[\w+=,.@\/-]+)$/,
  certificate: /^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate\/[A-Za-z0-9-]+$/,
  snsTopic: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$/,
};
const MIN_SUPPRESSION_REASON = 20;

/** IPv4 CIDR `a.b.c.d/n` with octets ≤ 255, n ≤ 32 and no host bits set. */
export function cidrProblem(cidr: string): string | undefined {
  const m = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\/([0-9]{1,2})$/.exec(cidr);
  if (!m) return `'${cidr}' is not an IPv4 CIDR block like 10.0.0.0/16`;
  // Go (Terraform, the AWS provider) rejects leading zeros; some tools read them as octal.
  if (m.slice(1).some((part) => part.length > 1 && part.startsWith('0'))) {
    return `'${cidr}' has leading zeros; write each number without them, like 10.0.0.0/8`;
  }
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return `'${cidr}' is out of range (octets 0-255, prefix length 0-32)`;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 2 ** (32 - bits);
  if (address % hostBits !== 0) return `'${cidr}' has host bits set; did you mean ${networkOf(address, bits)}?`;
  return undefined;
}

function networkOf(address: number, bits: number): string {
  const base = address - (address % 2 ** (32 - bits));
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${bits}`;
}

/** Semantic checks: what a cloud would reject at apply time, caught before synthesis. */
export function checkEnvironment(raw: RawEnvironment): PathProblem[] {
  const problems: PathProblem[] = [];
  const allowedCatalogs: readonly string[] = CATALOGS_BY_CLOUD[raw.cloud];
  if (!allowedCatalogs.includes(raw.catalog)) {
    problems.push({
      path: ['catalog'],
      message: `catalog '${raw.catalog}' does not exist on ${raw.cloud}; use ${allowedCatalogs.join(' or ')}`,
    });
  }
  if (raw.cloud === 'gcp' && !raw.gcp) problems.push({ path: [], message: "cloud: gcp needs a 'gcp' block with project_id" });
  if (raw.cloud === 'aws' && raw.gcp) problems.push({ path: ['gcp'], atKey: true, message: "the 'gcp' block only applies to cloud: gcp" });
  if (raw.nessie && raw.catalog !== 'nessie')
    problems.push({ path: ['nessie'], atKey: true, message: "the 'nessie' block only applies to catalog: nessie" });
  if (raw.cloud === 'gcp' && raw.access)
    problems.push({ path: ['access'], atKey: true, message: "the 'access' block only applies to cloud: aws" });
  if (raw.cloud === 'gcp') {
    for (const [key, value] of Object.entries(raw.tags ?? {})) {
      if (!/^[a-z0-9_-]{0,63}$/.test(value)) {
        problems.push({
          path: ['tags', key],
          message: `'${value}' cannot be a Google Cloud label value: up to 63 lowercase letters, digits, '_' or '-'`,
        });
      }
    }
  }
  if (raw.backend?.s3 && raw.cloud !== 'aws')
    problems.push({ path: ['backend', 's3'], atKey: true, message: 'an s3 backend is for cloud: aws; use gcs' });
  if (raw.backend?.gcs && raw.cloud !== 'gcp')
    problems.push({ path: ['backend', 'gcs'], atKey: true, message: 'a gcs backend is for cloud: gcp; use s3' });

  const retention = raw.logging?.retention_days;
  if (retention !== undefined && !CLOUDWATCH_RETENTION_DAYS.includes(retention)) {
    problems.push({
      path: ['logging', 'retention_days'],
      message: `CloudWatch Logs does not accept ${retention} days; allowed: ${CLOUDWATCH_RETENTION_DAYS.join(', ')} (six years is 2192)`,
    });
  }
  if (raw.audit?.object_lock && raw.audit.object_lock !== 'none' && raw.audit.enabled === false) {
    problems.push({ path: ['audit', 'object_lock'], message: 'object_lock needs audit.enabled: true' });
  }
  const alerts = raw.audit?.access_alerts;
  if (alerts === true && raw.cloud === 'aws' && !raw.alarms?.sns_topic_arn) {
    problems.push({
      path: ['audit', 'access_alerts'],
      message: 'access alerts notify alarms.sns_topic_arn; set it or turn access_alerts off',
    });
  }

  (raw.access?.trusted_principals ?? []).forEach((arn, i) => {
    if (!ARN.principal.test(arn))
      problems.push({
        path: ['access', 'trusted_principals', i],
        message: `'${arn}' is not an IAM principal ARN (arn:aws:iam::<12-digit account>:root|role/<name>|user/<name>)`,
      });
  });
  (raw.access?.lake_formation_admins ?? []).forEach((arn, i) => {
    if (!ARN.principal.test(arn) || arn.endsWith(':root'))
      problems.push({
        path: ['access', 'lake_formation_admins', i],
        message: `'${arn}' is not an IAM role or user ARN (arn:aws:iam::<account>:role/<name>)`,
      });
  });
  const sns = raw.alarms?.sns_topic_arn;
  if (sns !== undefined && !ARN.snsTopic.test(sns))
    problems.push({
      path: ['alarms', 'sns_topic_arn'],
      message: `'${sns}' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)`,
    });

  const n = raw.nessie;
  if (n) {
    const cpu = n.cpu ?? 1024;
    const memory = n.memory ?? 2048;
    const options = fargateMemoryOptions(cpu);
    if (options.length === 0)
      problems.push({
        path: ['nessie', 'cpu'],
        message: `Fargate offers no ${cpu} CPU units; use 256, 512, 1024, 2048, 4096, 8192 or 16384`,
      });
    else if (!options.includes(memory))
      problems.push({
        path: ['nessie', 'memory'],
        message: `Fargate does not offer ${memory} MiB with ${cpu} CPU units; allowed: ${options.join(', ')}`,
      });
    if ((n.min_count ?? 2) > (n.max_count ?? 4))
      problems.push({
        path: ['nessie', 'min_count'],
        message: `min_count ${n.min_count ?? 2} is greater than max_count ${n.max_count ?? 4}`,
      });
    (n.allowed_cidrs ?? []).forEach((cidr, i) => {
      const p = cidrProblem(cidr);
      if (p) problems.push({ path: ['nessie', 'allowed_cidrs', i], message: p });
      else if (cidr.endsWith('/0'))
        problems.push({
          path: ['nessie', 'allowed_cidrs', i],
          message:
            'Nessie must not be reachable from the whole internet (/0), with or without authentication; list the networks of your clients',
        });
    });
    if (n.vpc_cidr !== undefined) {
      const p = cidrProblem(n.vpc_cidr);
      const bits = Number(n.vpc_cidr.split('/')[1]);
      if (p) problems.push({ path: ['nessie', 'vpc_cidr'], message: p });
      else if (bits < 16 || bits > 24)
        problems.push({
          path: ['nessie', 'vpc_cidr'],
          message: `a VPC CIDR needs a prefix length between /16 and /24 (four subnets are carved from it); got /${bits}`,
        });
    }
    if (n.certificate_arn !== undefined && !ARN.certificate.test(n.certificate_arn)) {
      problems.push({
        path: ['nessie', 'certificate_arn'],
        message: `'${n.certificate_arn}' is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)`,
      });
    } else if (n.certificate_arn !== undefined && n.certificate_arn.split(':')[3] !== raw.region) {
      problems.push({
        path: ['nessie', 'certificate_arn'],
        message: `the certificate is in ${n.certificate_arn.split(':')[3]} but an ALB needs one in its own region ${raw.region}`,
      });
    }
  }
  if (n) problems.push(...nessieProblems(raw, n));
  (raw.policy?.suppressions ?? []).forEach((s, i) => {
    if (s.reason.trim().length < MIN_SUPPRESSION_REASON || /^(todo|tbd|n\/a|none|fixme)\b/i.test(s.reason.trim())) {
      problems.push({
        path: ['policy', 'suppressions', i, 'reason'],
        message: `a suppression needs a real reason (at least ${MIN_SUPPRESSION_REASON} characters saying why the finding is acceptable here)`,
      });
    }
  });
  problems.push(...checkDerivedNames(raw));
  return problems;
}

/** Authentication and DNS settings of the Nessie block. */
function nessieProblems(raw: RawEnvironment, n: NonNullable<RawEnvironment['nessie']>): PathProblem[] {
  const problems = nessieAuthProblems(n.auth, n.certificate_arn, resourcePrefix(raw.project, raw.name));
  if (n.route53_zone_id !== undefined && n.host_name === undefined)
    problems.push({ path: ['nessie', 'route53_zone_id'], message: 'route53_zone_id needs nessie.host_name (the record to create)' });
  return problems;
}

function checkDerivedNames(raw: RawEnvironment): PathProblem[] {
  const problems: PathProblem[] = [];
  const names = lakehouseNames(raw.project, raw.name, raw.storage?.bucket_name);
  const check = (path: (string | number)[], kind: string, value: string, rules: string[]): void => {
    if (rules.length > 0)
      problems.push({ path, message: `derived ${kind} '${value}' is invalid: ${rules.join('; ')}; shorten project or name` });
  };
  const bucketPath = raw.storage?.bucket_name ? ['storage', 'bucket_name'] : ['project'];
  if (raw.cloud === 'aws') {
    check(bucketPath, 'S3 bucket name', names.lakehouseBucket, s3BucketNameProblems(names.lakehouseBucket));
    check(['project'], 'S3 bucket name', names.auditBucket, s3BucketNameProblems(names.auditBucket));
    for (const suffix of AWS_ROLE_SUFFIXES)
      check(['project'], 'IAM role name', names.role(suffix), iamRoleNameProblems(names.role(suffix)));
    if (raw.catalog === 'nessie') check(['project'], 'load balancer name', names.loadBalancer, elbNameProblems(names.loadBalancer));
  } else {
    check(bucketPath, 'Cloud Storage bucket name', names.lakehouseBucket, gcsBucketNameProblems(names.lakehouseBucket));
    check(['project'], 'Cloud Storage bucket name', names.auditBucket, gcsBucketNameProblems(names.auditBucket));
    for (const tier of GCP_SERVICE_ACCOUNT_TIERS) {
      check(['project'], 'service account id', names.serviceAccount(tier), serviceAccountIdProblems(names.serviceAccount(tier)));
    }
  }
  return problems;
}
