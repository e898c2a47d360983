/**
 * Default names of the storage resources and the naming rules of the services that have no
 * validator in lib/model/naming.ts (CloudTrail trails, KMS aliases, CloudWatch log groups).
 */
import { lengthProblems } from '../../model/naming';

/** Length limits of the names below. */
const LENGTHS = {
  trail: { min: 3, max: 128 },
  kmsAlias: { min: 1, max: 256 },
  logGroup: { min: 1, max: 512 },
} as const;

/** Default name of the lakehouse bucket. */
export const defaultLakehouseBucketName = (prefix: string): string => `${prefix}-lakehouse`;
/** Default name of the audit (CloudTrail) bucket. */
export const defaultAuditBucketName = (prefix: string): string => `${prefix}-audit-trail`;
/**
 * Default trail name. The key policy (LakehouseKey) and the audit bucket policy both name this
 * trail in `aws:SourceArn`, so the two constructs must agree on it.
 */
export const defaultAuditTrailName = (prefix: string): string => `${prefix}-lakehouse-audit`;
/** Default alias of the customer-managed key. */
export const defaultKeyAlias = (prefix: string): string => `alias/${prefix}-lakehouse`;
/** Default log group receiving the trail's events. */
export const defaultTrailLogGroupName = (prefix: string): string => `/lakehouse/${prefix}/cloudtrail`;
/** Default role CloudTrail assumes to write to CloudWatch Logs (suffix listed in AWS_ROLE_SUFFIXES). */
export const defaultTrailRoleName = (prefix: string): string => `${prefix}-trail-to-cloudwatch`;

/** CloudTrail trail names: letters, digits, `.`, `_`, `-` (LENGTHS.trail); start and end alphanumeric; no adjacent separators. */
export function trailNameProblems(name: string): string[] {
  const out = lengthProblems(name, LENGTHS.trail);
  if (!/^[A-Za-z0-9._-]+$/.test(name)) out.push('may contain only letters, digits, periods, underscores and hyphens');
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) out.push('must begin and end with a letter or digit');
  if (/[._-]{2}/.test(name)) out.push('must not contain adjacent periods, underscores or hyphens');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) out.push('must not be formatted as an IP address');
  return out;
}

/** KMS alias names: `alias/` + letters, digits, `/`, `_`, `-` (LENGTHS.kmsAlias); `alias/aws/` is reserved. */
export function kmsAliasProblems(name: string): string[] {
  const out: string[] = [];
  if (!/^alias\/[A-Za-z0-9/_-]+$/.test(name)) out.push("must be 'alias/' followed by letters, digits, '/', '_' or '-'");
  if (name.length > LENGTHS.kmsAlias.max) out.push(`must be at most ${LENGTHS.kmsAlias.max} characters long (is ${name.length})`);
  if (name.startsWith('alias/aws/')) out.push("must not start with 'alias/aws/' (reserved for AWS managed keys)");
  return out;
}

/** CloudWatch Logs group names: letters, digits, `_ - / . #` (LENGTHS.logGroup). */
export function logGroupNameProblems(name: string): string[] {
  const out = lengthProblems(name, LENGTHS.logGroup);
  if (!/^[A-Za-z0-9_\-/.#]+$/.test(name)) out.push("may contain only letters, digits and '_', '-', '/', '.', '#'");
  return out;
}

/** Key prefixes inside a bucket: non-empty, no leading/trailing slash, no empty segment, no spaces. */
export function keyPrefixProblems(prefix: string): string[] {
  const out: string[] = [];
  if (prefix.length === 0) out.push('must not be empty');
  if (prefix.startsWith('/') || prefix.endsWith('/')) out.push('must not begin or end with a slash');
  if (prefix.includes('//')) out.push('must not contain an empty path segment (//)');
  if (!/^[A-Za-z0-9!_.*'()/-]*$/.test(prefix)) out.push("may contain only letters, digits and ! - _ . * ' ( ) /");
  return out;
}
