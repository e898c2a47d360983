import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { NESSIE_DEFAULTS } from '../../model/environment';
import { elbNameProblems, s3BucketNameProblems } from '../rules/names';
import { NESSIE_API_PORT, NESSIE_MANAGEMENT_PORT, NESSIE_READINESS_PATH, type NessieNetworkRef } from './nessie-ports';
import { NessieSecurityGroups } from './nessie-security-groups';
import { arnProblems, cidrProblems, nameProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';
import { arnRegion } from '../rules/arns';

export interface NessieLoadBalancerProps {
  /** `<project>-<env>`: the load balancer and target group are `<prefix>-nessie` (at most 32 characters). */
  readonly prefix: string;
  /** Region of the stack; the certificate must be in it. */
  readonly region: string;
  readonly network: NessieNetworkRef;
  /** Internal (private subnets, reachable from the VPC and connected networks) or internet-facing. @default true */
  readonly internal?: boolean;
  /** Client networks allowed to connect; `/0` is refused (the network stays a boundary even with authentication). @default ['10.0.0.0/8'] */
  readonly allowedCidrs?: readonly string[];
  /** ACM certificate (same region) for an HTTPS listener; HTTP then redirects. @default - HTTP only (development) */
  readonly certificateArn?: string;
  /** TLS policy of the HTTPS listener; only `ELBSecurityPolicy-TLS13-*` policies are accepted. @default 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' (AWS's recommendation) */
  readonly sslPolicy?: string;
  /**
   * Host name clients use, a DNS record for the load balancer that the certificate covers.
   * @default - the load balancer's own DNS name (with HTTPS, clients then see a name mismatch)
   */
  readonly hostName?: string;
  /** Existing bucket for access logs (SSE-S3, bucket policy allowing ELB log delivery). @default - no access logs */
  readonly accessLogBucket?: string;
  /** Deletion protection on the load balancer. @default true */
  readonly protectData?: boolean;
}

export const DEFAULT_NESSIE_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09';
/** Key prefix of ALB access logs in the access-log bucket. */
export const NESSIE_ALB_LOG_PREFIX = 'nessie-alb';

/**
 * The entry to Nessie: an application load balancer (internal by default) that drops invalid
 * headers, its security groups, an `ip` target group on the API port health-checked on the
 * management port's readiness endpoint, and listeners: HTTPS with a TLS 1.3 policy plus an HTTP
 * → HTTPS redirect when a certificate is given, a plain HTTP forward otherwise.
 */
export class NessieLoadBalancer extends Construct {
  /** `http(s)://<host>`: the Nessie API root. */
  readonly apiUrl: string;
  readonly https: boolean;
  readonly loadBalancerArn: string;
  /** `app/<name>/<id>`: the `LoadBalancer` dimension of ALB metrics. */
  readonly loadBalancerArnSuffix: string;
  readonly dnsName: string;
  readonly zoneId: string;
  readonly targetGroupArn: string;
  /** `targetgroup/<name>/<id>`: the `TargetGroup` dimension of ALB metrics. */
  readonly targetGroupArnSuffix: string;
  readonly securityGroups: NessieSecurityGroups;
  readonly taskSecurityGroupId: string;
  /** What an ECS service must wait for: a target group is only usable once a listener uses it. */
  readonly listeners: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: NessieLoadBalancerProps) {
    super(scope, id);
    const internal = props.internal ?? true;
    const allowedCidrs = props.allowedCidrs ?? NESSIE_DEFAULTS.allowedCidrs;
    const sslPolicy = props.sslPolicy ?? DEFAULT_NESSIE_SSL_POLICY;
    const protectData = props.protectData ?? true;
    const name = `${props.prefix}-nessie`;
    throwIfPropsProblems(this, 'NessieLoadBalancer', loadBalancerProblems(props, name, allowedCidrs, sslPolicy));

    this.securityGroups = new NessieSecurityGroups(this, 'security-groups', {
      prefix: props.prefix,
      vpcId: props.network.vpcId,
      allowedCidrs,
      https: props.certificateArn !== undefined,
    });
    const lb = new Lb(this, 'alb', {
      name,
      loadBalancerType: 'application',
      internal,
      subnets: [...(internal ? props.network.privateSubnetIds : props.network.publicSubnetIds)],
      securityGroups: [this.securityGroups.loadBalancerGroupId],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: protectData,
      accessLogs: props.accessLogBucket ? { bucket: props.accessLogBucket, prefix: NESSIE_ALB_LOG_PREFIX, enabled: true } : undefined,
    });
    const targets = this.targetGroup(name, props.network.vpcId);
    const listeners = this.createListeners(lb, targets, props.certificateArn, sslPolicy);

    this.https = props.certificateArn !== undefined;
    this.dnsName = lb.dnsName;
    this.apiUrl = `${this.https ? 'https' : 'http'}://${props.hostName ?? lb.dnsName}`;
    this.loadBalancerArn = lb.arn;
    this.loadBalancerArnSuffix = lb.arnSuffix;
    this.zoneId = lb.zoneId;
    this.targetGroupArn = targets.arn;
    this.targetGroupArnSuffix = targets.arnSuffix;
    this.taskSecurityGroupId = this.securityGroups.taskGroupId;
    this.listeners = listeners;
  }

  /** The tasks' `ip` target group on the API port, health-checked on the management port's readiness endpoint. */
  private targetGroup(name: string, vpcId: string): LbTargetGroup {
    return new LbTargetGroup(this, 'targets', {
      name,
      targetType: 'ip',
      protocol: 'HTTP',
      port: NESSIE_API_PORT,
      vpcId,
      // Nessie is stateless; a short drain keeps deployments quick.
      deregistrationDelay: '30',
      healthCheck: {
        enabled: true,
        protocol: 'HTTP',
        port: String(NESSIE_MANAGEMENT_PORT),
        path: NESSIE_READINESS_PATH,
        matcher: '200',
        interval: 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });
  }

  /** HTTPS forwarding plus an HTTP → HTTPS redirect with a certificate; plain HTTP forwarding without. */
  private createListeners(lb: Lb, targets: LbTargetGroup, certificateArn: string | undefined, sslPolicy: string): LbListener[] {
    const forward = [{ type: 'forward', targetGroupArn: targets.arn }];
    if (!certificateArn) {
      return [new LbListener(this, 'http', { loadBalancerArn: lb.arn, port: HTTP_PORT, protocol: 'HTTP', defaultAction: forward })];
    }
    return [
      new LbListener(this, 'https', {
        loadBalancerArn: lb.arn,
        port: HTTPS_PORT,
        protocol: 'HTTPS',
        certificateArn,
        sslPolicy,
        defaultAction: forward,
      }),
      new LbListener(this, 'http-redirect', {
        loadBalancerArn: lb.arn,
        port: HTTP_PORT,
        protocol: 'HTTP',
        defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: String(HTTPS_PORT), statusCode: 'HTTP_301' } }],
      }),
    ];
  }
}

const HTTP_PORT = 80;
const HTTPS_PORT = 443;

function loadBalancerProblems(props: NessieLoadBalancerProps, name: string, allowedCidrs: readonly string[], sslPolicy: string): string[] {
  const certRegion = props.certificateArn ? arnRegion(props.certificateArn) : undefined;
  return [
    ...nameProblems('prefix', name, elbNameProblems).map((p) => `${p} (load balancer and target group name)`),
    ...(allowedCidrs.length === 0 ? ['allowedCidrs is empty; list the networks of the Nessie clients'] : []),
    ...allowedCidrs.flatMap((c, i) => cidrProblems(`allowedCidrs[${i}]`, c)),
    ...arnProblems('certificateArn', props.certificateArn, 'certificate'),
    ...(certRegion && !Token.isUnresolved(props.region) && certRegion !== props.region
      ? [`certificateArn is in ${certRegion}; a load balancer needs a certificate from its own region ${props.region}`]
      : []),
    ...(/^ELBSecurityPolicy-TLS13-/.test(sslPolicy)
      ? []
      : [`sslPolicy '${sslPolicy}' is not a TLS 1.3 policy (ELBSecurityPolicy-TLS13-*)`]),
    ...(props.accessLogBucket ? nameProblems('accessLogBucket', props.accessLogBucket, s3BucketNameProblems) : []),
  ];
}
