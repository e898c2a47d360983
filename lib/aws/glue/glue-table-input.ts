/**
 * Pure translation of a template into what Glue stores: columns (Hive types, descriptions as
 * comments) and table parameters (tags and Iceberg properties), within Glue's limits.
 */
import { toGlueType, type LoadedTableTemplate } from '../../model';

/** Glue limits (CreateTable API and the AWS provider's validation). */
export const GLUE_LIMITS = {
  columnCommentChars: 255,
  tableDescriptionChars: 2048,
  parameterKeyChars: 255,
  parameterValueBytes: 512000,
} as const;

/** Parameter keys Glue and Iceberg own on an Iceberg table; templates must not set them. */
export const RESERVED_PARAMETER_KEYS = ['metadata_location', 'previous_metadata_location', 'table_type'] as const;
/** Tags land under this prefix so they can never collide with Iceberg or Glue keys. */
export const TAG_PARAMETER_PREFIX = 'lakehouse.tag.';

export interface GlueColumn {
  readonly name: string;
  readonly type: string;
  readonly comment?: string;
}

export function glueColumns(template: LoadedTableTemplate): GlueColumn[] {
  return template.parsedColumns.map((c) => ({
    name: c.name,
    type: toGlueType(c.type),
    ...(c.description !== undefined && c.description !== '' ? { comment: c.description } : {}),
  }));
}

/**
 * Table parameters: Iceberg properties under their own keys (informational: Iceberg reads its
 * properties from the metadata file), tags as `lakehouse.tag.<key>`, and `lakehouse.append_only`.
 * Keys are sorted for stable output.
 */
export function glueTableParameters(template: LoadedTableTemplate): Record<string, string> {
  const entries: [string, string][] = [
    ...Object.entries(template.properties ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
    ...Object.entries(template.tags ?? {}).map(([k, v]): [string, string] => [`${TAG_PARAMETER_PREFIX}${k}`, v]),
    ...(template.append_only ? [['lakehouse.append_only', 'true'] as [string, string]] : []),
  ];
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Every way a template breaks Glue's limits, one sentence each (empty when it fits). */
export function glueTemplateProblems(template: LoadedTableTemplate): string[] {
  const where = `template ${template.namespace}.${template.name} (${template.file})`;
  const out: string[] = [];
  for (const c of template.parsedColumns) {
    if ((c.description?.length ?? 0) > GLUE_LIMITS.columnCommentChars) {
      out.push(
        `${where}: description of column '${c.name}' is ${c.description!.length} characters; Glue column comments hold at most ${GLUE_LIMITS.columnCommentChars}`,
      );
    }
  }
  if ((template.description?.length ?? 0) > GLUE_LIMITS.tableDescriptionChars) {
    out.push(
      `${where}: description is ${template.description!.length} characters; Glue table descriptions hold at most ${GLUE_LIMITS.tableDescriptionChars}`,
    );
  }
  for (const [key, value] of Object.entries(glueTableParameters(template))) {
    if (key.length > GLUE_LIMITS.parameterKeyChars) {
      out.push(
        `${where}: table parameter key '${key.slice(0, 40)}…' is ${key.length} characters; Glue allows ${GLUE_LIMITS.parameterKeyChars}`,
      );
    }
    if (Buffer.byteLength(value, 'utf8') > GLUE_LIMITS.parameterValueBytes) {
      out.push(`${where}: value of table parameter '${key}' exceeds Glue's ${GLUE_LIMITS.parameterValueBytes} bytes`);
    }
    if ((RESERVED_PARAMETER_KEYS as readonly string[]).includes(key)) {
      out.push(`${where}: '${key}' is owned by Glue/Iceberg and cannot be a table property`);
    }
  }
  return out;
}
