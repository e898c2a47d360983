import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';

export interface NessieFunctionAccessProps {
  /** Name of the function's security group, e.g. `<prefix>-schema-drift`. */
  readonly name: string;
  /** What the function does, for the descriptions. */
  readonly purpose: string;
  readonly vpcId: string;
  /** The Nessie load balancer's security group (`NessieLoadBalancer.securityGroups.loadBalancerGroupId`). */
  readonly loadBalancerGroupId: string;
  /** Whether the load balancer listens with HTTPS (443) or only HTTP (80). */
  readonly https: boolean;
}

/**
 * A security group for a Lambda function that calls Nessie from the VPC's private subnets, and
 * the load balancer rule that lets it in (the client CIDRs of `nessie.allowed_cidrs` need not
 * cover the VPC). Out: the listener port to the load balancer, and HTTPS anywhere for the token
 * endpoint, Secrets Manager and CloudWatch (through the NAT gateway; their addresses are not fixed).
 */
export class NessieFunctionAccess extends Construct {
  readonly securityGroupId: string;

  constructor(scope: Construct, id: string, props: NessieFunctionAccessProps) {
    super(scope, id);
    const port = props.https ? 443 : 80;
    const group = new SecurityGroup(this, 'group', {
      name: props.name,
      description: `${props.purpose}: Nessie and AWS APIs out, nothing in`,
      vpcId: props.vpcId,
    });
    new VpcSecurityGroupIngressRule(this, 'alb-from-function', {
      securityGroupId: props.loadBalancerGroupId,
      description: `${props.purpose} (${props.name}) to the Nessie API`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: group.id,
    });
    if (!props.https) {
      new VpcSecurityGroupEgressRule(this, 'to-alb', {
        securityGroupId: group.id,
        description: 'HTTP to the Nessie load balancer',
        ipProtocol: 'tcp',
        fromPort: 80,
        toPort: 80,
        referencedSecurityGroupId: props.loadBalancerGroupId,
      });
    }
    new VpcSecurityGroupEgressRule(this, 'https-out', {
      securityGroupId: group.id,
      description: 'HTTPS to Nessie, the token endpoint, Secrets Manager and CloudWatch',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });
    this.securityGroupId = group.id;
  }
}
