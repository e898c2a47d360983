import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { CatalogRefs, GlueTableRef } from './catalog-refs';
import { glueColumns, glueTableParameters } from './glue-table-input';
import type { LakehouseLayout } from './lakehouse-layout';

export interface GlueCatalogTablesProps {
  readonly layout: LakehouseLayout;
  /** `<project> <env>`, used in descriptions. */
  readonly label: string;
  /** `prevent_destroy` on databases and tables. @default true */
  readonly protectData?: boolean;
  /**
   * Resources the databases and tables must wait for (the account data-lake settings: the
   * default permissions apply when a database or table is created).
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Terraform attributes an Iceberg commit rewrites (`metadata_location`,
 * `previous_metadata_location`, engine properties, the column list and its `iceberg.field.*`
 * parameters). Terraform creates the table; afterwards Iceberg owns them, so a plan never fights
 * a commit, and a changed column in a template never updates (or replaces) the table.
 */
export const ICEBERG_OWNED_ATTRIBUTES = ['parameters', 'storage_descriptor'] as const;

/**
 * One Glue database per template namespace and one Iceberg table per template. Glue writes the
 * initial Iceberg metadata (`open_table_format_input.iceberg_input.metadata_operation = CREATE`),
 * so each table is a real Iceberg table from the first apply. Iceberg partitions are never put
 * in Glue `partition_keys` (AWS provider 6.25 cannot pass a partition spec at all: the spec is
 * applied by an engine before the first write, see docs/aws-glue.md).
 */
export class GlueCatalogTables extends Construct implements CatalogRefs {
  readonly databases: Readonly<Record<string, GlueCatalogDatabase>> = {};
  /** Tables by `<database>.<table>`. */
  readonly tables: Readonly<Record<string, GlueCatalogTable>> = {};
  // References are made once: every attribute access creates a new token (and captures a stack trace).
  private readonly databaseRefs = new Map<string, string>();
  private readonly tableRefs = new Map<string, GlueTableRef>();

  constructor(scope: Construct, id: string, props: GlueCatalogTablesProps) {
    super(scope, id);
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;
    for (const ns of props.layout.namespaces) {
      const database = new GlueCatalogDatabase(this, `database-${ns.namespace}`, {
        name: ns.database,
        description: `Iceberg tables of namespace ${ns.namespace} (${props.label})`,
        locationUri: ns.location,
        dependsOn,
        lifecycle: { preventDestroy: props.protectData ?? true },
      });
      (this.databases as Record<string, GlueCatalogDatabase>)[ns.namespace] = database;
      const databaseName = database.name;
      this.databaseRefs.set(ns.namespace, databaseName);
      for (const t of ns.tables) {
        const table = new GlueCatalogTable(this, `table-${ns.namespace}-${t.name}`, {
          name: t.name,
          databaseName,
          ...(t.template.description ? { description: t.template.description } : {}),
          tableType: 'EXTERNAL_TABLE',
          parameters: glueTableParameters(t.template),
          openTableFormatInput: {
            icebergInput: { metadataOperation: 'CREATE', version: String(t.template.formatVersion) },
          },
          storageDescriptor: {
            location: t.location,
            columns: glueColumns(t.template).map((c) => ({ ...c })),
          },
          dependsOn,
          lifecycle: { preventDestroy: props.protectData ?? true, ignoreChanges: [...ICEBERG_OWNED_ATTRIBUTES] },
        });
        (this.tables as Record<string, GlueCatalogTable>)[t.qualifiedName] = table;
        this.tableRefs.set(t.qualifiedName, { databaseName: table.databaseName, name: table.name });
      }
    }
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
