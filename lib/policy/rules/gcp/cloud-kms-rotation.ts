import { asNumber } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

/** Longest rotation period CIS GCP 1.10 accepts. */
const MAX_ROTATION_DAYS = 90;
const MAX_ROTATION_SECONDS = MAX_ROTATION_DAYS * 86_400;

export const cloudKmsRotation: PolicyRule = {
  id: 'LH-GKMS-001',
  title: `Cloud KMS key rotates at least every ${MAX_ROTATION_DAYS} days`,
  problem: `The crypto key has no rotation period or one longer than ${MAX_ROTATION_DAYS} days.`,
  rationale: 'Regular rotation bounds the data each key version protects (CIS GCP 1.10).',
  fix: `Set rotation_period = '${MAX_ROTATION_SECONDS}s' (or shorter) on the google_kms_crypto_key.`,
  severity: 'error',
  checkovId: 'CKV_GCP_43',
  resourceTypes: ['google_kms_crypto_key'],
  check(key) {
    // Automatic rotation exists only for symmetric encryption keys.
    if ((key.config.purpose ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') return 'not-applicable';
    const seconds = asNumber(key.config.rotation_period, 's');
    if (seconds === undefined) return fail('rotation_period is not set.');
    return seconds <= MAX_ROTATION_SECONDS ? 'compliant' : fail(`rotation_period is ${seconds}s (> ${MAX_ROTATION_SECONDS}s).`);
  },
};
