import { describe, expect, it } from 'vitest';
import { checkTableProperties } from '../../lib/model/table-properties';
import { problemAt, templateProblems, validTemplate } from './helpers';

const COLUMNS = ['{ name: id, type: long }'];
const props = (...lines: string[]): string => `properties:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
const propertyProblems = (...lines: string[]) => templateProblems(COLUMNS, props(...lines));

describe('known Iceberg table properties', () => {
  it('accepts the values Iceberg accepts, as strings, numbers or booleans', () => {
    const t = validTemplate(
      COLUMNS,
      props(
        'format-version: 1',
        'write.format.default: avro',
        'write.parquet.compression-codec: snappy',
        'write.target-file-size-bytes: 134217728',
        'write.metadata.delete-after-commit.enabled: true',
        'write.metadata.previous-versions-max: "50"',
        'history.expire.max-snapshot-age-ms: 432000000',
        'history.expire.min-snapshots-to-keep: 1',
        'commit.retry.num-retries: 0',
        'write.delete.mode: copy-on-write',
        'write.update.mode: copy-on-write',
        'write.merge.mode: copy-on-write',
        'write.distribution-mode: hash',
        'gc.enabled: "false"',
        'read.split.target-size: 1024',
        'schema.name-mapping.default: "[]"',
      ),
    );
    expect(t.formatVersion).toBe(1);
  });

  it('rejects format-version 4 and 0 with the allowed versions', () => {
    expect(problemAt(propertyProblems('format-version: 4'), 'properties["format-version"]').message).toBe(
      "'4' is not allowed; use one of: 1, 2, 3",
    );
    expect(problemAt(propertyProblems('format-version: "0"'), 'properties["format-version"]')).toBeDefined();
  });

  it('rejects an unknown file format and codec', () => {
    expect(problemAt(propertyProblems('write.format.default: csv'), 'properties["write.format.default"]').message).toBe(
      "'csv' is not allowed; use one of: parquet, avro, orc",
    );
    expect(
      problemAt(propertyProblems('write.parquet.compression-codec: lzo'), 'properties["write.parquet.compression-codec"]').message,
    ).toBe("'lzo' is not allowed; use one of: zstd, gzip, snappy, lz4, brotli, uncompressed");
  });

  it.each([
    ['write.target-file-size-bytes', '512MB', 'positive'],
    ['write.target-file-size-bytes', '1.5', 'positive'],
    ['write.target-file-size-bytes', '0', 'positive'],
    ['history.expire.max-snapshot-age-ms', '-1', 'positive'],
    ['history.expire.min-snapshots-to-keep', 'true', 'positive'],
    ['commit.retry.num-retries', '-1', 'non-negative'],
  ])('rejects %s: %s (not a %s whole number)', (key, value, kind) => {
    const p = problemAt(propertyProblems(`${key}: ${value}`), `properties["${key}"]`);
    expect(p.message).toBe(`'${value}' must be a ${kind} whole number`);
  });

  it('rejects a boolean property that is not true or false', () => {
    expect(
      problemAt(
        propertyProblems('write.metadata.delete-after-commit.enabled: "yes"'),
        'properties["write.metadata.delete-after-commit.enabled"]',
      ).message,
    ).toBe("'yes' must be true or false");
  });

  it.each(['write.delete.mode', 'write.update.mode', 'write.merge.mode'])('rejects a bad %s', (key) => {
    expect(problemAt(propertyProblems(`${key}: merge`), `properties["${key}"]`).message).toBe(
      "'merge' is not allowed; use one of: copy-on-write, merge-on-read",
    );
  });

  it('rejects merge-on-read with format-version 1 (delete files need v2)', () => {
    const problems = propertyProblems('format-version: 1', 'write.delete.mode: merge-on-read', 'write.merge.mode: merge-on-read');
    expect(problemAt(problems, 'properties["write.delete.mode"]').message).toBe(
      'merge-on-read writes delete files, which need format-version 2 or 3 (format-version is 1)',
    );
    expect(problemAt(problems, 'properties["write.merge.mode"]')).toBeDefined();
    expect(() => validTemplate(COLUMNS, props('write.delete.mode: merge-on-read'))).not.toThrow();
  });

  it('rejects a key that is not an Iceberg property, at the key, saying which keys are', () => {
    const problems = propertyProblems('owner: data-team', 'format_version: 2');
    const p = problemAt(problems, 'properties.owner');
    expect(p.message).toBe(
      "'owner' is not an Iceberg table property; keys are 'format-version' or start with write., read., commit., history., gc., snapshot., schema., compatibility., engine.",
    );
    expect([p.line, p.column]).toEqual([6, 3]);
    expect(problemAt(problems, 'properties.format_version')).toBeDefined();
  });

  it('passes unknown keys of the known families through (Iceberg has many)', () => {
    expect(() => validTemplate(COLUMNS, props('write.parquet.bloom-filter-enabled.column.id: true'))).not.toThrow();
  });

  it('rejects a value that is not a string, number or boolean (JSON Schema)', () => {
    expect(problemAt(propertyProblems('format-version: [2]'), 'properties["format-version"]').message).toBe(
      'must be string or number or boolean',
    );
  });

  it('checkTableProperties returns path problems for code-built input', () => {
    expect(checkTableProperties({ 'format-version': 2, 'write.format.default': 'parquet' })).toEqual([]);
    expect(checkTableProperties({ 'format-version': 5 })).toEqual([
      { path: ['properties', 'format-version'], message: "'5' is not allowed; use one of: 1, 2, 3" },
    ]);
  });
});
