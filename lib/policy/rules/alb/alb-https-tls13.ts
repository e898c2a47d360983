import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { expectsHttps, isApplicationLoadBalancer, LISTENER_TYPES, listenerProtocol, listenersOf, LOAD_BALANCER_TYPES } from './alb-helpers';

const TLS13_POLICY = /^ELBSecurityPolicy-TLS13-/;

export const albHttpsTls13: PolicyRule = {
  id: 'LH-ALB-001',
  title: 'HTTPS listener with a TLS 1.3 policy when a certificate is set',
  problem: 'A certificate is configured but the load balancer has no HTTPS listener, or an HTTPS listener allows pre-TLS 1.3 policies.',
  rationale: 'Catalog requests carry table locations and bearer tokens; they must be encrypted with current TLS.',
  fix: "Add an HTTPS listener with the certificate and ssl_policy 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' (or another ELBSecurityPolicy-TLS13-* policy).",
  severity: 'error',
  checkovId: 'CKV_AWS_103',
  resourceTypes: [...LOAD_BALANCER_TYPES, ...LISTENER_TYPES],
  check(resource, { stack, environment }) {
    if (LISTENER_TYPES.includes(resource.type)) {
      if (listenerProtocol(resource) !== 'HTTPS') return 'not-applicable';
      const policy = resource.config.ssl_policy;
      return typeof policy === 'string' && TLS13_POLICY.test(policy)
        ? 'compliant'
        : fail(`ssl_policy is '${String(policy ?? '(provider default)')}', not a TLS 1.3 policy.`);
    }
    if (!isApplicationLoadBalancer(resource) || !expectsHttps(stack, resource, environment)) return 'not-applicable';
    const https = listenersOf(stack, resource).some((l) => listenerProtocol(l) === 'HTTPS');
    return https ? 'compliant' : fail('A certificate is configured (nessie.certificate_arn) but no HTTPS listener uses it.');
  },
};
