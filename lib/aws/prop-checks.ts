import { Token } from 'cdktf';
import { arnProblem, type ArnKind } from './rules/arns';
import { retentionProblem } from './rules/limits';
import { cidrProblem, clientCidrProblem } from './rules/network';

/**
 * Prop checks of the AWS constructs: each returns problem texts that start with the prop name,
 * built on the same rules the environment checks use (lib/aws/rules). Unresolved tokens are left
 * to Terraform. Throw them with `throwIfPropsProblems` (lib/errors.ts).
 */

/** A whole number within [min, max]. */
export function integerProblems(prop: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): string[] {
  if (Token.isUnresolved(value)) return [];
  if (Number.isInteger(value) && value >= min && value <= max) return [];
  const range = max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`;
  return [`${prop} is ${value}; it must be ${range}`];
}

/** Each naming rule a value breaks, prefixed with the prop and the value, with an optional hint. */
export function nameProblems(prop: string, value: string, rules: (v: string) => string[], hint = ''): string[] {
  if (Token.isUnresolved(value)) return [];
  return rules(value).map((rule) => `${prop} '${value}' ${rule}${hint ? ` (${hint})` : ''}`);
}

/** An optional ARN of a given kind; undefined and tokens pass. */
export function arnProblems(prop: string, value: string | undefined, kind: ArnKind): string[] {
  if (value === undefined || Token.isUnresolved(value)) return [];
  const problem = arnProblem(kind, value);
  return problem ? [`${prop}: ${problem}`] : [];
}

export function retentionProblems(prop: string, days: number): string[] {
  if (Token.isUnresolved(days)) return [];
  const problem = retentionProblem(days);
  return problem ? [`${prop}: ${problem}`] : [];
}

/** An IPv4 CIDR without host bits; a client network (the default) must not be the whole internet. */
export function cidrProblems(prop: string, cidr: string, options: { allowWorld?: boolean } = {}): string[] {
  if (Token.isUnresolved(cidr)) return [];
  const problem = options.allowWorld ? cidrProblem(cidr) : clientCidrProblem(cidr);
  return problem ? [`${prop}: ${problem}`] : [];
}
