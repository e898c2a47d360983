/**
 * The audit sink's filter, shared by StorageAuditTrail and the environment rules (a filter Cloud
 * Logging would refuse is reported by `lakehouse validate`, not at apply).
 */
import { compare } from '../../model/compare';

/** Longest sink filter Cloud Logging accepts (https://cloud.google.com/logging/quotas). */
export const SINK_FILTER_MAX_LENGTH = 20000;
/** Services whose data-access entries for the lakehouse datasets name the principal that read through BigQuery. */
export const BIGQUERY_AUDITED_SERVICES = ['bigquery.googleapis.com', 'bigquerystorage.googleapis.com'] as const;

/**
 * Data Access audit entries of one bucket and, with datasets, BigQuery's and the Storage Read API's
 * entries for tables of those datasets (their `resourceName` is `projects/<p>/datasets/<d>/tables/<t>`).
 * In the Logging query language OR binds tighter than AND, so every group is parenthesised.
 */
export function dataAccessFilter(projectId: string, bucketName: string, datasets: readonly string[] = []): string {
  const log = `logName="projects/${projectId}/logs/cloudaudit.googleapis.com%2Fdata_access"`;
  const storage = `resource.type="gcs_bucket" AND resource.labels.bucket_name="${bucketName}"`;
  if (datasets.length === 0) return `${log} AND ${storage}`;
  const services = BIGQUERY_AUDITED_SERVICES.map((s) => `protoPayload.serviceName="${s}"`).join(' OR ');
  const tables = `protoPayload.resourceName=~"^projects/${projectId}/datasets/(${[...datasets].sort(compare).join('|')})/tables/"`;
  return `${log} AND ((${storage}) OR ((${services}) AND ${tables}))`;
}
