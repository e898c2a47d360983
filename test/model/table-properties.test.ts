import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTableProperties, KNOWN_PROPERTIES } from '../../lib/model/table-properties';
import { problemAt, templateProblems, validTemplate } from './helpers';

const props = (...lines: string[]): string => `properties:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
const COLUMNS = ['{ name: id, type: long }', '{ name: payload, type: "struct<country:string>" }'];

describe('table property keys', () => {
  it('reports a typo under a known prefix, with the key meant', () => {
    const problems = templateProblems(COLUMNS, props('write.parquet.compresion-codec: zstd', 'history.expire.max-snapshot-age: 1000'));
    expect(problemAt(problems, 'properties["write.parquet.compresion-codec"]').message).toBe(
      '"write.parquet.compresion-codec" is not a property Iceberg defines (did you mean write.parquet.compression-codec?); see docs/template-reference.md for the list',
    );
    expect(problemAt(problems, 'properties["history.expire.max-snapshot-age"]').message).toMatch(
      /\(did you mean history\.expire\.max-snapshot-age-ms\?\)/,
    );
  });

  it('accepts the properties Iceberg defines, per-column ones on a column of the table', () => {
    expect(() =>
      validTemplate(
        COLUMNS,
        props(
          'write.parquet.compression-level: 3',
          'write.delete.granularity: file',
          'read.split.adaptive-size.enabled: false',
          'write.parquet.bloom-filter-enabled.column.id: true',
          'write.parquet.bloom-filter-fpp.column.id: 0.01',
          'write.metadata.metrics.column.payload.country: full',
          'write.object-storage.partitioned-paths: false',
        ),
      ),
    ).not.toThrow();
  });

  it('checks the column of a per-column property', () => {
    const problems = templateProblems(COLUMNS, props('write.parquet.bloom-filter-enabled.column.ids: true'));
    expect(problemAt(problems, 'properties["write.parquet.bloom-filter-enabled.column.ids"]').message).toBe(
      'column "ids" of "write.parquet.bloom-filter-enabled.column.ids" does not exist (did you mean id?); columns are: id, payload',
    );
  });
});

describe('table property values', () => {
  it.each([
    ['write.wap.enabled', 'yes', '"yes" is not true or false'],
    ['gc.enabled', '1', '1 is not true or false'],
    ['write.parquet.bloom-filter-enabled.column.id', 'on', '"on" is not true or false'],
    ['commit.manifest.min-count-to-merge', 'many', '"many" is not a non-negative whole number'],
    ['write.parquet.page-row-limit', '0', '0 is not a positive whole number'],
    ['write.parquet.compression-level', '1.5', '1.5 is not a whole number'],
    ['write.orc.bloom.filter.fpp', '1.5', '1.5 is not a number between 0 and 1 (exclusive)'],
    [
      'write.delete.isolation-level',
      'serialisable',
      '"serialisable" is not allowed (did you mean serializable?); use one of: serializable, snapshot',
    ],
    ['encryption.data-key-length', '20', '20 is not allowed; use one of: 16, 24, 32'],
  ])('%s: %s', (key, value, message) => {
    expect(problemAt(templateProblems(COLUMNS, props(`${key}: ${value}`)), `properties["${key}"]`).message).toBe(message);
  });

  it('checks code-built properties the same way (numbers and booleans as values)', () => {
    expect(checkTableProperties({ 'gc.enabled': true, 'write.target-file-size-bytes': 536870912 })).toEqual([]);
    expect(checkTableProperties({ 'gc.enabled': 'nope' })).toEqual([
      { path: ['properties', 'gc.enabled'], message: '"nope" is not true or false' },
    ]);
  });

  it('are all listed in docs/template-reference.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'template-reference.md'), 'utf8');
    expect(Object.keys(KNOWN_PROPERTIES).filter((k) => !doc.includes(`\`${k}\``))).toEqual([]);
  });

  it('lists only keys in Iceberg’s families', () => {
    const families = /^(format-version|(write|read|commit|history|gc|schema|compatibility|engine|encryption)\.|identifier-fields\.)/;
    expect(Object.keys(KNOWN_PROPERTIES).filter((k) => !families.test(k))).toEqual([]);
  });
});
