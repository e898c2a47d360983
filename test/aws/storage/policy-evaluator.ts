/**
 * A deliberately small IAM policy evaluator for tests: enough of the condition operators the
 * storage policies use to answer "would this request be denied / allowed by a statement?".
 * Unknown operators throw, so a policy using one cannot silently pass.
 */
export interface Request {
  readonly action: string;
  readonly resource: string;
  /** Condition keys present in the request; absent keys are simply not listed. */
  readonly keys: Readonly<Record<string, string>>;
}

type Statement = Record<string, any>;

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

function glob(pattern: string, value: string, caseInsensitive = false): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    caseInsensitive ? 'i' : '',
  );
  return re.test(value);
}

function conditionHolds(operator: string, key: string, expected: string[], request: Request): boolean {
  const actual = request.keys[key];
  switch (operator) {
    case 'StringEquals':
    case 'ArnEquals':
      return actual !== undefined && expected.includes(actual);
    case 'StringNotEquals':
      // The documented trap: a negated operator is true when the key is absent.
      return actual === undefined || !expected.includes(actual);
    case 'StringLike':
    case 'ArnLike':
      return actual !== undefined && expected.some((p) => glob(p, actual));
    case 'Bool':
      return actual !== undefined && expected.includes(actual);
    case 'Null':
      return expected.every((e) => (e === 'true' ? actual === undefined : actual !== undefined));
    default:
      throw new Error(`policy-evaluator: unsupported condition operator ${operator}`);
  }
}

/** Whether the statement's action, resource and every condition match the request. */
export function statementMatches(statement: Statement, request: Request): boolean {
  if (!asList(statement.Action).some((a) => glob(a, request.action, true))) return false;
  if (!asList(statement.Resource).some((r) => glob(r, request.resource))) return false;
  const conditions = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(conditions).every(([operator, entries]) =>
    Object.entries(entries).every(([key, values]) => conditionHolds(operator, key, asList(values), request)),
  );
}

/** Sids of the Deny statements that match the request (empty: nothing denies it). */
export function denyingStatements(policy: { Statement: Statement[] }, request: Request): string[] {
  return policy.Statement.filter((s) => s.Effect === 'Deny' && statementMatches(s, request)).map((s) => String(s.Sid));
}

/** Sids of the Allow statements that match the request. */
export function allowingStatements(policy: { Statement: Statement[] }, request: Request): string[] {
  return policy.Statement.filter((s) => s.Effect === 'Allow' && statementMatches(s, request)).map((s) => String(s.Sid));
}
