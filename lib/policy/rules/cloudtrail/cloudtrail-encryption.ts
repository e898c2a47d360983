import { isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const cloudtrailEncryption: PolicyRule = {
  id: 'LH-CT-003',
  title: 'CloudTrail logs encrypted with KMS',
  problem: 'The trail does not encrypt its log files with a KMS key.',
  rationale: 'Audit logs name principals, buckets and objects; SSE-KMS adds a key policy and its own audit trail on top of bucket access.',
  fix: 'Set kms_key_id on the aws_cloudtrail to the stack’s KMS key (its key policy must allow cloudtrail.amazonaws.com).',
  severity: 'error',
  checkovId: 'CKV_AWS_35',
  resourceTypes: ['aws_cloudtrail'],
  check(trail) {
    return isSet(trail.config.kms_key_id) ? 'compliant' : 'non-compliant';
  },
};
