import type { EnvironmentConfig, LoadedTableTemplate } from '../../lib/model';
import { evaluatePolicyPack, type Finding, type PolicyRule, type TerraformJson } from '../../lib/policy';
import { awsEnvironment } from '../support/synth';

type Resources = Record<string, Record<string, unknown>>;

/** Terraform JSON from `{ 'aws_s3_bucket.data': {...}, 'data.aws_iam_policy_document.d': {...} }`. */
export function tf(resources: Resources): TerraformJson {
  const out: { resource: Record<string, Record<string, unknown>>; data: Record<string, Record<string, unknown>> } = {
    resource: {},
    data: {},
  };
  for (const [address, config] of Object.entries(resources)) {
    const isData = address.startsWith('data.');
    const [type, name] = (isData ? address.slice(5) : address).split('.') as [string, string];
    const kind = isData ? out.data : out.resource;
    kind[type] = { ...(kind[type] as object), [name]: { ...config, '//': { metadata: { path: `test/${name}`, uniqueId: name } } } };
  }
  return { '//': { metadata: { stackName: 'test' } }, ...out } as TerraformJson;
}

/** Findings of one rule on a stack (through the public evaluation path). */
export function findingsOf(
  rule: PolicyRule,
  json: TerraformJson,
  env: EnvironmentConfig,
  templates?: readonly LoadedTableTemplate[],
): readonly Finding[] {
  return evaluatePolicyPack(json, env, { rules: [rule], templates }).findings;
}

export const BUCKET_REF = '${aws_s3_bucket.data.id}';
export const BUCKET_ARN = '${aws_s3_bucket.data.arn}';

/** A lakehouse bucket with every S3 control on, as the constructs should synthesize it. */
export function goodBucket(overrides: Resources = {}, name = 'acme-test-lakehouse'): Resources {
  return {
    'aws_s3_bucket.data': { bucket: name, lifecycle: { prevent_destroy: true } },
    'aws_s3_bucket_server_side_encryption_configuration.sse': {
      bucket: BUCKET_REF,
      rule: [
        {
          apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.key.arn}' },
          bucket_key_enabled: true,
        },
      ],
    },
    'aws_s3_bucket_public_access_block.pab': {
      bucket: BUCKET_REF,
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    },
    'aws_s3_bucket_policy.policy': {
      bucket: BUCKET_REF,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    },
    'aws_s3_bucket_versioning.versioning': { bucket: BUCKET_REF, versioning_configuration: { status: 'Enabled' } },
    'aws_s3_bucket_ownership_controls.ownership': { bucket: BUCKET_REF, rule: { object_ownership: 'BucketOwnerEnforced' } },
    'aws_s3_bucket_logging.logging': { bucket: BUCKET_REF, target_bucket: 'acme-access-logs', target_prefix: 'data/' },
    ...overrides,
  };
}

/** Drops resources from a fixture. */
export function without(resources: Resources, ...addresses: string[]): Resources {
  return Object.fromEntries(Object.entries(resources).filter(([a]) => !addresses.includes(a)));
}

export function policy(statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

export const ENV = {
  /** No customer-managed key (stated: the AWS default is a CMK). */
  basic: (): EnvironmentConfig => awsEnvironment('glue', 'encryption:\n  customer_managed_key: false\n'),
  cmk: (): EnvironmentConfig => awsEnvironment('glue', 'encryption:\n  customer_managed_key: true\n'),
  nessieTls: (): EnvironmentConfig =>
    awsEnvironment('nessie', 'nessie:\n  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc-123\n'),
};
