/**
 * IAM / resource policy documents rendered with JSON.stringify: Terraform interpolates the
 * `${...}` references cdktf leaves in the string, and tests can parse the result as plain JSON.
 */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly NotPrincipal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
}

export function policyJson(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Trust policy letting the given AWS principals (or a service) assume a role. */
export function assumeRolePolicy(
  principal: Readonly<Record<string, string | readonly string[]>>,
  condition?: PolicyStatement['Condition'],
): string {
  return policyJson([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }]);
}
