import { isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { sseDefaults } from './s3-helpers';

export const s3CustomerManagedKey: PolicyRule = {
  id: 'LH-S3-008',
  title: 'S3 bucket uses the customer-managed key when one is configured',
  problem: 'encryption.customer_managed_key is true but the bucket is encrypted with the AWS managed key.',
  rationale:
    'Only a customer-managed key lets you control its policy, rotation and revocation (crypto-shredding), which the environment asked for.',
  fix: 'Set kms_master_key_id on the encryption rule to the stack’s customer-managed KMS key.',
  severity: 'error',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, { stack, environment }) {
    if (!environment.customerManagedKey) return 'not-applicable';
    const rules = sseDefaults(stack, bucket);
    if (rules.length === 0) return 'not-applicable'; // LH-S3-001 reports the missing configuration.
    return rules.every((r) => isSet(r.kmsMasterKeyId))
      ? 'compliant'
      : fail('The encryption rule has no kms_master_key_id (aws/s3 managed key).');
  },
};
