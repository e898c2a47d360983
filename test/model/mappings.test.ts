import { beforeAll, describe, expect, it } from 'vitest';
import { parseIcebergType } from '../../lib/model/iceberg-types';
import { bigQueryDecimalType, bigQueryUnsupportedReason, toBigQueryField } from '../../lib/model/mappings/bigquery';
import { toGlueType } from '../../lib/model/mappings/glue';
import { toIcebergTableJson, type IcebergTableJson } from '../../lib/model/mappings/iceberg-json';
import { validTemplate } from './helpers';

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

/**
 * Field ids follow Iceberg's fresh-id assignment (TypeUtil.assignFreshIds / AssignFreshIds): a
 * struct's own fields get consecutive ids first, then each field's nested types in order; a list
 * takes its element id before visiting the element, a map its key and value ids before both.
 */
const COLUMNS = [
  '{ name: id, type: long, required: true, description: Order id }', // 1
  '{ name: payload, type: "struct<country:string,geo:struct<lat:long,lon:double>>" }', // 2: country 8, geo 9 (lat 10, lon 11)
  '{ name: tags, type: "list<string>" }', // 3: element 12
  '{ name: attrs, type: "map<string,struct<v:int>>" }', // 4: key 13, value 14 (v 15)
  '{ name: events, type: "list<struct<at:timestamptz,kv:map<string,decimal(10,2)>>>" }', // 5: element 16 (at 17, kv 18: key 19, value 20)
  '{ name: ts, type: timestamptz, required: true }', // 6
  '{ name: code, type: "fixed[4]" }', // 7
];

const EXTRA = `partition_spec:
  - { column: ts, transform: day }
  - { column: payload.country, transform: identity }
  - { column: payload.geo.lat, transform: "bucket[8]", name: lat_bucket }
  - { column: id, transform: "truncate[100]" }
sort_order:
  - { column: ts }
  - { column: id, direction: desc }
  - { column: payload.country, direction: asc, null_order: nulls_last }
  - { column: code, transform: "bucket[4]", direction: desc, null_order: nulls_first }
properties:
  write.format.default: parquet
  commit.retry.num-retries: 4
`;

let json: IcebergTableJson;

beforeAll(() => {
  json = toIcebergTableJson(validTemplate(COLUMNS, EXTRA));
});

describe('toIcebergTableJson: schema (spec Appendix C)', () => {
  it('assigns top-level ids first, then nested ids in order', () => {
    expect(json.schema).toEqual({
      type: 'struct',
      'schema-id': 0,
      fields: [
        { id: 1, name: 'id', required: true, type: 'long', doc: 'Order id' },
        {
          id: 2,
          name: 'payload',
          required: false,
          type: {
            type: 'struct',
            fields: [
              { id: 8, name: 'country', required: false, type: 'string' },
              {
                id: 9,
                name: 'geo',
                required: false,
                type: {
                  type: 'struct',
                  fields: [
                    { id: 10, name: 'lat', required: false, type: 'long' },
                    { id: 11, name: 'lon', required: false, type: 'double' },
                  ],
                },
              },
            ],
          },
        },
        { id: 3, name: 'tags', required: false, type: { type: 'list', 'element-id': 12, element: 'string', 'element-required': false } },
        {
          id: 4,
          name: 'attrs',
          required: false,
          type: {
            type: 'map',
            'key-id': 13,
            key: 'string',
            'value-id': 14,
            value: { type: 'struct', fields: [{ id: 15, name: 'v', required: false, type: 'int' }] },
            'value-required': false,
          },
        },
        {
          id: 5,
          name: 'events',
          required: false,
          type: {
            type: 'list',
            'element-id': 16,
            element: {
              type: 'struct',
              fields: [
                { id: 17, name: 'at', required: false, type: 'timestamptz' },
                {
                  id: 18,
                  name: 'kv',
                  required: false,
                  type: { type: 'map', 'key-id': 19, key: 'string', 'value-id': 20, value: 'decimal(10,2)', 'value-required': false },
                },
              ],
            },
            'element-required': false,
          },
        },
        { id: 6, name: 'ts', required: true, type: 'timestamptz' },
        { id: 7, name: 'code', required: false, type: 'fixed[4]' },
      ],
    });
  });

  it('uses unique ids', () => {
    const ids = JSON.stringify(json.schema)
      .match(/"(id|element-id|key-id|value-id)":(\d+)/g)!
      .map((m) => Number(m.split(':')[1]));
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('toIcebergTableJson: partition spec and sort order', () => {
  it('partition fields get field ids from 1000, source ids of nested struct fields, default or explicit names', () => {
    expect(json['partition-spec']).toEqual({
      'spec-id': 0,
      fields: [
        { 'source-id': 6, 'field-id': 1000, name: 'ts_day', transform: 'day' },
        { 'source-id': 8, 'field-id': 1001, name: 'payload.country', transform: 'identity' },
        { 'source-id': 10, 'field-id': 1002, name: 'lat_bucket', transform: 'bucket[8]' },
        { 'source-id': 1, 'field-id': 1003, name: 'id_trunc', transform: 'truncate[100]' },
      ],
    });
  });

  it('sort order 1 with Iceberg default null orders (asc → nulls-first, desc → nulls-last) unless set', () => {
    expect(json['sort-order']).toEqual({
      'order-id': 1,
      fields: [
        { transform: 'identity', 'source-id': 6, direction: 'asc', 'null-order': 'nulls-first' },
        { transform: 'identity', 'source-id': 1, direction: 'desc', 'null-order': 'nulls-last' },
        { transform: 'identity', 'source-id': 8, direction: 'asc', 'null-order': 'nulls-last' },
        { transform: 'bucket[4]', 'source-id': 7, direction: 'desc', 'null-order': 'nulls-first' },
      ],
    });
  });

  it('properties are strings, sorted, with the format version made explicit', () => {
    expect(json.properties).toEqual({ 'commit.retry.num-retries': '4', 'format-version': '2', 'write.format.default': 'parquet' });
    expect(Object.keys(json.properties)).toEqual(['commit.retry.num-retries', 'format-version', 'write.format.default']);
  });

  it('an unpartitioned, unsorted table has an empty spec and the unsorted order 0', () => {
    const plain = toIcebergTableJson(validTemplate(['{ name: id, type: long }'], 'properties:\n  format-version: 3\n'));
    expect(plain['partition-spec']).toEqual({ 'spec-id': 0, fields: [] });
    expect(plain['sort-order']).toEqual({ 'order-id': 0, fields: [] });
    expect(plain.properties).toEqual({ 'format-version': '3' });
  });
});
