/**
 * How grant and maintenance constructs refer to catalog objects: through the Glue resources'
 * attributes, so Terraform orders them after the database or table exists.
 */
export interface GlueTableRef {
  readonly databaseName: string;
  readonly name: string;
}

export interface CatalogRefs {
  /** Database name (a reference to the Glue database) of a template namespace. */
  databaseName(namespace: string): string;
  /** A table by `<database>.<table>`. */
  table(qualifiedName: string): GlueTableRef;
}
