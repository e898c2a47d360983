/**
 * Which encryption headers the writers a stack configures send to S3, and whether a bucket policy's
 * Deny statements reject those uploads. Used by LH-S3-009.
 *
 * The evaluator is deliberately partial: a Deny statement counts only when everything it tests is
 * known for the upload (action, object resource, the two SSE condition keys, aws:SecureTransport).
 * A statement with any other condition key, operator or element is skipped, so a finding is always
 * a proven contradiction, never a guess.
 */
import { actionMatches, policyStatements, type Statement } from '../../iam-policy';
import { block, type StackIndex, type TerraformResource } from '../../terraform-json';
import { bucketParts } from './s3-helpers';

export const SSE_KEY = 's3:x-amz-server-side-encryption';
export const SSE_KMS_KEY_ID_KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';

/** The SSE condition keys of one upload; an absent key is a header the writer does not send. */
export type SseHeaders = Readonly<Partial<Record<typeof SSE_KEY | typeof SSE_KMS_KEY_ID_KEY, string>>>;

/** One kind of object a writer puts into a bucket. */
export interface SseWrite {
  /** The bucket written to (a resource of this stack). */
  readonly bucket: TerraformResource;
  /** A representative object key (`athena-results/x`), matched against the statements' resources. */
  readonly objectKey: string;
  /** What is written, for messages (`query results`, `table data`, `log files`). */
  readonly what: string;
  /** Header sets the writer may send; the upload is rejected when any of them is denied. */
  readonly headers: readonly SseHeaders[];
}

/** A Deny that rejects a write, for the message. */
export interface DeniedWrite {
  readonly write: SseWrite;
  readonly headers: SseHeaders;
  /** `Sid` of the statement, or its index. */
  readonly statement: string;
  readonly policy: TerraformResource | undefined;
}

const S3_URI = /^s3:\/\/([^/]+)\/?(.*)$/;

/** Resolves `s3://<bucket>/<prefix>` (bucket by reference or literal name) to a bucket of the stack and a key prefix. */
export function s3Location(value: unknown, stack: StackIndex): { bucket: TerraformResource; prefix: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const m = S3_URI.exec(value);
  if (!m) return undefined;
  const bucket = bucketNamed(m[1]!, stack);
  return bucket ? { bucket, prefix: m[2]!.replace(/\/+$/, '') } : undefined;
}

/** Resolves `<bucket ARN>[/<prefix>]` to a bucket of the stack and a key prefix. */
export function s3ArnLocation(value: unknown, stack: StackIndex): { bucket: TerraformResource; prefix: string } | undefined {
  if (typeof value !== 'string') return undefined;
  for (const bucket of stack.ofType('aws_s3_bucket')) {
    const rest = afterBucketArn(value, bucket);
    if (rest !== undefined) return { bucket, prefix: rest.replace(/^\/+|\/+$/g, '') };
  }
  return undefined;
}

function bucketNamed(name: string, stack: StackIndex): TerraformResource | undefined {
  const byRef = stack.resolve(name).find((r) => r.type === 'aws_s3_bucket');
  return byRef ?? stack.ofType('aws_s3_bucket').find((b) => b.config.bucket === name);
}

/** The part of an ARN string after this bucket's ARN (`''` for the bucket itself), or undefined for other resources. */
function afterBucketArn(value: string, bucket: TerraformResource): string | undefined {
  const ref = /^\$\{(aws_s3_bucket\.[A-Za-z_][\w-]*)\.arn\}(.*)$/.exec(value);
  if (ref) return ref[1] === bucket.address ? ref[2]! : undefined;
  const literal = /^arn:[^:]+:s3:::([^/]+)(.*)$/.exec(value);
  if (literal && typeof bucket.config.bucket === 'string' && literal[1] === bucket.config.bucket) return literal[2]!;
  return undefined;
}

/** Object key under a prefix (`prefix/` + name, or just the name at the bucket root). */
export function objectKey(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}/${name}`;
}

/** The first Deny statement of the bucket's policies that rejects one of the write's header sets. */
export function deniedWrite(write: SseWrite, policies: readonly BucketPolicy[]): DeniedWrite | undefined {
  for (const policy of policies) {
    for (const [i, s] of policy.statements.entries()) {
      for (const headers of write.headers) {
        if (deniesUpload(s, write, headers)) {
          return { write, headers, statement: sidOf(policy.value, i), policy: policy.resource };
        }
      }
    }
  }
  return undefined;
}

/** One policy of a bucket, parsed once: an `aws_s3_bucket_policy`, or the bucket's inline `policy`. */
export interface BucketPolicy {
  readonly resource: TerraformResource | undefined;
  readonly value: unknown;
  readonly statements: readonly Statement[];
}

/** The parsed policies of a bucket (a table-heavy stack checks one bucket for every table location). */
export function bucketPolicies(bucket: TerraformResource, stack: StackIndex): BucketPolicy[] {
  return [
    ...bucketParts(stack, 'aws_s3_bucket_policy', bucket).map((p) => ({
      resource: p as TerraformResource | undefined,
      value: p.config.policy,
    })),
    { resource: undefined, value: bucket.config.policy },
  ].map((p) => ({ ...p, statements: policyStatements(p.value, stack) }));
}

function sidOf(policy: unknown, index: number): string {
  try {
    const raw = (JSON.parse(String(policy)) as { Statement?: unknown }).Statement;
    const list = Array.isArray(raw) ? raw : [raw];
    const sid = (list[index] as { Sid?: unknown } | undefined)?.Sid;
    if (typeof sid === 'string' && sid !== '') return sid;
  } catch {
    // A data-source policy has no JSON text here; fall back to the position.
  }
  return `#${index + 1}`;
}

/** Whether a Deny statement provably applies to a TLS PutObject of the write with these headers. */
function deniesUpload(s: Statement, write: SseWrite, headers: SseHeaders): boolean {
  if (s.effect !== 'Deny' || s.notPrincipals !== undefined || s.notResources !== undefined) return false;
  if (!(s.principals ?? []).some((p) => p.values.includes('*') && (p.type === '*' || p.type === 'AWS'))) return false;
  const action = 's3:PutObject';
  const actionApplies = s.notActions
    ? !s.notActions.some((a) => actionMatches(a, action))
    : s.actions.some((a) => actionMatches(a, action));
  if (!actionApplies) return false;
  const coversObject = s.resources.some((r) => {
    const rest = afterBucketArn(r, write.bucket);
    return rest !== undefined && rest.startsWith('/') && globMatches(rest.slice(1), write.objectKey);
  });
  if (!coversObject) return false;
  const context: Readonly<Record<string, string>> = { ...headers, 'aws:SecureTransport': 'true' };
  return Object.entries(s.condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, key, values, context)),
  );
}

/** IAM condition semantics for the operators and keys the evaluator knows; anything else makes the statement not apply. */
function conditionHolds(operator: string, key: string, expected: readonly string[], context: Readonly<Record<string, string>>): boolean {
  if (![SSE_KEY, SSE_KMS_KEY_ID_KEY, 'aws:SecureTransport'].includes(key)) return false;
  const ifExists = operator.endsWith('IfExists');
  const op = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const actual = context[key];
  if (op === 'Null') return expected.every((e) => (e === 'true' ? actual === undefined : actual !== undefined));
  if (actual === undefined) {
    // Absent keys: positive operators are false, negated ones true (IAM documentation), IfExists true.
    if (ifExists) return true;
    return ['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike', 'StringNotEqualsIgnoreCase'].includes(op);
  }
  switch (op) {
    case 'StringEquals':
    case 'ArnEquals':
    case 'Bool':
      return expected.includes(actual);
    case 'StringEqualsIgnoreCase':
      return expected.some((e) => e.toLowerCase() === actual.toLowerCase());
    case 'StringNotEquals':
    case 'ArnNotEquals':
      return !expected.includes(actual);
    case 'StringNotEqualsIgnoreCase':
      return !expected.some((e) => e.toLowerCase() === actual.toLowerCase());
    case 'StringLike':
    case 'ArnLike':
      return expected.some((e) => globMatches(e, actual));
    case 'StringNotLike':
    case 'ArnNotLike':
      return !expected.some((e) => globMatches(e, actual));
    default:
      return false;
  }
}

function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\\\?/g, '.'))
      .join('.*')}$`,
  );
  return re.test(value);
}

/** What an Athena workgroup sends for results and for the table data it writes (CTAS, INSERT, MERGE). */
export function athenaHeaders(workgroup: TerraformResource): SseHeaders[] {
  const encryption = block(block(block(workgroup.config.configuration).result_configuration).encryption_configuration);
  const option = encryption.encryption_option;
  const key = encryption.kms_key_arn;
  if (option === 'SSE_S3') return [{ [SSE_KEY]: 'AES256' }];
  if (option === 'SSE_KMS')
    return [typeof key === 'string' && key !== '' ? { [SSE_KEY]: 'aws:kms', [SSE_KMS_KEY_ID_KEY]: key } : { [SSE_KEY]: 'aws:kms' }];
  // CSE_KMS encrypts on the client; no encryption configuration sends nothing either.
  return [{}];
}

/**
 * What CloudTrail sends for its log files: SSE-KMS with the trail's key, or SSE-S3 without one.
 * Whether SSE-S3 arrives as an explicit AES256 header is not documented, so both forms are checked.
 */
export function cloudTrailHeaders(trail: TerraformResource): SseHeaders[] {
  const key = trail.config.kms_key_id;
  if (typeof key === 'string' && key !== '') return [{ [SSE_KEY]: 'aws:kms', [SSE_KMS_KEY_ID_KEY]: key }];
  return [{ [SSE_KEY]: 'AES256' }, {}];
}

/** Human form of a header set: `x-amz-server-side-encryption: AES256` or `no encryption header`. */
export function describeHeaders(headers: SseHeaders): string {
  const sse = headers[SSE_KEY];
  if (sse === undefined) return 'no encryption header';
  const key = headers[SSE_KMS_KEY_ID_KEY];
  return `x-amz-server-side-encryption: ${sse}${key ? ` with key ${key}` : ''}`;
}
