/**
 * What every Google member can do to every table: object access to the table's files in Cloud
 * Storage (bucket or project roles, with IAM conditions on object names), table access through
 * BigQuery (table, dataset or project roles) narrowed by policy tags, and everything reachable by
 * impersonating service accounts.
 */
import { asStringList, type StackIndex } from '../terraform-json';
import type { Canonicalizer } from './canonical';
import type { CloudAnalysis } from './aws-access';
import { reachable, withReachable, type Edge } from './closure';
import { gcpBindings, type GcpBinding } from './gcp-bindings';
import { rawRestrictedColumns } from './gcp-columns';
import { evaluateCondition, type ConditionResource } from './gcp-condition';
import {
  BIGQUERY_ROLES,
  CUSTOM_ROLE,
  IMPERSONATION_ROLES,
  permissionCapabilities,
  relevantRole,
  STORAGE_ROLES,
  type RoleCapabilities,
} from './gcp-roles';
import { GRANT_METHOD, type AccessTable, type Evidence, type Note, type PrincipalKind, type Tier, type Violation } from './model';

/** Marker in a service account's description or display name that states its tier explicitly. */
export const SERVICE_ACCOUNT_TIER_MARKER = /lakehouse-tier=(reader|writer|admin|maintenance|service)\b/;
const TIER_ACCOUNT_ID = /-(reader|writer|admin)$/;
const GRANT_PATH = /(?:^|\/)grant-(reader|writer|admin)-/;

interface Member {
  readonly id: string;
  tier?: Tier;
  kind: PrincipalKind;
  recognisedBy: string;
  address?: string;
}

/** What each role lets a member do: the predefined roles the report knows plus the stack's own custom roles. */
interface RoleCatalog {
  readonly storage: Readonly<Record<string, RoleCapabilities>>;
  readonly bigquery: Readonly<Record<string, RoleCapabilities>>;
}

function roleCatalog(stack: StackIndex, c: Canonicalizer): RoleCatalog {
  const storage: Record<string, RoleCapabilities> = { ...STORAGE_ROLES };
  const bigquery: Record<string, RoleCapabilities> = { ...BIGQUERY_ROLES };
  for (const r of stack.ofType('google_project_iam_custom_role')) {
    const caps = permissionCapabilities(asStringList(r.config.permissions).map((p) => c.text(p)));
    const name = c.attribute(r, 'name');
    storage[name] = caps.storage;
    bigquery[name] = caps.bigquery;
  }
  return { storage, bigquery };
}

export function analyzeGcp(stack: StackIndex, c: Canonicalizer, tables: readonly AccessTable[], notes: Note[]): CloudAnalysis {
  const bindings = gcpBindings(stack, c, notes);
  const members = recogniseMembers(stack, c, bindings);
  const roles = roleCatalog(stack, c);
  reportUnknownRoles(bindings, roles, notes);
  const edges = impersonation(bindings, members);
  const own = new Map(
    [...members.keys()].map((m) => [m, new Map(tables.map((t) => [t.key, ownEvidence(m, t, bindings, roles, stack, c, notes)]))]),
  );
  const facts = [...members.values()].map((m) => ({ ...m, key: m.id }));
  const principals = withReachable(facts, tables, own, edges, (to, path) => `acting as ${to} (${path.map((e) => e.address).join(' → ')})`);
  const violations: Violation[] = [];
  for (const m of members.values()) {
    if (!m.tier) continue;
    for (const [to, path] of reachable(m.id, edges)) {
      const other = members.get(to);
      if (other?.tier && other.tier !== m.tier) {
        violations.push({
          kind: 'trust',
          principal: m.id,
          tier: m.tier,
          what: `can act as the ${other.tier} service account ${to}`,
          via: path.map((e) => ({ address: e.address, how: 'impersonation role' })),
        });
      }
    }
  }
  return { principals, violations };
}

function recogniseMembers(stack: StackIndex, c: Canonicalizer, bindings: readonly GcpBinding[]): Map<string, Member> {
  const members = new Map<string, Member>();
  const get = (id: string) => members.get(id) ?? members.set(id, { id, kind: 'principal', recognisedBy: '' }).get(id)!;
  for (const sa of stack.ofType('google_service_account')) {
    const m = get(c.attribute(sa, 'member'));
    m.address = sa.address;
    const marker = SERVICE_ACCOUNT_TIER_MARKER.exec(`${c.text(sa.config.description)} ${c.text(sa.config.display_name)}`)?.[1];
    const suffix = TIER_ACCOUNT_ID.exec(c.text(sa.config.account_id))?.[1];
    if (marker === 'maintenance' || marker === 'service')
      Object.assign(m, { kind: marker, recognisedBy: `description marks lakehouse-tier=${marker}` });
    else if (marker) Object.assign(m, { tier: marker, recognisedBy: `description marks lakehouse-tier=${marker}` });
    else if (suffix) Object.assign(m, { tier: suffix, recognisedBy: `account id ends with -${suffix}` });
  }
  for (const b of bindings) {
    const m = get(b.member);
    if (m.tier || m.kind !== 'principal') continue;
    const connection = /\{(google_bigquery_connection\.[\w-]+)\./.exec(b.member);
    const granted = GRANT_PATH.exec(b.path)?.[1] as Tier | undefined;
    if (connection)
      Object.assign(m, {
        kind: 'service',
        recognisedBy: `service account of ${connection[1]} (BigQuery reads and writes table files for callers it authorizes)`,
      });
    else if (granted) Object.assign(m, { tier: granted, recognisedBy: `granted by ${GRANT_METHOD[granted]}() (${b.address})` });
  }
  return members;
}

function reportUnknownRoles(bindings: readonly GcpBinding[], roles: RoleCatalog, notes: Note[]): void {
  // A role written as a reference the report cannot resolve is as unknown as a custom role it cannot read.
  const custom = (role: string) => CUSTOM_ROLE.test(role) || /^\{.*\}$/.test(role) || role.includes('${');
  for (const b of bindings) {
    const storage = b.role.startsWith('roles/storage.') || custom(b.role);
    const bigquery = b.role.startsWith('roles/bigquery.') || custom(b.role);
    const unknown =
      (b.target.kind === 'bucket' && storage && !(b.role in roles.storage)) ||
      ((b.target.kind === 'dataset' || b.target.kind === 'table') && bigquery && !(b.role in roles.bigquery)) ||
      (b.target.kind === 'project' && (storage || bigquery) && !(b.role in roles.storage) && !(b.role in roles.bigquery));
    if (unknown && (relevantRole(b.role) || custom(b.role))) {
      notes.push({
        address: b.address,
        message: `grants ${b.role} to ${b.member}, a role the report does not know: its access is unknown`,
        unknown: true,
      });
    }
  }
}

function impersonation(bindings: readonly GcpBinding[], members: Map<string, Member>): Edge[] {
  const edges: Edge[] = [];
  const accounts = [...members.keys()].filter((m) => m.startsWith('serviceAccount:'));
  for (const b of bindings) {
    if (!IMPERSONATION_ROLES.includes(b.role)) continue;
    if (b.target.kind === 'serviceaccount') {
      const email = b.target.account.replace(/^.*\/serviceAccounts\//, '');
      edges.push({ from: b.member, to: `serviceAccount:${email}`, address: b.address });
    } else if (b.target.kind === 'project' && b.role.startsWith('roles/iam.')) {
      accounts.forEach((to) => edges.push({ from: b.member, to, address: b.address }));
    }
  }
  return edges.filter((e) => e.from !== e.to);
}

function ownEvidence(
  member: string,
  t: AccessTable,
  bindings: readonly GcpBinding[],
  roles: RoleCatalog,
  stack: StackIndex,
  c: Canonicalizer,
  notes: Note[],
): Evidence[] {
  const mine = bindings.filter((b) => b.member === member);
  const out: Evidence[] = [];
  if (t.gcs) {
    for (const b of mine.filter((x) => (x.target.kind === 'bucket' && x.target.bucket === t.gcs!.bucket) || sameProject(x, t))) {
      const caps = roles.storage[b.role];
      if (!caps) continue;
      const objects = t.gcs.objects.filter((o) =>
        applies(b, { name: `projects/_/buckets/${t.gcs!.bucket}/objects/${o}`, type: 'storage.googleapis.com/Object' }),
      );
      if (objects.length === 0) continue;
      const on = `${b.role} on ${b.target.kind === 'bucket' ? `bucket ${t.gcs.bucket}` : `project ${(b.target as { project: string }).project}`}`;
      out.push(
        ...capabilityEvidence(caps, b.address, `${on}: direct access to the table's files (gs://${t.gcs.bucket}/${objects[0]})`, true),
      );
    }
  }
  if (t.bigquery) out.push(...bigQueryEvidence(member, t, mine, bindings, roles, stack, c, notes));
  return out;
}

function bigQueryEvidence(
  member: string,
  t: AccessTable,
  mine: readonly GcpBinding[],
  all: readonly GcpBinding[],
  roles: RoleCatalog,
  stack: StackIndex,
  c: Canonicalizer,
  notes: Note[],
): Evidence[] {
  const bq = t.bigquery!;
  const resource: ConditionResource = {
    name: `projects/${bq.project ?? '_'}/datasets/${bq.datasetId}/tables/${t.name}`,
    type: 'bigquery.googleapis.com/Table',
  };
  const out: Evidence[] = [];
  for (const b of mine) {
    const onTable = b.target.kind === 'table' && b.target.datasetId === bq.datasetId && b.target.tableId === t.name;
    const onDataset =
      b.target.kind === 'dataset' &&
      b.target.datasetId === bq.datasetId &&
      (!b.target.project || !bq.project || b.target.project === bq.project);
    if (!(onTable || onDataset || sameProject(b, t)) || !applies(b, resource)) continue;
    const caps = roles.bigquery[b.role];
    if (!caps) continue;
    const on = `${b.role} on ${b.target.kind} ${onTable ? t.key : onDataset ? bq.datasetId : (b.target as { project: string }).project}`;
    const deletes = caps.drop
      ? ': bigquery.tables.delete drops the table with its data; a DML DELETE needs only bigquery.tables.updateData'
      : caps.delete
        ? ': DML DELETE needs only bigquery.tables.updateData'
        : '';
    const evidence = capabilityEvidence({ ...caps, read: false }, b.address, `${on} (BigQuery${deletes})`, false);
    // Without bigquery.tables.delete, a delete is a DML DELETE: no IAM separates it from an INSERT.
    out.push(...evidence.map((e) => (e.capability === 'delete' && !caps.drop ? { ...e, limitation: 'bigquery-dml-delete' as const } : e)));
    if (!caps.read) continue;
    const raw = rawRestrictedColumns(t, member, all, stack, c);
    if (raw === 'unknown') {
      notes.push({
        address: bq.address,
        message: `${t.key}: the BigQuery schema cannot be read, so restricted columns are not proven protected`,
        unknown: true,
      });
      out.push({ capability: 'read-all', address: b.address, how: `${on}; the table's schema cannot be read` });
    } else if (raw.length > 0) {
      for (const r of raw) out.push({ capability: 'read-all', address: r.address, how: `${on}, and ${r.how}` });
    } else {
      out.push({ capability: 'read-public', address: b.address, how: `${on}; restricted columns are masked or denied by policy tags` });
    }
  }
  return out;
}

function capabilityEvidence(caps: RoleCapabilities, address: string, how: string, readAll: boolean): Evidence[] {
  const out: Evidence[] = [];
  if (caps.read && readAll)
    out.push({
      capability: 'read-all',
      address,
      how: `${how}; Parquet files hold every column and policy tags apply only inside BigQuery`,
    });
  if (caps.write) out.push({ capability: 'write', address, how });
  if (caps.alter) out.push({ capability: 'alter', address, how });
  if (caps.delete) out.push({ capability: 'delete', address, how });
  return out;
}

function sameProject(b: GcpBinding, t: AccessTable): boolean {
  return b.target.kind === 'project' && (!t.bigquery?.project || b.target.project === t.bigquery.project);
}

function applies(b: GcpBinding, resource: ConditionResource): boolean {
  return b.condition === undefined || evaluateCondition(b.condition, resource) !== false;
}
