/**
 * Lake Formation as the stack declares it: permission grants (table, table with columns, wildcard
 * tables, databases, data locations), per-database create-table defaults, the account settings,
 * hybrid-mode opt-ins, and which tables Lake Formation actually governs. A table whose database
 * gives `IAMAllowedPrincipals` ALL on new tables is governed by IAM alone: Lake Formation defers,
 * and column exclusions stop applying (AWS Lake Formation developer guide, "Changing the default
 * settings for your data lake").
 */
import { asStringList, block, blocks, isTrue, type StackIndex, type TerraformResource } from '../terraform-json';
import type { Canonicalizer } from './canonical';
import type { AccessTable, Evidence, Note } from './model';

export const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

export type LfTarget =
  | {
      readonly kind: 'table';
      readonly database: string;
      readonly table?: string;
      readonly columnNames?: readonly string[];
      readonly excludedColumns?: readonly string[];
    }
  | { readonly kind: 'database'; readonly database: string }
  | { readonly kind: 'location'; readonly arn: string }
  | { readonly kind: 'catalog' };

export interface LfGrant {
  readonly address: string;
  /** Canonical principal: an IAM ARN, an account id, or IAM_ALLOWED_PRINCIPALS. */
  readonly principal: string;
  readonly permissions: readonly string[];
  readonly target: LfTarget;
}

/** Why IAM alone governs a table, when it does. */
export interface IamGoverned {
  readonly address: string;
  readonly why: string;
}

export class LakeFormation {
  readonly grants: LfGrant[] = [];
  readonly admins: { principal: string; address: string }[] = [];
  private readonly optIns: { principal: string; database: string; table?: string; address: string }[] = [];
  /** Canonical S3 ARNs of locations registered in hybrid access mode (`hybrid_access_enabled`). */
  private readonly hybridLocations: string[] = [];

  constructor(
    private readonly stack: StackIndex,
    private readonly c: Canonicalizer,
    readonly notes: Note[],
  ) {
    for (const p of stack.ofType('aws_lakeformation_permissions')) this.readGrant(p);
    for (const db of stack.ofType('aws_glue_catalog_database')) this.readDatabaseDefaults(db);
    for (const s of stack.ofType('aws_lakeformation_data_lake_settings')) {
      for (const a of asStringList(s.config.admins)) this.admins.push({ principal: c.text(a), address: s.address });
    }
    for (const o of stack.ofType('aws_lakeformation_opt_in')) this.readOptIn(o);
    for (const r of stack.ofType('aws_lakeformation_resource'))
      if (isTrue(r.config.hybrid_access_enabled)) this.hybridLocations.push(c.text(r.config.arn).replace(/\/+$/, ''));
  }

  private readGrant(p: TerraformResource): void {
    const principal = this.c.text(p.config.principal);
    const permissions = asStringList(p.config.permissions);
    const table = blocks(p.config.table)[0];
    const withColumns = blocks(p.config.table_with_columns)[0];
    const database = blocks(p.config.database)[0];
    const location = blocks(p.config.data_location)[0];
    let target: LfTarget | undefined;
    if (table) {
      target = {
        kind: 'table',
        database: this.c.text(table.database_name),
        ...(isTrue(table.wildcard) ? {} : { table: this.c.text(table.name) }),
      };
    } else if (withColumns) {
      const names = asStringList(withColumns.column_names);
      target = {
        kind: 'table',
        database: this.c.text(withColumns.database_name),
        table: this.c.text(withColumns.name),
        ...(names.length > 0 && !isTrue(withColumns.wildcard) ? { columnNames: names } : {}),
        excludedColumns: asStringList(withColumns.excluded_column_names),
      };
    } else if (database) {
      target = { kind: 'database', database: this.c.text(database.name) };
    } else if (location) {
      target = { kind: 'location', arn: this.c.text(location.arn) };
    } else if (isTrue(p.config.catalog_resource)) {
      target = { kind: 'catalog' };
    }
    if (!target) {
      this.notes.push({
        address: p.address,
        message: `grants ${permissions.join(', ')} to ${principal} through LF-Tags or data cell filters, which the report does not evaluate`,
        unknown: true,
      });
      return;
    }
    this.grants.push({ address: p.address, principal, permissions, target });
  }

  /** `create_table_default_permission` naming a principal other than IAMAllowedPrincipals grants it on every new table. */
  private readDatabaseDefaults(db: TerraformResource): void {
    for (const b of blocks(db.config.create_table_default_permission)) {
      const principal = this.c.text(block(b.principal).data_lake_principal_identifier);
      const permissions = asStringList(b.permissions);
      if (principal === '' || principal === IAM_ALLOWED_PRINCIPALS || permissions.length === 0) continue;
      this.grants.push({ address: db.address, principal, permissions, target: { kind: 'table', database: this.c.literal(db, 'name') } });
    }
  }

  private readOptIn(o: TerraformResource): void {
    const principal = this.c.text(block(o.config.principal).data_lake_principal_identifier);
    const data = block(o.config.resource_data);
    const table = blocks(data.table)[0] ?? blocks(data.table_with_columns)[0];
    const database = blocks(data.database)[0];
    if (table) {
      const name = isTrue(table.wildcard) ? undefined : this.c.text(table.name);
      this.optIns.push({ principal, database: this.c.text(table.database_name), ...(name ? { table: name } : {}), address: o.address });
    } else if (database) {
      this.optIns.push({ principal, database: this.c.text(database.name), address: o.address });
    }
  }

  /** Grants whose target covers the Glue table. */
  grantsOn(t: AccessTable): LfGrant[] {
    if (!t.glue) return [];
    const { database, table } = t.glue;
    return this.grants.filter((g) => g.target.kind === 'table' && g.target.database === database && (g.target.table ?? table) === table);
  }

  /** Why IAM alone governs the table for this principal, or undefined when Lake Formation permissions apply. */
  iamGoverned(t: AccessTable, principal: string): IamGoverned | undefined {
    if (!t.glue) return undefined;
    const { database, table } = t.glue;
    const optIn = this.optIns.find((o) => o.principal === principal && o.database === database && (o.table ?? table) === table);
    // An opt-in takes effect in hybrid access mode: the table's location must be registered with it.
    if (optIn && this.hybridFor(t)) return undefined;
    if (optIn)
      this.notes.push({
        address: optIn.address,
        message: `opts ${principal} in to Lake Formation on ${t.key}, but no aws_lakeformation_resource registers the table's location with hybrid_access_enabled: the opt-in is not counted`,
      });
    const explicit = this.grantsOn(t).find((g) => g.principal === IAM_ALLOWED_PRINCIPALS);
    if (explicit)
      return { address: explicit.address, why: `Lake Formation grants ${IAM_ALLOWED_PRINCIPALS} ${explicit.permissions.join(', ')} on it` };
    return this.databaseDefault(t);
  }

  private hybridFor(t: AccessTable): boolean {
    return t.s3Objects.length > 0 && t.s3Objects.every((o) => this.hybridLocations.some((l) => o.startsWith(`${l}/`)));
  }

  private databaseDefault(t: AccessTable): IamGoverned | undefined {
    const db = t.glue!.databaseAddress ? this.stack.get(t.glue!.databaseAddress) : undefined;
    // An empty block sends nothing: the provider (6.25) drops the empty element SDKv2 makes of it, so
    // the database gets the account's defaults (hashicorp/terraform-provider-aws#27295, #43226).
    const defaults = (db ? blocks(db.config.create_table_default_permission) : []).filter((b) => Object.keys(b).length > 0);
    if (db && defaults.length > 0) {
      const iam = defaults.find(
        (b) =>
          this.c.text(block(b.principal).data_lake_principal_identifier) === IAM_ALLOWED_PRINCIPALS &&
          asStringList(b.permissions).length > 0,
      );
      if (iam) {
        return {
          address: db.address,
          why: `its database's create_table_default_permission gives ${IAM_ALLOWED_PRINCIPALS} ${asStringList(iam.permissions).join(', ')}`,
        };
      }
      if (defaults.every((b) => asStringList(b.permissions).length === 0)) {
        this.notes.push({
          address: db.address,
          message:
            'create_table_default_permission names no permissions: read as "no default permissions on new tables", which holds only if Glue accepts such an entry (the provider cannot send an empty list: hashicorp/terraform-provider-aws#27295, #43226)',
        });
      }
      return undefined;
    }
    const settings = this.stack.ofType('aws_lakeformation_data_lake_settings');
    const where = db?.address ?? t.glue!.address;
    if (settings.length === 0) {
      return {
        address: where,
        why: `no create_table_default_permission on its database and no Lake Formation settings in the stack: Lake Formation's default settings give ${IAM_ALLOWED_PRINCIPALS} ALL on new tables`,
      };
    }
    for (const s of settings) {
      const iam = blocks(s.config.create_table_default_permissions).find(
        (b) => this.c.text(block(b.principal).data_lake_principal_identifier) === IAM_ALLOWED_PRINCIPALS,
      );
      if (iam) return { address: s.address, why: `the account settings give ${IAM_ALLOWED_PRINCIPALS} default permissions on new tables` };
      if (!db || !dependsOn(this.stack, db, s.address)) {
        return {
          address: where,
          why: `the database is not ordered after ${s.address}, so it may be created with the account's previous defaults (${IAM_ALLOWED_PRINCIPALS} ALL)`,
        };
      }
    }
    return undefined;
  }

  /** Evidence of table access through Lake Formation grants to one principal (Lake Formation mode). */
  evidence(t: AccessTable, principal: string): Evidence[] {
    const out: Evidence[] = [];
    for (const g of this.grantsOn(t).filter((x) => x.principal === principal)) out.push(...grantEvidence(g, t));
    out.push(...this.aliasEvidence(t, principal));
    return out;
  }

  /**
   * DATA_LOCATION_ACCESS on a location holding the table's files plus the right to create tables lets a
   * principal register its own table over those files: as its creator it holds ALL on it (Lake Formation
   * "Implicit permissions"), so it reads every column and, by dropping it, deletes the files (Athena drops
   * Iceberg tables with their data).
   */
  private aliasEvidence(t: AccessTable, principal: string): Evidence[] {
    const mine = this.grants.filter((g) => g.principal === principal);
    const canCreate = mine.find(
      (g) =>
        (g.target.kind === 'database' && g.permissions.some((p) => p === 'ALL' || p === 'CREATE_TABLE')) ||
        (g.target.kind === 'catalog' && g.permissions.some((p) => p === 'ALL' || p === 'CREATE_DATABASE')),
    );
    if (!canCreate) return [];
    return mine
      .filter((g) => g.target.kind === 'location' && g.permissions.some((p) => p === 'ALL' || p === 'DATA_LOCATION_ACCESS'))
      .filter((g) => t.s3Objects.some((o) => g.target.kind === 'location' && o.startsWith(`${g.target.arn.replace(/\/+$/, '')}/`)))
      .flatMap((g) => {
        const how = `DATA_LOCATION_ACCESS on the table's location plus table creation (${canCreate.address}): can register its own table over these files`;
        return [
          { capability: 'read-all' as const, address: g.address, how },
          { capability: 'delete' as const, address: g.address, how: `${how} and drop it with its data` },
        ];
      });
  }
}

function grantEvidence(g: LfGrant, t: AccessTable): Evidence[] {
  const all = g.permissions.includes('ALL');
  const has = (p: string) => all || g.permissions.includes(p);
  const what = `Lake Formation ${g.permissions.join(', ')} on ${g.target.kind === 'table' && g.target.table === undefined ? `all tables of ${g.target.database}` : t.key}`;
  const out: Evidence[] = [];
  if (has('SELECT')) out.push({ capability: selectLevel(g, t), address: g.address, how: `${what}${columnNote(g)}` });
  if (has('INSERT')) out.push({ capability: 'write', address: g.address, how: what });
  if (has('ALTER')) out.push({ capability: 'alter', address: g.address, how: what });
  if (has('DELETE'))
    out.push({
      capability: 'delete',
      address: g.address,
      how: `${what} (row deletes through Lake Formation's vended credentials; IAM denies on s3:DeleteObject do not apply)`,
    });
  else if (has('DROP'))
    out.push({ capability: 'delete', address: g.address, how: `${what} (DROP: Athena drops an Iceberg table with its data)` });
  return out;
}

function selectLevel(g: LfGrant, t: AccessTable): 'read-all' | 'read-public' {
  if (g.permissions.includes('ALL') || g.target.kind !== 'table') return 'read-all';
  if (g.target.columnNames) return g.target.columnNames.some((c) => t.restricted.includes(c)) ? 'read-all' : 'read-public';
  const excluded = g.target.excludedColumns ?? [];
  return t.restricted.every((c) => excluded.includes(c)) && t.restricted.length > 0 ? 'read-public' : 'read-all';
}

function columnNote(g: LfGrant): string {
  if (g.target.kind !== 'table') return '';
  if (g.target.columnNames) return ` (columns ${g.target.columnNames.join(', ')})`;
  return g.target.excludedColumns && g.target.excludedColumns.length > 0 ? ` (excluding ${g.target.excludedColumns.join(', ')})` : '';
}

/** Whether `from` depends on `target`, through depends_on or references, transitively. */
export function dependsOn(stack: StackIndex, from: TerraformResource, target: string): boolean {
  const seen = new Set<string>();
  const queue = [from.address];
  while (queue.length > 0) {
    const r = stack.get(queue.shift()!);
    if (!r || seen.has(r.address)) continue;
    seen.add(r.address);
    const next = [...asStringList(r.config.depends_on), ...stack.referencesIn(r.config)];
    if (next.includes(target)) return true;
    queue.push(...next);
  }
  return false;
}
