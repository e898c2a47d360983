/**
 * Every name derived from `<project>-<env>` comes from here. Whether a cloud accepts a name is
 * checked by that cloud's rules (lib/aws/rules, lib/gcp/rules), before synthesis.
 */

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

/** The shortest and longest name a service accepts, in characters. */
export interface LengthLimits {
  readonly min: number;
  readonly max: number;
}

/** `must be <min> to <max> characters long (is <n>)` when `name` is outside `limits`; empty otherwise. */
export function lengthProblems(name: string, limits: LengthLimits): string[] {
  return name.length < limits.min || name.length > limits.max
    ? [`must be ${limits.min} to ${limits.max} characters long (is ${name.length})`]
    : [];
}
