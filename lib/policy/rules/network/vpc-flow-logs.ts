import type { PolicyRule } from '../../types';

export const vpcFlowLogs: PolicyRule = {
  id: 'LH-VPC-001',
  title: 'VPC flow logs enabled',
  problem: 'The VPC has no flow log.',
  rationale: 'Flow logs are the network record of who talked to the catalog; incident response has nothing without them.',
  fix: 'Add an aws_flow_log with vpc_id = the VPC and traffic_type = ALL to CloudWatch Logs or S3.',
  severity: 'warning',
  checkovId: 'CKV2_AWS_11',
  resourceTypes: ['aws_vpc'],
  check(vpc, { stack }) {
    return stack.referrers('aws_flow_log', 'vpc_id', vpc).length > 0 ? 'compliant' : 'non-compliant';
  },
};
