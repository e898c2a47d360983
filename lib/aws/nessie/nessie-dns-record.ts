import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../../errors';

export interface NessieDnsRecordProps {
  /** Public or private hosted zone holding `hostName`. */
  readonly zoneId: string;
  /** The name clients use, covered by the load balancer's certificate. */
  readonly hostName: string;
  /** The load balancer's DNS name and hosted zone (`NessieLoadBalancer.dnsName`, `.zoneId`). */
  readonly loadBalancer: { readonly dnsName: string; readonly zoneId: string };
}

/**
 * An alias A record `hostName` → the Nessie load balancer, so the name in the certificate resolves.
 * Alias records to an ALB cost nothing per query and follow the ALB's changing addresses; the ALB
 * serves IPv4 only here, so no AAAA record.
 */
export class NessieDnsRecord extends Construct {
  readonly fqdn: string;

  constructor(scope: Construct, id: string, props: NessieDnsRecordProps) {
    super(scope, id);
    throwIfPropsProblems(this, 'NessieDnsRecord', [
      ...(Token.isUnresolved(props.zoneId) || /^Z[A-Z0-9]{1,32}$/.test(props.zoneId)
        ? []
        : [`zoneId '${props.zoneId}' is not a Route 53 hosted zone id (Z followed by letters and digits)`]),
      ...(Token.isUnresolved(props.hostName) || /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(props.hostName)
        ? []
        : [`hostName '${props.hostName}' is not a DNS name`]),
    ]);
    const record = new Route53Record(this, 'alias', {
      zoneId: props.zoneId,
      name: props.hostName,
      type: 'A',
      alias: { name: props.loadBalancer.dnsName, zoneId: props.loadBalancer.zoneId, evaluateTargetHealth: true },
    });
    this.fqdn = record.fqdn;
  }
}
