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
} from './transforms';

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

  const byName = new Map(parsedColumns.map((c) => [c.name, c]));
  problems.push(...checkPartitionSpec(template, byName));
  problems.push(...checkSortOrder(template, byName));
  if (template.properties) problems.push(...checkTableProperties(template.properties));
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
        if (names.has(f.name.toLowerCase())) {
          problems.push({ path, message: `duplicate struct field name '${f.name}' in ${printIcebergType(t)}` });
        }
        names.add(f.name.toLowerCase());
      }
    }
  });
  return problems;
}

interface ResolvedSource {
  readonly type?: IcebergType;
  readonly top?: ParsedColumn;
  readonly error?: string;
}

/** Resolves `col` or `col.field.sub` through structs; lists and maps cannot be partition sources. */
function resolveSource(path: string, columns: Map<string, ParsedColumn>): ResolvedSource {
  const [first, ...rest] = path.split('.');
  const top = columns.get(first!);
  if (!top) return { error: `column '${first}' does not exist; columns are: ${[...columns.keys()].join(', ')}` };
  let type: IcebergType = top.type;
  for (const name of rest) {
    if (type.kind !== 'struct') {
      const where = type.kind === 'list' || type.kind === 'map' ? `inside a ${type.kind}` : `in ${printIcebergType(type)}`;
      return { top, error: `'${path}' cannot be resolved: '${name}' is ${where}; only struct fields can be sources` };
    }
    const field: { type: IcebergType } | undefined = type.fields.find((f) => f.name === name);
    if (!field) return { top, error: `struct field '${name}' of '${path}' does not exist` };
    type = field.type;
  }
  return { type, top };
}

function checkPartitionSpec(template: TableTemplate, columns: Map<string, ParsedColumn>): PathProblem[] {
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
        message: `${field.transform} cannot be applied to '${field.column}' of type ${printIcebergType(source.type)}; it accepts ${TRANSFORM_SOURCE_TYPES[transform.kind].join(', ')}`,
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

function checkSortOrder(template: TableTemplate, columns: Map<string, ParsedColumn>): PathProblem[] {
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
        message: `${field.transform} cannot be applied to '${field.column}' of type ${printIcebergType(source.type)}; it accepts ${TRANSFORM_SOURCE_TYPES[transform.kind].join(', ')}`,
      });
    }
  });
  return problems;
}
