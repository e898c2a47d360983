import { compare } from '../compare';
import { printIcebergType, type IcebergType } from '../iceberg-types';
import type { LoadedTableTemplate } from '../table-template';
import { defaultPartitionName, parseTransform } from '../transforms';

/** Iceberg's JSON serialization of types (table spec, Appendix C). */
export type IcebergJsonType =
  | string
  | { type: 'struct'; fields: IcebergJsonField[] }
  | { type: 'list'; 'element-id': number; element: IcebergJsonType; 'element-required': boolean }
  | { type: 'map'; 'key-id': number; key: IcebergJsonType; 'value-id': number; value: IcebergJsonType; 'value-required': boolean };

export interface IcebergJsonField {
  id: number;
  name: string;
  required: boolean;
  type: IcebergJsonType;
  doc?: string;
}

export interface IcebergTableJson {
  schema: { type: 'struct'; 'schema-id': 0; fields: IcebergJsonField[] };
  'partition-spec': { 'spec-id': 0; fields: { 'source-id': number; 'field-id': number; name: string; transform: string }[] };
  'sort-order': { 'order-id': number; fields: { transform: string; 'source-id': number; direction: string; 'null-order': string }[] };
  properties: Record<string, string>;
}

/**
 * Assigns field ids the way Iceberg does for a new table: a struct's own fields get consecutive
 * ids first, then each field's nested types in order; list elements and map keys/values likewise.
 */
class IdAssigner {
  private next = 1;
  readonly idsByPath = new Map<string, number>();

  struct(fields: readonly { name: string; type: IcebergType; required: boolean; doc?: string }[], prefix: string): IcebergJsonField[] {
    const ids = fields.map((f) => {
      const id = this.next++;
      this.idsByPath.set(prefix + f.name, id);
      return id;
    });
    return fields.map((f, i) => ({
      id: ids[i]!,
      name: f.name,
      required: f.required,
      type: this.type(f.type, `${prefix}${f.name}.`),
      ...(f.doc ? { doc: f.doc } : {}),
    }));
  }

  type(type: IcebergType, prefix: string): IcebergJsonType {
    switch (type.kind) {
      case 'struct':
        return {
          type: 'struct',
          fields: this.struct(
            type.fields.map((f) => ({ ...f, required: false })),
            prefix,
          ),
        };
      case 'list': {
        const elementId = this.next++;
        return { type: 'list', 'element-id': elementId, element: this.type(type.element, `${prefix}element.`), 'element-required': false };
      }
      case 'map': {
        const keyId = this.next++;
        const valueId = this.next++;
        return {
          type: 'map',
          'key-id': keyId,
          key: this.type(type.key, `${prefix}key.`),
          'value-id': valueId,
          value: this.type(type.value, `${prefix}value.`),
          'value-required': false,
        };
      }
      default:
        return printIcebergType(type);
    }
  }
}

/** The template as Iceberg JSON: schema with field ids, partition spec and sort order, for pipelines. */
export function toIcebergTableJson(template: LoadedTableTemplate): IcebergTableJson {
  const ids = new IdAssigner();
  const fields = ids.struct(
    template.parsedColumns.map((c) => ({ name: c.name, type: c.type, required: c.required, doc: c.description })),
    '',
  );
  const idOf = (path: string): number => {
    const id = ids.idsByPath.get(path);
    if (id === undefined) throw new Error(`${template.file}: no field '${path}' (template not validated?)`);
    return id;
  };
  return {
    schema: { type: 'struct', 'schema-id': 0, fields },
    'partition-spec': {
      'spec-id': 0,
      fields: (template.partition_spec ?? []).map((p, i) => ({
        'source-id': idOf(p.column),
        'field-id': 1000 + i,
        name: p.name ?? defaultPartitionName(p.column, parseTransform(p.transform)!),
        transform: p.transform,
      })),
    },
    'sort-order': {
      'order-id': (template.sort_order ?? []).length > 0 ? 1 : 0,
      fields: (template.sort_order ?? []).map((s) => {
        const direction = s.direction ?? 'asc';
        const nulls = s.null_order ?? (direction === 'asc' ? 'nulls_first' : 'nulls_last');
        return { transform: s.transform ?? 'identity', 'source-id': idOf(s.column), direction, 'null-order': nulls.replace('_', '-') };
      }),
    },
    properties: Object.fromEntries(
      Object.entries({ 'format-version': String(template.formatVersion), ...template.properties })
        .map(([k, v]) => [k, String(v)] as const)
        .sort(([a], [b]) => compare(a, b)),
    ),
  };
}
