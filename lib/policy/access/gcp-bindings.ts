/**
 * Every Google IAM grant of a stack as (member, role, resource, condition): the `*_iam_member`,
 * `*_iam_binding` and `*_iam_policy` resources of buckets, datasets, tables, projects, policy tags,
 * taxonomies, data policies and service accounts, plus `access` blocks of datasets and
 * `google_bigquery_dataset_access`. What cannot be read (a policy built outside the stack) is a note.
 */
import { asStringList, block, blocks, type StackIndex, type TerraformResource } from '../terraform-json';
import type { Canonicalizer } from './canonical';
import type { Note } from './model';

export type GcpTarget =
  | { readonly kind: 'bucket'; readonly bucket: string }
  | { readonly kind: 'dataset'; readonly datasetId: string; readonly project?: string }
  | { readonly kind: 'table'; readonly datasetId: string; readonly tableId: string }
  | { readonly kind: 'project'; readonly project: string }
  | { readonly kind: 'tag'; readonly tag: string }
  | { readonly kind: 'taxonomy'; readonly taxonomy: string }
  | { readonly kind: 'datapolicy'; readonly dataPolicyId: string }
  | { readonly kind: 'serviceaccount'; readonly account: string };

export interface GcpBinding {
  readonly address: string;
  /** Construct path of the granting resource (grant methods name their scopes `grant-<tier>-...`). */
  readonly path: string;
  readonly member: string;
  readonly role: string;
  readonly target: GcpTarget;
  readonly condition?: string;
}

type TargetOf = (r: TerraformResource, c: Canonicalizer) => GcpTarget;
const opt = (c: Canonicalizer, v: unknown) => (typeof v === 'string' ? c.text(v) : undefined);

const TARGETS: Readonly<Record<string, TargetOf>> = {
  google_storage_bucket_iam: (r, c) => ({ kind: 'bucket', bucket: c.text(r.config.bucket).replace(/^b\//, '') }),
  google_bigquery_dataset_iam: (r, c) => {
    const project = opt(c, r.config.project);
    return { kind: 'dataset', datasetId: c.text(r.config.dataset_id), ...(project ? { project } : {}) };
  },
  google_bigquery_table_iam: (r, c) => ({
    kind: 'table',
    datasetId: c.text(r.config.dataset_id),
    tableId: c.text(r.config.table_id).replace(/^.*\/tables\//, ''),
  }),
  google_project_iam: (r, c) => ({ kind: 'project', project: c.text(r.config.project) }),
  google_data_catalog_policy_tag_iam: (r, c) => ({ kind: 'tag', tag: c.text(r.config.policy_tag) }),
  google_data_catalog_taxonomy_iam: (r, c) => ({ kind: 'taxonomy', taxonomy: c.text(r.config.taxonomy) }),
  google_bigquery_datapolicy_data_policy_iam: (r, c) => ({
    kind: 'datapolicy',
    dataPolicyId: c.text(r.config.data_policy_id).replace(/^.*\//, ''),
  }),
  google_service_account_iam: (r, c) => ({ kind: 'serviceaccount', account: c.text(r.config.service_account_id) }),
};

/** Dataset `access` roles in their legacy spelling. */
const LEGACY_DATASET_ROLES: Readonly<Record<string, string>> = {
  OWNER: 'roles/bigquery.dataOwner',
  WRITER: 'roles/bigquery.dataEditor',
  READER: 'roles/bigquery.dataViewer',
};

export function gcpBindings(stack: StackIndex, c: Canonicalizer, notes: Note[]): GcpBinding[] {
  const out: GcpBinding[] = [];
  for (const [prefix, targetOf] of Object.entries(TARGETS)) {
    for (const r of stack.ofType(`${prefix}_member`, `${prefix}_binding`)) {
      const members = r.type.endsWith('_member') ? [r.config.member] : asStringList(r.config.members);
      const condition = opt(c, block(r.config.condition).expression);
      for (const m of members) {
        out.push({
          address: r.address,
          path: r.path,
          member: c.text(m),
          role: c.text(r.config.role),
          target: targetOf(r, c),
          ...(condition ? { condition } : {}),
        });
      }
    }
    for (const r of stack.ofType(`${prefix}_policy`)) out.push(...policyBindings(r, targetOf(r, c), stack, c, notes));
  }
  for (const d of stack.ofType('google_bigquery_dataset')) {
    const target: GcpTarget = { kind: 'dataset', datasetId: c.literal(d, 'dataset_id') };
    for (const a of blocks(d.config.access)) out.push(...accessEntry(a, d, target, c));
  }
  for (const a of stack.ofType('google_bigquery_dataset_access')) {
    out.push(...accessEntry(a.config, a, { kind: 'dataset', datasetId: c.text(a.config.dataset_id) }, c));
  }
  return out;
}

function accessEntry(a: Record<string, unknown>, r: TerraformResource, target: GcpTarget, c: Canonicalizer): GcpBinding[] {
  const role = c.text(a.role);
  const member =
    (typeof a.user_by_email === 'string' && `user:${c.text(a.user_by_email)}`) ||
    (typeof a.group_by_email === 'string' && `group:${c.text(a.group_by_email)}`) ||
    (typeof a.domain === 'string' && `domain:${c.text(a.domain)}`) ||
    (typeof a.special_group === 'string' && `specialGroup:${c.text(a.special_group)}`) ||
    (typeof a.iam_member === 'string' && c.text(a.iam_member)) ||
    (a.view !== undefined && `authorizedView:${JSON.stringify(a.view)}`) ||
    (a.dataset !== undefined && `authorizedDataset:${JSON.stringify(a.dataset)}`) ||
    (a.routine !== undefined && `authorizedRoutine:${JSON.stringify(a.routine)}`) ||
    '';
  if (member === '') return [];
  // Authorized views, datasets and routines read the dataset's tables for whoever may query them.
  const effectiveRole = role === '' ? 'roles/bigquery.dataViewer' : (LEGACY_DATASET_ROLES[role] ?? role);
  return [{ address: r.address, path: r.path, member, role: effectiveRole, target }];
}

/** Authoritative `*_iam_policy` resources: their `policy_data` must come from a `google_iam_policy` data source in the stack. */
function policyBindings(r: TerraformResource, target: GcpTarget, stack: StackIndex, c: Canonicalizer, notes: Note[]): GcpBinding[] {
  const ref = /^\$\{(data\.google_iam_policy\.[\w-]+)\.policy_data\}$/.exec(String(r.config.policy_data ?? ''));
  const doc = ref ? stack.get(ref[1]!) : undefined;
  let bindings: Record<string, unknown>[];
  if (doc) bindings = blocks(doc.config.binding);
  else {
    try {
      bindings = blocks((JSON.parse(String(r.config.policy_data)) as { bindings?: unknown }).bindings);
    } catch {
      notes.push({ address: r.address, message: 'policy_data is built outside the stack: its bindings are unknown', unknown: true });
      return [];
    }
  }
  return bindings.flatMap((b) => {
    const condition = opt(c, block(b.condition).expression);
    return asStringList(b.members).map((m) => ({
      address: r.address,
      path: r.path,
      member: c.text(m),
      role: c.text(b.role),
      target,
      ...(condition ? { condition } : {}),
    }));
  });
}
