/**
 * Identity policies of the IAM roles and users in a stack, from every place Terraform can put
 * them: `inline_policy` blocks, `aws_iam_role_policy` / `aws_iam_user_policy`, managed policies
 * attached by `aws_iam_role_policy_attachment`, `aws_iam_user_policy_attachment`,
 * `aws_iam_policy_attachment` and `managed_policy_arns`. Statements are parsed by the policy pack's
 * reader (iam-policy.ts) and canonicalized; what cannot be read becomes a note, never "no access".
 */
import { asStringList, blocks, type StackIndex, type TerraformResource } from '../terraform-json';
import { policyStatements, type Principal, type Statement } from '../iam-policy';
import type { Canonicalizer } from './canonical';
import type { Note } from './model';

export interface PolicySource {
  /** Address of the resource holding the document (the managed policy for attachments). */
  readonly address: string;
  /** Policy name when it has one (`nessie-warehouse-read`). */
  readonly name?: string;
  readonly statements: readonly Statement[];
}

/**
 * AWS managed policies whose content matters here, as AWS documents them. Any other AWS managed
 * policy attached to a principal is reported as unknown.
 */
export const KNOWN_AWS_MANAGED_POLICIES: Readonly<Record<string, readonly Statement[]>> = {
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
  'service-role/AmazonECSTaskExecutionRolePolicy': [
    {
      effect: 'Allow',
      actions: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:BatchGetImage',
        'ecr:GetAuthorizationToken',
        'ecr:GetDownloadUrlForLayer',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ],
      resources: ['*'],
      condition: {},
    },
  ],
};

/** Parses and canonicalizes one policy document; a document that cannot be read becomes a note. */
export function readPolicy(value: unknown, address: string, stack: StackIndex, c: Canonicalizer, notes: Note[]): Statement[] {
  let raw: Statement[];
  try {
    raw = policyStatements(value, stack);
  } catch (e) {
    notes.push({
      address,
      message: `policy cannot be read (${e instanceof Error ? e.message : String(e)}); its grants are unknown`,
      unknown: true,
    });
    return [];
  }
  const unresolved = new Set<string>();
  const canon = (values: readonly string[]) =>
    values.map((v) => {
      const r = c.value(v);
      r.unresolved.forEach((u) => unresolved.add(u));
      return r.text;
    });
  const principals = (ps: readonly Principal[] | undefined) => ps?.map((p) => ({ type: p.type, values: canon(p.values) }));
  const out = raw.map((s) => ({
    ...s,
    resources: canon(s.resources),
    ...(s.notResources ? { notResources: canon(s.notResources) } : {}),
    ...(s.principals ? { principals: principals(s.principals) } : {}),
    ...(s.notPrincipals ? { notPrincipals: principals(s.notPrincipals) } : {}),
    condition: Object.fromEntries(
      Object.entries(s.condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, canon(v)]))]),
    ),
  }));
  if (unresolved.size > 0) {
    notes.push({
      address,
      message: `policy refers to values outside the stack (${[...unresolved].sort().join(', ')}); statements using them are matched literally`,
    });
  }
  return out;
}

/** Identity policies of every role and user, by the canonical name of the role (`role/<name>`) or user (`user/<name>`). */
export function identityPolicies(stack: StackIndex, c: Canonicalizer, notes: Note[]): Map<string, PolicySource[]> {
  const byPrincipal = new Map<string, PolicySource[]>();
  const add = (key: string, source: PolicySource) => byPrincipal.set(key, [...(byPrincipal.get(key) ?? []), source]);
  const managed = managedPolicyResolver(stack, c, notes);

  for (const role of stack.ofType('aws_iam_role')) {
    const key = `role/${c.literal(role, 'name')}`;
    for (const b of blocks(role.config.inline_policy)) {
      add(key, { address: role.address, name: String(b.name ?? ''), statements: readPolicy(b.policy, role.address, stack, c, notes) });
    }
    for (const arn of asStringList(role.config.managed_policy_arns)) managed(arn, role.address).forEach((s) => add(key, s));
    if (role.config.permissions_boundary !== undefined) {
      notes.push({
        address: role.address,
        message: 'has a permissions boundary, which the report does not apply (it can only narrow access)',
      });
    }
  }
  for (const [type, kind, attr] of [
    ['aws_iam_role_policy', 'role', 'role'],
    ['aws_iam_user_policy', 'user', 'user'],
  ] as const) {
    for (const p of stack.ofType(type)) {
      add(`${kind}/${c.text(p.config[attr])}`, {
        address: p.address,
        ...(typeof p.config.name === 'string' ? { name: p.config.name } : {}),
        statements: readPolicy(p.config.policy, p.address, stack, c, notes),
      });
    }
  }
  for (const [type, kind, attr] of [
    ['aws_iam_role_policy_attachment', 'role', 'role'],
    ['aws_iam_user_policy_attachment', 'user', 'user'],
  ] as const) {
    for (const a of stack.ofType(type)) managed(a.config.policy_arn, a.address).forEach((s) => add(`${kind}/${c.text(a.config[attr])}`, s));
  }
  for (const a of stack.ofType('aws_iam_policy_attachment')) {
    const sources = managed(a.config.policy_arn, a.address);
    for (const r of asStringList(a.config.roles)) sources.forEach((s) => add(`role/${c.text(r)}`, s));
    for (const u of asStringList(a.config.users)) sources.forEach((s) => add(`user/${c.text(u)}`, s));
  }
  for (const g of stack.ofType('aws_iam_group_policy', 'aws_iam_group_policy_attachment')) {
    notes.push({
      address: g.address,
      message: 'IAM group policies are not evaluated: members of the group may hold access the report does not show',
      unknown: true,
    });
  }
  return byPrincipal;
}

/** Resolves a `policy_arn` to the statements of a stack policy or a known AWS managed policy. */
function managedPolicyResolver(stack: StackIndex, c: Canonicalizer, notes: Note[]) {
  const cache = new Map<string, PolicySource>();
  const policies = stack.ofType('aws_iam_policy').map((p) => ({ p, arn: c.attribute(p, 'arn') }));
  return (policyArn: unknown, attachedBy: string): PolicySource[] => {
    const arn = c.text(policyArn);
    const local = policies.find((x) => x.arn === arn);
    if (local) return [cached(cache, local.p, () => readPolicy(local.p.config.policy, local.p.address, stack, c, notes))];
    const awsManaged = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn);
    const known = awsManaged ? KNOWN_AWS_MANAGED_POLICIES[awsManaged[1]!] : undefined;
    if (known) return [{ address: attachedBy, name: awsManaged![1]!, statements: known }];
    notes.push({
      address: attachedBy,
      message: `attaches ${arn || JSON.stringify(policyArn)}, whose content is not in the stack (and not a managed policy the report knows): its grants are unknown`,
      unknown: true,
    });
    return [];
  };
}

function cached(cache: Map<string, PolicySource>, p: TerraformResource, read: () => Statement[]): PolicySource {
  let hit = cache.get(p.address);
  if (!hit) {
    hit = { address: p.address, ...(typeof p.config.name === 'string' ? { name: p.config.name } : {}), statements: read() };
    cache.set(p.address, hit);
  }
  return hit;
}
