import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { restrictedColumns } from '../../model';
import { afterTable, type CatalogRefs, type GlueTableRef } from './catalog-refs';
import type { LakehouseLayout, LakehouseTable } from './lakehouse-layout';
import type { AccessTier } from '../../plan/tiers';

export interface LakeFormationTierGrantsProps {
  /** IAM role (or user) ARN receiving the grants. */
  readonly principal: string;
  readonly tier: AccessTier;
  readonly layout: LakehouseLayout;
  readonly catalog: CatalogRefs;
  /** ARN of the registered data location; admins get DATA_LOCATION_ACCESS on it to create tables there. */
  readonly dataLocationArn: string;
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
 * Lake Formation permissions of one principal at one tier:
 * - reader: DESCRIBE on each database; SELECT on each table minus exactly its restricted columns
 *   (a plain table grant when nothing is restricted: Lake Formation stores a column wildcard
 *   without exclusions as a table grant anyway, so the plain form never shows a diff);
 * - writer: DESCRIBE on each database; SELECT, INSERT, DELETE (not on append-only), DESCRIBE and
 *   ALTER (Iceberg commits update the Glue table) on each table;
 * - admin: ALL on each database and on all its tables, and data location access.
 */
export class LakeFormationTierGrants extends Construct {
  /** Every permission resource, in creation order. */
  readonly permissions: LakeformationPermissions[] = [];

  constructor(scope: Construct, id: string, props: LakeFormationTierGrantsProps) {
    super(scope, id);
    const { principal, layout, catalog } = props;
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;
    // A grant naming a table waits for the table's creation (and is revoked before it is dropped).
    const grant = (
      grantId: string,
      config: Omit<ConstructorParameters<typeof LakeformationPermissions>[2], 'principal'>,
      on?: GlueTableRef,
    ) =>
      this.permissions.push(
        new LakeformationPermissions(this, grantId, { principal, dependsOn: on ? afterTable(dependsOn, on) : dependsOn, ...config }),
      );

    for (const ns of layout.namespaces) {
      const databaseName = catalog.databaseName(ns.namespace);
      if (props.tier === 'admin') {
        grant(`database-${ns.namespace}`, { permissions: ['ALL'], database: { name: databaseName } });
        grant(`tables-${ns.namespace}`, { permissions: ['ALL'], table: { databaseName, wildcard: true } });
        continue;
      }
      grant(`database-${ns.namespace}`, { permissions: ['DESCRIBE'], database: { name: databaseName } });
      for (const table of ns.tables) {
        const ref = catalog.table(table.qualifiedName);
        if (props.tier === 'writer') {
          grant(
            `table-${ns.namespace}-${table.name}`,
            {
              permissions: writerTablePermissions(table),
              table: { databaseName: ref.databaseName, name: ref.name },
            },
            ref,
          );
          continue;
        }
        const excluded = restrictedColumns(table.template);
        grant(
          `table-${ns.namespace}-${table.name}`,
          excluded.length > 0
            ? {
                permissions: ['SELECT'],
                tableWithColumns: { databaseName: ref.databaseName, name: ref.name, wildcard: true, excludedColumnNames: excluded },
              }
            : { permissions: ['SELECT'], table: { databaseName: ref.databaseName, name: ref.name } },
          ref,
        );
      }
    }
    if (props.tier === 'admin') {
      grant('data-location', { permissions: ['DATA_LOCATION_ACCESS'], dataLocation: { arn: props.dataLocationArn } });
    }
  }
}
