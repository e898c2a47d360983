/** IPv4 network rules shared by the environment checks and the network constructs. */

/** Prefix lengths a lakehouse VPC may have: four subnets are cut from it. */
export const VPC_PREFIX_RANGE = { min: 16, max: 24 } as const;

/** IPv4 CIDR `a.b.c.d/n` with octets up to 255, n up to 32 and no host bits set. */
export function cidrProblem(cidr: string): string | undefined {
  const m = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\/([0-9]{1,2})$/.exec(cidr);
  if (!m) return `'${cidr}' is not an IPv4 CIDR block like 10.0.0.0/16`;
  // Go (Terraform, the AWS provider) rejects leading zeros; some tools read them as octal.
  if (m.slice(1).some((part) => part.length > 1 && part.startsWith('0'))) {
    return `'${cidr}' has leading zeros; write each number without them, like 10.0.0.0/8`;
  }
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return `'${cidr}' is out of range (octets 0-255, prefix length 0-32)`;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (address % 2 ** (32 - bits) !== 0) return `'${cidr}' has host bits set; did you mean ${networkOf(address, bits)}?`;
  return undefined;
}

function networkOf(address: number, bits: number): string {
  const base = address - (address % 2 ** (32 - bits));
  return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join('.')}/${bits}`;
}

/** A VPC CIDR: valid, and a prefix length within VPC_PREFIX_RANGE. */
export function vpcCidrProblem(cidr: string): string | undefined {
  const invalid = cidrProblem(cidr);
  if (invalid) return invalid;
  const bits = Number(cidr.split('/')[1]);
  if (bits < VPC_PREFIX_RANGE.min || bits > VPC_PREFIX_RANGE.max)
    return `'${cidr}' needs a prefix length from /${VPC_PREFIX_RANGE.min} to /${VPC_PREFIX_RANGE.max} (four subnets are cut from it); got /${bits}`;
  return undefined;
}

/** A network allowed to reach Nessie: valid, and never the whole internet. */
export function clientCidrProblem(cidr: string): string | undefined {
  const invalid = cidrProblem(cidr);
  if (invalid) return invalid;
  if (cidr.endsWith('/0'))
    return `'${cidr}' opens the Nessie catalog to every address (authentication or not, the network stays a boundary); list your clients' networks`;
  return undefined;
}
