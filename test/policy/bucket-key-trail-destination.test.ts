import { describe, expect, it } from 'vitest';
import { s3BucketKey } from '../../lib/policy/rules/s3/s3-bucket-key';
import { StackIndex } from '../../lib/policy/terraform-json';
import { BUCKET_REF, ENV, goodBucket, tf } from './fixtures';

const noBucketKey = {
  'aws_s3_bucket_server_side_encryption_configuration.sse': {
    bucket: BUCKET_REF,
    rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'k' }, bucket_key_enabled: false }],
  },
};

function outcome(extra: Record<string, Record<string, unknown>>): unknown {
  const stack = new StackIndex(tf(goodBucket({ ...noBucketKey, ...extra })));
  return s3BucketKey.check(stack.get('aws_s3_bucket.data')!, { environment: ENV.cmk(), stack, templates: [] });
}

describe('LH-S3-002 on a CloudTrail destination', () => {
  it('does not apply when the trail writing to the bucket encrypts with its own KMS key', () => {
    expect(
      outcome({ 'aws_cloudtrail.trail': { s3_bucket_name: BUCKET_REF, kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/x' } }),
    ).toBe('not-applicable');
  });

  it('still applies when the trail has no key of its own, or when no trail writes there', () => {
    expect(outcome({ 'aws_cloudtrail.trail': { s3_bucket_name: BUCKET_REF } })).toBe('non-compliant');
    expect(outcome({})).toBe('non-compliant');
  });
});
