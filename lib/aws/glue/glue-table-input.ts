/**
 * Pure translation of a template into what Glue stores: columns (Hive types, descriptions as
 * comments) and table parameters (tags and Iceberg properties), within Glue's limits.
 */
import { toGlueType, type LoadedTableTemplate } from '../../model';
import { compare } from '../../model/compare';
import type { SourcedProblem } from '../../model/problems';

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
  return Object.fromEntries(entries.sort(([a], [b]) => compare(a, b)));
}

/** Every way a template breaks Glue's limits, at the template field to change (empty when it fits). */
export function glueTemplateProblems(template: LoadedTableTemplate): SourcedProblem[] {
  const file = template.file;
  const out: SourcedProblem[] = [];
  template.parsedColumns.forEach((c, i) => {
    const length = c.description?.length ?? 0;
    if (length > GLUE_LIMITS.columnCommentChars) {
      out.push({
        file,
        path: ['columns', i, 'description'],
        message: `is ${length} characters; Glue column comments hold at most ${GLUE_LIMITS.columnCommentChars}`,
      });
    }
  });
  const descriptionLength = template.description?.length ?? 0;
  if (descriptionLength > GLUE_LIMITS.tableDescriptionChars) {
    out.push({
      file,
      path: ['description'],
      message: `is ${descriptionLength} characters; Glue table descriptions hold at most ${GLUE_LIMITS.tableDescriptionChars}`,
    });
  }
  for (const [key, value] of Object.entries(glueTableParameters(template))) {
    const path = key.startsWith(TAG_PARAMETER_PREFIX) ? ['tags', key.slice(TAG_PARAMETER_PREFIX.length)] : ['properties', key];
    if (key.length > GLUE_LIMITS.parameterKeyChars) {
      out.push({
        file,
        path,
        message: `the Glue table parameter key '${key.slice(0, 40)}…' is ${key.length} characters; Glue allows ${GLUE_LIMITS.parameterKeyChars}`,
      });
    }
    if (Buffer.byteLength(value, 'utf8') > GLUE_LIMITS.parameterValueBytes) {
      out.push({ file, path, message: `the value exceeds the ${GLUE_LIMITS.parameterValueBytes} bytes Glue allows in a table parameter` });
    }
    if ((RESERVED_PARAMETER_KEYS as readonly string[]).includes(key)) {
      out.push({ file, path, message: `'${key}' is owned by Glue/Iceberg and cannot be a table property` });
    }
  }
  return out;
}
