import type { PolicyRule } from '../../types';
import { STACK_RESOURCE_TYPE } from '../../types';

export const customerManagedKeys: PolicyRule = {
  id: 'LH-PRF-003',
  title: 'Customer-managed keys (HIPAA)',
  problem: 'The HIPAA profile requires customer-managed keys but encryption.customer_managed_key is false.',
  rationale: 'With your own keys you control who can decrypt PHI and can revoke access to all of it at once.',
  fix: 'Set encryption.customer_managed_key: true in the environment file.',
  severity: 'error',
  resourceTypes: [STACK_RESOURCE_TYPE],
  profiles: ['hipaa'],
  check(_stack, { environment }) {
    return environment.customerManagedKey ? 'compliant' : 'non-compliant';
  },
};
