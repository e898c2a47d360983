import { asStringList, blocks } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

const PRIMITIVE_ROLES = ['roles/owner', 'roles/editor', 'roles/viewer'];

/** IAM member/binding resources of the services the lakehouse uses. */
const IAM_TYPES = [
  'project',
  'storage_bucket',
  'bigquery_dataset',
  'bigquery_table',
  'bigquery_connection',
  'service_account',
  'kms_crypto_key',
  'kms_key_ring',
  'data_catalog_taxonomy',
  'data_catalog_policy_tag',
  'bigquery_datapolicy_data_policy',
].flatMap((s) => [`google_${s}_iam_member`, `google_${s}_iam_binding`]);

export const gcpNoPrimitiveRoles: PolicyRule = {
  id: 'LH-GIAM-001',
  title: 'No primitive roles (owner, editor, viewer)',
  problem: 'A primitive role is granted.',
  rationale:
    'Primitive roles span every service in the project: a lakehouse service account with editor can rewrite any dataset or bucket.',
  fix: 'Grant the predefined role that covers the need (roles/storage.objectUser, roles/bigquery.dataViewer, ...) on the narrowest resource.',
  severity: 'error',
  checkovId: 'CKV_GCP_117',
  resourceTypes: [...IAM_TYPES, 'google_project_iam_policy'],
  check(resource) {
    let roles: string[];
    if (resource.type === 'google_project_iam_policy') {
      const data = resource.config.policy_data;
      if (typeof data !== 'string') throw new Error('policy_data is not a plain JSON string');
      roles = blocks((JSON.parse(data) as { bindings?: unknown }).bindings).flatMap((b) => asStringList(b.role));
    } else {
      roles = asStringList(resource.config.role);
    }
    const bad = roles.filter((r) => PRIMITIVE_ROLES.includes(r));
    return bad.length === 0 ? 'compliant' : fail(`Grants ${[...new Set(bad)].join(', ')}.`);
  },
};
