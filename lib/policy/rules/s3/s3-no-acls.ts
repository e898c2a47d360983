import { block, blocks, isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { bucketParts } from './s3-helpers';

export const s3NoAcls: PolicyRule = {
  id: 'LH-S3-006',
  title: 'S3 bucket ACLs disabled',
  problem: 'The bucket does not enforce bucket-owner object ownership (ACLs stay usable).',
  rationale: 'ACLs bypass the bucket policy and Lake Formation: access must be decided by policies only.',
  fix: "Add an aws_s3_bucket_ownership_controls with rule.object_ownership = 'BucketOwnerEnforced' and no aws_s3_bucket_acl.",
  severity: 'error',
  checkovId: 'CKV2_AWS_65',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, { stack }) {
    if (bucketParts(stack, 'aws_s3_bucket_acl', bucket).length > 0) return fail('An aws_s3_bucket_acl sets an ACL on the bucket.');
    if (isSet(bucket.config.acl) || blocks(bucket.config.grant).length > 0) return fail('The bucket sets acl/grant inline.');
    const ownership = bucketParts(stack, 'aws_s3_bucket_ownership_controls', bucket);
    if (ownership.length === 0) return fail('No aws_s3_bucket_ownership_controls refers to this bucket.');
    const modes = ownership.map((o) => block(o.config.rule).object_ownership);
    return modes.every((m) => m === 'BucketOwnerEnforced')
      ? 'compliant'
      : fail(`object_ownership is '${String(modes[0])}', not BucketOwnerEnforced.`);
  },
};
