import type { ITerraformDependable } from 'cdktf';

/**
 * How grant, maintenance and query constructs refer to catalog objects: a database through the
 * Glue database's attributes, so Terraform orders them after it; a table by its deterministic name
 * plus the resource that creates it (the table-provisioning invocation), which they depend on, so
 * Terraform creates them after the table and destroys them before it.
 */
export interface GlueTableRef {
  readonly databaseName: string;
  readonly name: string;
  /** What creates the table: a resource naming the table must depend on it. @default - nothing to wait for */
  readonly ready?: ITerraformDependable;
}

export interface CatalogRefs {
  /** Database name (a reference to the Glue database) of a template namespace. */
  databaseName(namespace: string): string;
  /** A table by `<database>.<table>`. */
  table(qualifiedName: string): GlueTableRef;
}

/** `dependsOn` of a resource that names `table`: the given resources plus what creates the table. */
export function afterTable(
  dependsOn: readonly ITerraformDependable[] | undefined,
  table: GlueTableRef,
): ITerraformDependable[] | undefined {
  const all = [...(dependsOn ?? []), ...(table.ready ? [table.ready] : [])];
  return all.length > 0 ? all : undefined;
}
