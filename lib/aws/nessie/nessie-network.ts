import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { NESSIE_DEFAULTS } from '../../model/environment';
import { iamRoleNameProblems } from '../rules/names';
import { AwsContext } from '../aws-context';
import { assumeRolePolicy, policyJson } from '../policy-document';
import { arnProblems, nameProblems, retentionProblems } from '../prop-checks';
import { vpcCidrProblem } from '../rules/network';
import { throwIfPropsProblems } from '../../errors';
import { subnetLayout, type SubnetLayout } from './subnet-layout';

export interface NessieNetworkProps {
  /** `<project>-<env>`: prefix of every name. */
  readonly prefix: string;
  /** IPv4 range of the VPC, /16 to /24; it is cut into four equal subnets. @default '10.0.0.0/16' */
  readonly vpcCidr?: string;
  /** One NAT gateway for both AZs (cheaper) or one per AZ (survives the loss of an AZ). @default 'single' */
  readonly natGateways?: 'single' | 'per_az';
  /** Days CloudWatch Logs keeps flow logs (a value CloudWatch accepts). @default 365 */
  readonly logRetentionDays?: number;
  /** Customer-managed key for the flow-log group (its key policy must allow CloudWatch Logs). @default - CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
  /** `prevent_destroy` on the flow-log group. @default true */
  readonly protectData?: boolean;
}

/** Flow-log record of every accepted and rejected connection. */
const FLOW_LOG_ACTIONS = ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'] as const;

/**
 * The network Nessie runs in: a VPC with DNS, two public and two private subnets in two AZs, an
 * internet gateway, NAT (one, or one per AZ with a route table each), S3 and DynamoDB gateway
 * endpoints on the private route tables (data-plane traffic never crosses the NAT), the default
 * security group stripped of all rules, and flow logs of all traffic to CloudWatch Logs.
 */
export class NessieNetwork extends Construct {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly layout: SubnetLayout;
  /** Availability zones of subnet a and b (references to the AZ data source). */
  readonly availabilityZones: readonly [string, string];
  readonly publicSubnetIds: readonly [string, string];
  readonly privateSubnetIds: readonly [string, string];
  readonly publicRouteTableId: string;
  /** One table with `single` NAT, one per AZ with `per_az`. */
  readonly privateRouteTableIds: readonly string[];
  readonly natGatewayIds: readonly string[];
  readonly flowLogGroupName: string;
  readonly flowLogRoleArn: string;

  constructor(scope: Construct, id: string, props: NessieNetworkProps) {
    super(scope, id);
    const vpcCidr = props.vpcCidr ?? NESSIE_DEFAULTS.vpcCidr;
    const natMode = props.natGateways ?? 'single';
    const retention = props.logRetentionDays ?? 365;
    const roleName = `${props.prefix}-vpc-flow-logs`;
    throwIfPropsProblems(this, 'NessieNetwork', networkProblems(props, vpcCidr, natMode, retention, roleName));

    const name = (suffix: string): Record<string, string> => ({ Name: `${props.prefix}-nessie-${suffix}` });
    this.layout = subnetLayout(vpcCidr);
    const az = this.availabilityZone();
    const vpc = new Vpc(this, 'vpc', { cidrBlock: vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: name('vpc') });
    // Managing the default group removes its rules, so nothing launched without a group is reachable.
    new DefaultSecurityGroup(this, 'default-security-group', { vpcId: vpc.id, tags: name('default-closed') });
    const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id, tags: name('igw') });
    const publicSubnets = this.subnets(vpc, 'public', this.layout.publicCidrs, az, name);
    const privateSubnets = this.subnets(vpc, 'private', this.layout.privateCidrs, az, name);
    const publicTable = this.publicRoutes(vpc, igw, publicSubnets, name);
    const nats = this.natGateways(natMode === 'per_az' ? 2 : 1, igw, publicSubnets, name);
    const privateTables = this.privateRoutes(vpc, nats, privateSubnets, name);
    this.gatewayEndpoints(vpc, privateTables, name);
    const flowLogs = this.flowLogs(vpc, props, retention, roleName, name);

    this.vpcId = vpc.id;
    this.vpcCidr = vpcCidr;
    this.availabilityZones = [az(0), az(1)];
    this.publicSubnetIds = [publicSubnets[0].id, publicSubnets[1].id];
    this.privateSubnetIds = [privateSubnets[0].id, privateSubnets[1].id];
    this.publicRouteTableId = publicTable.id;
    this.privateRouteTableIds = privateTables.map((t) => t.id);
    this.natGatewayIds = nats.map((n) => n.id);
    this.flowLogGroupName = flowLogs.logGroup.name;
    this.flowLogRoleArn = flowLogs.role.arn;
  }

  /** The i-th available regular AZ of the region (a reference to the AZ data source). */
  private availabilityZone(): (i: number) => string {
    const zones = new DataAwsAvailabilityZones(this, 'zones', {
      state: 'available',
      // Local Zones and Wavelength Zones need opting in and lack services; stay on regular AZs.
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    return (i: number): string => Fn.element(zones.names, i) as string;
  }

  /** Subnets `<kind>-a` and `<kind>-b`, one per AZ; none gives its instances public IPs. */
  private subnets(
    vpc: Vpc,
    kind: 'public' | 'private',
    cidrs: readonly string[],
    az: (i: number) => string,
    name: NameTag,
  ): [Subnet, Subnet] {
    const subnet = (i: 0 | 1): Subnet =>
      new Subnet(this, `${kind}-${LETTERS[i]}`, {
        vpcId: vpc.id,
        cidrBlock: cidrs[i],
        availabilityZone: az(i),
        mapPublicIpOnLaunch: false,
        tags: name(`${kind}-${LETTERS[i]}`),
      });
    const a = subnet(0);
    return [a, subnet(1)];
  }

  /** The public subnets' route table: everything else through the internet gateway. */
  private publicRoutes(vpc: Vpc, igw: InternetGateway, subnets: readonly Subnet[], name: NameTag): RouteTable {
    // Routes are separate resources: inline routes would fight the ones gateway endpoints add.
    const table = new RouteTable(this, 'public-routes', { vpcId: vpc.id, tags: name('public') });
    new Route(this, 'public-default-route', { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    subnets.forEach(
      (s, i) => new RouteTableAssociation(this, `public-${LETTERS[i]}-association`, { subnetId: s.id, routeTableId: table.id }),
    );
    return table;
  }

  /** `count` NAT gateways (each with its Elastic IP) in the first public subnets. */
  private natGateways(count: 1 | 2, igw: InternetGateway, publicSubnets: readonly Subnet[], name: NameTag): NatGateway[] {
    return LETTERS.slice(0, count).map((l, i) => {
      const eip = new Eip(this, `nat-${l}-ip`, { domain: 'vpc', tags: name(`nat-${l}`), dependsOn: [igw] });
      return new NatGateway(this, `nat-${l}`, {
        allocationId: eip.id,
        subnetId: publicSubnets[i]!.id,
        tags: name(`nat-${l}`),
        dependsOn: [igw],
      });
    });
  }

  /** One private route table per NAT gateway, default route through it; subnet b uses the last table. */
  private privateRoutes(vpc: Vpc, nats: readonly NatGateway[], subnets: readonly Subnet[], name: NameTag): RouteTable[] {
    const tables = nats.map((nat, i) => {
      const suffix = nats.length === 1 ? 'private' : `private-${LETTERS[i]}`;
      const table = new RouteTable(this, `${suffix}-routes`, { vpcId: vpc.id, tags: name(suffix) });
      new Route(this, `${suffix}-default-route`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      return table;
    });
    subnets.forEach(
      (s, i) =>
        new RouteTableAssociation(this, `private-${LETTERS[i]}-association`, {
          subnetId: s.id,
          routeTableId: tables[Math.min(i, tables.length - 1)]!.id,
        }),
    );
    return tables;
  }

  /** S3 and DynamoDB gateway endpoints on the private route tables: data-plane traffic never crosses the NAT. */
  private gatewayEndpoints(vpc: Vpc, privateTables: readonly RouteTable[], name: NameTag): void {
    const region = AwsContext.of(this).region;
    for (const service of ['s3', 'dynamodb'] as const) {
      new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: privateTables.map((t) => t.id),
        tags: name(`${service}-endpoint`),
      });
    }
  }

  /** Flow logs of all traffic to a CloudWatch Logs group, written through a role only VPC flow logs of this account can assume. */
  private flowLogs(
    vpc: Vpc,
    props: NessieNetworkProps,
    retention: number,
    roleName: string,
    name: NameTag,
  ): { logGroup: CloudwatchLogGroup; role: IamRole } {
    const context = AwsContext.of(this);
    const logGroup = new CloudwatchLogGroup(this, 'flow-log-group', {
      name: `/lakehouse/${props.prefix}/vpc-flow-logs`,
      retentionInDays: retention,
      kmsKeyId: props.kmsKeyArn,
      lifecycle: (props.protectData ?? true) ? { preventDestroy: true } : undefined,
    });
    const role = new IamRole(this, 'flow-log-role', {
      name: roleName,
      description: `VPC flow logs of ${props.prefix} Nessie to CloudWatch Logs`,
      // The confused-deputy conditions keep other accounts' flow logs from using the role.
      assumeRolePolicy: assumeRolePolicy(
        { Service: 'vpc-flow-logs.amazonaws.com' },
        {
          StringEquals: { 'aws:SourceAccount': context.accountId },
          ArnLike: { 'aws:SourceArn': context.arn('ec2', 'vpc-flow-log/*') },
        },
      ),
    });
    new IamRolePolicy(this, 'flow-log-policy', {
      role: role.name,
      name: 'write-flow-logs',
      policy: policyJson([
        { Sid: 'WriteFlowLogs', Effect: 'Allow', Action: [...FLOW_LOG_ACTIONS], Resource: [logGroup.arn, `${logGroup.arn}:*`] },
        { Sid: 'FindLogGroup', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: context.arn('logs', 'log-group:*') },
      ]),
    });
    new FlowLog(this, 'flow-log', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      tags: name('flow-log'),
    });
    return { logGroup, role };
  }
}

/** The `Name` tag of a resource: `<prefix>-nessie-<suffix>`. */
type NameTag = (suffix: string) => Record<string, string>;

/** The two AZs' subnet letters. */
const LETTERS = ['a', 'b'] as const;

function networkProblems(props: NessieNetworkProps, vpcCidr: string, natMode: string, retention: number, roleName: string): string[] {
  const vpcCidrIssue = Token.isUnresolved(vpcCidr) ? undefined : vpcCidrProblem(vpcCidr);
  return [
    ...(vpcCidrIssue ? [`vpcCidr: ${vpcCidrIssue}`] : []),
    ...(['single', 'per_az'].includes(natMode) ? [] : [`natGateways is '${String(natMode)}'; use 'single' or 'per_az'`]),
    ...retentionProblems('logRetentionDays', retention),
    ...arnProblems('kmsKeyArn', props.kmsKeyArn, 'kmsKey'),
    ...nameProblems('prefix', roleName, iamRoleNameProblems).map((p) => `${p} (flow-log role name)`),
  ];
}
