import type { PolicyRule } from '../../types';
import { fail, STACK_RESOURCE_TYPE } from '../../types';
import { authenticates, nessieTasks } from './nessie-task-environment';

export const nessieAuthentication: PolicyRule = {
  id: 'LH-PRF-008',
  title: 'Nessie authenticates and authorizes callers',
  problem: 'The Nessie catalog accepts requests without a token, or without per-tier authorization rules.',
  rationale:
    'Whoever reaches an unauthenticated catalog can create, change and drop tables and branches; access control on the catalog itself is a SOC2 (CC6.1) and HIPAA (164.312(a)(1), (d)) control.',
  fix: 'Remove nessie.auth.mode: none (the default with a certificate is cognito), or use mode: external with your OIDC issuer.',
  severity: 'error',
  resourceTypes: [STACK_RESOURCE_TYPE],
  profiles: ['soc2', 'hipaa'],
  check(_stack, { environment, stack }) {
    if (environment.catalog !== 'nessie') return 'not-applicable';
    if (environment.nessie.auth.mode === 'none') return fail('nessie.auth.mode is none.');
    const open = nessieTasks(stack).filter((t) => !authenticates(t) || t.environment.NESSIE_SERVER_AUTHORIZATION_ENABLED !== 'true');
    return open.length === 0
      ? 'compliant'
      : fail(`Authentication or authorization is off in ${[...new Set(open.map((t) => t.task.address))].join(', ')}.`);
  },
};
