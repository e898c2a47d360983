/**
 * The three access tiers and what each may do: the product's promise, stated once. Every path
 * (Glue, Nessie, BigQuery) implements it with its own resources, and the access report
 * (`lakehouse access`) checks synthesized stacks against it.
 */

export type AccessTier = 'reader' | 'writer' | 'admin';

export const ACCESS_TIERS: readonly AccessTier[] = ['reader', 'writer', 'admin'];

export interface TierRights {
  /** `public`: every column except restricted ones; `all`: every column. */
  readonly read: 'public' | 'all';
  readonly write: boolean;
  /**
   * `commit`: only what an Iceberg commit needs (Glue's UpdateTable swaps the metadata location,
   * so Lake Formation's ALTER is required to write); `all`: schema and table changes.
   */
  readonly alter: 'none' | 'commit' | 'all';
  /** Delete table data; never on an `append_only` table, whatever the tier. */
  readonly delete: boolean;
}

export const TIER_RIGHTS: Readonly<Record<AccessTier, TierRights>> = {
  reader: { read: 'public', write: false, alter: 'none', delete: false },
  writer: { read: 'all', write: true, alter: 'commit', delete: true },
  admin: { read: 'all', write: true, alter: 'all', delete: true },
};

/** One line per tier, used in role descriptions and docs. */
export const TIER_SUMMARY: Readonly<Record<AccessTier, string>> = {
  reader: 'query every table except restricted columns',
  writer: 'read and write table data, no schema or table changes',
  admin: 'everything on the lakehouse databases and tables',
};

/** The environment's `access.readers`, `access.writers` and `access.admins` by tier. */
export function tierPrincipals(access: {
  readonly readers: readonly string[];
  readonly writers: readonly string[];
  readonly admins: readonly string[];
}): Readonly<Record<AccessTier, readonly string[]>> {
  return { reader: access.readers, writer: access.writers, admin: access.admins };
}
