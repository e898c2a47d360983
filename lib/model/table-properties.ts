import type { PathProblem } from './problems';

type PropertyRule = { allowed: readonly string[] } | { integer: 'positive' | 'non-negative' } | { boolean: true };

/** Iceberg table properties we know and check (Iceberg itself parses most of them lazily, at write time). */
export const KNOWN_PROPERTIES: Readonly<Record<string, PropertyRule>> = {
  'format-version': { allowed: ['1', '2', '3'] },
  'write.format.default': { allowed: ['parquet', 'avro', 'orc'] },
  'write.delete.format.default': { allowed: ['parquet', 'avro', 'orc'] },
  'write.parquet.compression-codec': { allowed: ['zstd', 'gzip', 'snappy', 'lz4', 'brotli', 'uncompressed'] },
  'write.avro.compression-codec': { allowed: ['uncompressed', 'snappy', 'gzip', 'zstd', 'xz'] },
  'write.orc.compression-codec': { allowed: ['zlib', 'lz4', 'lzo', 'zstd', 'snappy', 'none'] },
  'write.delete.mode': { allowed: ['copy-on-write', 'merge-on-read'] },
  'write.update.mode': { allowed: ['copy-on-write', 'merge-on-read'] },
  'write.merge.mode': { allowed: ['copy-on-write', 'merge-on-read'] },
  'write.distribution-mode': { allowed: ['none', 'hash', 'range'] },
  'write.target-file-size-bytes': { integer: 'positive' },
  'write.parquet.row-group-size-bytes': { integer: 'positive' },
  'write.parquet.page-size-bytes': { integer: 'positive' },
  'write.metadata.previous-versions-max': { integer: 'positive' },
  'write.metadata.delete-after-commit.enabled': { boolean: true },
  'write.object-storage.enabled': { boolean: true },
  'write.wap.enabled': { boolean: true },
  'history.expire.max-snapshot-age-ms': { integer: 'positive' },
  'history.expire.min-snapshots-to-keep': { integer: 'positive' },
  'history.expire.max-ref-age-ms': { integer: 'positive' },
  'commit.retry.num-retries': { integer: 'non-negative' },
  'commit.retry.min-wait-ms': { integer: 'non-negative' },
  'commit.retry.max-wait-ms': { integer: 'non-negative' },
  'commit.retry.total-timeout-ms': { integer: 'non-negative' },
  'commit.manifest.target-size-bytes': { integer: 'positive' },
  'commit.manifest-merge.enabled': { boolean: true },
  'read.split.target-size': { integer: 'positive' },
  'gc.enabled': { boolean: true },
};

/** Key families Iceberg defines; anything else is almost certainly a typo or not an Iceberg property. */
const PROPERTY_KEY = /^(format-version|(write|read|commit|history|gc|snapshot|schema|compatibility|engine)\.[a-z0-9._-]+)$/;

export function checkTableProperties(properties: Record<string, unknown>): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const [key, raw] of Object.entries(properties)) {
    const path = ['properties', key];
    if (!PROPERTY_KEY.test(key)) {
      problems.push({
        path,
        atKey: true,
        message: `'${key}' is not an Iceberg table property; keys are 'format-version' or start with write., read., commit., history., gc., snapshot., schema., compatibility., engine.`,
      });
      continue;
    }
    const rule = KNOWN_PROPERTIES[key];
    if (!rule) continue;
    const value = String(raw);
    if ('allowed' in rule && !rule.allowed.includes(value)) {
      problems.push({ path, message: `'${value}' is not allowed; use one of: ${rule.allowed.join(', ')}` });
    } else if ('integer' in rule) {
      const ok = /^[0-9]+$/.test(value) && (rule.integer === 'non-negative' || Number(value) > 0);
      if (!ok) problems.push({ path, message: `'${value}' must be a ${rule.integer} whole number` });
    } else if ('boolean' in rule && value !== 'true' && value !== 'false') {
      problems.push({ path, message: `'${value}' must be true or false` });
    }
  }
  const version = properties['format-version'];
  if (String(version ?? '2') === '1') {
    for (const mode of ['write.delete.mode', 'write.update.mode', 'write.merge.mode']) {
      if (properties[mode] === 'merge-on-read') {
        problems.push({
          path: ['properties', mode],
          message: `merge-on-read writes delete files, which need format-version 2 or 3 (format-version is 1)`,
        });
      }
    }
  }
  return problems;
}
