import { isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { bucketParts } from './s3-helpers';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const s3PublicAccessBlock: PolicyRule = {
  id: 'LH-S3-003',
  title: 'S3 bucket public access blocked',
  problem: 'The bucket has no public access block with all four settings on.',
  rationale: 'One mistaken bucket policy or ACL would otherwise expose lakehouse data to the internet.',
  fix: 'Add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets = true.',
  severity: 'error',
  checkovId: 'CKV2_AWS_6',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, { stack }) {
    const blocks = bucketParts(stack, 'aws_s3_bucket_public_access_block', bucket);
    if (blocks.length === 0) return fail('No aws_s3_bucket_public_access_block refers to this bucket.');
    const off = FLAGS.filter((f) => !blocks.some((b) => isTrue(b.config[f])));
    return off.length === 0 ? 'compliant' : fail(`Public access block leaves ${off.join(', ')} off.`);
  },
};
