import { block, isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const ecsNoPublicIp: PolicyRule = {
  id: 'LH-ECS-001',
  title: 'ECS tasks get no public IP',
  problem: 'The ECS service assigns public IP addresses to its tasks.',
  rationale: 'A public IP puts the catalog container directly on the internet, bypassing the load balancer and its security group.',
  fix: 'Set network_configuration.assign_public_ip = false and run tasks in private subnets with NAT or VPC endpoints.',
  severity: 'error',
  checkovId: 'CKV_AWS_333',
  resourceTypes: ['aws_ecs_service'],
  check(service) {
    return isTrue(block(service.config.network_configuration).assign_public_ip) ? 'non-compliant' : 'compliant';
  },
};
