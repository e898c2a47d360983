import { isSet, isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { sseDefaults } from './s3-helpers';

export const s3BucketKey: PolicyRule = {
  id: 'LH-S3-002',
  title: 'S3 bucket key enabled with SSE-KMS',
  problem: 'SSE-KMS is used without an S3 bucket key.',
  rationale: 'Without a bucket key every object operation calls KMS: Iceberg scans over many files hit KMS request quotas and cost.',
  fix: 'Set bucket_key_enabled = true on the encryption rule.',
  severity: 'warning',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, { stack }) {
    // DSSE-KMS does not support bucket keys; SSE-S3 buckets fail LH-S3-001 instead.
    const kms = sseDefaults(stack, bucket).filter((r) => r.sseAlgorithm === 'aws:kms');
    if (kms.length === 0) return 'not-applicable';
    // A CloudTrail destination whose trail encrypts with its own key: CloudTrail encrypts each log
    // file under the trail's key and encryption context, which a bucket key would replace; the
    // bucket key only saves KMS requests, and a trail writes a few objects an hour.
    const trails = stack.referrers('aws_cloudtrail', 's3_bucket_name', bucket, ['bucket']);
    if (trails.length > 0 && trails.every((t) => isSet(t.config.kms_key_id))) return 'not-applicable';
    return kms.every((r) => isTrue(r.bucketKeyEnabled)) ? 'compliant' : 'non-compliant';
  },
};
