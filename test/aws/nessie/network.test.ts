import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { NessieNetwork, subnetLayout } from '../../../lib/aws/nessie';
import { awsTestStack, dataOf, onlyResource, parsePolicy } from '../../support/synth';
import { byId, KMS_KEY, ref, synthNessie, type Synthesized } from './nessie-fixtures';

describe('NessieNetwork with one NAT gateway (default)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie();
  });

  it('creates a VPC with DNS support and host names on the default CIDR', () => {
    const vpc = onlyResource(s.json, 'aws_vpc');
    expect(vpc.cidr_block).toBe('10.0.0.0/16');
    expect(vpc.enable_dns_support).toBe(true);
    expect(vpc.enable_dns_hostnames).toBe(true);
  });

  it('cuts two public and two private subnets, one of each per availability zone', () => {
    const subnets = byId(s.json, 'aws_subnet');
    expect(Object.keys(subnets).sort()).toEqual(['private-a', 'private-b', 'public-a', 'public-b']);
    expect(subnets['public-a']!.cidr_block).toBe('10.0.0.0/18');
    expect(subnets['public-b']!.cidr_block).toBe('10.0.64.0/18');
    expect(subnets['private-a']!.cidr_block).toBe('10.0.128.0/18');
    expect(subnets['private-b']!.cidr_block).toBe('10.0.192.0/18');
    const zones = Object.keys(dataOf(s.json, 'aws_availability_zones'));
    expect(zones).toHaveLength(1);
    const names = `data.aws_availability_zones.${zones[0]}.names`;
    for (const l of ['a', 'b']) {
      const index = l === 'a' ? 0 : 1;
      expect(subnets[`public-${l}`]!.availability_zone).toBe(`\${element(${names}, ${index})}`);
      expect(subnets[`private-${l}`]!.availability_zone).toBe(`\${element(${names}, ${index})}`);
    }
    for (const subnet of Object.values(subnets)) {
      expect(subnet.map_public_ip_on_launch).toBe(false);
      expect(subnet.vpc_id).toBe(ref(s.json, 'aws_vpc', 'vpc'));
    }
  });

  it('only uses regular availability zones', () => {
    const data = Object.values(dataOf(s.json, 'aws_availability_zones'))[0]!;
    expect(data.state).toBe('available');
    expect(data.filter).toEqual([{ name: 'opt-in-status', values: ['opt-in-not-required'] }]);
  });

  it('routes the public subnets to the internet gateway', () => {
    const routes = byId(s.json, 'aws_route');
    expect(routes['public-default-route']).toEqual({
      route_table_id: ref(s.json, 'aws_route_table', 'public-routes'),
      destination_cidr_block: '0.0.0.0/0',
      gateway_id: ref(s.json, 'aws_internet_gateway', 'igw'),
    });
    const assoc = byId(s.json, 'aws_route_table_association');
    for (const l of ['a', 'b']) {
      expect(assoc[`public-${l}-association`]).toEqual({
        subnet_id: ref(s.json, 'aws_subnet', `public-${l}`),
        route_table_id: ref(s.json, 'aws_route_table', 'public-routes'),
      });
    }
  });

  it('routes both private subnets through the single NAT gateway in public subnet a', () => {
    const nat = onlyResource(s.json, 'aws_nat_gateway');
    expect(nat.subnet_id).toBe(ref(s.json, 'aws_subnet', 'public-a'));
    expect(nat.allocation_id).toBe(ref(s.json, 'aws_eip', 'nat-a-ip'));
    expect(onlyResource(s.json, 'aws_eip').domain).toBe('vpc');
    const routes = byId(s.json, 'aws_route');
    expect(Object.keys(routes).sort()).toEqual(['private-default-route', 'public-default-route']);
    expect(routes['private-default-route']).toEqual({
      route_table_id: ref(s.json, 'aws_route_table', 'private-routes'),
      destination_cidr_block: '0.0.0.0/0',
      nat_gateway_id: ref(s.json, 'aws_nat_gateway', 'nat-a'),
    });
    const assoc = byId(s.json, 'aws_route_table_association');
    for (const l of ['a', 'b']) {
      expect(assoc[`private-${l}-association`]!.route_table_id).toBe(ref(s.json, 'aws_route_table', 'private-routes'));
      expect(assoc[`private-${l}-association`]!.subnet_id).toBe(ref(s.json, 'aws_subnet', `private-${l}`));
    }
  });

  it('adds S3 and DynamoDB gateway endpoints to the private route table', () => {
    const endpoints = byId(s.json, 'aws_vpc_endpoint');
    expect(Object.keys(endpoints).sort()).toEqual(['dynamodb-endpoint', 's3-endpoint']);
    for (const service of ['s3', 'dynamodb']) {
      const e = endpoints[`${service}-endpoint`]!;
      expect(e.vpc_endpoint_type).toBe('Gateway');
      expect(e.service_name).toMatch(new RegExp(`^com\\.amazonaws\\.\\$\\{data\\.aws_region\\.[^}]+\\.region\\}\\.${service}$`));
      expect(e.route_table_ids).toEqual([ref(s.json, 'aws_route_table', 'private-routes')]);
    }
  });

  it('strips every rule from the default security group', () => {
    const group = onlyResource(s.json, 'aws_default_security_group');
    expect(group.vpc_id).toBe(ref(s.json, 'aws_vpc', 'vpc'));
    expect(group.ingress).toBeUndefined();
    expect(group.egress).toBeUndefined();
  });

  it('logs all traffic to a CloudWatch log group with retention, through its own role', () => {
    const flow = onlyResource(s.json, 'aws_flow_log');
    const group = byId(s.json, 'aws_cloudwatch_log_group')['flow-log-group']!;
    expect(flow.vpc_id).toBe(ref(s.json, 'aws_vpc', 'vpc'));
    expect(flow.traffic_type).toBe('ALL');
    expect(flow.log_destination_type).toBe('cloud-watch-logs');
    expect(flow.log_destination).toBe(ref(s.json, 'aws_cloudwatch_log_group', 'flow-log-group', 'arn'));
    expect(flow.iam_role_arn).toBe(ref(s.json, 'aws_iam_role', 'flow-log-role', 'arn'));
    expect(group.name).toBe('/lakehouse/acme-test/vpc-flow-logs');
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toBeUndefined();
    expect(group.lifecycle).toEqual({ prevent_destroy: true });

    const role = byId(s.json, 'aws_iam_role')['flow-log-role']!;
    expect(role.name).toBe('acme-test-vpc-flow-logs');
    const trust = parsePolicy(role.assume_role_policy).Statement;
    expect(trust).toHaveLength(1);
    expect(trust[0]!.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    expect(trust[0]!.Condition.StringEquals['aws:SourceAccount']).toMatch(/caller_identity/);
    expect(trust[0]!.Condition.ArnLike['aws:SourceArn']).toMatch(/:ec2:.*:vpc-flow-log\/\*$/);

    const policy = parsePolicy(byId(s.json, 'aws_iam_role_policy')['flow-log-policy']!.policy).Statement;
    const logGroupArn = ref(s.json, 'aws_cloudwatch_log_group', 'flow-log-group', 'arn');
    expect(policy[0]).toEqual({
      Sid: 'WriteFlowLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      Resource: [logGroupArn, `${logGroupArn}:*`],
    });
    expect(policy[1]!.Action).toBe('logs:DescribeLogGroups');
    expect(policy[1]!.Resource).toMatch(/:logs:.*:log-group:\*$/);
  });
});

describe('NessieNetwork with one NAT gateway per AZ', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie({
      nessie: { natGateways: 'per_az', vpcCidr: '10.40.0.0/16' },
      kmsKeyArn: KMS_KEY,
      logRetentionDays: 731,
      protectData: false,
    });
  });

  it('puts a NAT gateway with its own address in each public subnet', () => {
    const nats = byId(s.json, 'aws_nat_gateway');
    expect(Object.keys(nats).sort()).toEqual(['nat-a', 'nat-b']);
    expect(nats['nat-a']!.subnet_id).toBe(ref(s.json, 'aws_subnet', 'public-a'));
    expect(nats['nat-b']!.subnet_id).toBe(ref(s.json, 'aws_subnet', 'public-b'));
    expect(nats['nat-b']!.allocation_id).toBe(ref(s.json, 'aws_eip', 'nat-b-ip'));
  });

  it('gives each private subnet a route table to the NAT gateway of its own AZ', () => {
    const routes = byId(s.json, 'aws_route');
    const assoc = byId(s.json, 'aws_route_table_association');
    for (const l of ['a', 'b']) {
      expect(routes[`private-${l}-default-route`]).toEqual({
        route_table_id: ref(s.json, 'aws_route_table', `private-${l}-routes`),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref(s.json, 'aws_nat_gateway', `nat-${l}`),
      });
      expect(assoc[`private-${l}-association`]!.route_table_id).toBe(ref(s.json, 'aws_route_table', `private-${l}-routes`));
    }
  });

  it('attaches the gateway endpoints to both private route tables', () => {
    const tables = ['private-a-routes', 'private-b-routes'].map((t) => ref(s.json, 'aws_route_table', t));
    for (const e of Object.values(byId(s.json, 'aws_vpc_endpoint'))) expect(e.route_table_ids).toEqual(tables);
  });

  it('uses the configured CIDR, retention and key, and allows destroy when data is not protected', () => {
    expect(onlyResource(s.json, 'aws_vpc').cidr_block).toBe('10.40.0.0/16');
    expect(byId(s.json, 'aws_subnet')['private-b']!.cidr_block).toBe('10.40.192.0/18');
    const group = byId(s.json, 'aws_cloudwatch_log_group')['flow-log-group']!;
    expect(group.retention_in_days).toBe(731);
    expect(group.kms_key_id).toBe(KMS_KEY);
    expect(group.lifecycle).toBeUndefined();
  });
});

describe('subnetLayout', () => {
  it('cuts /24 and /20 VPCs into quarters', () => {
    expect(subnetLayout('10.1.2.0/24')).toEqual({
      publicCidrs: ['10.1.2.0/26', '10.1.2.64/26'],
      privateCidrs: ['10.1.2.128/26', '10.1.2.192/26'],
    });
    expect(subnetLayout('172.16.16.0/20')).toEqual({
      publicCidrs: ['172.16.16.0/22', '172.16.20.0/22'],
      privateCidrs: ['172.16.24.0/22', '172.16.28.0/22'],
    });
  });
});

describe('NessieNetwork validation', () => {
  const build = (props: Partial<ConstructorParameters<typeof NessieNetwork>[2]>) => () =>
    new NessieNetwork(awsTestStack(Testing.app()), 'n', { prefix: 'acme-test', ...props });

  it('reports every problem at once, naming the prop', () => {
    expect(build({ vpcCidr: '10.0.0.1/16', logRetentionDays: 42, kmsKeyArn: 'alias/foo' })).toThrow(
      /Invalid NessieNetwork props at test\/n:\n {2}- vpcCidr: '10\.0\.0\.1\/16' has host bits set; did you mean 10\.0\.0\.0\/16\?\n {2}- logRetentionDays: CloudWatch Logs does not keep logs for 42 days.*\n {2}- kmsKeyArn: 'alias\/foo' is not a KMS key ARN/,
    );
  });

  it('refuses VPCs too large or too small for four subnets and unknown NAT modes', () => {
    expect(build({ vpcCidr: '10.0.0.0/25' })).toThrow(/vpcCidr: '10\.0\.0\.0\/25' needs a prefix length from \/16 to \/24/);
    expect(build({ vpcCidr: '10.0.0.0/8' })).toThrow(/needs a prefix length from \/16 to \/24/);
    expect(build({ natGateways: 'none' as never })).toThrow(/natGateways is 'none'; use 'single' or 'per_az'/);
  });

  it('refuses a prefix that makes the flow-log role name too long', () => {
    expect(build({ prefix: 'a'.repeat(60) })).toThrow(/must be 1 to 64 characters long \(is 74\) \(flow-log role name\)/);
  });
});
