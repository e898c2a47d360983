import { printIcebergType, type IcebergType } from '../iceberg-types';

/** A BigQuery table schema field, in the JSON form `google_bigquery_table.schema` takes. */
export interface BigQueryField {
  name: string;
  type: string;
  mode: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  description?: string;
  precision?: string;
  scale?: string;
  fields?: BigQueryField[];
  policyTags?: { names: string[] };
}

const BQ_PRIMITIVES: Readonly<Record<string, string>> = {
  boolean: 'BOOL',
  int: 'INT64',
  long: 'INT64',
  float: 'FLOAT64',
  double: 'FLOAT64',
  date: 'DATE',
  time: 'TIME',
  timestamp: 'DATETIME',
  timestamptz: 'TIMESTAMP',
  string: 'STRING',
  uuid: 'BYTES',
  binary: 'BYTES',
};

/** BigQuery's NUMERIC holds scale ≤ 9 with ≤ 29 integer digits; wider decimals need BIGNUMERIC. */
export function bigQueryDecimalType(precision: number, scale: number): 'NUMERIC' | 'BIGNUMERIC' {
  return scale <= 9 && precision - scale <= 29 ? 'NUMERIC' : 'BIGNUMERIC';
}

/** Why BigQuery cannot hold a type, or undefined when it can (v3 types; arrays of arrays). */
export function bigQueryUnsupportedReason(type: IcebergType, insideArray = false): string | undefined {
  switch (type.kind) {
    case 'primitive':
      return BQ_PRIMITIVES[type.name] ? undefined : `BigQuery has no type for Iceberg ${type.name}`;
    case 'decimal':
    case 'fixed':
      return undefined;
    case 'list':
    case 'map': {
      if (insideArray) return `BigQuery cannot nest an array directly in an array (${printIcebergType(type)}); wrap it in a struct`;
      if (type.kind === 'list') return bigQueryUnsupportedReason(type.element, true);
      return bigQueryUnsupportedReason(type.key) ?? bigQueryUnsupportedReason(type.value);
    }
    case 'struct':
      for (const f of type.fields) {
        const reason = bigQueryUnsupportedReason(f.type);
        if (reason) return reason;
      }
      return undefined;
  }
}

/**
 * Iceberg column → BigQuery schema field. Lists become REPEATED fields, structs RECORDs, maps
 * REPEATED RECORDs of (key, value), as BigQuery presents Iceberg maps.
 * @throws Error when {@link bigQueryUnsupportedReason} says BigQuery cannot hold the type
 */
export function toBigQueryField(name: string, type: IcebergType, required: boolean, description?: string): BigQueryField {
  const reason = bigQueryUnsupportedReason(type);
  if (reason) throw new Error(`column '${name}': ${reason}`);
  const base = { name, ...(description ? { description } : {}) };
  const mode = required ? 'REQUIRED' : 'NULLABLE';
  switch (type.kind) {
    case 'primitive':
      return { ...base, type: BQ_PRIMITIVES[type.name]!, mode };
    case 'fixed':
      return { ...base, type: 'BYTES', mode };
    case 'decimal':
      return {
        ...base,
        type: bigQueryDecimalType(type.precision, type.scale),
        mode,
        precision: String(type.precision),
        scale: String(type.scale),
      };
    case 'struct':
      return { ...base, type: 'RECORD', mode, fields: type.fields.map((f) => toBigQueryField(f.name, f.type, false)) };
    case 'list': {
      const element = toBigQueryField(name, type.element, false, description);
      return { ...element, mode: 'REPEATED' };
    }
    case 'map':
      return {
        ...base,
        type: 'RECORD',
        mode: 'REPEATED',
        fields: [toBigQueryField('key', type.key, true), toBigQueryField('value', type.value, false)],
      };
  }
}
