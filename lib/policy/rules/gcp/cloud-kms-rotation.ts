import { asNumber } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

const NINETY_DAYS = 90 * 86_400;

export const cloudKmsRotation: PolicyRule = {
  id: 'LH-GKMS-001',
  title: 'Cloud KMS key rotates at least every 90 days',
  problem: 'The crypto key has no rotation period or one longer than 90 days.',
  rationale: 'Regular rotation bounds the data each key version protects (CIS GCP 1.10).',
  fix: "Set rotation_period = '7776000s' (or shorter) on the google_kms_crypto_key.",
  severity: 'error',
  checkovId: 'CKV_GCP_43',
  resourceTypes: ['google_kms_crypto_key'],
  check(key) {
    // Automatic rotation exists only for symmetric encryption keys.
    if ((key.config.purpose ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') return 'not-applicable';
    const seconds = asNumber(key.config.rotation_period, 's');
    if (seconds === undefined) return fail('rotation_period is not set.');
    return seconds <= NINETY_DAYS ? 'compliant' : fail(`rotation_period is ${seconds}s (> 7776000s).`);
  },
};
