import { isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const cloudtrailCloudWatch: PolicyRule = {
  id: 'LH-CT-004',
  title: 'CloudTrail delivers to CloudWatch Logs',
  problem: 'The trail does not deliver events to a CloudWatch Logs group.',
  rationale: 'Metric filters and alarms (AccessDenied on the lakehouse bucket) need the events in CloudWatch Logs.',
  fix: 'Set cloud_watch_logs_group_arn (`<log group arn>:*`) and cloud_watch_logs_role_arn on the aws_cloudtrail.',
  severity: 'warning',
  checkovId: 'CKV2_AWS_10',
  resourceTypes: ['aws_cloudtrail'],
  check(trail) {
    return isSet(trail.config.cloud_watch_logs_group_arn) && isSet(trail.config.cloud_watch_logs_role_arn) ? 'compliant' : 'non-compliant';
  },
};
