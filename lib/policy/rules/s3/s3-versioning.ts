import { block, isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { bucketParts } from './s3-helpers';

export const s3Versioning: PolicyRule = {
  id: 'LH-S3-005',
  title: 'S3 bucket versioning enabled',
  problem: 'The bucket does not have versioning enabled.',
  rationale: 'Versioning lets deleted or overwritten Iceberg metadata and data files be recovered after a bad job or a malicious delete.',
  fix: "Add an aws_s3_bucket_versioning for the bucket with versioning_configuration.status = 'Enabled'.",
  severity: 'error',
  checkovId: 'CKV_AWS_21',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, { stack }) {
    const split = bucketParts(stack, 'aws_s3_bucket_versioning', bucket).some(
      (v) => block(v.config.versioning_configuration).status === 'Enabled',
    );
    return split || isTrue(block(bucket.config.versioning).enabled) ? 'compliant' : 'non-compliant';
  },
};
