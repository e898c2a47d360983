import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { CatalogRefs } from './catalog-refs';
import type { LakehouseLayout } from './lakehouse-layout';

export interface ProvisionerLakeFormationGrantsProps {
  /** The table-provisioning function's role ARN. */
  readonly principal: string;
  readonly layout: LakehouseLayout;
  readonly catalog: CatalogRefs;
  /** ARN of the registered data location the tables live under. */
  readonly dataLocationArn: string;
  /** Drop is granted only when data is not protected (the function then drops removed templates' tables). @default true */
  readonly protectData?: boolean;
  /** Resources the grants must wait for (the account data-lake settings, when managed here). @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** Permissions the function holds on tables it did not create itself (earlier versions created them with Terraform). */
export function provisionerTablePermissions(protectData: boolean): string[] {
  return protectData ? ['ALTER', 'DESCRIBE'] : ['ALTER', 'DESCRIBE', 'DROP'];
}

/**
 * What the table-provisioning function needs in Lake Formation to create tables through Glue's
 * Iceberg REST endpoint ("AWS Glue REST APIs for Apache Iceberg specifications": CreateTable needs
 * CREATE_TABLE on the database, and data location access where the location is registered):
 * CREATE_TABLE and DESCRIBE on each database and DATA_LOCATION_ACCESS on the registered warehouse.
 * As the creator of a table it holds every permission on it ("Implicit Lake Formation permissions");
 * for tables an earlier version created with Terraform it gets ALTER and DESCRIBE (and DROP when
 * data is not protected) on all tables of each database, which names no table, so the grant needs
 * none to exist.
 */
export class ProvisionerLakeFormationGrants extends Construct {
  readonly permissions: LakeformationPermissions[] = [];

  constructor(scope: Construct, id: string, props: ProvisionerLakeFormationGrantsProps) {
    super(scope, id);
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;
    const grant = (grantId: string, config: Omit<ConstructorParameters<typeof LakeformationPermissions>[2], 'principal'>) =>
      this.permissions.push(new LakeformationPermissions(this, grantId, { principal: props.principal, dependsOn, ...config }));
    for (const ns of props.layout.namespaces) {
      const databaseName = props.catalog.databaseName(ns.namespace);
      grant(`database-${ns.namespace}`, { permissions: ['CREATE_TABLE', 'DESCRIBE'], database: { name: databaseName } });
      grant(`tables-${ns.namespace}`, {
        permissions: provisionerTablePermissions(props.protectData ?? true),
        table: { databaseName, wildcard: true },
      });
    }
    grant('data-location', { permissions: ['DATA_LOCATION_ACCESS'], dataLocation: { arn: props.dataLocationArn } });
  }
}
