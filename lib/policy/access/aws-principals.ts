/**
 * The AWS principals of a stack and who can become whom. Stack roles and users carry their identity
 * policies; principals outside the stack (ARNs in trust policies, Lake Formation grants, bucket
 * policies) carry none that the report can see. Assume-role edges come from trust policies: a
 * principal named in a role's trust policy can assume it; a trust policy naming the account root
 * delegates to IAM, so a stack principal can assume the role when its own policies allow
 * `sts:AssumeRole` on it (any principal outside the stack may too: that is outside the report).
 */
import { actionMatches } from '../iam-policy';
import type { StackIndex, TerraformResource } from '../terraform-json';
import type { Canonicalizer } from './canonical';
import type { Edge } from './closure';
import { identityDecision, isAccountPrincipal } from './aws-iam-eval';
import { identityPolicies, readPolicy, type PolicySource } from './aws-policies';
import { IAM_ALLOWED_PRINCIPALS, type LakeFormation } from './lake-formation';
import { containerEnvironment } from './tables';
import type { Note, PrincipalKind, Tier } from './model';
import { GRANT_METHOD, TIERS } from './model';

export interface AwsPrincipal {
  /** Canonical ARN (`arn:aws:iam::{account}:role/<name>` for stack roles). */
  readonly arn: string;
  /** Report key: the role or user name for stack principals, the ARN otherwise. */
  readonly id: string;
  readonly address?: string;
  policies: readonly PolicySource[];
  tier?: Tier;
  kind: PrincipalKind;
  recognisedBy: string;
}

/** An assume-role edge: the trust policy (or, for root trust, the identity policy) that allows it. */
export type AssumeEdge = Edge;

export interface AwsPrincipals {
  readonly principals: Map<string, AwsPrincipal>;
  readonly edges: readonly AssumeEdge[];
  /** Roles whose trust policy names the account root: IAM outside the stack decides who assumes them. */
  readonly rootTrusted: readonly { role: string; address: string }[];
}

/** Tag on aws_iam_role that states a principal's tier explicitly. */
export const TIER_TAG = 'lakehouse-tier';
const TAG_VALUES = ['reader', 'writer', 'admin', 'maintenance', 'service', 'provisioner'] as const;
const TIER_NAME = /-lakehouse-(reader|writer|admin)$/;
const MAINTENANCE_NAME = /-lakehouse-optimizer$/;
const GRANT_PATH = /(?:^|\/)grant-(reader|writer|admin)-/;

export function awsPrincipals(stack: StackIndex, c: Canonicalizer, lf: LakeFormation, notes: Note[]): AwsPrincipals {
  const policies = identityPolicies(stack, c, notes);
  const principals = new Map<string, AwsPrincipal>();
  for (const [type, kind] of [
    ['aws_iam_role', 'role'],
    ['aws_iam_user', 'user'],
  ] as const) {
    for (const r of stack.ofType(type)) {
      const arn = c.attribute(r, 'arn');
      const name = c.literal(r, 'name');
      principals.set(arn, {
        arn,
        id: name,
        address: r.address,
        policies: policies.get(`${kind}/${name}`) ?? [],
        kind: 'principal',
        recognisedBy: '',
      });
    }
  }
  const { edges, rootTrusted } = trustEdges(stack, c, principals, notes);
  const external = (arn: string) => {
    if (!principals.has(arn)) principals.set(arn, { arn, id: arn, policies: [], kind: 'principal', recognisedBy: '' });
  };
  for (const e of edges) external(e.from);
  for (const g of lf.grants) if (g.principal !== IAM_ALLOWED_PRINCIPALS && g.principal !== '') external(g.principal);
  for (const bp of stack.ofType('aws_s3_bucket_policy')) {
    for (const s of readPolicy(bp.config.policy, bp.address, stack, c, [])) {
      for (const p of s.principals ?? [])
        if (p.type === 'AWS') p.values.filter((v) => v !== '*' && !isAccountPrincipal(v)).forEach(external);
    }
  }
  attachOrphanPolicies(policies, principals);
  recogniseTiers(stack, c, principals, edges, lf);
  return { principals, edges, rootTrusted };
}

/**
 * Policies on roles and users the stack does not define (a grant to another stack's role): they
 * belong to the principal of that name named elsewhere (a Lake Formation grant, a trust policy),
 * else to a principal of that name in the stack's own account.
 */
function attachOrphanPolicies(policies: Map<string, PolicySource[]>, principals: Map<string, AwsPrincipal>): void {
  const owned = new Set([...principals.values()].filter((p) => p.address).map((p) => `${/:user\//.test(p.arn) ? 'user' : 'role'}/${p.id}`));
  for (const [key, sources] of policies) {
    if (owned.has(key)) continue;
    const [kind, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const named = [...principals.values()].filter((p) => !p.address && new RegExp(`:${kind}/(?:.*/)?${escape(name)}$`).test(p.arn));
    if (named.length === 1) named[0]!.policies = [...named[0]!.policies, ...sources];
    else {
      const arn = `arn:aws:iam::{account}:${kind}/${name}`;
      principals.set(arn, { arn, id: name, policies: sources, kind: 'principal', recognisedBy: '' });
    }
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function trustEdges(stack: StackIndex, c: Canonicalizer, principals: Map<string, AwsPrincipal>, notes: Note[]) {
  const edges: AssumeEdge[] = [];
  const rootTrusted: { role: string; address: string }[] = [];
  for (const role of stack.ofType('aws_iam_role')) {
    const to = c.attribute(role, 'arn');
    for (const s of readPolicy(role.config.assume_role_policy, role.address, stack, c, notes)) {
      if (s.effect !== 'Allow' || !s.actions.some((a) => actionMatches(a, 'sts:AssumeRole') || /^sts:AssumeRoleWith/i.test(a))) continue;
      for (const p of s.principals ?? []) {
        if (p.type === 'Service') continue;
        for (const v of p.type === '*' ? ['*'] : p.values) {
          if (p.type === 'AWS' && isAccountPrincipal(v)) rootTrusted.push({ role: to, address: role.address });
          else edges.push({ from: p.type === 'Federated' ? `federated:${v}` : v, to, address: role.address });
        }
      }
    }
  }
  // Root trust: stack principals whose own policies allow sts:AssumeRole on the role.
  for (const { role, address } of rootTrusted) {
    for (const p of principals.values()) {
      if (p.arn === role) continue;
      const d = identityDecision(p.policies, 'sts:AssumeRole', role, { arn: p.arn });
      if (d.allowedBy.length > 0 && d.deniedBy.length === 0)
        edges.push({ from: p.arn, to: role, address: `${address} (account root) + ${d.allowedBy[0]!.address}` });
    }
  }
  return { edges, rootTrusted };
}

function recogniseTiers(
  stack: StackIndex,
  c: Canonicalizer,
  principals: Map<string, AwsPrincipal>,
  edges: readonly AssumeEdge[],
  lf: LakeFormation,
) {
  const services = serviceRoles(stack, c);
  const roles = new Map(stack.ofType('aws_iam_role').map((r) => [c.attribute(r, 'arn'), r]));
  for (const p of principals.values()) {
    const role = roles.get(p.arn);
    const tag = role ? tagValue(role, c) : undefined;
    const name = TIER_NAME.exec(p.id)?.[1] as Tier | undefined;
    if (tag === 'provisioner')
      set(p, 'service', `tag ${TIER_TAG}=provisioner (the table-provisioning function: creates, evolves and, unprotected, drops tables)`);
    else if (tag) set(p, tag, `tag ${TIER_TAG}=${tag}`);
    else if (name) set(p, name, `name ends with -lakehouse-${name}`);
    else if (MAINTENANCE_NAME.test(p.id)) set(p, 'maintenance', 'name ends with -lakehouse-optimizer (Glue table optimizers)');
    else if (services.has(p.arn)) set(p, 'service', services.get(p.arn)!);
  }
  const tierPolicies = new Map<string, Tier>();
  for (const p of principals.values()) if (p.tier && roles.has(p.arn)) p.policies.forEach((s) => tierPolicies.set(s.address, p.tier!));
  for (const p of principals.values()) {
    if (p.tier || p.kind !== 'principal') continue;
    const granted = grantedTier(stack, c, p, tierPolicies, lf);
    if (granted) set(p, granted.tier, granted.by);
  }
  // Principals outside the stack take the tier of the tier roles that trust them (one tier only).
  for (const p of principals.values()) {
    if (p.tier || p.kind !== 'principal' || roles.has(p.arn)) continue;
    const tiers = [
      ...new Set(
        edges
          .filter((e) => e.from === p.arn)
          .map((e) => principals.get(e.to)?.tier)
          .filter((t): t is Tier => !!t),
      ),
    ];
    if (tiers.length === 1) set(p, tiers[0]!, `trusted by the ${tiers[0]} role`);
  }
}

function set(p: AwsPrincipal, value: Tier | 'maintenance' | 'service', by: string): void {
  if (value === 'maintenance' || value === 'service') p.kind = value;
  else p.tier = value;
  p.recognisedBy = by;
}

function tagValue(r: TerraformResource, c: Canonicalizer): (typeof TAG_VALUES)[number] | undefined {
  const tags = (r.config.tags ?? {}) as Record<string, unknown>;
  const v = c.text(tags[TIER_TAG]);
  return (TAG_VALUES as readonly string[]).includes(v) ? (v as (typeof TAG_VALUES)[number]) : undefined;
}

/** A role that received a tier through the library's grant methods. */
function grantedTier(
  stack: StackIndex,
  c: Canonicalizer,
  p: AwsPrincipal,
  tierPolicies: Map<string, Tier>,
  lf: LakeFormation,
): { tier: Tier; by: string } | undefined {
  const found = new Map<Tier, string>();
  for (const s of p.policies) {
    const t = tierPolicies.get(s.address);
    if (t) found.set(t, `attached the ${t} tier's policy ${s.address}`);
    const nessie = /^nessie-warehouse-(read|write)$/.exec(s.name ?? '');
    if (nessie) found.set(nessie[1] === 'read' ? 'reader' : 'writer', `inline policy ${s.name} (${s.address})`);
  }
  const targets = [
    ...stack
      .ofType('aws_iam_role_policy_attachment', 'aws_iam_role_policy')
      .filter((r) => `role/${c.text(r.config.role)}` === `role/${p.id}`),
    ...lf.grants.filter((g) => g.principal === p.arn).map((g) => stack.get(g.address)!),
  ];
  for (const r of targets) {
    const m = GRANT_PATH.exec(r.path);
    if (m) found.set(m[1] as Tier, `granted by ${GRANT_METHOD[m[1] as Tier]}() (${r.address})`);
  }
  const tier = [...TIERS].reverse().find((t) => found.has(t));
  return tier ? { tier, by: found.get(tier)! } : undefined;
}

/** Roles only a managed service uses on behalf of others: Lake Formation's registration role and Nessie's server role. */
function serviceRoles(stack: StackIndex, c: Canonicalizer): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of stack.ofType('aws_lakeformation_resource')) {
    const arn = c.text(r.config.role_arn);
    if (arn) out.set(arn, `Lake Formation registration role of ${r.address} (vends credentials scoped by Lake Formation grants)`);
  }
  for (const t of stack.ofType('aws_ecs_task_definition')) {
    const images = containerImages(t.config.container_definitions);
    const env = containerEnvironment(t.config.container_definitions);
    if (!images.some((i) => /projectnessie\/nessie/.test(i)) && ![...env.keys()].some((k) => k.startsWith('NESSIE_'))) continue;
    const arn = c.text(t.config.task_role_arn);
    if (arn)
      out.set(arn, `Nessie server task role of ${t.address} (writes table metadata for commits; deletes only files of failed commits)`);
  }
  return out;
}

function containerImages(definitions: unknown): string[] {
  try {
    const parsed: unknown = typeof definitions === 'string' ? JSON.parse(definitions) : definitions;
    return (Array.isArray(parsed) ? parsed : []).map((d) => String((d as { image?: unknown }).image ?? ''));
  } catch {
    return [];
  }
}
