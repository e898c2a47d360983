import type { IcebergType } from '../iceberg-types';

const GLUE_PRIMITIVES: Readonly<Record<string, string>> = {
  boolean: 'boolean',
  int: 'int',
  long: 'bigint',
  float: 'float',
  double: 'double',
  date: 'date',
  time: 'string',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  timestamp_ns: 'timestamp',
  timestamptz_ns: 'timestamp',
  string: 'string',
  uuid: 'string',
  binary: 'binary',
  variant: 'string',
  unknown: 'string',
};

/** Iceberg type → Glue (Hive) column type, as Glue and Athena print it for Iceberg tables. */
export function toGlueType(type: IcebergType): string {
  switch (type.kind) {
    case 'primitive':
      return GLUE_PRIMITIVES[type.name]!;
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'fixed':
      return 'binary';
    case 'list':
      return `array<${toGlueType(type.element)}>`;
    case 'map':
      return `map<${toGlueType(type.key)},${toGlueType(type.value)}>`;
    case 'struct':
      return `struct<${type.fields.map((f) => `${f.name}:${toGlueType(f.type)}`).join(',')}>`;
  }
}
