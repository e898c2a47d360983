/**
 * Every generated name comes from here, so a name a cloud would reject is one clear error,
 * found before synthesis. Each check returns the list of rules a value breaks (empty when valid).
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

/** Cloud Storage bucket names (no dots, so no domain verification is needed). */
export function gcsBucketNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length < 3 || name.length > 63) out.push(`must be 3 to 63 characters long (is ${name.length})`);
  if (!/^[a-z0-9_-]+$/.test(name)) out.push('may contain only lowercase letters, digits, hyphens and underscores');
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) out.push('must begin and end with a letter or digit');
  if (/^goog|google|g00gle/.test(name)) out.push("must not start with 'goog' or contain 'google'");
  return out;
}

/** IAM role names: up to 64 characters of `[\w+=,.@-]`. */
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

/** Google service account ids: 6 to 30 characters, lowercase letter first, no trailing hyphen. */
export function serviceAccountIdProblems(id: string): string[] {
  const out: string[] = [];
  if (id.length < 6 || id.length > 30) out.push(`must be 6 to 30 characters long (is ${id.length})`);
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(id))
    out.push('must start with a lowercase letter and contain only lowercase letters, digits and hyphens, not ending with a hyphen');
  return out;
}

/** Glue database / table names that Athena can also query: lowercase letters, digits, underscores, ≤ 255. */
export function glueNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length < 1 || name.length > 255) out.push(`must be 1 to 255 characters long (is ${name.length})`);
  if (!/^[a-z0-9_]+$/.test(name)) out.push('may contain only lowercase letters, digits and underscores (Athena)');
  return out;
}

/** BigQuery dataset ids: letters, digits, underscores, ≤ 1024. */
export function bigQueryDatasetIdProblems(id: string): string[] {
  const out: string[] = [];
  if (id.length < 1 || id.length > 1024) out.push(`must be 1 to 1024 characters long (is ${id.length})`);
  if (!/^[A-Za-z0-9_]+$/.test(id)) out.push('may contain only letters, digits and underscores');
  return out;
}

/** `acme-data` + `dev` → `acme-data-dev`: the prefix of every hyphenated resource name. */
export function resourcePrefix(project: string, environment: string): string {
  return `${project}-${environment}`;
}

/** `acme-data` + `dev` → `acme_data_dev`: the prefix of database and dataset names. */
export function underscorePrefix(project: string, environment: string): string {
  return `${project}_${environment}`.replace(/-/g, '_');
}

/** Glue database (and BigQuery dataset) for a template namespace: `<project>_<env>_<namespace>`. */
export function namespaceDatabaseName(project: string, environment: string, namespace: string): string {
  return `${underscorePrefix(project, environment)}_${namespace}`;
}

/** Throws one error listing every rule a name breaks, naming what it is and where it came from. */
export function assertValidName(kind: string, name: string, problems: string[], origin: string): void {
  if (problems.length === 0) return;
  throw new Error(`Invalid ${kind} '${name}' (${origin}):\n  - ${problems.join('\n  - ')}`);
}

/** Every name the lakehouse derives from `<project>-<env>`, in one place. */
export interface LakehouseNames {
  readonly prefix: string;
  readonly lakehouseBucket: string;
  readonly auditBucket: string;
  readonly role: (suffix: string) => string;
  readonly serviceAccount: (tier: string) => string;
  readonly loadBalancer: string;
  readonly targetGroup: string;
}

export function lakehouseNames(project: string, environment: string, bucketName?: string): LakehouseNames {
  const prefix = resourcePrefix(project, environment);
  return {
    prefix,
    lakehouseBucket: bucketName ?? `${prefix}-lakehouse`,
    auditBucket: `${prefix}-audit-trail`,
    role: (suffix) => `${prefix}-${suffix}`,
    serviceAccount: (tier) => `${prefix}-${tier}`,
    loadBalancer: `${prefix}-nessie`,
    targetGroup: `${prefix}-nessie`,
  };
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
] as const;

export const GCP_SERVICE_ACCOUNT_TIERS = ['reader', 'writer', 'admin'] as const;
