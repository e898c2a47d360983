import { block, isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { bucketParts } from './s3-helpers';

export const s3AccessLogging: PolicyRule = {
  id: 'LH-S3-007',
  title: 'S3 server access logging enabled',
  problem: 'The bucket has no server access logging.',
  rationale: 'Access logs record every request, including denied and anonymous ones that CloudTrail data events do not cover in detail.',
  fix: 'Set logging.access_log_bucket in the environment file (the constructs add aws_s3_bucket_logging), or suppress LH-S3-007 for this bucket with the reason.',
  severity: 'warning',
  checkovId: 'CKV_AWS_18',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, { stack }) {
    // A bucket that receives access logs cannot usefully log into itself.
    const isLogTarget = stack.ofType('aws_s3_bucket_logging').some((l) => stack.pointsTo(l.config.target_bucket, bucket, ['bucket']));
    if (isLogTarget) return 'not-applicable';
    const logged = bucketParts(stack, 'aws_s3_bucket_logging', bucket).length > 0 || isSet(block(bucket.config.logging).target_bucket);
    return logged ? 'compliant' : 'non-compliant';
  },
};
