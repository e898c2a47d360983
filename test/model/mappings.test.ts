import { describe, expect, it } from 'vitest';
import { parseIcebergType } from '../../lib/model/iceberg-types';
import { bigQueryDecimalType, bigQueryUnsupportedReason, toBigQueryField } from '../../lib/model/mappings/bigquery';
import { toGlueType } from '../../lib/model/mappings/glue';

const glue = (t: string): string => toGlueType(parseIcebergType(t));
const bq = (t: string, required = false, description?: string) => toBigQueryField('c', parseIcebergType(t), required, description);

describe('Iceberg → Glue (Hive) column types', () => {
  it.each([
    ['boolean', 'boolean'],
    ['int', 'int'],
    ['long', 'bigint'],
    ['float', 'float'],
    ['double', 'double'],
    ['decimal(38,9)', 'decimal(38,9)'],
    ['date', 'date'],
    ['time', 'string'],
    ['timestamp', 'timestamp'],
    ['timestamptz', 'timestamp'],
    ['timestamp_ns', 'timestamp'],
    ['timestamptz_ns', 'timestamp'],
    ['string', 'string'],
    ['uuid', 'string'],
    ['fixed[16]', 'binary'],
    ['binary', 'binary'],
    ['variant', 'string'],
    ['unknown', 'string'],
  ])('%s → %s', (iceberg, hive) => {
    expect(glue(iceberg)).toBe(hive);
  });

  it('maps nested types recursively', () => {
    expect(glue('list<long>')).toBe('array<bigint>');
    expect(glue('map<string,decimal(10,2)>')).toBe('map<string,decimal(10,2)>');
    expect(glue('struct<a:uuid,b:list<struct<c:timestamptz,d:map<int,fixed[2]>>>>')).toBe(
      'struct<a:string,b:array<struct<c:timestamp,d:map<int,binary>>>>',
    );
  });
});

describe('Iceberg → BigQuery schema fields', () => {
  it.each([
    ['boolean', 'BOOL'],
    ['int', 'INT64'],
    ['long', 'INT64'],
    ['float', 'FLOAT64'],
    ['double', 'FLOAT64'],
    ['date', 'DATE'],
    ['time', 'TIME'],
    ['timestamp', 'DATETIME'],
    ['timestamptz', 'TIMESTAMP'],
    ['string', 'STRING'],
    ['uuid', 'BYTES'],
    ['fixed[16]', 'BYTES'],
    ['binary', 'BYTES'],
  ])('%s → %s', (iceberg, type) => {
    expect(bq(iceberg)).toEqual({ name: 'c', type, mode: 'NULLABLE' });
  });

  it('required columns are REQUIRED and keep their description', () => {
    expect(bq('long', true, 'the id')).toEqual({ name: 'c', type: 'INT64', mode: 'REQUIRED', description: 'the id' });
  });

  it('NUMERIC when scale ≤ 9 and integer digits (P − S) ≤ 29, else BIGNUMERIC; precision and scale kept', () => {
    const cases: [number, number, string][] = [
      [38, 9, 'NUMERIC'], // 29 integer digits, 9 fractional: NUMERIC's exact range
      [29, 0, 'NUMERIC'],
      [10, 2, 'NUMERIC'],
      [9, 9, 'NUMERIC'],
      [38, 10, 'BIGNUMERIC'], // scale 10 > 9
      [30, 0, 'BIGNUMERIC'], // 30 integer digits > 29
      [38, 0, 'BIGNUMERIC'],
      [38, 38, 'BIGNUMERIC'],
      [10, 10, 'BIGNUMERIC'],
    ];
    for (const [p, s, type] of cases) {
      expect(bigQueryDecimalType(p, s), `decimal(${p},${s})`).toBe(type);
      expect(bq(`decimal(${p},${s})`)).toEqual({ name: 'c', type, mode: 'NULLABLE', precision: String(p), scale: String(s) });
    }
  });

  it('list → REPEATED field of the element type', () => {
    expect(bq('list<string>', true, 'tags')).toEqual({ name: 'c', type: 'STRING', mode: 'REPEATED', description: 'tags' });
  });

  it('struct → RECORD with NULLABLE sub-fields', () => {
    expect(bq('struct<a:int,b:timestamp>', true)).toEqual({
      name: 'c',
      type: 'RECORD',
      mode: 'REQUIRED',
      fields: [
        { name: 'a', type: 'INT64', mode: 'NULLABLE' },
        { name: 'b', type: 'DATETIME', mode: 'NULLABLE' },
      ],
    });
  });

  it('map → REPEATED RECORD of a REQUIRED key and a NULLABLE value', () => {
    expect(bq('map<string,list<long>>')).toEqual({
      name: 'c',
      type: 'RECORD',
      mode: 'REPEATED',
      fields: [
        { name: 'key', type: 'STRING', mode: 'REQUIRED' },
        { name: 'value', type: 'INT64', mode: 'REPEATED' },
      ],
    });
  });

  it('list<struct<...list...>> → REPEATED RECORD with a REPEATED sub-field (allowed: the struct separates the arrays)', () => {
    expect(bq('list<struct<x:list<int>>>')).toEqual({
      name: 'c',
      type: 'RECORD',
      mode: 'REPEATED',
      fields: [{ name: 'x', type: 'INT64', mode: 'REPEATED' }],
    });
  });

  it('rejects arrays of arrays (list<list<...>>, list<map<...>>) and says how to fix it', () => {
    for (const t of ['list<list<int>>', 'list<map<string,int>>', 'struct<a:list<list<int>>>']) {
      expect(bigQueryUnsupportedReason(parseIcebergType(t)), t).toContain('BigQuery cannot nest an array directly in an array');
      expect(() => bq(t), t).toThrow(/column 'c': BigQuery cannot nest an array directly in an array .*; wrap it in a struct/);
    }
  });

  it('rejects v3 types BigQuery has no type for, also nested', () => {
    for (const [t, name] of [
      ['timestamp_ns', 'timestamp_ns'],
      ['timestamptz_ns', 'timestamptz_ns'],
      ['variant', 'variant'],
      ['unknown', 'unknown'],
      ['map<string,struct<v:variant>>', 'variant'],
    ]) {
      expect(() => bq(t!)).toThrow(`column 'c': BigQuery has no type for Iceberg ${name}`);
    }
  });
});
