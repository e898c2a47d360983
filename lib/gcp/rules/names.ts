/**
 * Naming rules of the Google Cloud resources the lakehouse names. Each returns the rules a value
 * breaks (empty when valid), in words.
 */
import { lengthProblems } from '../../model/naming';

/** Length limits of the names Google Cloud accepts. */
export const GCP_NAME_LENGTHS = {
  gcsBucket: { min: 3, max: 63 },
  serviceAccountId: { min: 6, max: 30 },
  bigQueryDatasetId: { min: 1, max: 1024 },
  /** Label keys and values. */
  label: { min: 0, max: 63 },
} as const;

const LABEL_MAX = GCP_NAME_LENGTHS.label.max;
const LABEL_KEY = new RegExp(`^[a-z][a-z0-9_-]{0,${LABEL_MAX - 1}}$`);
const LABEL_VALUE = new RegExp(`^[a-z0-9_-]{0,${LABEL_MAX}}$`);

/** Cloud Storage bucket names (no dots, so no domain verification is needed). */
export function gcsBucketNameProblems(name: string): string[] {
  const out = lengthProblems(name, GCP_NAME_LENGTHS.gcsBucket);
  if (!/^[a-z0-9_-]+$/.test(name)) out.push('may contain only lowercase letters, digits, hyphens and underscores');
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) out.push('must begin and end with a letter or digit');
  if (/^goog|google|g00gle/.test(name)) out.push("must not start with 'goog' or contain 'google'");
  return out;
}

/** Google service account ids (GCP_NAME_LENGTHS.serviceAccountId): lowercase letter first, no trailing hyphen. */
export function serviceAccountIdProblems(id: string): string[] {
  const out = lengthProblems(id, GCP_NAME_LENGTHS.serviceAccountId);
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(id))
    out.push('must start with a lowercase letter and contain only lowercase letters, digits and hyphens, not ending with a hyphen');
  return out;
}

/** BigQuery dataset ids: letters, digits, underscores (GCP_NAME_LENGTHS.bigQueryDatasetId). */
export function bigQueryDatasetIdProblems(id: string): string[] {
  const out = lengthProblems(id, GCP_NAME_LENGTHS.bigQueryDatasetId);
  if (!/^[A-Za-z0-9_]+$/.test(id)) out.push('may contain only letters, digits and underscores');
  return out;
}

/** Label keys: a lowercase letter first, then lowercase letters, digits, `_` or `-`, up to GCP_NAME_LENGTHS.label in all. */
export function labelKeyProblem(key: string): string | undefined {
  return LABEL_KEY.test(key)
    ? undefined
    : `'${key}' cannot be a Google Cloud label key: a lowercase letter first, then up to ${LABEL_MAX - 1} lowercase letters, digits, '_' or '-'`;
}

/** Label values: up to GCP_NAME_LENGTHS.label lowercase letters, digits, `_` or `-`. */
export function labelValueProblem(value: string): string | undefined {
  return LABEL_VALUE.test(value)
    ? undefined
    : `'${value}' cannot be a Google Cloud label value: up to ${LABEL_MAX} lowercase letters, digits, '_' or '-'`;
}

/** The tiers' service accounts are `<prefix>-<tier>`. */
export const GCP_SERVICE_ACCOUNT_TIERS = ['reader', 'writer', 'admin'] as const;

/** The BigLake connection of a lakehouse: `<prefix>-lakehouse`. */
export function bigLakeConnectionId(prefix: string): string {
  return `${prefix}-lakehouse`;
}

/** A Cloud Monitoring notification channel name: `projects/<project id or number>/notificationChannels/<numeric id>`. */
export function notificationChannelProblem(name: string): string | undefined {
  return /^projects\/[a-z0-9-]{1,30}\/notificationChannels\/\d+$/.test(name)
    ? undefined
    : `'${name}' is not a notification channel name; use projects/<project>/notificationChannels/<id> (gcloud beta monitoring channels list)`;
}
