import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { NESSIE_API_PORT, NESSIE_MANAGEMENT_PORT } from './nessie-ports';

export interface NessieSecurityGroupsProps {
  /** `<project>-<env>`: prefix of the group names. */
  readonly prefix: string;
  readonly vpcId: string;
  /** Client networks allowed to reach the load balancer (validated by NessieLoadBalancer). */
  readonly allowedCidrs: readonly string[];
  /** Open 443 as well as 80 (HTTP then only redirects). */
  readonly https: boolean;
}

/**
 * The two security groups of the Nessie path, with every rule a separate resource (the groups
 * reference each other, which inline rules would turn into a cycle):
 * - load balancer: in from the client CIDRs on 80 (and 443), out only to the tasks' group;
 * - tasks: in only from the load balancer's group on the API and management ports, out on 443
 *   (image pull from ghcr.io and CloudWatch Logs through NAT, S3 and DynamoDB through the gateway
 *   endpoints; their addresses are not fixed, so 443 is as narrow as it gets without a proxy).
 */
export class NessieSecurityGroups extends Construct {
  readonly loadBalancerGroupId: string;
  readonly taskGroupId: string;

  constructor(scope: Construct, id: string, props: NessieSecurityGroupsProps) {
    super(scope, id);
    // No inline rules: Terraform then also removes the allow-all egress AWS adds to new groups.
    const alb = new SecurityGroup(this, 'load-balancer', {
      name: `${props.prefix}-nessie-alb`,
      description: `Nessie load balancer of ${props.prefix}: clients in, tasks out`,
      vpcId: props.vpcId,
    });
    const tasks = new SecurityGroup(this, 'tasks', {
      name: `${props.prefix}-nessie-tasks`,
      description: `Nessie tasks of ${props.prefix}: load balancer in, HTTPS out`,
      vpcId: props.vpcId,
    });

    const listenerPorts = props.https ? [80, 443] : [80];
    for (const cidr of [...new Set(props.allowedCidrs)].sort()) {
      for (const port of listenerPorts) {
        const proto = port === 443 ? 'https' : 'http';
        new VpcSecurityGroupIngressRule(this, `alb-${proto}-from-${slug(cidr)}`, {
          securityGroupId: alb.id,
          description: `${proto.toUpperCase()} from allowed client network ${cidr}`,
          ipProtocol: 'tcp',
          fromPort: port,
          toPort: port,
          cidrIpv4: cidr,
        });
      }
    }
    const backends = [
      { key: 'api', port: NESSIE_API_PORT, what: 'Nessie API' },
      { key: 'management', port: NESSIE_MANAGEMENT_PORT, what: 'health checks on the management port' },
    ];
    for (const b of backends) {
      new VpcSecurityGroupEgressRule(this, `alb-${b.key}-to-tasks`, {
        securityGroupId: alb.id,
        description: `${b.what} to the Nessie tasks`,
        ipProtocol: 'tcp',
        fromPort: b.port,
        toPort: b.port,
        referencedSecurityGroupId: tasks.id,
      });
      new VpcSecurityGroupIngressRule(this, `tasks-${b.key}-from-alb`, {
        securityGroupId: tasks.id,
        description: `${b.what} from the Nessie load balancer only`,
        ipProtocol: 'tcp',
        fromPort: b.port,
        toPort: b.port,
        referencedSecurityGroupId: alb.id,
      });
    }
    new VpcSecurityGroupEgressRule(this, 'tasks-https-out', {
      securityGroupId: tasks.id,
      description: 'HTTPS to the image registry, CloudWatch Logs, S3 and DynamoDB',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });

    this.loadBalancerGroupId = alb.id;
    this.taskGroupId = tasks.id;
  }
}

/** `10.0.0.0/8` → `10-0-0-0-8`: a construct id that follows the CIDR, not its list position. */
function slug(cidr: string): string {
  return cidr.replace(/[./]/g, '-');
}
