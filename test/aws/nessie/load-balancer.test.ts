import { compareBy } from '../../../lib/model/compare';
import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { NessieLoadBalancer, type NessieLoadBalancerProps } from '../../../lib/aws/nessie';
import { awsTestStack, onlyResource, resourcesOf, type TfJson } from '../../support/synth';
import { byId, CERT, ref, synthNessie, type Synthesized } from './nessie-fixtures';

const ALB_SG = (json: TfJson) => ref(json, 'aws_security_group', 'load-balancer');
const TASK_SG = (json: TfJson) => ref(json, 'aws_security_group', 'tasks');

/** Every ingress and egress rule as a comparable row. */
function rules(json: TfJson) {
  const row = (direction: string) => (r: Record<string, any>) => ({
    direction,
    group: r.security_group_id,
    port: `${r.ip_protocol}/${r.from_port}-${r.to_port}`,
    peer: r.cidr_ipv4 ?? r.referenced_security_group_id,
    described: typeof r.description === 'string' && r.description.length > 10,
  });
  return [
    ...Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).map(row('in')),
    ...Object.values(resourcesOf(json, 'aws_vpc_security_group_egress_rule')).map(row('out')),
  ].sort(compareBy((r) => JSON.stringify(r)));
}

function sorted<T>(rows: T[]): T[] {
  return [...rows].sort(compareBy((r) => JSON.stringify(r)));
}

describe('NessieLoadBalancer with a certificate', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie({
      nessie: { certificateArn: CERT, hostName: 'nessie.internal.example.com', allowedCidrs: ['192.168.0.0/16', '10.0.0.0/8'] },
    });
  });

  it('is an internal ALB in the private subnets that drops invalid headers and is protected', () => {
    const lb = onlyResource(s.json, 'aws_lb');
    expect(lb.name).toBe('acme-test-nessie');
    expect(lb.load_balancer_type).toBe('application');
    expect(lb.internal).toBe(true);
    expect(lb.subnets).toEqual([ref(s.json, 'aws_subnet', 'private-a'), ref(s.json, 'aws_subnet', 'private-b')]);
    expect(lb.security_groups).toEqual([ALB_SG(s.json)]);
    expect(lb.drop_invalid_header_fields).toBe(true);
    expect(lb.enable_deletion_protection).toBe(true);
    expect(lb.access_logs).toBeUndefined();
  });

  it('has exactly these security group rules, each described', () => {
    const alb = ALB_SG(s.json);
    const tasks = TASK_SG(s.json);
    expect(rules(s.json)).toEqual(
      sorted([
        { direction: 'in', group: alb, port: 'tcp/80-80', peer: '10.0.0.0/8', described: true },
        { direction: 'in', group: alb, port: 'tcp/443-443', peer: '10.0.0.0/8', described: true },
        { direction: 'in', group: alb, port: 'tcp/80-80', peer: '192.168.0.0/16', described: true },
        { direction: 'in', group: alb, port: 'tcp/443-443', peer: '192.168.0.0/16', described: true },
        { direction: 'in', group: tasks, port: 'tcp/19120-19120', peer: alb, described: true },
        { direction: 'in', group: tasks, port: 'tcp/9000-9000', peer: alb, described: true },
        { direction: 'out', group: alb, port: 'tcp/19120-19120', peer: tasks, described: true },
        { direction: 'out', group: alb, port: 'tcp/9000-9000', peer: tasks, described: true },
        { direction: 'out', group: tasks, port: 'tcp/443-443', peer: '0.0.0.0/0', described: true },
      ]),
    );
    for (const g of Object.values(resourcesOf(s.json, 'aws_security_group'))) {
      expect(g.ingress).toBeUndefined();
      expect(g.egress).toBeUndefined();
      expect(g.description).toMatch(/^Nessie (load balancer|tasks) of acme-test/);
    }
  });

  it('serves HTTPS with a TLS 1.3 policy and redirects HTTP to HTTPS with a 301', () => {
    const listeners = byId(s.json, 'aws_lb_listener');
    expect(Object.keys(listeners).sort()).toEqual(['http-redirect', 'https']);
    expect(listeners['https']).toEqual({
      load_balancer_arn: ref(s.json, 'aws_lb', 'alb', 'arn'),
      port: 443,
      protocol: 'HTTPS',
      certificate_arn: CERT,
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
      default_action: [{ type: 'forward', target_group_arn: ref(s.json, 'aws_lb_target_group', 'targets', 'arn') }],
    });
    expect(listeners['http-redirect']!.port).toBe(80);
    expect(listeners['http-redirect']!.protocol).toBe('HTTP');
    expect(listeners['http-redirect']!.default_action).toEqual([
      { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } },
    ]);
    expect(s.lakehouse.apiUrl).toMatch(/^https:\/\/\$\{TfToken\[/);
  });

  it('targets task IPs on the API port and checks readiness on the management port', () => {
    const tg = onlyResource(s.json, 'aws_lb_target_group');
    expect(tg.name).toBe('acme-test-nessie');
    expect(tg.target_type).toBe('ip');
    expect(tg.protocol).toBe('HTTP');
    expect(tg.port).toBe(19120);
    expect(tg.vpc_id).toBe(ref(s.json, 'aws_vpc', 'vpc'));
    expect(tg.health_check).toEqual({
      enabled: true,
      protocol: 'HTTP',
      port: '9000',
      path: '/q/health/ready',
      matcher: '200',
      interval: 15,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
  });
});

describe('NessieLoadBalancer without a certificate, internet-facing, unprotected, with access logs', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie({ nessie: { internal: false, accessLogBucket: 'acme-test-alb-logs' }, protectData: false });
  });

  it('forwards plain HTTP and opens only port 80', () => {
    const listener = onlyResource(s.json, 'aws_lb_listener');
    expect(listener.protocol).toBe('HTTP');
    expect(listener.port).toBe(80);
    expect(listener.ssl_policy).toBeUndefined();
    expect(listener.default_action).toEqual([{ type: 'forward', target_group_arn: ref(s.json, 'aws_lb_target_group', 'targets', 'arn') }]);
    const ingress = rules(s.json).filter((r) => r.direction === 'in' && r.group === ALB_SG(s.json));
    expect(ingress).toEqual([{ direction: 'in', group: ALB_SG(s.json), port: 'tcp/80-80', peer: '10.0.0.0/8', described: true }]);
    expect(s.lakehouse.apiUrl).toMatch(/^http:\/\/\$\{TfToken\[/);
  });

  it('sits in the public subnets, writes access logs, and can be deleted', () => {
    const lb = onlyResource(s.json, 'aws_lb');
    expect(lb.internal).toBe(false);
    expect(lb.subnets).toEqual([ref(s.json, 'aws_subnet', 'public-a'), ref(s.json, 'aws_subnet', 'public-b')]);
    expect(lb.enable_deletion_protection).toBe(false);
    expect(lb.access_logs).toEqual({ bucket: 'acme-test-alb-logs', prefix: 'nessie-alb', enabled: true });
  });
});

describe('NessieLoadBalancer props', () => {
  const network = { vpcId: 'vpc-1', publicSubnetIds: ['subnet-1', 'subnet-2'], privateSubnetIds: ['subnet-3', 'subnet-4'] };
  const build = (props: Partial<NessieLoadBalancerProps>) => {
    const stack = awsTestStack(Testing.app());
    const lb = new NessieLoadBalancer(stack, 'lb', { prefix: 'acme-test', region: 'eu-west-1', network, ...props });
    return { lb, stack };
  };

  it('uses the host name clients know in the API URL', () => {
    expect(build({ certificateArn: CERT, hostName: 'nessie.acme.example' }).lb.apiUrl).toBe('https://nessie.acme.example');
    expect(build({ hostName: 'nessie.acme.internal' }).lb.apiUrl).toBe('http://nessie.acme.internal');
  });

  it('accepts another TLS 1.3 policy', () => {
    const { stack } = build({ certificateArn: CERT, sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
    const https = Object.values(resourcesOf(JSON.parse(Testing.synth(stack)) as TfJson, 'aws_lb_listener')).find(
      (l) => l.protocol === 'HTTPS',
    )!;
    expect(https.ssl_policy).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
  });

  it('refuses the whole internet, bad CIDRs, an empty list, certificates of another region and pre-TLS 1.3 policies', () => {
    expect(() => build({ allowedCidrs: ['0.0.0.0/0'] })).toThrow(
      /allowedCidrs\[0\]: '0\.0\.0\.0\/0' opens the Nessie catalog to every address/,
    );
    expect(() => build({ allowedCidrs: ['10.0.0.0/33'] })).toThrow(/allowedCidrs\[0\]: '10\.0\.0\.0\/33' is out of range/);
    expect(() => build({ allowedCidrs: [] })).toThrow(/allowedCidrs is empty/);
    expect(() => build({ certificateArn: CERT.replace('eu-west-1', 'us-east-1') })).toThrow(
      /certificateArn is in us-east-1; a load balancer needs a certificate from its own region eu-west-1/,
    );
    expect(() => build({ certificateArn: CERT, sslPolicy: 'ELBSecurityPolicy-2016-08' })).toThrow(
      /sslPolicy 'ELBSecurityPolicy-2016-08' is not a TLS 1\.3 policy/,
    );
    expect(() => build({ certificateArn: 'arn:aws:iam::111122223333:server-certificate/x' })).toThrow(
      /certificateArn: .* is not an ACM certificate ARN \(arn:aws:acm/,
    );
  });

  it('refuses a prefix whose load balancer name exceeds 32 characters', () => {
    expect(() => build({ prefix: 'acme-lakehouse-production' })).not.toThrow(); // exactly 32
    expect(() => build({ prefix: 'acme-lakehouse-production2' })).toThrow(
      /prefix 'acme-lakehouse-production2-nessie' must be 1 to 32 characters long \(is 33\) \(load balancer and target group name\)/,
    );
  });
});
