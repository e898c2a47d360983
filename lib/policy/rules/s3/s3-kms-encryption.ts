import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { KMS_ALGORITHMS, sseDefaults } from './s3-helpers';

export const s3KmsEncryption: PolicyRule = {
  id: 'LH-S3-001',
  title: 'S3 bucket encrypted with KMS by default',
  problem: 'The bucket has no default encryption with SSE-KMS.',
  rationale: 'SSE-KMS puts every object read behind a KMS permission and a CloudTrail event; SSE-S3 cannot be audited or revoked per key.',
  fix: "Add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = 'aws:kms' for the bucket.",
  severity: 'error',
  checkovId: 'CKV_AWS_145',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, { stack }) {
    const rules = sseDefaults(stack, bucket);
    if (rules.length === 0)
      return fail('No aws_s3_bucket_server_side_encryption_configuration refers to this bucket (S3 would use SSE-S3).');
    const bad = rules.filter((r) => !KMS_ALGORITHMS.includes(String(r.sseAlgorithm)));
    return bad.length === 0 ? 'compliant' : fail(`Default encryption uses sse_algorithm '${String(bad[0]!.sseAlgorithm)}', not aws:kms.`);
  },
};
