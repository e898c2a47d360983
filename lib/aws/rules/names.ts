/**
 * Naming rules of the AWS services the lakehouse creates names for. Each returns the rules a value
 * breaks (empty when valid), in words, so every caller reports the same thing.
 */

/** S3 general purpose bucket naming rules (we also refuse dots: they break virtual-host TLS). */
export function s3BucketNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length < 3 || name.length > 63) out.push(`must be 3 to 63 characters long (is ${name.length})`);
  if (!/^[a-z0-9-]+$/.test(name)) out.push('may contain only lowercase letters, digits and hyphens');
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) out.push('must begin and end with a letter or digit');
  if (/^xn--|^sthree-|^amzn-s3-demo-/.test(name)) out.push("must not start with 'xn--', 'sthree-' or 'amzn-s3-demo-'");
  // '-an' marks account-regional-namespace buckets; ours are created in the global namespace.
  if (/-s3alias$|--ol-s3$|\.mrap$|--x-s3$|--table-s3$|-an$/.test(name))
    out.push('must not end with a suffix S3 reserves (-s3alias, --ol-s3, --x-s3, --table-s3, -an)');
  return out;
}

/** IAM role names: up to 64 letters, digits and `+ = , . @ _ -`. */
export function iamRoleNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length < 1 || name.length > 64) out.push(`must be 1 to 64 characters long (is ${name.length})`);
  if (!/^[\w+=,.@-]+$/.test(name)) out.push('may contain only letters, digits and + = , . @ _ -');
  return out;
}

/** Names of ALBs and target groups: up to 32 letters, digits and hyphens, not starting/ending with a hyphen or 'internal-'. */
export function elbNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length < 1 || name.length > 32) out.push(`must be 1 to 32 characters long (is ${name.length})`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) out.push('may contain only letters, digits and hyphens');
  if (/^-|-$/.test(name)) out.push('must not begin or end with a hyphen');
  if (/^internal-/.test(name)) out.push("must not begin with 'internal-'");
  return out;
}

/** Glue database / table names that Athena can also query: lowercase letters, digits, underscores, up to 255. */
export function glueNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length < 1 || name.length > 255) out.push(`must be 1 to 255 characters long (is ${name.length})`);
  if (!/^[a-z0-9_]+$/.test(name)) out.push('may contain only lowercase letters, digits and underscores (Athena)');
  return out;
}

/** Athena workgroup names: 1 to 128 letters, digits, `.`, `_` or `-`. */
export function athenaWorkgroupNameProblems(name: string): string[] {
  return /^[a-zA-Z0-9._-]{1,128}$/.test(name) ? [] : [`must be 1 to 128 letters, digits, '.', '_' or '-' (is ${name.length} long)`];
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
  // The table-provisioning function's role; Lambda function names have the same 64-character limit.
  'table-provisioner',
] as const;
