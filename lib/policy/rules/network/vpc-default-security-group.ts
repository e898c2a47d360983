import { blocks } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

export const vpcDefaultSecurityGroupClosed: PolicyRule = {
  id: 'LH-VPC-002',
  title: 'Default security group closed',
  problem: 'The VPC’s default security group is not managed to deny all traffic.',
  rationale: 'The default group allows all egress and traffic between its members; anything launched without a group lands in it.',
  fix: 'Add an aws_default_security_group for the VPC with no ingress and no egress rules.',
  severity: 'warning',
  checkovId: 'CKV2_AWS_12',
  resourceTypes: ['aws_vpc'],
  check(vpc, { stack }) {
    const groups = stack.referrers('aws_default_security_group', 'vpc_id', vpc);
    if (groups.length === 0) return fail('No aws_default_security_group manages this VPC’s default group.');
    const open = groups.some((g) => blocks(g.config.ingress).length > 0 || blocks(g.config.egress).length > 0);
    return open ? fail('The default security group still has ingress or egress rules.') : 'compliant';
  },
};
