import type { PolicyRule } from '../../types';
import { fail } from '../../types';

export const gcsPublicAccessPrevention: PolicyRule = {
  id: 'LH-GCS-002',
  title: 'GCS public access prevention enforced',
  problem: "The bucket does not enforce public access prevention (the default is 'inherited').",
  rationale: 'Enforcement makes an allUsers/allAuthenticatedUsers grant impossible, whatever IAM says later.',
  fix: "Set public_access_prevention = 'enforced' on the google_storage_bucket.",
  severity: 'error',
  checkovId: 'CKV_GCP_114',
  resourceTypes: ['google_storage_bucket'],
  check(bucket) {
    const value = bucket.config.public_access_prevention;
    return value === 'enforced' ? 'compliant' : fail(`public_access_prevention is '${String(value ?? 'inherited')}'.`);
  },
};
