/**
 * Every rule a Google Cloud lakehouse must meet, located at the environment key or template field
 * to change. `lakehouse validate` (through lib/project.ts) and GcpLakehouse call this same function.
 */
import type { PathSegment, SourcedProblem } from '../../model/problems';
import type { LakehousePlan } from '../../plan';
import { bigQueryTableMode, checkBigQueryCompatibility } from './bigquery-compat';
import {
  bigQueryDatasetIdProblems,
  GCP_SERVICE_ACCOUNT_TIERS,
  gcsBucketNameProblems,
  labelValueProblem,
  serviceAccountIdProblems,
} from './names';

export function gcpLakehouseProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const out: SourcedProblem[] = [];
  const at = (path: readonly PathSegment[], message: string | undefined): void => {
    if (message !== undefined) out.push({ file: env.file, path, message });
  };
  if (env.cloud !== 'gcp') at(['cloud'], `is '${env.cloud}'; the Google Cloud lakehouse needs cloud: gcp`);
  if (env.catalog !== 'biglake') at(['catalog'], `is '${env.catalog}'; on Google Cloud use biglake`);
  if (env.gcp === undefined) at([], "cloud: gcp needs a 'gcp' block with project_id");
  for (const [key, value] of Object.entries(env.tags)) at(['tags', key], labelValueProblem(value));
  out.push(...derivedNameProblems(plan));
  for (const t of plan.tables) {
    // Valid Iceberg that only BigQuery refuses: reported at the template, naming the environment that deploys it there.
    const where = ` (environment ${env.file} puts this table in BigQuery)`;
    out.push(...checkBigQueryCompatibility(t.template).map((p) => ({ ...p, file: t.template.file, message: `${p.message}${where}` })));
    for (const p of bigQueryDatasetIdProblems(t.database))
      out.push({ file: t.template.file, path: ['namespace'], message: `BigQuery dataset id '${t.database}' ${p}` });
  }
  const managed = plan.tables.filter((t) => bigQueryTableMode(t.template) === 'managed').map((t) => t.key);
  if (env.storage.versioning && managed.length > 0) {
    at(
      ['storage', 'versioning'],
      `BigQuery-managed Iceberg tables (${managed.slice(0, 3).join(', ')}${managed.length > 3 ? ', ...' : ''}) forbid object versioning on their bucket; set storage.versioning: false`,
    );
  }
  return out;
}

function derivedNameProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const out: SourcedProblem[] = [];
  const check = (path: PathSegment[], kind: string, value: string, rules: string[]): void => {
    if (rules.length > 0)
      out.push({ file: env.file, path, message: `derived ${kind} '${value}' ${rules.join('; ')}; shorten project or name` });
  };
  const bucketPath = env.storage.bucketName === `${plan.prefix}-lakehouse` ? ['project'] : ['storage', 'bucket_name'];
  check(bucketPath, 'Cloud Storage bucket name', plan.names.lakehouseBucket, gcsBucketNameProblems(plan.names.lakehouseBucket));
  if (env.audit.enabled)
    check(['project'], 'Cloud Storage bucket name', plan.names.auditBucket, gcsBucketNameProblems(plan.names.auditBucket));
  for (const tier of GCP_SERVICE_ACCOUNT_TIERS) {
    const id = plan.names.serviceAccount(tier);
    check(['project'], 'service account id', id, serviceAccountIdProblems(id));
  }
  return out;
}
