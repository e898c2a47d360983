import { isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { isApplicationLoadBalancer, LOAD_BALANCER_TYPES } from './alb-helpers';

export const albDropInvalidHeaders: PolicyRule = {
  id: 'LH-ALB-003',
  title: 'ALB drops invalid HTTP headers',
  problem: 'The application load balancer forwards invalid header fields.',
  rationale: 'Malformed headers are the raw material of request smuggling and desync attacks on the backend.',
  fix: 'Set drop_invalid_header_fields = true on the aws_lb.',
  severity: 'error',
  checkovId: 'CKV_AWS_131',
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb) {
    if (!isApplicationLoadBalancer(lb)) return 'not-applicable';
    return isTrue(lb.config.drop_invalid_header_fields) ? 'compliant' : 'non-compliant';
  },
};
