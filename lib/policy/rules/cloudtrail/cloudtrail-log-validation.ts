import { isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const cloudtrailLogValidation: PolicyRule = {
  id: 'LH-CT-001',
  title: 'CloudTrail log file validation enabled',
  problem: 'The trail does not write signed digest files.',
  rationale: 'Digest files prove the audit log was not altered or deleted after delivery (integrity control for SOC2/HIPAA).',
  fix: 'Set enable_log_file_validation = true on the aws_cloudtrail.',
  severity: 'error',
  checkovId: 'CKV_AWS_36',
  resourceTypes: ['aws_cloudtrail'],
  check(trail) {
    return isTrue(trail.config.enable_log_file_validation) ? 'compliant' : 'non-compliant';
  },
};
