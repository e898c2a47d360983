import { describe, expect, it } from 'vitest';
import { generateTemplateYamls } from '../../bench/generate-templates';
import { expectedColumns, googleSqlType, schemaDriftSql, sqlString, type DriftCheckedBigQueryTable } from '../../lib/gcp/schema-drift-sql';
import { bigQueryUnsupportedReason } from '../../lib/model/mappings/bigquery';
import type { IcebergType } from '../../lib/model/iceberg-types';
import { parseTableTemplate } from '../../lib/model/load-templates';
import type { LoadedTableTemplate } from '../../lib/model/table-template';
import { extraTemplates } from '../support/extra-templates';
import { shippedTemplates } from '../support/synth';
import { templateFromYaml } from './helpers';

const checked = (t: LoadedTableTemplate): DriftCheckedBigQueryTable => ({
  key: `${t.namespace}.${t.name}`,
  dataset: `acme_lake_gcp_dev_${t.namespace}`,
  table: t.name,
  template: t,
});
const sqlFor = (templates: readonly LoadedTableTemplate[]) =>
  schemaDriftSql({ projectId: 'acme-lake-dev', prefix: 'acme-lake-gcp-dev', tables: templates.map(checked) });

/**
 * The GoogleSQL type INFORMATION_SCHEMA.COLUMNS shows for an Iceberg column of a BigQuery-managed
 * table, written from the documented forms (`STRUCT<a INT64, b STRING>`, `ARRAY<...>`,
 * `NUMERIC(P, S)`) and BigQuery's presentation of Iceberg maps as repeated key/value records,
 * independently of the mapping code under test.
 */
function documentedType(type: IcebergType): string {
  switch (type.kind) {
    case 'primitive':
      return (
        {
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
        } as Record<string, string>
      )[type.name]!;
    case 'fixed':
      return 'BYTES';
    case 'decimal':
      return `${type.scale <= 9 && type.precision - type.scale <= 29 ? 'NUMERIC' : 'BIGNUMERIC'}(${type.precision}, ${type.scale})`;
    case 'struct':
      return `STRUCT<${type.fields.map((f) => `${f.name} ${documentedType(f.type)}`).join(', ')}>`;
    case 'list':
      return `ARRAY<${documentedType(type.element)}>`;
    case 'map':
      return `ARRAY<STRUCT<key ${documentedType(type.key)}, value ${documentedType(type.value)}>>`;
  }
}

const bigQueryTemplates = (): LoadedTableTemplate[] =>
  [...shippedTemplates(), ...extraTemplates()].filter((t) => t.parsedColumns.every((c) => bigQueryUnsupportedReason(c.type) === undefined));

function generated(count: number): LoadedTableTemplate[] {
  return [...generateTemplateYamls(count)].map(([file, yaml]) => {
    const result = parseTableTemplate(file, yaml);
    if (!result.template) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
    return result.template;
  });
}

describe('the schema drift query', () => {
  it('for the shipped templates matches its reviewed snapshot', async () => {
    await expect(sqlFor(shippedTemplates())).toMatchFileSnapshot('__snapshots__/schema-drift-shipped.sql');
  });

  it('lists every column of every template with its BigQuery type (shipped, nested, generated templates)', () => {
    const templates = [...bigQueryTemplates(), ...generated(60)];
    const sql = sqlFor(templates);
    for (const t of templates) {
      for (const c of t.parsedColumns) {
        const nullable = documentedType(c.type).startsWith('ARRAY<') ? 'NULL' : c.required ? "'NO'" : "'YES'";
        const row = `(${[`${t.namespace}.${t.name}`, `acme_lake_gcp_dev_${t.namespace}`, t.name, c.name, documentedType(c.type)].map(sqlString).join(', ')}, ${nullable})`;
        expect(sql, `${t.name}.${c.name}`).toContain(row);
      }
    }
    const rows = sql.split('\n').filter((l) => /^ {4}\('/.test(l));
    expect(rows).toHaveLength(templates.reduce((n, t) => n + t.parsedColumns.length, 0));
  });

  it('reads INFORMATION_SCHEMA.COLUMNS of each lakehouse dataset once, for its template tables only', () => {
    const templates = bigQueryTemplates();
    const sql = sqlFor(templates);
    const froms = [...sql.matchAll(/FROM `acme-lake-dev`\.`([^`]+)`\.INFORMATION_SCHEMA\.COLUMNS\n {2}WHERE table_name IN \(([^)]*)\)/g)];
    expect(froms.map((m) => m[1])).toEqual([...new Set(templates.map((t) => `acme_lake_gcp_dev_${t.namespace}`))].sort());
    for (const [, dataset, names] of froms) {
      const expected = templates.filter((t) => `acme_lake_gcp_dev_${t.namespace}` === dataset).map((t) => sqlString(t.name));
      expect(names!.split(', ').sort()).toEqual(expected.sort());
    }
  });

  it('writes nested types the way INFORMATION_SCHEMA.COLUMNS shows them', () => {
    const t = templateFromYaml(`name: nested
namespace: sales
columns:
  - { name: device, type: "struct<os:string,mobile:boolean>" }
  - { name: tags, type: "list<string>", required: true }
  - { name: attrs, type: "map<string,struct<a:int,b:decimal(38,9)>>" }
  - { name: items, type: "list<struct<sku:string,qty:long,sizes:list<int>>>" }
  - { name: amount, type: "decimal(10,2)", required: true }
`);
    expect(expectedColumns([checked(t)]).map((c) => [c.column, c.dataType, c.isNullable])).toEqual([
      ['device', 'STRUCT<os STRING, mobile BOOL>', 'YES'],
      ['tags', 'ARRAY<STRING>', undefined],
      ['attrs', 'ARRAY<STRUCT<key STRING, value STRUCT<a INT64, b NUMERIC(38, 9)>>>', undefined],
      ['items', 'ARRAY<STRUCT<sku STRING, qty INT64, sizes ARRAY<INT64>>>', undefined],
      ['amount', 'NUMERIC(10, 2)', 'NO'],
    ]);
    expect(googleSqlType({ name: 'x', type: 'BIGNUMERIC', mode: 'NULLABLE', precision: '40', scale: '20' })).toBe('BIGNUMERIC(40, 20)');
  });

  it('compares types without regard to spacing, backticks, case or nested NOT NULL (applying its own patterns)', () => {
    const sql = sqlFor(shippedTemplates());
    // The normalization in the SQL: UPPER(REGEXP_REPLACE(REGEXP_REPLACE(x, r'<a>', ''), r'<b>', '')); RE2 and JavaScript agree on these patterns.
    const [, notNull, spaces] = /UPPER\(REGEXP_REPLACE\(REGEXP_REPLACE\(a\.data_type, r'([^']+)', ''\), r'([^']+)', ''\)\)/.exec(sql)!;
    const key = (type: string) => type.replace(new RegExp(notNull!, 'g'), '').replace(new RegExp(spaces!, 'g'), '').toUpperCase();
    const expected = 'ARRAY<STRUCT<key STRING, value NUMERIC(10, 2)>>';
    for (const shown of [
      'ARRAY<STRUCT<key STRING NOT NULL, value NUMERIC(10,2)>>',
      'ARRAY<STRUCT<`key` STRING, value NUMERIC(10, 2)>>',
      'array<struct<key string, value numeric(10, 2)>>',
    ]) {
      expect(key(shown)).toBe(key(expected));
    }
    for (const different of [
      'ARRAY<STRUCT<key STRING, value NUMERIC(12, 2)>>',
      'ARRAY<STRUCT<key STRING, value STRING>>',
      'STRUCT<key STRING, value NUMERIC(10, 2)>',
    ]) {
      expect(key(different)).not.toBe(key(expected));
    }
  });

  it('fails with ERROR() naming the differences, at most 25 of them, and passes with a message otherwise', () => {
    const sql = sqlFor(shippedTemplates());
    expect(sql).toMatch(
      /SELECT IF\(COUNT\(\*\) = 0,\n {2}'no schema drift in \d+ table\(s\) of acme-lake-gcp-dev',\n {2}ERROR\(FORMAT\('schema drift in acme-lake-gcp-dev: %d difference\(s\): %s', COUNT\(\*\),\n {4}STRING_AGG\(problem, '; ' ORDER BY problem LIMIT 25\)\)\)\)\nFROM differences\n$/,
    );
    for (const kind of ['is missing', 'is not in the template', 'the template says']) expect(sql).toContain(kind);
  });

  it('is deterministic and independent of the order of the tables', () => {
    const templates = bigQueryTemplates();
    expect(sqlFor([...templates].reverse())).toBe(sqlFor(templates));
  });

  it('quotes strings for GoogleSQL', () => {
    expect(sqlString("it's a \\ test")).toBe("'it\\'s a \\\\ test'");
    expect(() => schemaDriftSql({ projectId: 'p', prefix: 'x', tables: [] })).toThrow(/no table to check/);
  });
});
