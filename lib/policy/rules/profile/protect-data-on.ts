import type { PolicyRule } from '../../types';
import { STACK_RESOURCE_TYPE } from '../../types';

export const protectDataOn: PolicyRule = {
  id: 'LH-PRF-006',
  title: 'protect_data on',
  problem: 'protect_data is false under a compliance profile.',
  rationale: 'Regulated data must not be destroyable by a routine apply; prevent_destroy and deletion protection follow protect_data.',
  fix: 'Set protect_data: true in the environment file.',
  severity: 'error',
  resourceTypes: [STACK_RESOURCE_TYPE],
  profiles: ['soc2', 'hipaa'],
  check(_stack, { environment }) {
    return environment.protectData ? 'compliant' : 'non-compliant';
  },
};
