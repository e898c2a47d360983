/**
 * Naming rules of the AWS services the lakehouse creates names for. Each returns the rules a value
 * breaks (empty when valid), in words, so every caller reports the same thing.
 */
import { lengthProblems } from '../../model/naming';

/** Length limits of the names AWS services accept. */
export const AWS_NAME_LENGTHS = {
  s3Bucket: { min: 3, max: 63 },
  iamRole: { min: 1, max: 64 },
  /** Application load balancers and target groups. */
  loadBalancer: { min: 1, max: 32 },
  /** Glue databases and tables that Athena can also query. */
  glue: { min: 1, max: 255 },
  athenaWorkgroup: { min: 1, max: 128 },
  lambdaFunction: { min: 1, max: 64 },
} as const;

/** S3 general purpose bucket naming rules (we also refuse dots: they break virtual-host TLS). */
export function s3BucketNameProblems(name: string): string[] {
  const out = lengthProblems(name, AWS_NAME_LENGTHS.s3Bucket);
  if (!/^[a-z0-9-]+$/.test(name)) out.push('may contain only lowercase letters, digits and hyphens');
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) out.push('must begin and end with a letter or digit');
  if (/^xn--|^sthree-|^amzn-s3-demo-/.test(name)) out.push("must not start with 'xn--', 'sthree-' or 'amzn-s3-demo-'");
  // '-an' marks account-regional-namespace buckets; ours are created in the global namespace.
  if (/-s3alias$|--ol-s3$|\.mrap$|--x-s3$|--table-s3$|-an$/.test(name))
    out.push('must not end with a suffix S3 reserves (-s3alias, --ol-s3, --x-s3, --table-s3, -an)');
  return out;
}

/** IAM role names: letters, digits and `+ = , . @ _ -` (AWS_NAME_LENGTHS.iamRole). */
export function iamRoleNameProblems(name: string): string[] {
  const out = lengthProblems(name, AWS_NAME_LENGTHS.iamRole);
  if (!/^[\w+=,.@-]+$/.test(name)) out.push('may contain only letters, digits and + = , . @ _ -');
  return out;
}

/** Names of ALBs and target groups: letters, digits and hyphens (AWS_NAME_LENGTHS.loadBalancer), not starting/ending with a hyphen or 'internal-'. */
export function elbNameProblems(name: string): string[] {
  const out = lengthProblems(name, AWS_NAME_LENGTHS.loadBalancer);
  if (!/^[A-Za-z0-9-]+$/.test(name)) out.push('may contain only letters, digits and hyphens');
  if (/^-|-$/.test(name)) out.push('must not begin or end with a hyphen');
  if (/^internal-/.test(name)) out.push("must not begin with 'internal-'");
  return out;
}

/** Glue database / table names that Athena can also query: lowercase letters, digits, underscores (AWS_NAME_LENGTHS.glue). */
export function glueNameProblems(name: string): string[] {
  const out = lengthProblems(name, AWS_NAME_LENGTHS.glue);
  if (!/^[a-z0-9_]+$/.test(name)) out.push('may contain only lowercase letters, digits and underscores (Athena)');
  return out;
}

/** Athena workgroup names: letters, digits, `.`, `_` or `-` (AWS_NAME_LENGTHS.athenaWorkgroup). */
export function athenaWorkgroupNameProblems(name: string): string[] {
  const { min, max } = AWS_NAME_LENGTHS.athenaWorkgroup;
  return /^[a-zA-Z0-9._-]+$/.test(name) && name.length >= min && name.length <= max
    ? []
    : [`must be ${min} to ${max} letters, digits, '.', '_' or '-' (is ${name.length} long)`];
}

/** Role name suffixes the AWS constructs use; the longest decides whether a prefix fits. */
export const AWS_ROLE_SUFFIXES = [
  'lakehouse-reader',
  'lakehouse-writer',
  'lakehouse-admin',
  'lakehouse-lf-register',
  'lakehouse-optimizer',
  'trail-to-cloudwatch',
  'nessie-task',
  'nessie-execution',
  'vpc-flow-logs',
  // The table-provisioning function's role; Lambda function names have the same limit (AWS_NAME_LENGTHS.lambdaFunction).
  'table-provisioner',
] as const;
