import { isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const gcsUniformAccess: PolicyRule = {
  id: 'LH-GCS-001',
  title: 'GCS uniform bucket-level access',
  problem: 'The bucket allows object ACLs (uniform bucket-level access off).',
  rationale: 'Object ACLs bypass IAM: access must be decided in one place that audit logs and reviews cover.',
  fix: 'Set uniform_bucket_level_access = true on the google_storage_bucket.',
  severity: 'error',
  checkovId: 'CKV_GCP_29',
  resourceTypes: ['google_storage_bucket'],
  check(bucket) {
    return isTrue(bucket.config.uniform_bucket_level_access) ? 'compliant' : 'non-compliant';
  },
};
