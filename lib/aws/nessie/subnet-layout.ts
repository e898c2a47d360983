import { vpcCidrProblem } from '../rules/network';

/**
 * Carves the Nessie VPC into four equal subnets, computed here rather than with `cidrsubnet` so
 * the plan shows literal CIDRs and tests can assert them: public a, public b, private a, private b.
 */
export interface SubnetLayout {
  /** Public subnets (NAT gateways; the ALB when it is internet-facing), one per AZ. */
  readonly publicCidrs: readonly [string, string];
  /** Private subnets (Nessie tasks; the ALB when internal), one per AZ. */
  readonly privateCidrs: readonly [string, string];
}

export function subnetLayout(vpcCidr: string): SubnetLayout {
  const [address, bitsText] = vpcCidr.split('/');
  const bits = Number(bitsText);
  const problem = vpcCidrProblem(vpcCidr);
  if (problem || !address) throw new Error(`vpcCidr: ${problem ?? `'${vpcCidr}' is not an IPv4 CIDR block`}`);
  const base = address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - bits - 2);
  const cidr = (i: number): string => `${toDotted(base + i * size)}/${bits + 2}`;
  return { publicCidrs: [cidr(0), cidr(1)], privateCidrs: [cidr(2), cidr(3)] };
}

function toDotted(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
