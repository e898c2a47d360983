import { isSet } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail, STACK_RESOURCE_TYPE } from '../../types';
import { isApplicationLoadBalancer, listenerProtocol, listenersOf, LOAD_BALANCER_TYPES } from '../alb/alb-helpers';
import { authenticates, nessieTasks } from './nessie-task-environment';

export const nessieTokensHttps: PolicyRule = {
  id: 'LH-PRF-009',
  title: 'Nessie tokens only over HTTPS',
  problem: 'Nessie authenticates bearer tokens but the load balancer serves plain HTTP.',
  rationale: 'A bearer token sent over HTTP can be read on the network and replayed until it expires.',
  fix: 'Set nessie.certificate_arn (an HTTPS listener, HTTP redirected), or turn authentication off only where HTTP is acceptable.',
  severity: 'error',
  resourceTypes: [STACK_RESOURCE_TYPE],
  profiles: ['soc2', 'hipaa'],
  check(_stack, { environment, stack }) {
    const authenticated = nessieTasks(stack).filter(authenticates);
    if (environment.catalog !== 'nessie' || (authenticated.length === 0 && environment.nessie.auth.mode === 'none'))
      return 'not-applicable';
    if (!isSet(environment.nessie.certificateArn))
      return fail(`nessie.auth.mode is ${environment.nessie.auth.mode} but nessie.certificate_arn is not set.`);
    const plain = stack
      .ofType(...LOAD_BALANCER_TYPES)
      .filter((lb) => isApplicationLoadBalancer(lb) && !listenersOf(stack, lb).some((l) => listenerProtocol(l) === 'HTTPS'));
    return plain.length === 0 ? 'compliant' : fail(`Tokens would cross plain HTTP on ${plain.map((l) => l.address).join(', ')}.`);
  },
};
