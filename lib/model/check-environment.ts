import { resourcePrefix } from './naming';
import { nessieAuthProblems, type RawNessieAuth } from './nessie-auth';
import type { PathProblem } from './problems';

/**
 * Cloud-neutral checks of an environment file that the JSON Schema cannot express: which blocks
 * and keys belong together. What a cloud would reject (sizes, ARNs, names, limits) is checked by
 * that cloud's rules (lib/aws/rules, lib/gcp/rules) on the resolved plan.
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
  provisioning_revision?: number;
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

/** Which blocks and keys belong to which cloud and catalog. */
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
  if (raw.backend?.s3 && raw.cloud !== 'aws')
    problems.push({ path: ['backend', 's3'], atKey: true, message: 'an s3 backend is for cloud: aws; use gcs' });
  if (raw.backend?.gcs && raw.cloud !== 'gcp')
    problems.push({ path: ['backend', 'gcs'], atKey: true, message: 'a gcs backend is for cloud: gcp; use s3' });

  if (raw.audit?.object_lock && raw.audit.object_lock !== 'none' && raw.audit.enabled === false) {
    problems.push({ path: ['audit', 'object_lock'], message: 'object_lock needs audit.enabled: true' });
  }
  if (raw.nessie) problems.push(...nessieProblems(raw, raw.nessie));
  return problems;
}

/** Authentication and DNS settings of the Nessie block. */
function nessieProblems(raw: RawEnvironment, n: NonNullable<RawEnvironment['nessie']>): PathProblem[] {
  const problems = nessieAuthProblems(n.auth, n.certificate_arn, resourcePrefix(raw.project, raw.name));
  if (n.route53_zone_id !== undefined && n.host_name === undefined)
    problems.push({ path: ['nessie', 'route53_zone_id'], message: 'route53_zone_id needs nessie.host_name (the record to create)' });
  return problems;
}
