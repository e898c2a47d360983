import { block, isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const ecsCircuitBreaker: PolicyRule = {
  id: 'LH-ECS-003',
  title: 'ECS deployment circuit breaker with rollback',
  problem: 'The ECS service has no deployment circuit breaker with rollback.',
  rationale: 'Without it a failing catalog release keeps replacing healthy tasks until the service is down.',
  fix: 'Set deployment_circuit_breaker { enable = true, rollback = true } on the aws_ecs_service.',
  severity: 'warning',
  resourceTypes: ['aws_ecs_service'],
  check(service) {
    // CodeDeploy and external controllers manage rollbacks themselves.
    const controller = block(service.config.deployment_controller).type ?? 'ECS';
    if (controller !== 'ECS') return 'not-applicable';
    const breaker = block(service.config.deployment_circuit_breaker);
    return isTrue(breaker.enable) && isTrue(breaker.rollback) ? 'compliant' : 'non-compliant';
  },
};
