/**
 * Tables an earlier version of this library created on AWS Glue with Terraform's
 * `aws_glue_catalog_table` (`metadata_operation = CREATE`). Glue built their Iceberg schema from the
 * Hive column types Terraform passed (lib/model/mappings/glue.ts), so a column whose Iceberg type has
 * no Hive type of its own holds a stand-in (`uuid` and `time` as `string`, `fixed[L]` as `binary`,
 * `timestamptz` and `timestamp` alike), and no column is required (a Hive column has no NOT NULL).
 *
 * Iceberg cannot retype a column to any of those types, nor make an existing column required, so no
 * commit can bring such a table to its template. On the Glue catalog the function therefore takes
 * the table as it is stored where, and only where, Glue could not have stored the template's type:
 * the live type and the template's type have the same Hive type, or the live column is optional
 * where the template's is required. Those columns are kept and reported; every other difference is
 * judged as for any table.
 */
import type { CreateTableRequest, IcebergType, StructField } from '../../lib/iceberg-rest/types';
import { parseIcebergType } from '../../lib/model/iceberg-types';
import { toGlueType } from '../../lib/model/mappings/glue';

export interface KeptAsStored {
  /** The template with those columns as the catalog stores them. */
  readonly table: CreateTableRequest;
  /** One sentence per column kept as stored. */
  readonly kept: readonly string[];
}

/** The template's table, with columns Glue's CREATE could only store differently taken as they are stored. */
export function keepGlueCreatedColumns(live: { readonly fields: readonly StructField[] }, desired: CreateTableRequest): KeptAsStored {
  const kept: string[] = [];
  const fields = reconcileFields(desired.schema.fields, live.fields, '', kept);
  return kept.length === 0 ? { table: desired, kept } : { table: { ...desired, schema: { ...desired.schema, fields } }, kept };
}

function reconcileFields(desired: readonly StructField[], live: readonly StructField[], prefix: string, kept: string[]): StructField[] {
  return desired.map((field) => {
    const stored = live.find((l) => l.name === field.name);
    if (!stored) return field;
    const path = `${prefix}${field.name}`;
    const type = reconcileType(field.type, stored.type, path, kept);
    const required = field.required && !stored.required ? false : field.required;
    if (required !== field.required)
      kept.push(`column '${path}' stays optional (the template makes it required; Glue's CREATE made every column optional)`);
    return type === field.type && required === field.required ? field : { ...field, type, required };
  });
}

function reconcileType(desired: IcebergType, live: IcebergType, path: string, kept: string[]): IcebergType {
  if (typeof desired === 'string' && typeof live === 'string') {
    if (desired === live || !sameHiveType(desired, live)) return desired;
    kept.push(`column '${path}' stays ${live} (the template says ${desired}; Glue's CREATE stored its Hive type ${hiveType(desired)})`);
    return live;
  }
  if (typeof desired === 'string' || typeof live === 'string' || desired.type !== live.type) return desired;
  if (desired.type === 'struct' && live.type === 'struct') {
    return { ...desired, fields: reconcileFields(desired.fields, live.fields, `${path}.`, kept) };
  }
  if (desired.type === 'list' && live.type === 'list') {
    const element = reconcileType(desired.element, live.element, `${path}.element`, kept);
    const elementRequired = desired['element-required'] && live['element-required'];
    if (elementRequired !== desired['element-required']) kept.push(`the elements of '${path}' stay optional`);
    return element === desired.element && elementRequired === desired['element-required']
      ? desired
      : { ...desired, element, 'element-required': elementRequired };
  }
  if (desired.type === 'map' && live.type === 'map') {
    const value = reconcileType(desired.value, live.value, `${path}.value`, kept);
    const valueRequired = desired['value-required'] && live['value-required'];
    if (valueRequired !== desired['value-required']) kept.push(`the values of '${path}' stay optional`);
    return value === desired.value && valueRequired === desired['value-required']
      ? desired
      : { ...desired, value, 'value-required': valueRequired };
  }
  return desired;
}

function hiveType(type: string): string | undefined {
  try {
    return toGlueType(parseIcebergType(type));
  } catch {
    return undefined; // a type this model does not know: never taken as equal
  }
}

function sameHiveType(a: string, b: string): boolean {
  const hive = hiveType(a);
  return hive !== undefined && hive === hiveType(b);
}
