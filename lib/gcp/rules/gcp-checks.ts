/**
 * Every rule a Google Cloud lakehouse must meet, located at the environment key or template field
 * to change. `lakehouse validate` (through lib/project.ts) and GcpLakehouse call this same function.
 */
import type { PathSegment, SourcedProblem } from '../../model/problems';
import type { LakehousePlan } from '../../plan';
import { derivedNameProblems } from '../../plan/derived-names';
import { dataAccessFilter, SINK_FILTER_MAX_LENGTH } from './audit-sink';
import { piiProblems } from '../../plan/pii-columns';
import { bigQueryTableMode, checkBigQueryCompatibility } from './bigquery-compat';
import { gcpLocationProblems } from './location-checks';
import {
  bigQueryDatasetIdProblems,
  GCP_SERVICE_ACCOUNT_TIERS,
  gcsBucketNameProblems,
  labelValueProblem,
  notificationChannelProblem,
  serviceAccountIdProblems,
} from './names';
import { transferScheduleProblem } from './schedule';

export function gcpLakehouseProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const out: SourcedProblem[] = [];
  const at = (path: readonly PathSegment[], message: string | undefined): void => {
    if (message !== undefined) out.push({ file: env.file, path, message });
  };
  if (env.cloud !== 'gcp') at(['cloud'], `is '${env.cloud}'; the Google Cloud lakehouse needs cloud: gcp`);
  if (env.catalog !== 'biglake') at(['catalog'], `is '${env.catalog}'; on Google Cloud use biglake`);
  if (env.gcp === undefined) at([], "cloud: gcp needs a 'gcp' block with project_id");
  for (const p of gcpLocationProblems(env)) at(p.path, p.message);
  for (const [key, value] of Object.entries(env.tags)) at(['tags', key], labelValueProblem(value));
  at(['drift', 'schedule'], transferScheduleProblem(env.drift.schedule));
  if (env.notificationChannel !== undefined) at(['alarms', 'notification_channel'], notificationChannelProblem(env.notificationChannel));
  out.push(...derivedNames(plan));
  for (const t of plan.tables) {
    // Valid Iceberg that only BigQuery refuses: reported at the template, naming the environment that deploys it there.
    const where = ` (environment ${env.file} puts this table in BigQuery)`;
    out.push(...checkBigQueryCompatibility(t.template).map((p) => ({ ...p, file: t.template.file, message: `${p.message}${where}` })));
    for (const p of bigQueryDatasetIdProblems(t.database))
      out.push({ file: t.template.file, path: ['namespace'], message: `BigQuery dataset id '${t.database}' ${p}` });
  }
  out.push(...appendOnlyProblems(plan), ...piiProblems(plan));
  const managed = plan.tables.filter((t) => bigQueryTableMode(t.template) === 'managed').map((t) => t.key);
  if (env.storage.versioning && managed.length > 0) {
    at(
      ['storage', 'versioning'],
      `BigQuery-managed Iceberg tables (${managed.slice(0, 3).join(', ')}${managed.length > 3 ? ', ...' : ''}) forbid object versioning on their bucket; set storage.versioning: false`,
    );
  }
  if (env.audit.enabled && env.gcp !== undefined) {
    const filter = dataAccessFilter(
      env.gcp.projectId,
      plan.names.lakehouseBucket,
      plan.namespaces.map((n) => n.database),
    );
    if (filter.length > SINK_FILTER_MAX_LENGTH)
      at(
        ['audit', 'enabled'],
        `the audit sink's filter names ${plan.namespaces.length} datasets in ${filter.length} characters; Cloud Logging allows ${SINK_FILTER_MAX_LENGTH}: split the namespaces over more environments`,
      );
  }
  return out;
}

function derivedNames(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  return derivedNameProblems(plan, (check, bucketPath) => {
    check(bucketPath, 'Cloud Storage bucket name', plan.names.lakehouseBucket, gcsBucketNameProblems(plan.names.lakehouseBucket));
    if (env.audit.enabled)
      check(['project'], 'Cloud Storage bucket name', plan.names.auditBucket, gcsBucketNameProblems(plan.names.auditBucket));
    for (const tier of GCP_SERVICE_ACCOUNT_TIERS) {
      const id = plan.names.serviceAccount(tier);
      check(['project'], 'service account id', id, serviceAccountIdProblems(id));
    }
    if (env.drift.enabled)
      check(['project'], 'service account id', `${plan.prefix}-drift`, serviceAccountIdProblems(`${plan.prefix}-drift`));
  });
}

/**
 * BigQuery cannot keep writers and admins from deleting rows of an append-only table: a DML
 * DELETE needs only `bigquery.tables.updateData`, the permission every INSERT, load job and Storage
 * Write API append needs too, and row-level access policies require full-table (TRUE filter)
 * access for any DML. Such tables are refused unless the environment acknowledges it.
 */
function appendOnlyProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  if (env.gcp?.acceptUnenforcedAppendOnly) return [];
  const tables = plan.tables.filter((t) => t.appendOnly && bigQueryTableMode(t.template) === 'managed').map((t) => t.key);
  if (tables.length === 0) return [];
  return [
    {
      file: env.file,
      path: ['gcp'],
      atKey: true,
      message:
        `append_only BigQuery-managed tables (${tables.join(', ')}): BigQuery cannot keep writers and admins from deleting their rows ` +
        '(a DML DELETE needs only bigquery.tables.updateData, like an INSERT); set gcp.accept_unenforced_append_only: true to ' +
        'acknowledge it (docs/access-model.md, "BigQuery"), or drop append_only from these templates',
    },
  ];
}
