import { asStringList, blocks, type TerraformResource } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

const OPEN = ['0.0.0.0/0', '::/0'];

function openSources(resource: TerraformResource): string[] {
  const c = resource.config;
  switch (resource.type) {
    case 'aws_security_group':
    case 'aws_default_security_group':
      return blocks(c.ingress).flatMap((r) => [...asStringList(r.cidr_blocks), ...asStringList(r.ipv6_cidr_blocks)]);
    case 'aws_security_group_rule':
      return c.type === 'ingress' ? [...asStringList(c.cidr_blocks), ...asStringList(c.ipv6_cidr_blocks)] : [];
    case 'aws_vpc_security_group_ingress_rule':
      return [...asStringList(c.cidr_ipv4), ...asStringList(c.cidr_ipv6)];
    default:
      return [];
  }
}

export const securityGroupOpenIngress: PolicyRule = {
  id: 'LH-SG-001',
  title: 'No ingress from 0.0.0.0/0 or ::/0',
  problem: 'A security group allows inbound traffic from the whole internet.',
  rationale: 'The catalog and its load balancer serve table metadata and credentials-bearing requests: only known networks may connect.',
  fix: 'Allow the specific CIDRs (nessie.allowed_cidrs) or security groups that need access.',
  severity: 'error',
  checkovId: 'CKV_AWS_277',
  resourceTypes: ['aws_security_group', 'aws_default_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'],
  check(resource) {
    const open = [...new Set(openSources(resource).filter((c) => OPEN.includes(c)))];
    return open.length === 0 ? 'compliant' : fail(`Ingress allowed from ${open.join(' and ')}.`);
  },
};
