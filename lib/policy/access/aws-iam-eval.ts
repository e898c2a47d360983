/**
 * Evaluates canonical IAM statements for one request (action, resource, calling principal), the
 * way IAM does within one account: an explicit Deny wins, otherwise any Allow from an identity
 * policy or a resource policy grants. Conditions are only evaluated where the JSON decides them
 * (`aws:PrincipalArn`); any other condition is assumed to hold for an Allow (access may exist) and
 * not to hold for a Deny (a conditional Deny proves nothing), so uncertainty always shows access.
 */
import type { Principal, Statement } from '../iam-policy';
import type { PolicySource } from './aws-policies';
import { globMatch } from './glob';

export interface Caller {
  /** Canonical ARN of the calling role or user (`arn:aws:iam::{account}:role/name`). */
  readonly arn: string;
}

export interface Decision {
  /** Sources whose Allow statements match. */
  readonly allowedBy: readonly PolicySource[];
  /** Sources whose Deny statements certainly apply. */
  readonly deniedBy: readonly PolicySource[];
}

export function statementCovers(s: Statement, action: string, resource: string): boolean {
  // Actions match case-insensitively, like IAM.
  const matches = (pattern: string) => globMatch(pattern, action, true);
  const acts = s.notActions ? !s.notActions.some(matches) : s.actions.some(matches);
  if (!acts) return false;
  if (s.notResources) return !s.notResources.some((r) => globMatch(r, resource));
  return s.resources.some((r) => globMatch(r, resource));
}

/** true / false when decided by the stack alone, undefined otherwise. */
export function conditionHolds(s: Statement, caller: Caller): boolean | undefined {
  let result: boolean | undefined = true;
  for (const [rawOperator, keys] of Object.entries(s.condition)) {
    const ifExists = rawOperator.endsWith('IfExists');
    const operator = ifExists ? rawOperator.slice(0, -'IfExists'.length) : rawOperator;
    for (const [key, values] of Object.entries(keys)) {
      if (key.toLowerCase() !== 'aws:principalarn') return undefined;
      const one = principalArnCondition(operator, values, caller.arn);
      if (one === undefined) return undefined;
      result = result && one;
    }
  }
  return result;
}

function principalArnCondition(operator: string, values: readonly string[], arn: string): boolean | undefined {
  const like = (v: string) => globMatch(v, arn, operator.startsWith('String') && operator.includes('IgnoreCase'));
  const equals = (v: string) => v === arn;
  switch (operator) {
    case 'StringEquals':
    case 'ArnEquals':
      return values.some(equals);
    case 'StringNotEquals':
    case 'ArnNotEquals':
      return !values.some(equals);
    case 'StringLike':
    case 'ArnLike':
      return values.some(like);
    case 'StringNotLike':
    case 'ArnNotLike':
      return !values.some(like);
    default:
      return undefined;
  }
}

function applies(s: Statement, caller: Caller): boolean {
  const held = conditionHolds(s, caller);
  return s.effect === 'Allow' ? held !== false : held === true;
}

/** Identity policies of the caller for one request. */
export function identityDecision(policies: readonly PolicySource[], action: string, resource: string, caller: Caller): Decision {
  const allowedBy: PolicySource[] = [];
  const deniedBy: PolicySource[] = [];
  for (const p of policies) {
    for (const s of p.statements) {
      if (s.principals || s.notPrincipals || !statementCovers(s, action, resource) || !applies(s, caller)) continue;
      (s.effect === 'Allow' ? allowedBy : deniedBy).push(p);
    }
  }
  return { allowedBy: dedupe(allowedBy), deniedBy: dedupe(deniedBy) };
}

/** Resource policies (bucket policies) for one request. */
export function resourceDecision(policies: readonly PolicySource[], action: string, resource: string, caller: Caller): Decision {
  const allowedBy: PolicySource[] = [];
  const deniedBy: PolicySource[] = [];
  for (const p of policies) {
    for (const s of p.statements) {
      if (!statementCovers(s, action, resource) || !applies(s, caller)) continue;
      if (!namesCaller(s, caller)) continue;
      (s.effect === 'Allow' ? allowedBy : deniedBy).push(p);
    }
  }
  return { allowedBy: dedupe(allowedBy), deniedBy: dedupe(deniedBy) };
}

/**
 * Whether a resource-policy statement's principal covers the caller. The account itself (root or
 * a bare account id) grants nothing in an Allow (IAM decides), but a Deny on it covers everyone in it.
 */
function namesCaller(s: Statement, caller: Caller): boolean {
  if (s.notPrincipals) return !s.notPrincipals.some((p) => principalCovers(p, caller, s.effect === 'Deny'));
  return (s.principals ?? []).some((p) => principalCovers(p, caller, s.effect === 'Deny'));
}

function principalCovers(p: Principal, caller: Caller, accountCounts: boolean): boolean {
  if (p.type === '*') return true;
  if (p.type !== 'AWS') return false;
  return p.values.some((v) => {
    if (v === '*' || v === caller.arn) return true;
    const session = /^arn:aws:sts::([^:]+):assumed-role\/([^/]+)\//.exec(v);
    if (session) return caller.arn === `arn:aws:iam::${session[1]}:role/${session[2]}`;
    return accountCounts && accountOf(v) !== undefined && accountOf(v) === accountOf(caller.arn);
  });
}

/** The account of an ARN, a root ARN or a bare account id (`{account}` for the stack's own account). */
export function accountOf(value: string): string | undefined {
  if (/^(\d{12}|\{account\})$/.test(value)) return value;
  return /^arn:aws:(?:iam|sts)::([^:]+):/.exec(value)?.[1];
}

/** Whether a principal value names a whole account (`arn:aws:iam::<id>:root` or a bare id). */
export function isAccountPrincipal(value: string): boolean {
  return /^(\d{12}|\{account\})$/.test(value) || /^arn:aws:iam::[^:]+:root$/.test(value);
}

function dedupe(sources: PolicySource[]): PolicySource[] {
  return [...new Map(sources.map((s) => [s.address, s])).values()];
}
