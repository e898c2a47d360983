import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { containerDefinitions } from './container-definitions';

export const ecsContainerLogging: PolicyRule = {
  id: 'LH-ECS-004',
  title: 'ECS containers send logs',
  problem: 'A container has no logConfiguration.',
  rationale: 'Container output is lost when a task stops; errors and access records of the catalog must be kept.',
  fix: "Give every container a logConfiguration (logDriver 'awslogs' to the stack's log group).",
  severity: 'warning',
  resourceTypes: ['aws_ecs_task_definition'],
  check(task) {
    const missing = containerDefinitions(task)
      .filter((c) => typeof c.logConfiguration?.logDriver !== 'string')
      .map((c) => c.name ?? '(unnamed)');
    return missing.length === 0 ? 'compliant' : fail(`No logConfiguration on container(s): ${missing.join(', ')}.`);
  },
};
