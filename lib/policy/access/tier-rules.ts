/**
 * The tier table of the product, checked against what each principal can do:
 *
 * | tier   | reads                  | writes | alters schema                          | deletes                      |
 * |--------|------------------------|--------|----------------------------------------|------------------------------|
 * | reader | public columns only    | no     | no                                     | no                           |
 * | writer | all columns            | yes    | only where the catalog forces it       | yes, except append-only      |
 * | admin  | all columns            | yes    | yes                                    | yes, except append-only      |
 *
 * and nobody but the table-maintenance role deletes data of an `append_only` table. Glue forces
 * writers to hold ALTER / glue:UpdateTable (an Iceberg commit swaps `metadata_location`); Nessie has
 * no catalog authorization, so whoever writes a table's files can commit schema changes. On Nessie
 * readers cannot read tables with restricted columns at all (Iceberg files hold every column).
 */
import { tableAccess, TIERS, type AccessTable, type AnalyzedPrincipal, type Capability, type Evidence, type Violation } from './model';

/** Catalogs whose commits need the schema-change permission, so writers hold it. */
export const WRITER_ALTER_FORCED_BY = ['glue', 'nessie'] as const;

export function tierViolations(principals: readonly AnalyzedPrincipal[], tables: readonly AccessTable[]): Violation[] {
  const out: Violation[] = [];
  for (const p of principals) {
    if (p.kind !== 'principal') continue;
    for (const t of tables) out.push(...tableViolations(p, t, p.evidence.get(t.key) ?? []));
  }
  for (const tier of TIERS) {
    if (!principals.some((p) => p.tier === tier)) {
      out.push({
        kind: 'coverage',
        what: `no ${tier} principal: expected a role named <prefix>-lakehouse-${tier} (AWS), a service account <prefix>-${tier} (GCP), or one tagged lakehouse-tier=${tier}`,
        via: [],
      });
    }
  }
  return out;
}

function tableViolations(p: AnalyzedPrincipal, t: AccessTable, evidence: readonly Evidence[]): Violation[] {
  const access = tableAccess(evidence, t);
  const out: Violation[] = [];
  const add = (kind: Violation['kind'], what: string, capability?: Capability) =>
    out.push({
      kind,
      principal: p.id,
      tier: p.tier ?? 'other',
      table: t.key,
      what,
      via: capability ? evidence.filter((e) => e.capability === capability).map(({ address, how }) => ({ address, how })) : [],
    });
  const appendOnlyDelete = () => {
    const deletes = evidence.filter((e) => e.capability === 'delete');
    // Only deletes no IAM can separate from writes (BigQuery DML), on a table whose environment accepted it.
    if (t.appendOnlyAccepted && deletes.every((e) => e.limitation === 'bigquery-dml-delete'))
      add(
        'accepted-limitation',
        'can delete rows of an append-only table through BigQuery DML (accepted: gcp.accept_unenforced_append_only)',
        'delete',
      );
    else add('append-only-delete', 'can delete data of an append-only table', 'delete');
  };
  switch (p.tier) {
    case 'reader':
      if (access.read === 'all' && t.restricted.length > 0)
        add('restricted-read', `can read restricted columns (${t.restricted.join(', ')})`, 'read-all');
      if (access.write) add('forbidden', 'can write (readers must not)', 'write');
      if (access.alter) add('forbidden', 'can alter the schema (readers must not)', 'alter');
      if (access.delete)
        add(
          t.appendOnly ? 'append-only-delete' : 'forbidden',
          `can delete data (readers must not${t.appendOnly ? '; the table is append-only' : ''})`,
          'delete',
        );
      if (access.read === 'none' && (t.restricted.length === 0 || t.catalog !== 'nessie'))
        add('missing', 'cannot read the table (readers read its public columns)');
      break;
    case 'writer':
      if (access.read !== 'all') add('missing', `cannot read every column (read: ${access.read})`);
      if (!access.write) add('missing', 'cannot write');
      if (access.alter && !(WRITER_ALTER_FORCED_BY as readonly string[]).includes(t.catalog ?? '')) {
        add('forbidden', `can alter the schema, which writes through ${t.catalog ?? 'this catalog'} do not need`, 'alter');
      }
      if (access.delete && t.appendOnly) appendOnlyDelete();
      break;
    case 'admin':
      if (access.read !== 'all') add('missing', `cannot read every column (read: ${access.read})`);
      if (!access.write) add('missing', 'cannot write');
      if (!access.alter) add('missing', 'cannot alter the schema');
      if (!access.delete && !t.appendOnly) add('missing', 'cannot delete');
      if (access.delete && t.appendOnly) appendOnlyDelete();
      break;
    default:
      if (access.delete && t.appendOnly) appendOnlyDelete();
  }
  return out;
}
