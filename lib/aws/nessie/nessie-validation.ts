import { Token } from 'cdktf';
import { cidrProblem } from '../../model/load-environments';
import { CLOUDWATCH_RETENTION_DAYS } from '../../model/environment';

/**
 * Prop checks shared by the Nessie constructs. Each returns problem texts that start with the prop
 * name; `throwIfProblems` collects them into one error naming the construct. Unresolved tokens are
 * left to Terraform.
 */

export function throwIfProblems(construct: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new Error(`Invalid ${construct} props:\n  - ${problems.join('\n  - ')}`);
}

/** An integer within [min, max]. */
export function integerProblems(prop: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): string[] {
  if (Token.isUnresolved(value)) return [];
  if (Number.isInteger(value) && value >= min && value <= max) return [];
  const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  return [`${prop} is ${value}; it must be ${range}`];
}

/** Each naming rule a value breaks, prefixed with the prop and the value. */
export function nameProblems(prop: string, value: string, rules: (v: string) => string[]): string[] {
  if (Token.isUnresolved(value)) return [];
  return rules(value).map((rule) => `${prop} '${value}' ${rule}`);
}

export function retentionProblems(prop: string, days: number): string[] {
  if (Token.isUnresolved(days) || CLOUDWATCH_RETENTION_DAYS.includes(days)) return [];
  return [`${prop} is ${days}; CloudWatch Logs accepts ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`];
}

const ARN_PATTERNS = {
  kmsKey: /^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key\/[A-Za-z0-9-]+$/,
  snsTopic: /^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$/,
  certificate: /^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate\/[A-Za-z0-9-]+$/,
} as const;

const ARN_EXAMPLES: Record<keyof typeof ARN_PATTERNS, string> = {
  kmsKey: 'arn:aws:kms:<region>:<account>:key/<id>',
  snsTopic: 'arn:aws:sns:<region>:<account>:<topic>',
  certificate: 'arn:aws:acm:<region>:<account>:certificate/<id>',
};

/** An optional ARN of a given kind; undefined and tokens pass. */
export function arnProblems(prop: string, value: string | undefined, kind: keyof typeof ARN_PATTERNS): string[] {
  if (value === undefined || Token.isUnresolved(value) || ARN_PATTERNS[kind].test(value)) return [];
  return [`${prop} '${value}' is not an ARN like ${ARN_EXAMPLES[kind]}`];
}

/** An IPv4 CIDR without host bits, optionally refusing /0 (the whole internet). */
export function cidrProblems(prop: string, cidr: string, options: { allowWorld?: boolean } = {}): string[] {
  if (Token.isUnresolved(cidr)) return [];
  const problem = cidrProblem(cidr);
  if (problem) return [`${prop}: ${problem}`];
  if (!options.allowWorld && cidr.endsWith('/0')) {
    return [
      `${prop}: '${cidr}' opens the Nessie catalog to every address (authentication or not, the network stays a boundary); list your clients' networks`,
    ];
  }
  return [];
}

/** The region of an ARN (`arn:<partition>:<service>:<region>:...`), undefined for tokens. */
export function arnRegion(arn: string): string | undefined {
  return Token.isUnresolved(arn) ? undefined : arn.split(':')[3];
}
