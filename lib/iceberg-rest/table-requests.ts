/**
 * Request bodies built from the model: one template → one CreateTableRequest carrying exactly the
 * schema (with the model's field ids), partition spec, sort order and properties that
 * `lakehouse export` writes for it (lib/model/mappings/iceberg-json.ts), so there is one truth.
 */
import { toIcebergTableJson, type IcebergTableJson } from '../model/mappings/iceberg-json';
import type { LoadedTableTemplate } from '../model/table-template';
import type { CreateNamespaceRequest, CreateTableRequest, Namespace, SortField, SortOrder } from './types';

/** CreateTableRequest for a table's Iceberg JSON; `location` is the table's folder under the warehouse. */
export function createTableRequest(table: IcebergTableJson, name: string, location?: string): CreateTableRequest {
  return {
    name,
    ...(location !== undefined ? { location } : {}),
    schema: table.schema,
    'partition-spec': table['partition-spec'],
    'write-order': writeOrder(table['sort-order']),
    properties: { ...table.properties },
  };
}

/** CreateTableRequest for a template, named after it. */
export function createTableRequestFor(template: LoadedTableTemplate, location?: string): CreateTableRequest {
  return createTableRequest(toIcebergTableJson(template), template.name, location);
}

export function createNamespaceRequest(namespace: Namespace): CreateNamespaceRequest {
  return { namespace: [...namespace] };
}

/** The model types direction and null order as strings; the REST API allows exactly two values of each. */
function writeOrder(order: IcebergTableJson['sort-order']): SortOrder {
  const fields = order.fields.map((f): SortField => {
    if ((f.direction !== 'asc' && f.direction !== 'desc') || (f['null-order'] !== 'nulls-first' && f['null-order'] !== 'nulls-last')) {
      throw new Error(
        `sort field on source id ${f['source-id']}: direction '${f.direction}' / null order '${f['null-order']}' is not valid Iceberg`,
      );
    }
    return { 'source-id': f['source-id'], transform: f.transform, direction: f.direction, 'null-order': f['null-order'] };
  });
  return { 'order-id': order['order-id'], fields };
}
