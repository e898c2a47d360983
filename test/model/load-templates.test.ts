import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTableTemplates, loadTableTemplates } from '../../lib/model/load-templates';
import { LakehouseValidationError, formatProblem, type Problem } from '../../lib/model/problems';

const TEMPLATES_DIR = resolve(__dirname, '..', '..', 'table-templates');

/** Bad files, each with several problems; the comments give the line numbers asserted below. */
const FILES: Record<string, string> = {
  'a_orders.yaml': [
    'name: orders', // 1
    'namespace: sales', // 2
    'owner: me', // 3: unknown key
    'columns:', // 4
    '  - name: id', // 5
    '    type: long', // 6
    '  - name: amount', // 7
    '    type: decimal(40,2)', // 8: precision > 38, value at column 11
    '  - name: id', // 9: duplicate, value at column 11
    '    type: string', // 10
    'partition_spec:', // 11
    '  - column: nope', // 12: no such column, value at column 13
    '    transform: day', // 13
  ].join('\n'),
  'b_events.yaml': [
    'name: events', // 1
    'namespace: sales', // 2
    'description: starts: here', // 3: YAML syntax error at column 14
    'columns: []', // 4
  ].join('\n'),
  'c_list.yaml': '- name: not\n- name: a mapping\n',
  'd_clicks.yml': [
    'name: clicks', // 1
    'namespace: web', // 2
    'columns:', // 3
    '  - { name: id, type: long }', // 4
    '  - { name: email, type: string, access_level: restricted }', // 5
    'partition_spec:', // 6
    '  - { column: email, transform: identity }', // 7: restricted source, value at column 15
    'properties:', // 8
    '  format-version: 4', // 9: value at column 19
    '  write.format.default: csv', // 10: value at column 25
    'source:', // 11
    '  path: file:///tmp/clicks', // 12: value at column 9
    '  format: parquet', // 13
  ].join('\n'),
  'e_refunds.yaml': 'name: refunds\nnamespace: sales\ncolumns:\n  - { name: id, type: long }\n',
  'f_refunds_again.yaml': 'namespace: sales\nname: refunds\ncolumns:\n  - { name: id, type: long }\n', // 2:7 duplicate
  'g_refunds_finance.yaml': 'name: refunds\nnamespace: finance\ncolumns:\n  - { name: id, type: long }\n',
  'h_empty.yaml': '',
  'README.md': '# not a template\n',
};

let dir: string;
let problems: Problem[];
let error: unknown;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lakehouse-templates-'));
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
  mkdirSync(join(dir, 'nested.yaml')); // a folder named like a template is skipped
  problems = checkTableTemplates(dir).problems;
  try {
    loadTableTemplates(dir);
  } catch (e) {
    error = e;
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (file: string, line: number, column: number, field: string) => ({ file: join(dir, file), line, column, field });

describe('loadTableTemplates on a folder of bad files', () => {
  it('reports every problem of every file, each with file, line, column and field, sorted', () => {
    expect(problems.map(({ file, line, column, field }) => ({ file, line, column, field }))).toEqual([
      at('a_orders.yaml', 3, 1, 'owner'),
      at('a_orders.yaml', 8, 11, 'columns[1].type'),
      at('a_orders.yaml', 9, 11, 'columns[2].name'),
      at('a_orders.yaml', 12, 13, 'partition_spec[0].column'),
      at('b_events.yaml', 3, 14, ''),
      at('c_list.yaml', 1, 1, ''),
      at('d_clicks.yml', 7, 15, 'partition_spec[0].column'),
      at('d_clicks.yml', 9, 19, 'properties["format-version"]'),
      at('d_clicks.yml', 10, 25, 'properties["write.format.default"]'),
      at('d_clicks.yml', 12, 9, 'source.path'),
      at('f_refunds_again.yaml', 2, 7, 'name'),
      at('h_empty.yaml', 1, 1, ''),
    ]);
  });

  it('says what is wrong in each message', () => {
    const message = (file: string, field: string): string => problems.find((p) => p.file === join(dir, file) && p.field === field)!.message;
    expect(message('a_orders.yaml', 'owner')).toContain("unknown key 'owner'");
    expect(message('a_orders.yaml', 'columns[1].type')).toContain('Iceberg allows 1 to 38');
    expect(message('a_orders.yaml', 'columns[2].name')).toBe("duplicate column name 'id' (also columns[0])");
    expect(message('b_events.yaml', '')).toMatch(/^YAML syntax error: /);
    expect(message('c_list.yaml', '')).toBe('a table template must be a YAML mapping (name, namespace, columns, ...)');
    expect(message('f_refunds_again.yaml', 'name')).toBe(
      `table 'sales.refunds' is already defined in ${join(dir, 'e_refunds.yaml')}; a table name must be unique within its namespace`,
    );
  });

  it('throws one LakehouseValidationError carrying all of them, formatted file:line:col: field: message', () => {
    expect(error).toBeInstanceOf(LakehouseValidationError);
    const e = error as LakehouseValidationError;
    expect(e.problems).toEqual(problems);
    expect(e.message.split('\n')[0]).toBe('12 problems in lakehouse input:');
    expect(e.message).toContain(
      `${join(dir, 'a_orders.yaml')}:8:11: columns[1].type: decimal precision 40 is out of range: Iceberg allows 1 to 38`,
    );
    expect(formatProblem(problems[4]!)).toMatch(/b_events\.yaml:3:14: \(document\): YAML syntax error/);
  });

  it('still returns the valid templates, the same name in another namespace included', () => {
    expect(checkTableTemplates(dir).templates.map((t) => `${t.namespace}.${t.name}`)).toEqual(['finance.refunds', 'sales.refunds']);
  });
});

describe('loadTableTemplates on missing, empty and shipped folders', () => {
  it('reports a missing folder', () => {
    const missing = join(tmpdir(), 'lakehouse-no-such-folder');
    expect(checkTableTemplates(missing).problems).toEqual([
      { file: missing, line: 0, column: 0, field: '', message: 'templates folder does not exist' },
    ]);
    expect(() => loadTableTemplates(missing)).toThrow(LakehouseValidationError);
  });

  it('reports an empty folder', () => {
    const empty = mkdtempSync(join(tmpdir(), 'lakehouse-empty-'));
    try {
      expect(checkTableTemplates(empty).problems.map((p) => p.message)).toEqual(['no table templates (*.yaml) in this folder']);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('loads the shipped templates, sorted by namespace then name, with parsed columns', () => {
    const templates = loadTableTemplates(TEMPLATES_DIR);
    expect(templates.map((t) => `${t.namespace}.${t.name}`)).toEqual([
      'analytics.event_stream',
      'compliance.audit_trail',
      'core.customer_dim',
      'ml.customer_features',
      'pg_archive_sync.primary_postgresql_logs',
      'pg_archive_sync.replica_postgresql_logs',
    ]);
    const audit = templates[1]!;
    expect(audit.file).toBe(join(TEMPLATES_DIR, 'audit_trail.yaml'));
    expect(audit.append_only).toBe(true);
    expect(audit.formatVersion).toBe(2);
    expect(audit.parsedColumns.filter((c) => c.accessLevel === 'restricted').map((c) => c.name)).toEqual(['user_email', 'ip_address']);
  });
});
