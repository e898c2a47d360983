import { LakeformationOptIn, type LakeformationOptInResourceData } from '@cdktf/provider-aws/lib/lakeformation-opt-in';
import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { afterTable, type CatalogRefs, type GlueTableRef } from './catalog-refs';
import type { LakehouseLayout, LakehouseNamespace, LakehouseTable } from './lakehouse-layout';
import type { AccessTier } from '../../plan/tiers';

export interface LakeFormationTierGrantsProps {
  /** IAM role (or user) ARN receiving the grants. */
  readonly principal: string;
  readonly tier: AccessTier;
  readonly layout: LakehouseLayout;
  readonly catalog: CatalogRefs;
  /**
   * Opt the principal in to Lake Formation permissions on every database and table (hybrid access
   * mode): Lake Formation then enforces these grants for it even where the account's defaults gave
   * `IAMAllowedPrincipals` ALL on the tables. Needs the warehouse registered with
   * `hybrid_access_enabled`. See docs/aws-glue.md, "Column exclusions whatever the account defaults".
   * @default false
   */
  readonly optIn?: boolean;
  /**
   * Resources the grants must wait for (the account data-lake settings, when managed here).
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Table permissions of a writer; DELETE is left out on append-only tables. */
export function writerTablePermissions(table: LakehouseTable): string[] {
  const base = ['ALTER', 'DESCRIBE', 'INSERT', 'SELECT'];
  return (table.template.append_only ? base : [...base, 'DELETE']).sort();
}

/**
 * Table permissions of an admin on an append-only table: everything but DELETE and DROP (ALL
 * includes both, and Lake Formation DELETE works through vended credentials that an IAM Deny on
 * `s3:DeleteObject` never sees; Athena drops an Iceberg table with its data).
 */
export const ADMIN_APPEND_ONLY_TABLE_PERMISSIONS = ['ALTER', 'DESCRIBE', 'INSERT', 'SELECT'] as const;
/** Database permissions of an admin where the namespace holds append-only tables: no DROP (of the database) and no CREATE_TABLE. */
export const ADMIN_APPEND_ONLY_DATABASE_PERMISSIONS = ['ALTER', 'DESCRIBE'] as const;

/**
 * Lake Formation permissions of one principal at one tier:
 * - reader: DESCRIBE on each database; SELECT on each table minus exactly its restricted columns
 *   (a plain table grant when nothing is restricted: Lake Formation stores a column wildcard
 *   without exclusions as a table grant anyway, so the plain form never shows a diff);
 * - writer: DESCRIBE on each database; SELECT, INSERT, DELETE (not on append-only), DESCRIBE and
 *   ALTER (Iceberg commits update the Glue table) on each table;
 * - admin: ALL on each database and its tables, except where tables are append-only: there
 *   ALTER and DESCRIBE on the database and ALTER, DESCRIBE, INSERT, SELECT on those tables.
 *
 * No tier gets DATA_LOCATION_ACCESS: with it and the right to create tables, a principal could
 * register a table of its own over an append-only table's files (as its creator it holds ALL on
 * it) and drop it with the data. Tables are created by the deployer (or the provisioning function).
 */
export class LakeFormationTierGrants extends Construct {
  /** Every permission resource, in creation order. */
  readonly permissions: LakeformationPermissions[] = [];
  /** Hybrid-access opt-ins (with `optIn`), in creation order. */
  readonly optIns: LakeformationOptIn[] = [];
  private readonly props: LakeFormationTierGrantsProps;

  constructor(scope: Construct, id: string, props: LakeFormationTierGrantsProps) {
    super(scope, id);
    this.props = props;
    for (const ns of props.layout.namespaces) {
      const databaseName = props.catalog.databaseName(ns.namespace);
      const first = this.permissions.length;
      if (props.tier === 'admin') this.admin(ns, databaseName);
      else {
        this.grant(`database-${ns.namespace}`, { permissions: ['DESCRIBE'], database: { name: databaseName } });
        for (const table of ns.tables) this.tableGrant(ns, table);
      }
      if (props.optIn) this.optInto(ns, this.permissions.slice(first));
    }
  }

  /** A grant naming a table (`on`) waits for the table's creation (and is revoked before it is dropped). */
  private grant(
    grantId: string,
    config: Omit<ConstructorParameters<typeof LakeformationPermissions>[2], 'principal'>,
    on?: GlueTableRef,
  ): void {
    const { principal, dependsOn } = this.props;
    const after = on ? afterTable(dependsOn, on) : dependsOn ? [...dependsOn] : undefined;
    this.permissions.push(new LakeformationPermissions(this, grantId, { principal, dependsOn: after, ...config }));
  }

  private admin(ns: LakehouseNamespace, databaseName: string): void {
    const appendOnly = ns.tables.filter((t) => t.template.append_only);
    if (appendOnly.length === 0) {
      this.grant(`database-${ns.namespace}`, { permissions: ['ALL'], database: { name: databaseName } });
      this.grant(`tables-${ns.namespace}`, { permissions: ['ALL'], table: { databaseName, wildcard: true } });
      return;
    }
    this.grant(`database-${ns.namespace}`, { permissions: [...ADMIN_APPEND_ONLY_DATABASE_PERMISSIONS], database: { name: databaseName } });
    if (ns.allAppendOnly) {
      this.grant(`tables-${ns.namespace}`, {
        permissions: [...ADMIN_APPEND_ONLY_TABLE_PERMISSIONS],
        table: { databaseName, wildcard: true },
      });
      return;
    }
    // Mixed namespace: a wildcard grant would give ALL on the append-only tables too.
    for (const table of ns.tables) {
      const ref = this.props.catalog.table(table.qualifiedName);
      this.grant(
        `table-${ns.namespace}-${table.name}`,
        {
          permissions: table.template.append_only ? [...ADMIN_APPEND_ONLY_TABLE_PERMISSIONS] : ['ALL'],
          table: { databaseName: ref.databaseName, name: ref.name },
        },
        ref,
      );
    }
  }

  private tableGrant(ns: LakehouseNamespace, table: LakehouseTable): void {
    const ref = this.props.catalog.table(table.qualifiedName);
    const grantId = `table-${ns.namespace}-${table.name}`;
    if (this.props.tier === 'writer') {
      this.grant(grantId, { permissions: writerTablePermissions(table), table: { databaseName: ref.databaseName, name: ref.name } }, ref);
      return;
    }
    const excluded = table.restrictedColumns;
    this.grant(
      grantId,
      excluded.length > 0
        ? {
            permissions: ['SELECT'],
            tableWithColumns: { databaseName: ref.databaseName, name: ref.name, wildcard: true, excludedColumnNames: [...excluded] },
          }
        : { permissions: ['SELECT'], table: { databaseName: ref.databaseName, name: ref.name } },
      ref,
    );
  }

  /**
   * Hybrid access mode: Lake Formation enforces this principal's grants on the namespace's database
   * and all its tables (a table wildcard, as the console's "all tables" opt-in: two resources per
   * namespace instead of one per table). After the namespace's grants, which name every table.
   */
  private optInto(ns: LakehouseNamespace, grants: readonly LakeformationPermissions[]): void {
    const { principal, dependsOn, catalog } = this.props;
    // After the grants: an opted-in principal without its grants would lose access in between.
    const after = [...(dependsOn ?? []), ...grants];
    const principalBlock = [{ dataLakePrincipalIdentifier: principal }];
    const databaseName = catalog.databaseName(ns.namespace);
    const targets: [string, LakeformationOptInResourceData][] = [
      ['database', { database: [{ name: databaseName }] }],
      ['tables', { table: [{ databaseName, wildcard: true }] }],
    ];
    for (const [kind, resourceData] of targets) {
      this.optIns.push(
        new LakeformationOptIn(this, `opt-in-${kind}-${ns.namespace}`, {
          principal: principalBlock,
          resourceData: [resourceData],
          dependsOn: after,
        }),
      );
    }
  }
}
