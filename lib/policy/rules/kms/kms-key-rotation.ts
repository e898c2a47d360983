import { isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const kmsKeyRotation: PolicyRule = {
  id: 'LH-KMS-001',
  title: 'KMS key rotation enabled',
  problem: 'The symmetric KMS key does not rotate automatically.',
  rationale: 'Yearly rotation limits how much data one key version protects; SOC2 and HIPAA audits expect it.',
  fix: 'Set enable_key_rotation = true on the aws_kms_key.',
  severity: 'error',
  checkovId: 'CKV_AWS_7',
  resourceTypes: ['aws_kms_key'],
  check(key) {
    // Automatic rotation exists only for symmetric encryption keys.
    const spec = key.config.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT';
    const usage = key.config.key_usage ?? 'ENCRYPT_DECRYPT';
    if (spec !== 'SYMMETRIC_DEFAULT' || usage !== 'ENCRYPT_DECRYPT') return 'not-applicable';
    return isTrue(key.config.enable_key_rotation) ? 'compliant' : 'non-compliant';
  },
};
