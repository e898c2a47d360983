import { CLOUDWATCH_RETENTION_DAYS } from '../../../aws/rules/limits';
import { asNumber } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

export const logGroupRetention: PolicyRule = {
  id: 'LH-CWL-001',
  title: 'CloudWatch log group retention set',
  problem: 'The log group keeps logs forever or has no valid retention.',
  rationale: 'Retention is a decision (cost, privacy, audit period); the default keeps personal data in logs indefinitely.',
  fix: 'Set retention_in_days to logging.retention_days (a value CloudWatch accepts, e.g. 365 or 2192).',
  severity: 'error',
  checkovId: 'CKV_AWS_66',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(group) {
    const days = asNumber(group.config.retention_in_days);
    if (days === undefined || days === 0) return 'non-compliant';
    return CLOUDWATCH_RETENTION_DAYS.includes(days) ? 'compliant' : fail(`retention_in_days = ${days} is not a value CloudWatch accepts.`);
  },
};
