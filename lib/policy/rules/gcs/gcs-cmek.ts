import { block, isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const gcsCmek: PolicyRule = {
  id: 'LH-GCS-003',
  title: 'GCS bucket uses CMEK when configured',
  problem: 'encryption.customer_managed_key is true but the bucket has no default KMS key.',
  rationale: 'Only a customer-managed key lets you control rotation, access and revocation of the data, as the environment asked.',
  fix: 'Set encryption { default_kms_key_name = <crypto key id> } and grant the Cloud Storage service agent encrypter/decrypter on the key first.',
  severity: 'error',
  resourceTypes: ['google_storage_bucket'],
  check(bucket, { environment }) {
    if (!environment.customerManagedKey) return 'not-applicable';
    return isSet(block(bucket.config.encryption).default_kms_key_name) ? 'compliant' : 'non-compliant';
  },
};
