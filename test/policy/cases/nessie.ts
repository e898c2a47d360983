import { albDeletionProtection } from '../../../lib/policy/rules/alb/alb-deletion-protection';
import { albDropInvalidHeaders } from '../../../lib/policy/rules/alb/alb-drop-invalid-headers';
import { albHttpRedirect } from '../../../lib/policy/rules/alb/alb-http-redirect';
import { albHttpsTls13 } from '../../../lib/policy/rules/alb/alb-https-tls13';
import { ecsCircuitBreaker } from '../../../lib/policy/rules/ecs/ecs-circuit-breaker';
import { ecsContainerLogging } from '../../../lib/policy/rules/ecs/ecs-container-logging';
import { ecsNoPublicIp } from '../../../lib/policy/rules/ecs/ecs-no-public-ip';
import { ecsPinnedImage } from '../../../lib/policy/rules/ecs/ecs-pinned-image';
import { ENV, tf } from '../fixtures';
import type { RuleCase } from '../rule-cases';

const LB = '${aws_lb.nessie.arn}';
const redirect = { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } };
const forward = { type: 'forward', target_group_arn: '${aws_lb_target_group.nessie.arn}' };

const alb = (lb: Record<string, unknown> = {}, listeners: Record<string, Record<string, unknown>> = {}) => ({
  'aws_lb.nessie': {
    name: 'acme-test-nessie',
    internal: true,
    load_balancer_type: 'application',
    drop_invalid_header_fields: true,
    enable_deletion_protection: true,
    ...lb,
  },
  'aws_lb_listener.https': {
    load_balancer_arn: LB,
    port: 443,
    protocol: 'HTTPS',
    ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
    certificate_arn: 'arn:aws:acm:eu-west-1:111122223333:certificate/abc-123',
    default_action: [forward],
  },
  'aws_lb_listener.http': { load_balancer_arn: LB, port: 80, protocol: 'HTTP', default_action: [redirect] },
  ...listeners,
});

const containers = (defs: Record<string, unknown>[]) => ({
  'aws_ecs_task_definition.nessie': { family: 'nessie', container_definitions: JSON.stringify(defs) },
});
const logging = { logDriver: 'awslogs', options: { 'awslogs-group': '/lakehouse/nessie' } };

const service = (overrides: Record<string, unknown> = {}) => ({
  'aws_ecs_service.nessie': {
    name: 'nessie',
    network_configuration: { subnets: ['${aws_subnet.private_a.id}'], assign_public_ip: false },
    deployment_circuit_breaker: { enable: true, rollback: true },
    ...overrides,
  },
});

export const NESSIE_CASES: RuleCase[] = [
  {
    rule: albHttpsTls13,
    env: ENV.nessieTls,
    compliant: tf(alb()),
    nonCompliant: tf(
      alb(
        {},
        {
          'aws_lb_listener.https': {
            load_balancer_arn: LB,
            protocol: 'HTTPS',
            ssl_policy: 'ELBSecurityPolicy-2016-08',
            default_action: [forward],
          },
        },
      ),
    ),
    address: 'aws_lb_listener.https',
    message: /ELBSecurityPolicy-2016-08/,
  },
  {
    rule: albHttpsTls13,
    name: 'certificate configured but HTTP only',
    env: ENV.nessieTls,
    compliant: tf(alb()),
    nonCompliant: tf({
      'aws_lb.nessie': { internal: true },
      'aws_lb_listener.http': { load_balancer_arn: LB, protocol: 'HTTP', default_action: [forward] },
    }),
    address: 'aws_lb.nessie',
    message: /no HTTPS listener/,
  },
  {
    rule: albHttpRedirect,
    env: ENV.nessieTls,
    compliant: tf(alb()),
    nonCompliant: tf(alb({}, { 'aws_lb_listener.http': { load_balancer_arn: LB, port: 80, protocol: 'HTTP', default_action: [forward] } })),
    address: 'aws_lb_listener.http',
  },
  {
    rule: albDropInvalidHeaders,
    env: ENV.nessieTls,
    compliant: tf(alb()),
    nonCompliant: tf(alb({ drop_invalid_header_fields: false })),
    address: 'aws_lb.nessie',
  },
  {
    rule: albDeletionProtection,
    env: ENV.nessieTls,
    compliant: tf(alb()),
    nonCompliant: tf(alb({ enable_deletion_protection: undefined })),
    address: 'aws_lb.nessie',
  },
  {
    rule: ecsNoPublicIp,
    env: ENV.basic,
    compliant: tf(service()),
    nonCompliant: tf(service({ network_configuration: { subnets: ['subnet-1'], assign_public_ip: true } })),
    address: 'aws_ecs_service.nessie',
  },
  {
    rule: ecsPinnedImage,
    env: ENV.basic,
    compliant: tf(
      containers([
        { name: 'nessie', image: 'ghcr.io/projectnessie/nessie:0.104.3', logConfiguration: logging },
        { name: 'sidecar', image: 'public.ecr.aws/x/y@sha256:0123456789abcdef', logConfiguration: logging },
      ]),
    ),
    nonCompliant: tf(
      containers([
        { name: 'nessie', image: 'ghcr.io/projectnessie/nessie:latest' },
        { name: 'proxy', image: 'localhost:5000/proxy' },
      ]),
    ),
    address: 'aws_ecs_task_definition.nessie',
    message: /nessie: ghcr.io\/projectnessie\/nessie:latest, proxy: localhost:5000\/proxy/,
  },
  {
    rule: ecsCircuitBreaker,
    env: ENV.basic,
    compliant: tf(service()),
    nonCompliant: tf(service({ deployment_circuit_breaker: { enable: true, rollback: false } })),
    address: 'aws_ecs_service.nessie',
  },
  {
    rule: ecsContainerLogging,
    env: ENV.basic,
    compliant: tf(containers([{ name: 'nessie', image: 'ghcr.io/projectnessie/nessie:0.104.3', logConfiguration: logging }])),
    nonCompliant: tf(containers([{ name: 'nessie', image: 'ghcr.io/projectnessie/nessie:0.104.3' }])),
    address: 'aws_ecs_task_definition.nessie',
    message: /nessie/,
  },
];
