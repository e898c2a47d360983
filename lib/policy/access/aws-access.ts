/**
 * What every AWS principal can do to every table: direct S3 access (identity policies and bucket
 * policies, with their denies), Lake Formation grants where Lake Formation governs the table, the
 * principal's IAM Glue permissions where IAM alone governs it, and everything the principal can
 * reach by assuming other roles.
 */
import type { StackIndex } from '../terraform-json';
import type { Canonicalizer } from './canonical';
import { identityDecision, resourceDecision, type Caller } from './aws-iam-eval';
import { readPolicy, type PolicySource } from './aws-policies';
import { awsPrincipals, type AwsPrincipal } from './aws-principals';
import { dedupe, reachable, withReachable, type Edge } from './closure';
import { LakeFormation, type IamGoverned } from './lake-formation';
import type { AccessTable, AnalyzedPrincipal, Capability, Evidence, Note, Violation } from './model';

export interface CloudAnalysis {
  readonly principals: AnalyzedPrincipal[];
  readonly violations: Violation[];
}

const S3_ACTIONS: readonly (readonly [Capability, readonly string[]])[] = [
  ['read-all', ['s3:GetObject', 's3:GetObjectVersion']],
  ['write', ['s3:PutObject']],
  ['delete', ['s3:DeleteObject', 's3:DeleteObjectVersion']],
];

export function analyzeAws(stack: StackIndex, c: Canonicalizer, tables: readonly AccessTable[], notes: Note[]): CloudAnalysis {
  const lf = new LakeFormation(stack, c, notes);
  const { principals, edges, rootTrusted } = awsPrincipals(stack, c, lf, notes);
  const bucketPolicies: PolicySource[] = stack
    .ofType('aws_s3_bucket_policy')
    .map((bp) => ({ address: bp.address, statements: readPolicy(bp.config.policy, bp.address, stack, c, notes) }));
  const gluePolicies: PolicySource[] = stack
    .ofType('aws_glue_resource_policy')
    .map((gp) => ({ address: gp.address, statements: readPolicy(gp.config.policy, gp.address, stack, c, notes) }));

  const own = new Map<string, Map<string, Evidence[]>>();
  for (const p of principals.values()) {
    own.set(
      p.arn,
      new Map(
        tables.map((t) => [
          t.key,
          dedupe([...nessieCommits(s3Evidence(p, t, bucketPolicies), t), ...catalogEvidence(p, t, lf, gluePolicies)]),
        ]),
      ),
    );
  }
  const facts = [...principals.values()].map((p) => ({ ...p, key: p.arn }));
  const analyzed = withReachable(facts, tables, own, edges, (to, path) => {
    return `as ${principals.get(to)?.id ?? to} (assumable through ${path.map((x) => x.address).join(' → ')})`;
  });
  for (const r of rootTrusted) {
    const role = principals.get(r.role);
    notes.push({
      address: r.address,
      message: `${role?.id ?? r.role} trusts the account root: any principal of the account whose IAM policies allow sts:AssumeRole on it can use it (those policies are outside this stack)`,
    });
  }
  for (const a of lf.admins) {
    notes.push({
      address: a.address,
      message: `${a.principal} is a Lake Formation data lake administrator: it can grant itself any permission on every table`,
    });
  }
  return { principals: analyzed, violations: trustViolations(principals, edges) };
}

function s3Evidence(p: AwsPrincipal, t: AccessTable, bucketPolicies: readonly PolicySource[]): Evidence[] {
  const caller: Caller = { arn: p.arn };
  const out: Evidence[] = [];
  for (const object of t.s3Objects) {
    for (const [capability, actions] of S3_ACTIONS) {
      for (const action of actions) {
        const id = identityDecision(p.policies, action, object, caller);
        const rp = resourceDecision(bucketPolicies, action, object, caller);
        if (id.deniedBy.length > 0 || rp.deniedBy.length > 0) continue;
        for (const source of [...id.allowedBy, ...rp.allowedBy]) {
          const kind = rp.allowedBy.includes(source) ? 'bucket policy allows' : 'IAM allows';
          out.push({
            capability,
            address: source.address,
            how: `${kind} ${action} on the table's files (${object.replace(/^arn:aws:s3:::/, 's3://')})`,
          });
        }
      }
    }
  }
  return out;
}

/** Nessie has no catalog authorization here: whoever writes a table's files can commit a schema change too. */
function nessieCommits(evidence: Evidence[], t: AccessTable): Evidence[] {
  if (t.catalog !== 'nessie') return evidence;
  const alters = evidence
    .filter((e) => e.capability === 'write')
    .map((e) => ({
      ...e,
      capability: 'alter' as const,
      how: `${e.how}; Nessie authorizes no commit, so writing the files is enough to commit a schema change`,
    }));
  return [...evidence, ...alters];
}

/** Catalog access: Lake Formation grants, or the principal's IAM Glue permissions where IAM alone governs the table. */
function catalogEvidence(p: AwsPrincipal, t: AccessTable, lf: LakeFormation, gluePolicies: readonly PolicySource[]): Evidence[] {
  if (!t.glue) return [];
  const governed = lf.iamGoverned(t, p.arn);
  // Under IAMAllowedPrincipals, Lake Formation grants still add to what IAM allows.
  return [...(governed ? glueIamEvidence(p, t, governed, gluePolicies) : []), ...lf.evidence(t, p.arn)];
}

/** Where IAM alone governs a table: the principal's Glue permissions, from its policies or the catalog's resource policy. */
function glueIamEvidence(p: AwsPrincipal, t: AccessTable, governed: IamGoverned, gluePolicies: readonly PolicySource[]): Evidence[] {
  const arn = `arn:aws:glue:{region}:{account}:table/${t.glue!.database}/${t.glue!.table}`;
  const because = `IAM alone governs the table (${governed.why}; ${governed.address})`;
  const out: Evidence[] = [];
  const allowed = (action: string) => {
    const id = identityDecision(p.policies, action, arn, { arn: p.arn });
    const rp = resourceDecision(gluePolicies, action, arn, { arn: p.arn });
    return id.deniedBy.length > 0 || rp.deniedBy.length > 0 ? [] : [...id.allowedBy, ...rp.allowedBy];
  };
  for (const s of allowed('glue:GetTable')) {
    out.push({
      capability: 'read-all',
      address: s.address,
      how: `glue:GetTable on ${t.key}; ${because}, so column exclusions do not apply`,
    });
  }
  for (const s of allowed('glue:UpdateTable')) {
    const how = `glue:UpdateTable on ${t.key} (Iceberg commits); ${because}`;
    out.push({ capability: 'write', address: s.address, how }, { capability: 'alter', address: s.address, how });
    out.push({ capability: 'delete', address: s.address, how: `${how}: row deletes are allowed` });
  }
  for (const s of allowed('glue:DeleteTable')) {
    out.push({
      capability: 'delete',
      address: s.address,
      how: `glue:DeleteTable on ${t.key} (Athena drops Iceberg tables with their data); ${because}`,
    });
  }
  return out;
}

/** A principal meant for one tier must not be able to become a role of another tier. */
function trustViolations(principals: Map<string, AwsPrincipal>, edges: readonly Edge[]): Violation[] {
  const out: Violation[] = [];
  for (const p of principals.values()) {
    if (p.kind !== 'principal') continue;
    const direct = edges.filter((e) => e.from === p.arn && principals.get(e.to)?.tier);
    const directTiers = [...new Set(direct.map((e) => principals.get(e.to)!.tier!))];
    if (!p.tier && directTiers.length > 1) {
      out.push({
        kind: 'trust',
        principal: p.id,
        tier: 'other',
        what: `is trusted by roles of several tiers (${directTiers.join(', ')}): a principal meant for one tier can assume another`,
        via: direct.map((e) => ({
          address: e.address,
          how: `trust policy of ${principals.get(e.to)!.id} (${principals.get(e.to)!.tier})`,
        })),
      });
      continue;
    }
    if (!p.tier) continue;
    for (const [role, path] of reachable(p.arn, edges)) {
      const target = principals.get(role);
      if (!target?.tier || target.tier === p.tier) continue;
      out.push({
        kind: 'trust',
        principal: p.id,
        tier: p.tier,
        what: `can assume the ${target.tier} role ${target.id}`,
        via: path.map((e) => ({
          address: e.address,
          how: `trust policy lets ${principals.get(e.from)?.id ?? e.from} assume ${principals.get(e.to)?.id ?? e.to}`,
        })),
      });
    }
  }
  return out;
}
