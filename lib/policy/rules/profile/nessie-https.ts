import { isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail, STACK_RESOURCE_TYPE } from '../../types';
import { isApplicationLoadBalancer, listenerProtocol, listenersOf, LOAD_BALANCER_TYPES } from '../alb/alb-helpers';

export const nessieHttps: PolicyRule = {
  id: 'LH-PRF-004',
  title: 'Nessie served over HTTPS',
  problem: 'The Nessie catalog is reachable over plain HTTP only.',
  rationale: 'Catalog traffic carries table locations and tokens; encryption in transit is a HIPAA and SOC2 control.',
  fix: 'Set nessie.certificate_arn to an ACM certificate (the constructs add an HTTPS listener and redirect HTTP).',
  severity: 'error',
  resourceTypes: [STACK_RESOURCE_TYPE],
  profiles: ['soc2', 'hipaa'],
  check(_stack, { environment, stack }) {
    if (environment.catalog !== 'nessie') return 'not-applicable';
    if (!isSet(environment.nessie.certificateArn)) return fail('nessie.certificate_arn is not set.');
    const plain = stack
      .ofType(...LOAD_BALANCER_TYPES)
      .filter((lb) => isApplicationLoadBalancer(lb) && !listenersOf(stack, lb).some((l) => listenerProtocol(l) === 'HTTPS'));
    return plain.length === 0 ? 'compliant' : fail(`No HTTPS listener on ${plain.map((l) => l.address).join(', ')}.`);
  },
};
