/**
 * Naming rules of the Google Cloud resources the lakehouse names. Each returns the rules a value
 * breaks (empty when valid), in words.
 */

/** Cloud Storage bucket names (no dots, so no domain verification is needed). */
export function gcsBucketNameProblems(name: string): string[] {
  const out: string[] = [];
  if (name.length < 3 || name.length > 63) out.push(`must be 3 to 63 characters long (is ${name.length})`);
  if (!/^[a-z0-9_-]+$/.test(name)) out.push('may contain only lowercase letters, digits, hyphens and underscores');
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) out.push('must begin and end with a letter or digit');
  if (/^goog|google|g00gle/.test(name)) out.push("must not start with 'goog' or contain 'google'");
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

/** BigQuery dataset ids: letters, digits, underscores, up to 1,024 characters. */
export function bigQueryDatasetIdProblems(id: string): string[] {
  const out: string[] = [];
  if (id.length < 1 || id.length > 1024) out.push(`must be 1 to 1024 characters long (is ${id.length})`);
  if (!/^[A-Za-z0-9_]+$/.test(id)) out.push('may contain only letters, digits and underscores');
  return out;
}

/** Label keys: a lowercase letter first, then up to 62 lowercase letters, digits, `_` or `-`. */
export function labelKeyProblem(key: string): string | undefined {
  return /^[a-z][a-z0-9_-]{0,62}$/.test(key)
    ? undefined
    : `'${key}' cannot be a Google Cloud label key: a lowercase letter first, then up to 62 lowercase letters, digits, '_' or '-'`;
}

/** Label values: up to 63 lowercase letters, digits, `_` or `-`. */
export function labelValueProblem(value: string): string | undefined {
  return /^[a-z0-9_-]{0,63}$/.test(value)
    ? undefined
    : `'${value}' cannot be a Google Cloud label value: up to 63 lowercase letters, digits, '_' or '-'`;
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
