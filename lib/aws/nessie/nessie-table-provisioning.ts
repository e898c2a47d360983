import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../../errors';
import type { OAuth2ClientSettings, ProvisionedTable } from '../provisioning/provisioned-tables';
import { TableProvisioner } from '../provisioning/table-provisioner';
import { NESSIE_WAREHOUSE_NAME } from './nessie-container';
import type { NessieIdentity } from './nessie-identity';

export interface NessieTableProvisioningProps {
  /** `<project>-<env>`: the function and its role are `<prefix>-table-provisioner`. */
  readonly prefix: string;
  readonly vpcId: string;
  /** Private subnets the function runs in (a NAT gateway routes them to the internet). */
  readonly privateSubnetIds: readonly string[];
  /** The internal load balancer in front of Nessie. */
  readonly loadBalancer: {
    readonly https: boolean;
    readonly dnsName: string;
    readonly securityGroupId: string;
  };
  /** The name the load balancer's certificate covers; required with HTTPS. */
  readonly hostName?: string;
  /** Cognito identity: the function authenticates as its `provisioner` client. @default - no authentication */
  readonly identity?: NessieIdentity;
  /** OAuth2 client of an external issuer (when there is no Cognito identity). @default - no authentication */
  readonly oauth2?: OAuth2ClientSettings;
  readonly tables: readonly ProvisionedTable[];
  /** @default true */
  readonly protectData?: boolean;
  readonly logRetentionDays: number;
  /** Key of the log group and of the client secret. @default - AWS managed encryption */
  readonly kmsKeyArn?: string;
  /** What tables wait for: the Nessie service, steady. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** Raise to re-run every table's provisioning (an update against the live table). @default 0 */
  readonly revision?: number;
}

/**
 * Creates, evolves and drops the Nessie lakehouse's tables at apply time: a TableProvisioner whose
 * function runs in the private subnets with a security group of its own, allowed to the load
 * balancer's listener (and the load balancer allowed from it), and, with OAuth2, out on 443 to the
 * Cognito token endpoint and Secrets Manager through the NAT gateway (the VPC has gateway endpoints
 * for S3 and DynamoDB only).
 *
 * With HTTPS the function asks for `https://<host name>/iceberg` but connects to the load
 * balancer's own DNS name, which always resolves in the VPC, and verifies the certificate against
 * the host name: no DNS record is needed, and a token never crosses plain HTTP. Without HTTPS
 * (development) it talks plain HTTP to the load balancer, and authentication is off.
 */
export class NessieTableProvisioning extends Construct {
  readonly provisioner: TableProvisioner;
  readonly securityGroupId: string;
  /** The Iceberg REST URI the function uses. */
  readonly catalogUri: string;

  constructor(scope: Construct, id: string, props: NessieTableProvisioningProps) {
    super(scope, id);
    const https = props.loadBalancer.https;
    const oauth2 = props.identity ? cognitoClient(props.identity, props.kmsKeyArn) : props.oauth2;
    throwIfPropsProblems(this, 'NessieTableProvisioning', [
      ...(https && !props.hostName
        ? ['hostName is required with HTTPS: the function verifies the load balancer certificate against it']
        : []),
      ...(!https && oauth2 ? ['OAuth2 needs the HTTPS listener: a token must never cross plain HTTP'] : []),
    ]);
    this.catalogUri = https ? `https://${props.hostName}/iceberg` : `http://${props.loadBalancer.dnsName}/iceberg`;
    const group = this.securityGroup(props, https ? 443 : 80, oauth2 !== undefined);
    this.securityGroupId = group.id;
    this.provisioner = new TableProvisioner(this, 'provisioner', {
      prefix: props.prefix,
      catalog: {
        kind: 'nessie',
        uri: this.catalogUri,
        ...(https ? { connectTo: props.loadBalancer.dnsName } : {}),
        warehouse: NESSIE_WAREHOUSE_NAME,
        ...(oauth2 ? { oauth2 } : {}),
      },
      tables: props.tables,
      protectData: props.protectData ?? true,
      logRetentionDays: props.logRetentionDays,
      ...(props.kmsKeyArn !== undefined ? { logKmsKeyArn: props.kmsKeyArn } : {}),
      vpc: { subnetIds: props.privateSubnetIds, securityGroupIds: [group.id] },
      ...(props.revision !== undefined ? { revision: props.revision } : {}),
      dependsOn: props.dependsOn,
    });
    if (props.identity) {
      // Lists the role among the secret's readers (its resource policy denies everyone else).
      const read = props.identity.grantSecretRead(
        { roleName: this.provisioner.roleName, roleArn: this.provisioner.roleArn },
        'provisioner',
        'table-provisioner-secret-read',
      );
      this.provisioner.waitFor(read);
    }
  }

  private securityGroup(props: NessieTableProvisioningProps, port: number, internet: boolean): SecurityGroup {
    // No inline rules: Terraform then also removes the allow-all egress AWS adds to new groups.
    const group = new SecurityGroup(this, 'security-group', {
      name: `${props.prefix}-table-provisioner`,
      description: `Table provisioning of ${props.prefix}: to the Nessie load balancer${internet ? ', HTTPS out' : ''}`,
      vpcId: props.vpcId,
    });
    const proto = port === 443 ? 'HTTPS' : 'HTTP';
    new VpcSecurityGroupEgressRule(this, 'to-load-balancer', {
      securityGroupId: group.id,
      description: `${proto} to the Nessie load balancer`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: props.loadBalancer.securityGroupId,
    });
    new VpcSecurityGroupIngressRule(this, 'load-balancer-from-function', {
      securityGroupId: props.loadBalancer.securityGroupId,
      description: `${proto} from the table-provisioning function`,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      referencedSecurityGroupId: group.id,
    });
    if (internet) {
      new VpcSecurityGroupEgressRule(this, 'https-out', {
        securityGroupId: group.id,
        description: 'HTTPS to the OAuth2 token endpoint and Secrets Manager (through the NAT gateway)',
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIpv4: '0.0.0.0/0',
      });
    }
    return group;
  }
}

/** The Cognito `provisioner` client: token endpoint, id, scope, and its secret by ARN (never its value). */
function cognitoClient(identity: NessieIdentity, kmsKeyArn: string | undefined): OAuth2ClientSettings {
  const ref = identity.clientRef('provisioner');
  return {
    tokenUri: ref.tokenEndpoint,
    clientId: ref.clientId,
    clientSecretArn: ref.secretArn,
    scope: ref.scope,
    ...(kmsKeyArn !== undefined ? { secretKmsKeyArn: kmsKeyArn } : {}),
  };
}
