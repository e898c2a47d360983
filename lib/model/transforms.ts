import { typeFamily, type IcebergType } from './iceberg-types';

export type Transform =
  | { readonly kind: 'identity' | 'year' | 'month' | 'day' | 'hour' | 'void' }
  | { readonly kind: 'bucket'; readonly buckets: number }
  | { readonly kind: 'truncate'; readonly width: number };

export const TRANSFORM_SYNTAX = 'identity, bucket[N], truncate[W], year, month, day, hour, void';

/** Transform names as written, for suggestions (`dya` → `day`). */
export const TRANSFORM_NAMES: readonly string[] = ['identity', 'bucket[N]', 'truncate[W]', 'year', 'month', 'day', 'hour', 'void'];

/** Parses `bucket[16]`, `day`, ...; returns undefined for anything else. */
export function parseTransform(text: string): Transform | undefined {
  const simple = /^(identity|year|month|day|hour|void)$/.exec(text);
  if (simple) return { kind: simple[1] as 'identity' };
  const param = /^(bucket|truncate)\[([0-9]+)\]$/.exec(text);
  if (!param) return undefined;
  const n = Number(param[2]);
  return param[1] === 'bucket' ? { kind: 'bucket', buckets: n } : { kind: 'truncate', width: n };
}

const TIME_TYPES = ['date', 'timestamp', 'timestamptz', 'timestamp_ns', 'timestamptz_ns'];
const TIMESTAMP_TYPES = ['timestamp', 'timestamptz', 'timestamp_ns', 'timestamptz_ns'];
const IDENTITY_TYPES = [
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'decimal',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'timestamp_ns',
  'timestamptz_ns',
  'string',
  'uuid',
  'fixed',
  'binary',
  'unknown',
];

/**
 * Source types each transform accepts, from the Iceberg spec's partition transform table
 * (identity: any primitive except variant, geometry and geography).
 */
export const TRANSFORM_SOURCE_TYPES: Readonly<Record<Transform['kind'], readonly string[]>> = {
  identity: IDENTITY_TYPES,
  bucket: ['int', 'long', 'decimal', 'date', 'time', ...TIMESTAMP_TYPES, 'string', 'uuid', 'fixed', 'binary'],
  truncate: ['int', 'long', 'decimal', 'string', 'binary'],
  year: TIME_TYPES,
  month: TIME_TYPES,
  day: TIME_TYPES,
  hour: TIMESTAMP_TYPES,
  void: [...IDENTITY_TYPES, 'variant'],
};

export function transformAccepts(transform: Transform, source: IcebergType): boolean {
  return TRANSFORM_SOURCE_TYPES[transform.kind].includes(typeFamily(source));
}

/** Iceberg's default partition field name for a source column and transform. */
export function defaultPartitionName(source: string, transform: Transform): string {
  switch (transform.kind) {
    case 'identity':
      return source;
    case 'bucket':
      return `${source}_bucket`;
    case 'truncate':
      return `${source}_trunc`;
    case 'void':
      return `${source}_null`;
    default:
      return `${source}_${transform.kind}`;
  }
}

/** Two partition fields with the same key on one source are redundant (Iceberg rejects them). */
export function redundancyKey(transform: Transform): string {
  return ['year', 'month', 'day', 'hour'].includes(transform.kind) ? 'time' : transform.kind;
}

/** Iceberg JSON / Athena spelling: `bucket[16]`, `truncate[4]`, `day`. */
export function printTransform(t: Transform): string {
  if (t.kind === 'bucket') return `bucket[${t.buckets}]`;
  if (t.kind === 'truncate') return `truncate[${t.width}]`;
  return t.kind;
}
