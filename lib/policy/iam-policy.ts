/**
 * IAM and resource policies as rules see them. The constructs render policies with JSON.stringify
 * (a JSON string with `${...}` references inside); `data.aws_iam_policy_document` references are
 * followed too. Anything else (`${jsonencode(...)}`) cannot be inspected and throws, which the
 * runner reports as LH-RULE-ERROR instead of passing silently.
 */
import { asStringList, blocks, type StackIndex } from './terraform-json';

export interface Principal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for the anonymous wildcard. */
  readonly type: string;
  readonly values: readonly string[];
}

export interface Statement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  /** Set when the statement uses NotAction. */
  readonly notActions?: readonly string[];
  readonly resources: readonly string[];
  readonly notResources?: readonly string[];
  /** Undefined for identity policies (no Principal element). */
  readonly principals?: readonly Principal[];
  /** Set when a resource policy uses NotPrincipal: the statement applies to everyone else. */
  readonly notPrincipals?: readonly Principal[];
  /** `{ operator: { key: values } }` with values as strings. */
  readonly condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const DOCUMENT_REFERENCE = /^\$\{(data\.aws_iam_policy_document\.[A-Za-z_][\w-]*)\.json\}$/;

/** Parses a policy attribute; returns [] when the attribute is absent. */
export function policyStatements(value: unknown, stack: StackIndex): Statement[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'object') return fromJsonDocument(value);
  if (typeof value !== 'string') throw new Error(`policy is neither a JSON string nor an object: ${JSON.stringify(value)}`);
  const ref = DOCUMENT_REFERENCE.exec(value.trim());
  if (ref) {
    const doc = stack.get(ref[1]!);
    if (!doc) throw new Error(`policy refers to ${ref[1]}, which is not in the stack`);
    return fromDataDocument(doc.config);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new Error(`policy is not plain JSON and cannot be inspected (render it with JSON.stringify): ${value.slice(0, 80)}`);
  }
  return fromJsonDocument(parsed);
}

function fromJsonDocument(doc: unknown): Statement[] {
  const raw = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((s: Record<string, unknown>) => ({
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: asStringList(s.Action),
    ...(s.NotAction !== undefined ? { notActions: asStringList(s.NotAction) } : {}),
    resources: asStringList(s.Resource),
    ...(s.NotResource !== undefined ? { notResources: asStringList(s.NotResource) } : {}),
    ...(s.Principal !== undefined ? { principals: jsonPrincipals(s.Principal) } : {}),
    ...(s.NotPrincipal !== undefined ? { notPrincipals: jsonPrincipals(s.NotPrincipal) } : {}),
    condition: jsonCondition(s.Condition),
  }));
}

function jsonPrincipals(value: unknown): Principal[] {
  if (value === '*') return [{ type: '*', values: ['*'] }];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).map(([type, v]) => ({ type, values: asStringList(v) }));
}

function jsonCondition(value: unknown): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  if (value === null || typeof value !== 'object') return out;
  for (const [operator, keys] of Object.entries(value as Record<string, unknown>)) {
    out[operator] = {};
    for (const [key, v] of Object.entries((keys ?? {}) as Record<string, unknown>)) {
      out[operator]![key] = (Array.isArray(v) ? v : [v]).map(String);
    }
  }
  return out;
}

function fromDataDocument(config: Readonly<Record<string, unknown>>): Statement[] {
  return blocks(config.statement).map((s) => {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of blocks(s.condition)) {
      const test = String(c.test);
      condition[test] ??= {};
      condition[test]![String(c.variable)] = asStringList(c.values);
    }
    const principals = blocks(s.principals).map((p) => ({ type: String(p.type), values: asStringList(p.identifiers) }));
    const notPrincipals = blocks(s.not_principals).map((p) => ({ type: String(p.type), values: asStringList(p.identifiers) }));
    return {
      effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
      actions: asStringList(s.actions),
      ...(s.not_actions !== undefined ? { notActions: asStringList(s.not_actions) } : {}),
      resources: asStringList(s.resources),
      ...(s.not_resources !== undefined ? { notResources: asStringList(s.not_resources) } : {}),
      ...(principals.length > 0 ? { principals } : {}),
      ...(notPrincipals.length > 0 ? { notPrincipals } : {}),
      condition,
    };
  });
}

/** Where identity policies live in the AWS provider schema: resource type → attribute(s). */
export const IDENTITY_POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
  'aws_iam_role',
];

/** Resource policies (with principals) by resource type → attribute. */
export const RESOURCE_POLICY_ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_s3_bucket_policy: 'policy',
  aws_kms_key: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_cloudwatch_log_resource_policy: 'policy_document',
};

/** Identity-policy documents of a resource (aws_iam_role carries them in `inline_policy` blocks). */
export function identityPolicies(type: string, config: Readonly<Record<string, unknown>>): unknown[] {
  if (type === 'aws_iam_role') return blocks(config.inline_policy).map((b) => b.policy);
  return IDENTITY_POLICY_TYPES.includes(type) ? [config.policy] : [];
}

/** IAM action pattern matching: `s3:Get*` matches `s3:GetObject`; case-insensitive like IAM. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map(escapeRegExp).join('.*') + '$', 'i');
  return re.test(action);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
