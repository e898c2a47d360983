import { block, blocks } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { expectsHttps, isApplicationLoadBalancer, LISTENER_TYPES, listenerProtocol, loadBalancerOf } from './alb-helpers';

export const albHttpRedirect: PolicyRule = {
  id: 'LH-ALB-002',
  title: 'HTTP listener redirects to HTTPS',
  problem: 'An HTTP listener serves traffic although the load balancer has HTTPS.',
  rationale: 'A plain-HTTP path next to HTTPS lets clients (and tokens) fall back to cleartext.',
  fix: "Make the HTTP listener's default_action a redirect with protocol 'HTTPS', port '443', status_code 'HTTP_301'.",
  severity: 'error',
  checkovId: 'CKV2_AWS_20',
  resourceTypes: LISTENER_TYPES,
  check(listener, { stack, environment }) {
    if (listenerProtocol(listener) !== 'HTTP') return 'not-applicable';
    const lb = loadBalancerOf(stack, listener);
    if (!lb || !isApplicationLoadBalancer(lb) || !expectsHttps(stack, lb, environment)) return 'not-applicable';
    const actions = blocks(listener.config.default_action);
    const redirects = actions.length > 0 && actions.every((a) => a.type === 'redirect' && block(a.redirect).protocol === 'HTTPS');
    return redirects ? 'compliant' : 'non-compliant';
  },
};
