import type { PathProblem } from './problems';
import { quoteValue } from './schema-words';
import { closestMatch, didYouMean } from './suggest';

type PropertyRule =
  | { readonly allowed: readonly string[] }
  | { readonly integer: 'positive' | 'non-negative' | 'any' }
  | { readonly boolean: true }
  | { readonly fraction: true }
  | { readonly text: true };

const CODECS = {
  parquet: ['zstd', 'gzip', 'snappy', 'lz4', 'brotli', 'uncompressed'],
  avro: ['uncompressed', 'snappy', 'gzip', 'zstd', 'xz'],
  orc: ['zlib', 'lz4', 'lzo', 'zstd', 'snappy', 'none'],
} as const;
const FORMATS = ['parquet', 'avro', 'orc'];
const MODES = ['copy-on-write', 'merge-on-read'];
const DISTRIBUTION = ['none', 'hash', 'range'];
const ISOLATION = ['serializable', 'snapshot'];
const PLANNING = ['auto', 'local', 'distributed'];

const positive = { integer: 'positive' } as const;
const nonNegative = { integer: 'non-negative' } as const;
const flag = { boolean: true } as const;
const text = { text: true } as const;
const oneOf = (...allowed: string[]): PropertyRule => ({ allowed });

/**
 * Every table property Iceberg defines (org.apache.iceberg.TableProperties, apache/iceberg at
 * 7f879b1, 2026-08-21), with how its value is checked. Iceberg itself parses most of them lazily,
 * at write time, so a typo in a key is silently ignored and a bad value fails the first write.
 */
export const KNOWN_PROPERTIES: Readonly<Record<string, PropertyRule>> = {
  'format-version': oneOf('1', '2', '3'),
  'commit.retry.num-retries': nonNegative,
  'commit.retry.min-wait-ms': nonNegative,
  'commit.retry.max-wait-ms': nonNegative,
  'commit.retry.total-timeout-ms': nonNegative,
  'commit.status-check.num-retries': nonNegative,
  'commit.status-check.min-wait-ms': nonNegative,
  'commit.status-check.max-wait-ms': nonNegative,
  'commit.status-check.total-timeout-ms': nonNegative,
  'commit.manifest.target-size-bytes': positive,
  'commit.manifest.min-count-to-merge': nonNegative,
  'commit.manifest-merge.enabled': flag,
  'write.format.default': oneOf(...FORMATS),
  'write.delete.format.default': oneOf(...FORMATS),
  'write.parquet.row-group-size-bytes': positive,
  'write.delete.parquet.row-group-size-bytes': positive,
  'write.parquet.page-size-bytes': positive,
  'write.delete.parquet.page-size-bytes': positive,
  'write.parquet.page-version': oneOf('v1', 'v2'),
  'write.delete.parquet.page-version': oneOf('v1', 'v2'),
  'write.parquet.page-row-limit': positive,
  'write.delete.parquet.page-row-limit': positive,
  'write.parquet.dict-size-bytes': positive,
  'write.delete.parquet.dict-size-bytes': positive,
  'write.parquet.compression-codec': oneOf(...CODECS.parquet),
  'write.delete.parquet.compression-codec': oneOf(...CODECS.parquet),
  'write.parquet.compression-level': { integer: 'any' },
  'write.delete.parquet.compression-level': { integer: 'any' },
  'write.parquet.shred-variants': flag,
  'write.parquet.variant-inference-buffer-size': positive,
  'write.parquet.row-group-check-min-record-count': positive,
  'write.delete.parquet.row-group-check-min-record-count': positive,
  'write.parquet.row-group-check-max-record-count': positive,
  'write.delete.parquet.row-group-check-max-record-count': positive,
  'write.parquet.row-group-size-track-uncompressed': flag,
  'write.parquet.bloom-filter-max-bytes': positive,
  'write.parquet.bloom-filter-adaptive-enabled': flag,
  'write.avro.compression-codec': oneOf(...CODECS.avro),
  'write.delete.avro.compression-codec': oneOf(...CODECS.avro),
  'write.avro.compression-level': { integer: 'any' },
  'write.delete.avro.compression-level': { integer: 'any' },
  'write.manifest.compression-codec': text,
  'write.manifest.compression-level': { integer: 'any' },
  'write.orc.stripe-size-bytes': positive,
  'write.delete.orc.stripe-size-bytes': positive,
  'write.orc.bloom.filter.columns': text,
  'write.orc.bloom.filter.fpp': { fraction: true },
  'write.orc.block-size-bytes': positive,
  'write.delete.orc.block-size-bytes': positive,
  'write.orc.vectorized.batch-size': positive,
  'write.delete.orc.vectorized.batch-size': positive,
  'write.orc.compression-codec': oneOf(...CODECS.orc),
  'write.delete.orc.compression-codec': oneOf(...CODECS.orc),
  'write.orc.compression-strategy': oneOf('speed', 'compression'),
  'write.delete.orc.compression-strategy': oneOf('speed', 'compression'),
  'read.split.target-size': positive,
  'read.split.metadata-target-size': positive,
  'read.split.planning-lookback': positive,
  'read.split.open-file-cost': nonNegative,
  'read.split.adaptive-size.enabled': flag,
  'read.parquet.vectorization.enabled': flag,
  'read.parquet.vectorization.batch-size': positive,
  'read.orc.vectorization.enabled': flag,
  'read.orc.vectorization.batch-size': positive,
  'read.data-planning-mode': oneOf(...PLANNING),
  'read.delete-planning-mode': oneOf(...PLANNING),
  'identifier-fields.rely': flag,
  'write.object-storage.enabled': flag,
  'write.object-storage.partitioned-paths': flag,
  'write.object-storage.path': text,
  'write.location-provider.impl': text,
  'write.folder-storage.path': text,
  'write.data.path': text,
  'write.metadata.path': text,
  'write.summary.partition-limit': nonNegative,
  'write.metadata.compression-codec': oneOf('none', 'gzip'),
  'write.metadata.previous-versions-max': positive,
  'write.metadata.delete-after-commit.enabled': flag,
  'write.metadata.metrics.max-inferred-column-defaults': nonNegative,
  'write.metadata.metrics.default': text,
  'schema.name-mapping.default': text,
  'write.wap.enabled': flag,
  'write.target-file-size-bytes': positive,
  'write.delete.target-file-size-bytes': positive,
  'write.spark.fanout.enabled': flag,
  'write.spark.accept-any-schema': flag,
  'write.spark.auto-schema-evolution.enabled': flag,
  'write.spark.advisory-partition-size-bytes': positive,
  'compatibility.snapshot-id-inheritance.enabled': flag,
  'engine.hive.enabled': flag,
  'engine.hive.lock-enabled': flag,
  'write.distribution-mode': oneOf(...DISTRIBUTION),
  'write.delete.distribution-mode': oneOf(...DISTRIBUTION),
  'write.update.distribution-mode': oneOf(...DISTRIBUTION),
  'write.merge.distribution-mode': oneOf(...DISTRIBUTION),
  'gc.enabled': flag,
  'history.expire.max-snapshot-age-ms': positive,
  'history.expire.min-snapshots-to-keep': positive,
  'history.expire.max-ref-age-ms': positive,
  'write.delete.granularity': oneOf('partition', 'file'),
  'write.delete.isolation-level': oneOf(...ISOLATION),
  'write.delete.mode': oneOf(...MODES),
  'write.update.isolation-level': oneOf(...ISOLATION),
  'write.update.mode': oneOf(...MODES),
  'write.merge.isolation-level': oneOf(...ISOLATION),
  'write.merge.mode': oneOf(...MODES),
  'write.upsert.enabled': flag,
  'encryption.key-id': text,
  'encryption.data-key-length': oneOf('16', '24', '32'),
};

/** Per-column properties: `<prefix><column>`, the column by name or dotted path (TableProperties' `*_PREFIX`). */
const COLUMN_PROPERTIES: Readonly<Record<string, PropertyRule>> = {
  'write.metadata.metrics.column.': text,
  'write.parquet.bloom-filter-enabled.column.': flag,
  'write.parquet.bloom-filter-fpp.column.': { fraction: true },
  'write.parquet.bloom-filter-ndv.column.': positive,
  'write.parquet.stats-enabled.column.': flag,
  'write.parquet.dict-encoding-enabled.column.': flag,
};

/** Key families Iceberg's properties use; a key outside them is not an Iceberg table property. */
const FAMILIES = ['write.', 'read.', 'commit.', 'history.', 'gc.', 'schema.', 'compatibility.', 'engine.', 'encryption.'];

/** The rule for a key (a per-column key with its column), or undefined for a key Iceberg does not define. */
function ruleFor(key: string): { rule: PropertyRule; column?: string } | undefined {
  const known = KNOWN_PROPERTIES[key];
  if (known) return { rule: known };
  const prefix = Object.keys(COLUMN_PROPERTIES).find((p) => key.startsWith(p) && key.length > p.length);
  return prefix ? { rule: COLUMN_PROPERTIES[prefix]!, column: key.slice(prefix.length) } : undefined;
}

/**
 * Checks table properties: every key is one Iceberg defines (a typo is reported with the closest
 * key), and values of enumerated, boolean and numeric properties have the right form. `columns`
 * (the template's column names) checks the column of a per-column property.
 */
export function checkTableProperties(properties: Record<string, unknown>, columns?: readonly string[]): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const [key, raw] of Object.entries(properties)) {
    const path = ['properties', key];
    const found = ruleFor(key);
    if (!found) {
      problems.push({ path, atKey: true, message: unknownKeyMessage(key) });
      continue;
    }
    if (found.column !== undefined && columns && !columns.includes(found.column.split('.')[0]!)) {
      problems.push({
        path,
        atKey: true,
        message: `column ${JSON.stringify(found.column)} of ${JSON.stringify(key)} does not exist${didYouMean(found.column, columns)}; columns are: ${columns.join(', ')}`,
      });
    }
    const valueProblem = checkValue(found.rule, raw);
    if (valueProblem) problems.push({ path, message: valueProblem });
  }
  problems.push(...versionProblems(properties));
  return problems;
}

function unknownKeyMessage(key: string): string {
  const inFamily = key === 'format-version' || FAMILIES.some((f) => key.startsWith(f));
  const near = closestMatch(key, Object.keys(KNOWN_PROPERTIES));
  const suggestion = near ? ` (did you mean ${near}?)` : '';
  if (inFamily) return `${JSON.stringify(key)} is not a property Iceberg defines${suggestion}; see docs/template-reference.md for the list`;
  return (
    `${JSON.stringify(key)} is not an Iceberg table property${suggestion}; keys are format-version or start with ` +
    `${FAMILIES.join(', ')}`
  );
}

/** What is wrong with a value, in words, or undefined. Values are compared as written (YAML 2 and "2" alike). */
function checkValue(rule: PropertyRule, raw: unknown): string | undefined {
  const value = String(raw);
  const shown = quoteValue(raw);
  if ('allowed' in rule) {
    if (rule.allowed.includes(value)) return undefined;
    return `${shown} is not allowed${didYouMean(value, rule.allowed)}; use one of: ${rule.allowed.join(', ')}`;
  }
  if ('integer' in rule) {
    const whole = rule.integer === 'any' ? /^-?[0-9]+$/.test(value) : /^[0-9]+$/.test(value);
    if (whole && (rule.integer !== 'positive' || Number(value) > 0)) return undefined;
    const kind = rule.integer === 'any' ? 'a whole number' : `a ${rule.integer} whole number`;
    return `${shown} is not ${kind}`;
  }
  if ('boolean' in rule) return value === 'true' || value === 'false' ? undefined : `${shown} is not true or false`;
  if ('fraction' in rule) {
    const n = Number(value);
    return value.trim() !== '' && n > 0 && n < 1 ? undefined : `${shown} is not a number between 0 and 1 (exclusive)`;
  }
  return undefined;
}

function versionProblems(properties: Record<string, unknown>): PathProblem[] {
  const problems: PathProblem[] = [];
  if (String(properties['format-version'] ?? '2') !== '1') return problems;
  for (const mode of ['write.delete.mode', 'write.update.mode', 'write.merge.mode']) {
    if (properties[mode] === 'merge-on-read') {
      problems.push({
        path: ['properties', mode],
        message: `merge-on-read writes delete files, which need format-version 2 or 3 (format-version is 1)`,
      });
    }
  }
  return problems;
}
