import { s3AccessLogging } from '../../../lib/policy/rules/s3/s3-access-logging';
import { s3BucketKey } from '../../../lib/policy/rules/s3/s3-bucket-key';
import { s3CustomerManagedKey } from '../../../lib/policy/rules/s3/s3-customer-managed-key';
import { s3KmsEncryption } from '../../../lib/policy/rules/s3/s3-kms-encryption';
import { s3NoAcls } from '../../../lib/policy/rules/s3/s3-no-acls';
import { s3PublicAccessBlock } from '../../../lib/policy/rules/s3/s3-public-access-block';
import { s3TlsOnly } from '../../../lib/policy/rules/s3/s3-tls-only';
import { s3Versioning } from '../../../lib/policy/rules/s3/s3-versioning';
import { BUCKET_ARN, BUCKET_REF, ENV, goodBucket, policy, tf, without } from '../fixtures';
import type { RuleCase } from '../rule-cases';

const good = goodBucket();
const sse = (byDefault: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  'aws_s3_bucket_server_side_encryption_configuration.sse': {
    bucket: BUCKET_REF,
    rule: [{ apply_server_side_encryption_by_default: byDefault, ...extra }],
  },
});

const tlsDeny = (resources: string[]) =>
  policy([
    { Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: resources, Condition: { Bool: { 'aws:SecureTransport': false } } },
  ]);

export const S3_CASES: RuleCase[] = [
  {
    rule: s3KmsEncryption,
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(goodBucket(sse({ sse_algorithm: 'AES256' }))),
    address: 'aws_s3_bucket.data',
    message: /sse_algorithm 'AES256'/,
  },
  {
    rule: s3KmsEncryption,
    name: 'no configuration',
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(without(good, 'aws_s3_bucket_server_side_encryption_configuration.sse')),
    address: 'aws_s3_bucket.data',
    message: /No aws_s3_bucket_server_side_encryption_configuration/,
  },
  {
    rule: s3BucketKey,
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(goodBucket(sse({ sse_algorithm: 'aws:kms' }, { bucket_key_enabled: false }))),
    address: 'aws_s3_bucket.data',
  },
  {
    rule: s3PublicAccessBlock,
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(
      goodBucket({
        'aws_s3_bucket_public_access_block.pab': {
          bucket: BUCKET_REF,
          block_public_acls: true,
          block_public_policy: false,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      }),
    ),
    address: 'aws_s3_bucket.data',
    message: /block_public_policy/,
  },
  {
    rule: s3PublicAccessBlock,
    name: 'missing, referenced by bucket name',
    env: ENV.basic,
    // A literal bucket name counts as a reference to the bucket.
    compliant: tf(
      goodBucket({
        'aws_s3_bucket_public_access_block.pab': {
          bucket: 'acme-test-lakehouse',
          block_public_acls: true,
          block_public_policy: true,
          ignore_public_acls: true,
          restrict_public_buckets: true,
        },
      }),
    ),
    nonCompliant: tf(without(good, 'aws_s3_bucket_public_access_block.pab')),
    address: 'aws_s3_bucket.data',
    message: /No aws_s3_bucket_public_access_block/,
  },
  {
    rule: s3TlsOnly,
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(
      goodBucket({
        'aws_s3_bucket_policy.policy': {
          bucket: BUCKET_REF,
          policy: policy([
            {
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [`${BUCKET_ARN}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ]),
        },
      }),
    ),
    address: 'aws_s3_bucket.data',
    message: /both the bucket ARN and its objects/,
  },
  {
    rule: s3TlsOnly,
    name: 'literal ARNs',
    env: ENV.basic,
    compliant: tf(
      goodBucket({
        'aws_s3_bucket_policy.policy': {
          bucket: BUCKET_REF,
          policy: tlsDeny(['arn:aws:s3:::acme-test-lakehouse', 'arn:aws:s3:::acme-test-lakehouse/*']),
        },
      }),
    ),
    nonCompliant: tf(
      goodBucket({
        'aws_s3_bucket_policy.policy': { bucket: BUCKET_REF, policy: tlsDeny(['arn:aws:s3:::other', 'arn:aws:s3:::other/*']) },
      }),
    ),
    address: 'aws_s3_bucket.data',
  },
  {
    rule: s3Versioning,
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(
      goodBucket({ 'aws_s3_bucket_versioning.versioning': { bucket: BUCKET_REF, versioning_configuration: { status: 'Suspended' } } }),
    ),
    address: 'aws_s3_bucket.data',
  },
  {
    rule: s3NoAcls,
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(goodBucket({ 'aws_s3_bucket_acl.acl': { bucket: BUCKET_REF, acl: 'public-read' } })),
    address: 'aws_s3_bucket.data',
    message: /aws_s3_bucket_acl/,
  },
  {
    rule: s3NoAcls,
    name: 'ObjectWriter ownership',
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(
      goodBucket({ 'aws_s3_bucket_ownership_controls.ownership': { bucket: BUCKET_REF, rule: { object_ownership: 'ObjectWriter' } } }),
    ),
    address: 'aws_s3_bucket.data',
    message: /ObjectWriter/,
  },
  {
    rule: s3AccessLogging,
    env: ENV.basic,
    compliant: tf(good),
    nonCompliant: tf(without(good, 'aws_s3_bucket_logging.logging')),
    address: 'aws_s3_bucket.data',
  },
  {
    rule: s3CustomerManagedKey,
    env: ENV.cmk,
    compliant: tf(good),
    nonCompliant: tf(goodBucket(sse({ sse_algorithm: 'aws:kms' }, { bucket_key_enabled: true }))),
    address: 'aws_s3_bucket.data',
    message: /no kms_master_key_id/,
  },
];
