import { isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { LOAD_BALANCER_TYPES } from '../alb/alb-helpers';

export const nessieInternal: PolicyRule = {
  id: 'LH-PRF-005',
  title: 'Nessie load balancer internal',
  problem: 'The catalog load balancer is internet-facing.',
  rationale: 'The catalog has no place on the internet: an internal ALB reachable from the VPC and peered networks only.',
  fix: 'Set nessie.internal: true (the constructs set internal = true on the aws_lb).',
  severity: 'error',
  resourceTypes: LOAD_BALANCER_TYPES,
  profiles: ['soc2', 'hipaa'],
  check(lb) {
    return isTrue(lb.config.internal) ? 'compliant' : 'non-compliant';
  },
};
