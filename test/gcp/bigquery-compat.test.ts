import { describe, expect, it } from 'vitest';
import { bigQueryTableMode, checkBigQueryCompatibility } from '../../lib/gcp/rules/bigquery-compat';
import { parseTableTemplate } from '../../lib/model/load-templates';
import type { LoadedTableTemplate } from '../../lib/model/table-template';
import { shippedTemplates } from '../support/synth';

const METADATA = 'gs://other-lake/warehouse/sales/orders/metadata/00003-abc.metadata.json';

/** A template from column lines (YAML flow mappings) plus extra top-level YAML. */
function template(columns: string[], extra = ''): LoadedTableTemplate {
  const yaml = `name: orders\nnamespace: sales\ncolumns:\n${columns.map((c) => `  - ${c}`).join('\n')}\n${extra}`;
  const result = parseTableTemplate('orders.yaml', yaml);
  if (!result.template) throw new Error(result.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  return result.template;
}

const external = `gcp:\n  metadata_uri: ${METADATA}\n`;

describe('checkBigQueryCompatibility', () => {
  it('accepts every shipped template (they are all BigQuery-managed)', () => {
    for (const t of shippedTemplates()) {
      expect(bigQueryTableMode(t)).toBe('managed');
      expect(checkBigQueryCompatibility(t)).toEqual([]);
    }
  });

  it('rejects decimals that need BIGNUMERIC in managed tables, also nested ones, and allows them in external tables', () => {
    const columns = [
      '{ name: id, type: long }',
      '{ name: amount, type: "decimal(38,10)" }',
      '{ name: lines, type: "list<struct<price:decimal(38,0)>>" }',
      '{ name: ok, type: "decimal(38,9)" }',
    ];
    const problems = checkBigQueryCompatibility(template(columns));
    expect(problems.map((p) => p.path)).toEqual([
      ['columns', 1, 'type'],
      ['columns', 2, 'type'],
    ]);
    expect(problems[0]!.message).toContain('decimal(38,10) needs BIGNUMERIC');
    expect(problems[0]!.message).toContain('gcp.metadata_uri');
    expect(problems[1]!.message).toContain('decimal(38,0) needs BIGNUMERIC');
    expect(checkBigQueryCompatibility(template(columns, external))).toEqual([]);
  });

  it('rejects v3 types in both modes, naming the replacement', () => {
    const columns = ['{ name: id, type: long }', '{ name: at, type: timestamptz_ns }', '{ name: doc, type: variant }'];
    const v3 = 'properties:\n  format-version: 3\n';
    for (const extra of [v3, v3 + external]) {
      const problems = checkBigQueryCompatibility(template(columns, extra));
      expect(problems.map((p) => p.path)).toEqual([
        ['columns', 1, 'type'],
        ['columns', 2, 'type'],
      ]);
      expect(problems[0]!.message).toMatch(/v3 type timestamptz_ns .*use timestamptz/);
      expect(problems[1]!.message).toMatch(/v3 type variant .*string holding JSON/);
    }
    expect(checkBigQueryCompatibility(template(columns, v3))[0]!.message).toContain('BigQuery-managed');
    expect(checkBigQueryCompatibility(template(columns, v3 + external))[0]!.message).toContain('external');
  });

  it('rejects arrays of arrays (BigQuery has no ARRAY<ARRAY>)', () => {
    const problems = checkBigQueryCompatibility(template(['{ name: m, type: "list<list<int>>" }']));
    expect(problems).toEqual([{ path: ['columns', 0, 'type'], message: expect.stringContaining('wrap it in a struct') }]);
  });

  it('refuses restricted columns in external tables (no policy tag can be attached)', () => {
    const columns = ['{ name: id, type: long }', '{ name: email, type: string, access_level: restricted, masking: sha256 }'];
    expect(checkBigQueryCompatibility(template(columns))).toEqual([]);
    const problems = checkBigQueryCompatibility(template(columns, external));
    expect(problems).toEqual([{ path: ['columns', 1, 'access_level'], message: expect.stringContaining('policy tag') }]);
  });

  it('allows SHA256 masking only on columns BigQuery stores as STRING or BYTES', () => {
    const problems = checkBigQueryCompatibility(
      template([
        '{ name: email, type: string, access_level: restricted, masking: sha256 }',
        '{ name: tokens, type: "list<binary>", access_level: restricted, masking: sha256 }',
        '{ name: birth_year, type: int, access_level: restricted, masking: sha256 }',
        '{ name: score, type: int, access_level: restricted, masking: nullify }',
      ]),
    );
    expect(problems).toEqual([{ path: ['columns', 2, 'masking'], message: expect.stringContaining('use masking: nullify or default') }]);
  });

  it('rejects names with prefixes BigQuery reserves, also inside structs', () => {
    const problems = checkBigQueryCompatibility(
      template(['{ name: _partition_date, type: date }', '{ name: meta, type: "struct<_table_x:int,ok:int>" }']),
    );
    expect(problems).toEqual([
      { path: ['columns', 0, 'name'], message: "'_partition_date' starts with '_partition', a prefix BigQuery reserves; rename it" },
      { path: ['columns', 1, 'type'], message: "'_table_x' starts with '_table_', a prefix BigQuery reserves; rename it" },
    ]);
  });

  it('rejects more than 15 levels of records in managed tables', () => {
    const deep = Array.from({ length: 16 }).reduce<string>((inner) => `struct<a:${inner}>`, 'int');
    const problems = checkBigQueryCompatibility(template([`{ name: deep, type: "${deep}" }`]));
    expect(problems).toEqual([{ path: ['columns', 0, 'type'], message: expect.stringContaining('nests 16 levels') }]);
  });

  it('rejects tags that cannot be BigQuery labels', () => {
    const problems = checkBigQueryCompatibility(template(['{ name: id, type: long }'], 'tags:\n  owner: Data Platform\n  domain: sales\n'));
    expect(problems).toEqual([{ path: ['tags', 'owner'], message: expect.stringContaining('(tags become BigQuery table labels)') }]);
  });
});
