import { blocks, isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

// The provider's default description, which says nothing about the group.
const PROVIDER_DEFAULT = 'Managed by Terraform';

export const securityGroupDescriptions: PolicyRule = {
  id: 'LH-SG-002',
  title: 'Security groups and rules are described',
  problem: 'A security group or rule has no description.',
  rationale: 'Reviewers and auditors must be able to tell why each opening exists without reading the code.',
  fix: 'Set description on the group and on every ingress/egress rule.',
  severity: 'warning',
  checkovId: 'CKV_AWS_23',
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
  ],
  check(resource) {
    const c = resource.config;
    if (resource.type !== 'aws_security_group') return isSet(c.description) ? 'compliant' : 'non-compliant';
    const missing: string[] = [];
    if (!isSet(c.description) || c.description === PROVIDER_DEFAULT) missing.push('the group');
    const rules = [...blocks(c.ingress), ...blocks(c.egress)];
    const undocumented = rules.filter((r) => !isSet(r.description)).length;
    if (undocumented > 0) missing.push(`${undocumented} inline rule(s)`);
    return missing.length === 0 ? 'compliant' : fail(`No description on ${missing.join(' and ')}.`);
  },
};
