/**
 * What predefined Google roles let a member do to lakehouse tables. Sources: Cloud Storage
 * "IAM roles" (cloud.google.com/storage/docs/access-control/iam-roles), BigQuery "Predefined
 * roles and permissions" (a DML DELETE, like an INSERT, needs only bigquery.tables.updateData;
 * schema changes need bigquery.tables.update), Data Catalog policy tag roles, BigQuery data
 * policy roles. Basic roles are read generously (owner/editor: everything, viewer: read).
 */

export interface RoleCapabilities {
  readonly read?: boolean;
  readonly write?: boolean;
  readonly alter?: boolean;
  readonly delete?: boolean;
  /** BigQuery: `bigquery.tables.delete` (a drop deletes the table's data); without it a delete is a DML DELETE only. */
  readonly drop?: boolean;
}

const ALL: RoleCapabilities = { read: true, write: true, alter: true, delete: true, drop: true };
const NONE: RoleCapabilities = {};

/** Object access on a bucket (or on every bucket of a project). */
export const STORAGE_ROLES: Readonly<Record<string, RoleCapabilities>> = {
  'roles/storage.objectViewer': { read: true },
  'roles/storage.legacyObjectReader': { read: true },
  'roles/storage.legacyObjectOwner': { read: true },
  'roles/storage.objectCreator': { write: true },
  'roles/storage.objectUser': { read: true, write: true, delete: true },
  'roles/storage.objectAdmin': { read: true, write: true, delete: true },
  'roles/storage.admin': { read: true, write: true, delete: true },
  'roles/storage.legacyBucketWriter': { write: true, delete: true },
  'roles/storage.legacyBucketOwner': { write: true, delete: true },
  'roles/storage.legacyBucketReader': NONE,
  'roles/storage.bucketViewer': NONE,
  'roles/owner': { read: true, write: true, delete: true },
  'roles/editor': { read: true, write: true, delete: true },
  'roles/viewer': { read: true },
};

/** Table access through BigQuery, on a table, a dataset or a project. */
export const BIGQUERY_ROLES: Readonly<Record<string, RoleCapabilities>> = {
  'roles/bigquery.dataViewer': { read: true },
  'roles/bigquery.filteredDataViewer': { read: true },
  'roles/bigquery.dataEditor': ALL,
  'roles/bigquery.dataOwner': ALL,
  'roles/bigquery.admin': ALL,
  'roles/bigquery.metadataViewer': NONE,
  'roles/bigquery.user': NONE,
  'roles/bigquery.jobUser': NONE,
  'roles/bigquery.readSessionUser': NONE,
  'roles/bigquery.connectionUser': NONE,
  'roles/bigquery.resourceViewer': NONE,
  'roles/owner': ALL,
  'roles/editor': ALL,
  'roles/viewer': { read: true },
};

/** Roles on a policy tag, its taxonomy or the project that unmask tagged columns (admins can grant it to themselves). */
export const FINE_GRAINED_ROLES = [
  'roles/datacatalog.categoryFineGrainedReader',
  'roles/datacatalog.categoryAdmin',
  'roles/datacatalog.admin',
  'roles/owner',
];
/** Roles on a data policy (or the project) that show masked values. */
export const MASKED_READER_ROLES = ['roles/bigquerydatapolicy.maskedReader', 'roles/bigquerydatapolicy.admin'];
/** Roles on a service account (or its project) that let a member act as it. */
export const IMPERSONATION_ROLES = [
  'roles/iam.serviceAccountTokenCreator',
  'roles/iam.serviceAccountUser',
  'roles/iam.workloadIdentityUser',
  'roles/owner',
  'roles/editor',
];

/** Services whose roles can reach table data: an unknown role of these is reported, others are irrelevant. */
export function relevantRole(role: string): boolean {
  return /^roles\/(storage|bigquery|datacatalog|bigquerydatapolicy)\./.test(role) || /^(projects|organizations)\/[^/]+\/roles\//.test(role);
}

/**
 * Capabilities of a custom role from its permissions (the same reading as the predefined roles):
 * object get reads files, create writes, delete deletes; `bigquery.tables.getData` reads rows,
 * `updateData` writes and deletes rows (DML), `update` alters, `tables.delete` drops.
 */
export function permissionCapabilities(permissions: readonly string[]): { storage: RoleCapabilities; bigquery: RoleCapabilities } {
  const has = (p: string) => permissions.includes(p);
  return {
    storage: {
      read: has('storage.objects.get'),
      write: has('storage.objects.create'),
      delete: has('storage.objects.delete'),
    },
    bigquery: {
      read: has('bigquery.tables.getData'),
      write: has('bigquery.tables.updateData'),
      alter: has('bigquery.tables.update'),
      delete: has('bigquery.tables.updateData') || has('bigquery.tables.delete'),
      drop: has('bigquery.tables.delete'),
    },
  };
}

/** A custom role's name as bindings spell it: `projects/<project>/roles/<id>` (or organizations/...). */
export const CUSTOM_ROLE = /^(projects|organizations)\/[^/]+\/roles\//;
