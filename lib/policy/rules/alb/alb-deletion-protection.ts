import { isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { LOAD_BALANCER_TYPES } from './alb-helpers';

export const albDeletionProtection: PolicyRule = {
  id: 'LH-ALB-004',
  title: 'Load balancer deletion protection when data is protected',
  problem: 'protect_data is true but the load balancer can be deleted.',
  rationale: 'Deleting the catalog endpoint takes every reader and writer down; protected environments need a deliberate two-step removal.',
  fix: 'Set enable_deletion_protection = true on the aws_lb (the constructs derive it from protect_data).',
  severity: 'error',
  checkovId: 'CKV_AWS_150',
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb, { environment }) {
    if (!environment.protectData) return 'not-applicable';
    return isTrue(lb.config.enable_deletion_protection) ? 'compliant' : 'non-compliant';
  },
};
