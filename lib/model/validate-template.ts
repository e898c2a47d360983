import {
  IcebergTypeSyntaxError,
  V3_ONLY_PRIMITIVES,
  isPrimitive,
  parseIcebergType,
  printIcebergType,
  walkType,
  type IcebergType,
} from './iceberg-types';
import type { PathProblem, PathSegment } from './problems';
import { checkTableProperties } from './table-properties';
import type { ParsedColumn, TableTemplate } from './table-template';
import {
  TRANSFORM_SOURCE_TYPES,
  defaultPartitionName,
  parseTransform,
  printTransform,
  redundancyKey,
  transformAccepts,
  type Transform,
} from './transforms';
import schema from './schemas/table-template.schema.json';
import { PATTERN_WORDS } from './schema-words';
import { didYouMean } from './suggest';

/** Column names' rule, from the template schema; struct field names follow it too. */
const COLUMN_NAME = new RegExp(schema.$defs.column.properties.name.pattern);

export interface TemplateCheck {
  readonly problems: PathProblem[];
  readonly parsedColumns: ParsedColumn[];
  readonly formatVersion: 1 | 2 | 3;
}

/**
 * Iceberg's own rules for a template that already matches the JSON Schema: what Iceberg would
 * reject when creating the table, caught before any Terraform is written.
 */
export function checkTemplateSemantics(template: TableTemplate): TemplateCheck {
  const problems: PathProblem[] = [];
  const formatVersion = Number(template.properties?.['format-version'] ?? 2) as 1 | 2 | 3;
  const parsedColumns: ParsedColumn[] = [];
  const seen = new Map<string, number>();
  // Columns whose type is already reported: fields that use them are not reported again.
  const unparsed = new Set<string>();

  template.columns.forEach((column, i) => {
    const at = (field: string): PathSegment[] => ['columns', i, field];
    const previous = seen.get(column.name.toLowerCase());
    if (previous !== undefined) {
      problems.push({ path: at('name'), message: `duplicate column name '${column.name}' (also columns[${previous}])` });
    } else {
      seen.set(column.name.toLowerCase(), i);
    }
    let type: IcebergType;
    try {
      type = parseIcebergType(column.type);
    } catch (e) {
      if (!(e instanceof IcebergTypeSyntaxError)) throw e;
      problems.push({ path: at('type'), message: e.message });
      unparsed.add(column.name);
      return;
    }
    problems.push(...checkType(type, at('type'), formatVersion));
    if (column.required && type.kind === 'primitive' && type.name === 'unknown') {
      // Spec: unknown columns "must be optional with null defaults"; they are never written.
      problems.push({ path: at('required'), message: 'an unknown column must be optional; remove required: true' });
    }
    if (column.masking && column.access_level !== 'restricted') {
      problems.push({
        path: at('masking'),
        message: `masking applies to restricted columns only; set access_level: restricted or remove masking`,
      });
    }
    parsedColumns.push({
      name: column.name,
      type,
      required: column.required ?? false,
      description: column.description,
      accessLevel: column.access_level ?? 'public',
      pii: column.pii ?? false,
      masking: column.masking,
    });
  });

  const columns: Columns = {
    parsed: new Map(parsedColumns.map((c) => [c.name, c])),
    unparsed,
    names: template.columns.map((c) => c.name),
  };
  problems.push(...checkPartitionSpec(template, columns));
  problems.push(...checkSortOrder(template, columns));
  if (template.properties) problems.push(...checkTableProperties(template.properties, columns.names));
  if (template.source?.csv_options && template.source.format !== 'csv') {
    problems.push({
      path: ['source', 'csv_options'],
      message: `csv_options only apply to format: csv (format is ${template.source.format})`,
    });
  }
  return { problems, parsedColumns, formatVersion };
}

function checkType(type: IcebergType, path: PathSegment[], formatVersion: number): PathProblem[] {
  const problems: PathProblem[] = [];
  walkType(type, (t) => {
    if (t.kind === 'decimal') {
      if (t.precision < 1 || t.precision > 38) {
        problems.push({ path, message: `decimal precision ${t.precision} is out of range: Iceberg allows 1 to 38` });
      }
      if (t.scale > t.precision) {
        problems.push({
          path,
          message: `decimal scale ${t.scale} exceeds precision ${t.precision}: scale must be between 0 and the precision`,
        });
      }
    } else if (t.kind === 'fixed' && t.length < 1) {
      problems.push({ path, message: `fixed[${t.length}]: the length must be at least 1` });
    } else if (t.kind === 'primitive' && V3_ONLY_PRIMITIVES.has(t.name) && formatVersion < 3) {
      problems.push({
        path,
        message: `${t.name} is not supported until format version 3; set properties.format-version: 3 or use ${t.name.startsWith('timestamp') ? t.name.replace('_ns', '') : 'another type'}`,
      });
    } else if (t.kind === 'struct') {
      const names = new Set<string>();
      for (const f of t.fields) {
        if (!COLUMN_NAME.test(f.name)) {
          problems.push({
            path,
            message: `struct field name ${JSON.stringify(f.name)} ${PATTERN_WORDS[COLUMN_NAME.source]} (the rule for column names)`,
          });
        }
        if (names.has(f.name.toLowerCase())) {
          problems.push({ path, message: `duplicate struct field name ${JSON.stringify(f.name)} in ${printIcebergType(t)}` });
        }
        names.add(f.name.toLowerCase());
      }
    }
  });
  return problems;
}

/** The template's columns: parsed, and those whose type could not be parsed (already reported). */
interface Columns {
  readonly parsed: ReadonlyMap<string, ParsedColumn>;
  readonly unparsed: ReadonlySet<string>;
  /** Every column name, in template order. */
  readonly names: readonly string[];
}

interface ResolvedSource {
  readonly type?: IcebergType;
  readonly top?: ParsedColumn;
  readonly error?: string;
}

/**
 * Resolves `col` or `col.field.sub` through structs; lists and maps cannot be partition sources.
 * A column whose type is already reported resolves to nothing, without a second error.
 */
function resolveSource(path: string, columns: Columns): ResolvedSource {
  const [first, ...rest] = path.split('.') as [string, ...string[]];
  const top = columns.parsed.get(first);
  if (!top) {
    if (columns.unparsed.has(first)) return {};
    const { names } = columns;
    return { error: `column ${JSON.stringify(first)} does not exist${didYouMean(first, names)}; columns are: ${names.join(', ')}` };
  }
  let type: IcebergType = top.type;
  for (const name of rest) {
    if (type.kind !== 'struct') {
      const where = type.kind === 'list' || type.kind === 'map' ? `inside a ${type.kind}` : `in ${printIcebergType(type)}`;
      return {
        top,
        error: `${JSON.stringify(path)} cannot be resolved: ${JSON.stringify(name)} is ${where}; only struct fields can be sources`,
      };
    }
    const fields = type.fields;
    const field: { type: IcebergType } | undefined = fields.find((f) => f.name === name);
    if (!field) {
      const near = didYouMean(
        name,
        fields.map((f) => f.name),
      );
      return {
        top,
        error: `struct field ${JSON.stringify(name)} of ${JSON.stringify(path)} does not exist${near}; its fields are: ${fields.map((f) => f.name).join(', ')}`,
      };
    }
    type = field.type;
  }
  return { type, top };
}

function checkPartitionSpec(template: TableTemplate, columns: Columns): PathProblem[] {
  const problems: PathProblem[] = [];
  const names = new Map<string, number>();
  const keys = new Map<string, number>();
  (template.partition_spec ?? []).forEach((field, i) => {
    const at = (f: string): PathSegment[] => ['partition_spec', i, f];
    const transform = parseTransform(field.transform);
    if (!transform) return; // the schema already reported the malformed transform
    if ((transform.kind === 'bucket' && transform.buckets < 1) || (transform.kind === 'truncate' && transform.width < 1)) {
      problems.push({ path: at('transform'), message: `${field.transform}: the parameter must be at least 1` });
    }
    const source = resolveSource(field.column, columns);
    if (source.error || !source.type) {
      if (source.error) problems.push({ path: at('column'), message: source.error });
      return;
    }
    if (source.top?.accessLevel === 'restricted') {
      problems.push({
        path: at('column'),
        message: `'${field.column}' is restricted and cannot be a partition source: partition values are written into object keys and manifests, where column grants cannot hide them`,
      });
    }
    if (!isPrimitive(source.type)) {
      problems.push({
        path: at('column'),
        message: `'${field.column}' is ${printIcebergType(source.type)}; partition sources must be primitive`,
      });
    } else if (!transformAccepts(transform, source.type)) {
      problems.push({
        path: at('transform'),
        message: transformMismatch(field.transform, field.column, source.type, transform),
      });
    }
    // Iceberg rejects a second identity or time (year/month/day/hour) partition of one source; an
    // identical bucket/truncate/void field is not rejected by Iceberg but adds nothing, so it is an
    // error too. Buckets of different sizes on one column are allowed (distinct names needed).
    const dedup = redundancyKey(transform) === 'time' ? 'time' : printTransform(transform);
    const key = `${field.column}/${dedup}`;
    const clash = keys.get(key);
    if (clash !== undefined) {
      const why =
        dedup === 'time'
          ? 'Iceberg allows one time partition (year, month, day or hour) per column'
          : dedup === 'identity'
            ? 'Iceberg allows one identity partition per column'
            : 'an identical partition field adds nothing';
      problems.push({
        path: at('transform'),
        message: `redundant partition: '${field.column}' is already partitioned by partition_spec[${clash}] (${template.partition_spec![clash]!.transform}); ${why}`,
      });
    } else {
      keys.set(key, i);
    }
    const name = field.name ?? defaultPartitionName(field.column, transform);
    const dup = names.get(name);
    if (dup !== undefined) {
      problems.push({
        path: at(field.name ? 'name' : 'transform'),
        message: `partition field name '${name}' is already used by partition_spec[${dup}]; set a distinct name`,
      });
    } else {
      names.set(name, i);
    }
    // Like Iceberg: identity and void fields may reuse their own source's name, nothing else may
    // reuse a schema field's name (nested fields included, by their dotted path).
    const ownName = (transform.kind === 'identity' || transform.kind === 'void') && name === field.column;
    const existing = resolveSource(name, columns);
    if (!existing.error && existing.type && !ownName) {
      problems.push({
        path: at(field.name ? 'name' : 'transform'),
        message: `partition field name '${name}' equals a column name; choose another name`,
      });
    }
  });
  return problems;
}

function checkSortOrder(template: TableTemplate, columns: Columns): PathProblem[] {
  const problems: PathProblem[] = [];
  (template.sort_order ?? []).forEach((field, i) => {
    const at = (f: string): PathSegment[] => ['sort_order', i, f];
    const source = resolveSource(field.column, columns);
    if (source.error || !source.type) {
      if (source.error) problems.push({ path: at('column'), message: source.error });
      return;
    }
    if (!isPrimitive(source.type)) {
      problems.push({
        path: at('column'),
        message: `'${field.column}' is ${printIcebergType(source.type)}; sort sources must be primitive`,
      });
      return;
    }
    const transform = parseTransform(field.transform ?? 'identity');
    if (transform && !transformAccepts(transform, source.type)) {
      problems.push({
        path: at('transform'),
        message: transformMismatch(field.transform ?? 'identity', field.column, source.type, transform),
      });
    }
  });
  return problems;
}

function transformMismatch(written: string, column: string, type: IcebergType, transform: Transform): string {
  return `${written} cannot be applied to ${JSON.stringify(column)} of type ${printIcebergType(type)}; ${transform.kind} accepts ${TRANSFORM_SOURCE_TYPES[transform.kind].join(', ')}`;
}
