import { PROFILE_REQUIREMENTS, profileRequirements } from '../../profiles';
import { asNumber } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

const { hipaa, soc2 } = PROFILE_REQUIREMENTS;

export const logRetentionMinimum: PolicyRule = {
  id: 'LH-PRF-002',
  title: 'CloudWatch logs kept for the profile’s period',
  problem: `A log group keeps logs for less than the profile requires (SOC2: ${soc2.logRetentionDays} days, HIPAA: ${hipaa.logRetentionDays} days).`,
  rationale: 'Security logs must cover the audit period, or incidents and access reviews have gaps.',
  fix: `Set logging.retention_days to at least ${soc2.logRetentionDays} (soc2) or ${hipaa.logRetentionDays} (hipaa).`,
  severity: 'error',
  checkovId: 'CKV_AWS_338',
  resourceTypes: ['aws_cloudwatch_log_group'],
  profiles: ['soc2', 'hipaa'],
  check(group, { environment }) {
    const required = profileRequirements(environment.compliance)!.logRetentionDays;
    const days = asNumber(group.config.retention_in_days);
    if (days === undefined || days === 0) return 'compliant'; // never expires; LH-CWL-001 asks for an explicit value
    return days >= required ? 'compliant' : fail(`retention_in_days = ${days}, below ${required}.`);
  },
};
