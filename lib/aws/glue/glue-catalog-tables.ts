import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import type { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { TableProvisioner } from '../provisioning/table-provisioner';
import type { CatalogRefs, GlueTableRef } from './catalog-refs';
import { EarlierGlueTable } from './earlier-glue-table';
import type { LakehouseLayout } from './lakehouse-layout';

export interface GlueCatalogTablesProps {
  readonly layout: LakehouseLayout;
  /** `<project> <env>`, used in descriptions. */
  readonly label: string;
  /** `<project>-<env>`: the table-provisioning function, its role and log group are `<prefix>-table-provisioner`. */
  readonly prefix: string;
  /** `prevent_destroy` on databases and on each table's invocation; the function refuses to drop a table. @default true */
  readonly protectData?: boolean;
  /** CloudWatch Logs retention of the function's log group (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** Customer-managed key of the function's log group (its key policy must allow CloudWatch Logs). @default - CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: string;
  /** Raise to invoke every table again, as an update against the live table (see docs/table-provisioning.md). @default 0 */
  readonly revision?: number;
  /**
   * Resources the databases and tables must wait for (the account data-lake settings: the
   * default permissions apply when a database or table is created).
   * @default - none
   */
  /** Managed policies the provisioning function's role may carry. @default 10 (IAM's default quota) */
  readonly maxManagedPoliciesPerRole?: number;
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * One Glue database per template namespace (Terraform) and one Iceberg table per template, created,
 * evolved and dropped by the table-provisioning function through Glue's Iceberg REST endpoint, one
 * `aws_lambda_invocation` per table (TableProvisioner, docs/table-provisioning.md): each table has
 * the template's schema with the model's field ids, its partition spec, sort order and properties
 * from the first apply. Terraform owns no `aws_glue_catalog_table`: Iceberg commits own the table
 * after creation. Resources naming a table depend on its invocation ({@link CatalogRefs.table}).
 */
export class GlueCatalogTables extends Construct implements CatalogRefs {
  readonly databases: Readonly<Record<string, GlueCatalogDatabase>> = {};
  /** The function, its role and one invocation per table. */
  readonly provisioner: TableProvisioner;
  /** The invocation creating each table, by `<database>.<table>`. */
  readonly invocations: Readonly<Record<string, LambdaInvocation>>;
  // References are made once: every attribute access creates a new token (and captures a stack trace).
  private readonly databaseRefs = new Map<string, string>();
  private readonly tableRefs = new Map<string, GlueTableRef>();

  constructor(scope: Construct, id: string, props: GlueCatalogTablesProps) {
    super(scope, id);
    const protectData = props.protectData ?? true;
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;
    for (const ns of props.layout.namespaces) {
      const database = new GlueCatalogDatabase(this, `database-${ns.namespace}`, {
        name: ns.database,
        description: `Iceberg tables of namespace ${ns.namespace} (${props.label})`,
        locationUri: ns.location,
        dependsOn,
        lifecycle: { preventDestroy: protectData },
      });
      (this.databases as Record<string, GlueCatalogDatabase>)[ns.namespace] = database;
      this.databaseRefs.set(ns.namespace, database.name);
    }
    this.provisioner = new TableProvisioner(this, 'provisioner', {
      prefix: props.prefix,
      catalog: { kind: 'glue' },
      // On Glue the catalog namespace is the database; the location is under the bucket's reference.
      tables: props.layout.tables.map((t) => ({ namespace: t.database, name: t.name, location: t.location, iceberg: t.iceberg })),
      protectData,
      logRetentionDays: props.logRetentionDays,
      ...(props.logKmsKeyArn !== undefined ? { logKmsKeyArn: props.logKmsKeyArn } : {}),
      ...(props.revision !== undefined ? { revision: props.revision } : {}),
      ...(props.maxManagedPoliciesPerRole !== undefined ? { maxManagedPoliciesPerRole: props.maxManagedPoliciesPerRole } : {}),
      dependsOn: [...Object.values(this.databases), ...(dependsOn ?? [])],
    });
    this.invocations = this.provisioner.invocations;
    for (const t of props.layout.tables) {
      // Where an earlier version declared the table as a Terraform resource: forget it, never destroy it.
      new EarlierGlueTable(this, `table-${t.namespace}-${t.name}`);
      const invocation = this.invocations[t.qualifiedName];
      if (!invocation) throw new Error(`no table-provisioning invocation for ${t.qualifiedName}`);
      this.tableRefs.set(t.qualifiedName, { databaseName: this.databaseName(t.namespace), name: t.name, ready: invocation });
    }
  }

  /**
   * Makes every table's creation wait for more resources, e.g. Lake Formation grants to the
   * function's role, which can only be declared once its role exists.
   */
  waitFor(...dependables: ITerraformDependable[]): void {
    this.provisioner.waitFor(...dependables);
  }

  databaseName(namespace: string): string {
    const name = this.databaseRefs.get(namespace);
    if (name === undefined) throw new Error(`no Glue database for namespace '${namespace}'`);
    return name;
  }

  table(qualifiedName: string): GlueTableRef {
    const ref = this.tableRefs.get(qualifiedName);
    if (!ref) throw new Error(`no Glue table '${qualifiedName}'`);
    return ref;
  }
}
