import { resourcePrefix } from './naming';
import { nessieAuthProblems } from './nessie-auth';
import type { PathProblem } from './problems';
import type { RawEnvironment } from './schemas/environment.generated';

/**
 * Cloud-neutral checks of an environment file that the JSON Schema cannot express: which blocks
 * and keys belong together. What a cloud would reject (sizes, ARNs, names, limits) is checked by
 * that cloud's rules (lib/aws/rules, lib/gcp/rules) on the resolved plan.
 */

export type { RawEnvironment };

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
  if (raw.alarms?.sns_topic_arn !== undefined && raw.cloud !== 'aws')
    problems.push({
      path: ['alarms', 'sns_topic_arn'],
      atKey: true,
      message: 'an SNS topic is for cloud: aws; use alarms.notification_channel',
    });
  if (raw.alarms?.notification_channel !== undefined && raw.cloud !== 'gcp')
    problems.push({
      path: ['alarms', 'notification_channel'],
      atKey: true,
      message: 'a Cloud Monitoring notification channel is for cloud: gcp; use alarms.sns_topic_arn',
    });
  if (raw.access && raw.cloud === 'aws') problems.push(...accessProblems(raw, raw.access));
  if (raw.backend?.s3 && raw.cloud !== 'aws')
    problems.push({ path: ['backend', 's3'], atKey: true, message: 'an s3 backend is for cloud: aws; use gcs' });
  if (raw.backend?.gcs && raw.cloud !== 'gcp')
    problems.push({ path: ['backend', 'gcs'], atKey: true, message: 'a gcs backend is for cloud: gcp; use s3' });

  if (raw.audit?.object_lock && raw.audit.object_lock !== 'none' && raw.audit.enabled === false) {
    problems.push({ path: ['audit', 'object_lock'], message: 'object_lock needs audit.enabled: true' });
  }
  if (raw.storage?.infrequent_access_days !== undefined && (raw.storage.tiering ?? 'automatic') !== 'infrequent_access') {
    // The default changed from STANDARD_IA/NEARLINE to automatic tiering; a file that still sets the
    // days asks for the old behaviour, which must now be stated.
    problems.push({
      path: ['storage', 'infrequent_access_days'],
      message: `infrequent_access_days only applies with storage.tiering: infrequent_access (tiering is '${raw.storage.tiering ?? 'automatic'}'); set tiering: infrequent_access to keep the transition, or remove the days`,
    });
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

const TIER_KEYS = ['readers', 'writers', 'admins'] as const;

/** One trust list per tier: the removed shared list is refused, and a principal belongs to one tier. */
function accessProblems(raw: RawEnvironment, access: NonNullable<RawEnvironment['access']>): PathProblem[] {
  const problems: PathProblem[] = [];
  if (access.trusted_principals !== undefined) {
    problems.push({
      path: ['access', 'trusted_principals'],
      atKey: true,
      message:
        'was removed: every tier role trusted the same list, so a principal meant to read could assume the admin role; ' +
        'list each principal under access.readers, access.writers or access.admins (the tier whose role it may assume)',
    });
  }
  const tierOf = new Map<string, string>();
  for (const key of TIER_KEYS) {
    (access[key] ?? []).forEach((principal, i) => {
      const other = tierOf.get(principal);
      if (other !== undefined && other !== key) {
        problems.push({
          path: ['access', key, i],
          message: `'${principal}' is also listed in access.${other}; a principal may assume one tier's role only, so list it once`,
        });
      } else tierOf.set(principal, key);
    });
  }
  const glueOnly = (['lake_formation_admins', 'manage_account_settings'] as const).filter((k) => access[k] !== undefined);
  if (raw.catalog === 'nessie')
    for (const key of glueOnly)
      problems.push({ path: ['access', key], atKey: true, message: `${key} configures Lake Formation, which only catalog: glue uses` });
  return problems;
}
