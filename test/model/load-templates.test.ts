import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_TEMPLATE_SCHEMA, checkTableTemplates, loadTableTemplates, parseTableTemplate } from '../../lib/model/load-templates';
import { LakehouseValidationError, formatProblem, type Problem } from '../../lib/model/problems';
import { problemAt, templateProblems, validTemplate } from './helpers';

const ID_ONLY = ['{ name: id, type: long }'];
const source = (path: string): string => `source:\n  path: ${path}\n  format: parquet\n`;

describe('JSON Schema: unknown keys are errors, located at the key', () => {
  it('at the top level, listing the allowed keys', () => {
    const p = problemAt(templateProblems(ID_ONLY, 'owner: data-team\n'), 'owner');
    expect(p.message).toBe(
      "unknown key 'owner'; allowed keys: name, namespace, description, columns, partition_spec, sort_order, properties, tags, append_only, maintenance, source, gcp",
    );
    expect([p.line, p.column]).toEqual([5, 1]);
  });

  it('in a column', () => {
    const p = problemAt(templateProblems(['{ name: id, type: long, nullable: true }']), 'columns[0].nullable');
    expect(p.message).toBe("unknown key 'nullable'; allowed keys: name, type, required, description, access_level, pii, masking");
    expect([p.line, p.column]).toEqual([4, 29]);
  });

  it('in a partition field (a typo also misses the required key)', () => {
    const problems = templateProblems(ID_ONLY, 'partition_spec:\n  - { column: id, transfrom: identity }\n');
    expect(problemAt(problems, 'partition_spec[0].transfrom').message).toBe(
      "unknown key 'transfrom' (did you mean transform?); allowed keys: column, transform, name",
    );
    expect(problemAt(problems, 'partition_spec[0]').message).toBe("missing required key 'transform'");
  });

  it('in maintenance, source, csv_options and gcp blocks', () => {
    const extra =
      'maintenance: { vacuum: true }\nsource:\n  path: s3://landing/x/\n  format: csv\n  csv_options: { sep: ";" }\n  compression: gzip\ngcp: { dataset: x }\n';
    const problems = templateProblems(ID_ONLY, extra);
    expect(problems.map((p) => p.field).sort()).toEqual([
      'gcp.dataset',
      'maintenance.vacuum',
      'source.compression',
      'source.csv_options.sep',
    ]);
  });

  it('hints at quoting when an unquoted decimal(10,2) in a flow mapping splits into a key', () => {
    const problems = templateProblems(['{ name: amount, type: decimal(10,2) }']);
    const p = problemAt(problems, 'columns[0]["2)"]');
    expect(p.message).toContain('a value with commas inside { } must be quoted, e.g. type: "decimal(10,2)"');
  });
});

describe('JSON Schema: names, enums and shapes', () => {
  it('requires lowercase snake_case table, namespace and column names and shows the allowed form', () => {
    const yaml = 'name: Orders\nnamespace: sales-eu\ncolumns:\n  - { name: OrderId, type: long }\n';
    const problems = parseTableTemplate('orders.yaml', yaml).problems;
    expect(problemAt(problems, 'name').message).toBe(
      '"Orders" is not lowercase snake_case: a lowercase letter first, then lowercase letters, digits and underscores',
    );
    expect(problemAt(problems, 'namespace').message).toMatch(/^"sales-eu" is not lowercase snake_case: /);
    expect(problemAt(problems, 'columns[0].name').message).toContain('lowercase snake_case');
  });

  it('requires name, namespace and at least one column', () => {
    const problems = parseTableTemplate('t.yaml', 'name: orders\ncolumns: []\n').problems;
    expect(problemAt(problems, '').message).toBe("missing required key 'namespace'");
    expect(problemAt(problems, 'columns').message).toBe('must have at least 1 item(s)');
  });

  it('rejects a bad access_level, a non-boolean required and a malformed transform with the allowed values', () => {
    const problems = templateProblems(
      ['{ name: id, type: long, access_level: secret, required: "yes" }'],
      'partition_spec:\n  - { column: id, transform: bucket }\n',
    );
    expect(problemAt(problems, 'columns[0].access_level').message).toBe(
      '"secret" is not allowed; use one of: public, internal, restricted',
    );
    expect(problemAt(problems, 'columns[0].required').message).toBe('"yes" is not true or false');
    expect(problemAt(problems, 'partition_spec[0].transform').message).toBe(
      '"bucket" is not a transform: use identity, bucket[N], truncate[W], year, month, day, hour or void',
    );
  });
});

describe('JSON Schema: object-store URIs', () => {
  it.each([
    '/data/landing/orders',
    './orders',
    'file:///data/orders',
    'http://example.com/orders',
    'https://bucket.s3.amazonaws.com/x',
    's3:/bucket/x',
    'S3://bucket/x',
  ])('rejects the source path %s and says s3:// or gs://', (path) => {
    const p = problemAt(templateProblems(ID_ONLY, source(path)), 'source.path');
    expect(p.message).toContain('s3://bucket/prefix or gs://bucket/prefix (not a local path, file:// or http(s)://)');
  });

  it('accepts s3:// and gs:// paths', () => {
    expect(validTemplate(ID_ONLY, source('s3://landing-bucket/orders/')).source?.path).toBe('s3://landing-bucket/orders/');
    expect(validTemplate(ID_ONLY, source('gs://landing_bucket/orders/*.parquet')).source?.format).toBe('parquet');
  });

  it('rejects a gcp.metadata_uri that is not a gs:// ... .metadata.json file', () => {
    for (const uri of [
      'gs://lake/orders/metadata/v3.json',
      's3://lake/orders/metadata/00001.metadata.json',
      'gs://lake/00001.metadata.json.gz',
    ]) {
      const p = problemAt(templateProblems(ID_ONLY, `gcp:\n  metadata_uri: ${uri}\n`), 'gcp.metadata_uri');
      expect(p.message).toContain('.metadata.json');
    }
    expect(validTemplate(ID_ONLY, 'gcp:\n  metadata_uri: gs://lake/orders/metadata/00001-ab.metadata.json\n').gcp?.metadata_uri).toContain(
      '00001',
    );
  });
});

describe('schema and semantic problems are reported together', () => {
  it('an unknown key does not hide a bad type or a bad partition in the same file', () => {
    const problems = templateProblems(
      ['{ name: id, type: long, nullable: true }', '{ name: amount, type: "decimal(40,2)" }'],
      'owner: me\npartition_spec:\n  - { column: nope, transform: day }\n',
    );
    expect(problems.map((p) => p.field)).toEqual(['columns[0].nullable', 'columns[1].type', 'owner', 'partition_spec[0].column']);
  });

  it('a shape error (columns is not a list) stops the semantic checks instead of crashing', () => {
    const problems = parseTableTemplate('t.yaml', 'name: orders\nnamespace: sales\ncolumns: { id: long }\n').problems;
    expect(problems.map((p) => p.field)).toEqual(['columns']);
  });
});

describe('the schema file', () => {
  it('is a draft 2020-12 schema with an $id editors can reference', () => {
    expect(TABLE_TEMPLATE_SCHEMA).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      additionalProperties: false,
      required: ['name', 'namespace', 'columns'],
    });
  });
});

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

  it('rejects templates in subfolders at their files instead of silently dropping their tables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lakehouse-nested-'));
    try {
      writeFileSync(join(dir, 'orders.yaml'), 'name: orders\nnamespace: sales\ncolumns:\n  - { name: id, type: long }\n');
      mkdirSync(join(dir, 'finance', 'ledgers'), { recursive: true });
      mkdirSync(join(dir, 'notes'));
      writeFileSync(join(dir, 'finance', 'refunds.yaml'), 'name: refunds\nnamespace: finance\ncolumns:\n  - { name: id, type: long }\n');
      writeFileSync(join(dir, 'finance', 'ledgers', 'gl.yml'), 'name: gl\nnamespace: finance\ncolumns:\n  - { name: id, type: long }\n');
      writeFileSync(join(dir, 'notes', 'README.md'), 'not a template');
      const { problems, templates } = checkTableTemplates(dir);
      expect(problems.map((p) => [p.file.slice(dir.length + 1), p.message])).toEqual([
        [
          'finance/ledgers/gl.yml',
          `templates in subfolders are not loaded; move it into ${dir} (the namespace comes from its namespace field, not from a folder)`,
        ],
        [
          'finance/refunds.yaml',
          `templates in subfolders are not loaded; move it into ${dir} (the namespace comes from its namespace field, not from a folder)`,
        ],
      ]);
      expect(templates.map((t) => t.name)).toEqual(['orders']);
      expect(() => loadTableTemplates(dir)).toThrow(LakehouseValidationError);
    } finally {
      rmSync(dir, { recursive: true });
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
