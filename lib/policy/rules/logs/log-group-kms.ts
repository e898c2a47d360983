import { isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const logGroupKms: PolicyRule = {
  id: 'LH-CWL-002',
  title: 'CloudWatch log group encrypted with the customer-managed key',
  problem: 'encryption.customer_managed_key is true but the log group is not encrypted with it.',
  rationale: 'Logs hold query text, principals and object keys; with a CMK their readability follows the key policy.',
  fix: 'Set kms_key_id on the aws_cloudwatch_log_group (the key policy must allow logs.<region>.amazonaws.com).',
  severity: 'error',
  checkovId: 'CKV_AWS_158',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(group, { environment }) {
    if (!environment.customerManagedKey) return 'not-applicable';
    return isSet(group.config.kms_key_id) ? 'compliant' : 'non-compliant';
  },
};
