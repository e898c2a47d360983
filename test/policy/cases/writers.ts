import { policyJson, type PolicyStatement } from '../../../lib/aws/policy-document';
import { denyInsecureTransport, denyWrongEncryptionHeader } from '../../../lib/aws/storage';
import { s3WriterEncryption } from '../../../lib/policy/rules/s3/s3-writer-encryption';
import { BUCKET_ARN, BUCKET_REF, ENV, goodBucket, policy, tf } from '../fixtures';
import type { RuleCase } from '../rule-cases';

const CMK = '${aws_kms_key.key.arn}';
const AWS_MANAGED = '${data.aws_kms_key.aws_s3.arn}';

/** The lakehouse bucket's policy, from the statements LakehouseBucket writes: TLS only, no SSE header but SSE-KMS. */
const kmsOnly = (extra: PolicyStatement[] = []) =>
  policyJson([denyInsecureTransport(BUCKET_ARN), denyWrongEncryptionHeader(BUCKET_ARN), ...extra]);

/** Only the CMK may be named in an SSE-KMS upload. */
const denyOtherKeys: PolicyStatement = {
  Sid: 'DenyOtherKeys',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:PutObject',
  Resource: `${BUCKET_ARN}/*`,
  Condition: {
    Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
    StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': CMK },
  },
};

const bucket = (statements: string = kmsOnly()) =>
  goodBucket({ 'aws_s3_bucket_policy.policy': { bucket: BUCKET_REF, policy: statements } });

const workgroup = (encryption: Record<string, unknown>, outputLocation = 's3://${aws_s3_bucket.data.bucket}/athena-results/') => ({
  'aws_athena_workgroup.wg': {
    name: 'acme-test-lakehouse',
    configuration: { result_configuration: { output_location: outputLocation, encryption_configuration: encryption } },
  },
});

const results = { 'aws_s3_bucket.results': { bucket: 'acme-test-results' } };
const table = {
  'aws_glue_catalog_table.orders': {
    name: 'orders',
    database_name: 'acme_test_sales',
    storage_descriptor: { location: 's3://${aws_s3_bucket.data.bucket}/warehouse/sales/orders/' },
  },
};

const trail = (extra: Record<string, unknown> = {}) => ({
  'aws_cloudtrail.trail': { name: 'acme-test-lakehouse-audit', s3_bucket_name: '${aws_s3_bucket.data.id}', ...extra },
});

export const WRITER_CASES: RuleCase[] = [
  {
    rule: s3WriterEncryption,
    name: 'Athena SSE_S3 results into a bucket that denies non-KMS headers',
    env: ENV.basic,
    compliant: tf({ ...bucket(), ...workgroup({ encryption_option: 'SSE_KMS', kms_key_arn: CMK }) }),
    nonCompliant: tf({ ...bucket(), ...workgroup({ encryption_option: 'SSE_S3' }) }),
    address: 'aws_athena_workgroup.wg',
    message:
      /query results to aws_s3_bucket\.data \(x-amz-server-side-encryption: AES256\) are denied by statement 'DenyExplicitNonKmsEncryption' of aws_s3_bucket_policy\.policy/,
  },
  {
    rule: s3WriterEncryption,
    name: 'Athena table data (CTAS/INSERT) into the lakehouse bucket, results elsewhere',
    env: ENV.basic,
    // Results go to a bucket without an encryption deny; the table data still lands in the lakehouse bucket.
    compliant: tf({ ...bucket(), ...results, ...workgroup({ encryption_option: 'SSE_KMS' }, 's3://acme-test-results/out/') }),
    nonCompliant: tf({ ...bucket(), ...results, ...table, ...workgroup({ encryption_option: 'SSE_S3' }, 's3://acme-test-results/out/') }),
    address: 'aws_athena_workgroup.wg',
    message: /table data \(CTAS, INSERT, MERGE\) to aws_s3_bucket\.data/,
  },
  {
    rule: s3WriterEncryption,
    name: 'Athena SSE_KMS with a key the bucket policy does not accept',
    env: ENV.cmk,
    compliant: tf({ ...bucket(kmsOnly([denyOtherKeys])), ...workgroup({ encryption_option: 'SSE_KMS', kms_key_arn: CMK }) }),
    nonCompliant: tf({ ...bucket(kmsOnly([denyOtherKeys])), ...workgroup({ encryption_option: 'SSE_KMS', kms_key_arn: AWS_MANAGED }) }),
    address: 'aws_athena_workgroup.wg',
    message: /with key \$\{data\.aws_kms_key\.aws_s3\.arn\}\) are denied by statement 'DenyOtherKeys'/,
  },
  {
    rule: s3WriterEncryption,
    name: 'a deny without the Null guard rejects writers that send no header',
    env: ENV.basic,
    compliant: tf({ ...bucket(), ...workgroup({ encryption_option: 'CSE_KMS', kms_key_arn: CMK }) }),
    nonCompliant: tf({
      ...bucket(
        policy([
          {
            Sid: 'RequireKms',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: `${BUCKET_ARN}/*`,
            Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
          },
        ]),
      ),
      ...workgroup({ encryption_option: 'CSE_KMS', kms_key_arn: CMK }),
    }),
    address: 'aws_athena_workgroup.wg',
    message: /no encryption header\) are denied by statement 'RequireKms'/,
  },
  {
    rule: s3WriterEncryption,
    name: 'a deny that also tests a key the evaluator cannot know is not a proven contradiction',
    env: ENV.basic,
    compliant: tf({
      ...bucket(
        policy([
          {
            Sid: 'DenyAesForOthers',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObject',
            Resource: `${BUCKET_ARN}/*`,
            Condition: {
              StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' },
              ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/etl' },
            },
          },
        ]),
      ),
      ...workgroup({ encryption_option: 'SSE_S3' }),
    }),
    nonCompliant: tf({
      ...bucket(
        policy([
          {
            Sid: 'DenyAes',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:Put*',
            Resource: `arn:aws:s3:::acme-test-lakehouse/athena-results/*`,
            Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
          },
        ]),
      ),
      ...workgroup({ encryption_option: 'SSE_S3' }),
    }),
    address: 'aws_athena_workgroup.wg',
    message: /statement 'DenyAes'/,
  },
  {
    rule: s3WriterEncryption,
    name: 'CloudTrail without a KMS key into a bucket that denies non-KMS headers',
    env: ENV.basic,
    compliant: tf({ ...bucket(), ...trail({ kms_key_id: CMK }) }),
    nonCompliant: tf({ ...bucket(), ...trail() }),
    address: 'aws_cloudtrail.trail',
    message: /log files to aws_s3_bucket\.data \(x-amz-server-side-encryption: AES256\)/,
  },
];
