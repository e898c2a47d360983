/**
 * The vocabulary of the access report: tables as the templates define them, what a principal can
 * do to each, and the evidence (a Terraform address and a sentence) behind every capability.
 */

export type Tier = 'reader' | 'writer' | 'admin';
export const TIERS: readonly Tier[] = ['reader', 'writer', 'admin'];

/** The library's grant method of each tier (`grantRead`, ...). */
export const GRANT_METHOD: Readonly<Record<Tier, string>> = { reader: 'grantRead', writer: 'grantWrite', admin: 'grantAdmin' };

export type ReadLevel = 'all' | 'public' | 'none';

/** What one principal can do to one table. `read: all` means every column, restricted ones included. */
export interface TableAccess {
  readonly read: ReadLevel;
  readonly write: boolean;
  readonly alter: boolean;
  readonly delete: boolean;
}

/** `read-all`: every column (raw files, or a grant without exclusions); `read-public`: restricted columns excluded, masked or denied. */
export type Capability = 'read-all' | 'read-public' | 'write' | 'alter' | 'delete';

/** One path that gives a capability: the resource that grants it and how. */
export interface Evidence {
  readonly capability: Capability;
  /** Terraform address of the granting resource (`aws_lakeformation_permissions.x`). */
  readonly address: string;
  readonly how: string;
  /**
   * A delete no IAM can separate from writing: a BigQuery DML DELETE needs only
   * `bigquery.tables.updateData`, like an INSERT. Reported as an accepted limitation, not a
   * violation, on append-only tables whose environment acknowledged it.
   */
  readonly limitation?: 'bigquery-dml-delete';
}

/** Which catalog owns a table's metadata: decides which capabilities a writer is forced to hold. */
export type CatalogKind = 'glue' | 'nessie' | 'bigquery';

/** A table of the templates, located in the stack. */
export interface AccessTable {
  /** `<namespace>.<table>`. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly restricted: readonly string[];
  readonly appendOnly: boolean;
  readonly catalog?: CatalogKind;
  /** Glue: database and table names, and the table's address. */
  readonly glue?: { readonly database: string; readonly table: string; readonly address: string; readonly databaseAddress?: string };
  /** Canonical S3 object ARNs standing for the table's files (data, metadata, manifests). */
  readonly s3Objects: readonly string[];
  /** BigQuery: the table resource and its dataset. */
  readonly bigquery?: { readonly address: string; readonly datasetId: string; readonly datasetAddress?: string; readonly project?: string };
  /** GCS: bucket name and object names standing for the table's files. */
  readonly gcs?: { readonly bucket: string; readonly objects: readonly string[] };
  /**
   * The environment acknowledged that append-only cannot be enforced for this table (a BigQuery
   * table labelled `lakehouse-append-only: unenforced-accepted`, from `gcp.accept_unenforced_append_only`).
   */
  readonly appendOnlyAccepted?: boolean;
}

/** Why a principal is exempt from the tier rules. */
export type PrincipalKind =
  /** A tier principal, or anyone else the rules apply to. */
  | 'principal'
  /** The table-maintenance role: the only one allowed to delete data of append-only tables. */
  | 'maintenance'
  /** An identity only a managed service uses on behalf of others (Lake Formation's credential vending role, Nessie's server, BigQuery's connection). */
  | 'service';

export interface AnalyzedPrincipal {
  /** Report key: role name, ARN, or IAM member. */
  readonly id: string;
  readonly tier?: Tier;
  /** How the tier (or kind) was recognised. */
  readonly recognisedBy: string;
  readonly kind: PrincipalKind;
  /** Address of the role or service account, when the stack defines it. */
  readonly address?: string;
  /** Evidence by table key. */
  readonly evidence: ReadonlyMap<string, readonly Evidence[]>;
}

export type ViolationKind =
  | 'restricted-read'
  | 'forbidden'
  | 'append-only-delete'
  | 'missing'
  | 'trust'
  | 'coverage'
  | 'unknown'
  /** Not a violation: a limitation the environment acknowledged (AccessReport.accepted). */
  | 'accepted-limitation';

export interface Violation {
  readonly kind: ViolationKind;
  readonly principal?: string;
  readonly tier?: Tier | 'other';
  readonly table?: string;
  /** What the principal can (or cannot) do. */
  readonly what: string;
  /** The granting resources with how each grants it. */
  readonly via: readonly { readonly address: string; readonly how: string }[];
}

/** Something the report cannot decide from the JSON (`unknown`: fails the report), or a fact the reader should know. */
export interface Note {
  readonly address: string;
  readonly message: string;
  /** True when access may exist that the report cannot see: the tier table is then not proven. */
  readonly unknown?: boolean;
}

export interface AccessReport {
  readonly stack: string;
  readonly tables: readonly AccessTable[];
  readonly principals: readonly AnalyzedPrincipal[];
  readonly violations: readonly Violation[];
  /** Capabilities the tier table forbids but the stack's environment explicitly accepts (they do not fail the report). */
  readonly accepted: readonly Violation[];
  readonly notes: readonly Note[];
}

/** Code-point order, for anything that reaches output. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Folds evidence into the four answers of the report. */
export function tableAccess(evidence: readonly Evidence[], table: AccessTable): TableAccess {
  const has = (c: Capability) => evidence.some((e) => e.capability === c);
  const read: ReadLevel = has('read-all') ? 'all' : has('read-public') ? (table.restricted.length === 0 ? 'all' : 'public') : 'none';
  return { read, write: has('write'), alter: has('alter'), delete: has('delete') };
}
