import { describe, expect, it } from 'vitest';
import { parseTableTemplate, TABLE_TEMPLATE_SCHEMA } from '../../lib/model/load-templates';
import { problemAt, templateProblems, validTemplate } from './helpers';

const COLUMNS = ['{ name: id, type: long }'];
const source = (path: string): string => `source:\n  path: ${path}\n  format: parquet\n`;

describe('JSON Schema: unknown keys are errors, located at the key', () => {
  it('at the top level, listing the allowed keys', () => {
    const p = problemAt(templateProblems(COLUMNS, 'owner: data-team\n'), 'owner');
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
    const problems = templateProblems(COLUMNS, 'partition_spec:\n  - { column: id, transfrom: identity }\n');
    expect(problemAt(problems, 'partition_spec[0].transfrom').message).toBe(
      "unknown key 'transfrom'; allowed keys: column, transform, name",
    );
    expect(problemAt(problems, 'partition_spec[0]').message).toBe("missing required key 'transform'");
  });

  it('in maintenance, source, csv_options and gcp blocks', () => {
    const extra =
      'maintenance: { vacuum: true }\nsource:\n  path: s3://landing/x/\n  format: csv\n  csv_options: { sep: ";" }\n  compression: gzip\ngcp: { dataset: x }\n';
    const problems = templateProblems(COLUMNS, extra);
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
      'does not match the allowed form (Table name: lowercase snake_case, starting with a letter.): /^[a-z][a-z0-9_]*$/',
    );
    expect(problemAt(problems, 'namespace').message).toContain('/^[a-z][a-z0-9_]*$/');
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
    expect(problemAt(problems, 'columns[0].access_level').message).toBe('must be one of: "public", "internal", "restricted"');
    expect(problemAt(problems, 'columns[0].required').message).toBe('must be boolean');
    expect(problemAt(problems, 'partition_spec[0].transform').message).toContain('identity|year|month|day|hour|void|bucket');
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
    const p = problemAt(templateProblems(COLUMNS, source(path)), 'source.path');
    expect(p.message).toContain('s3://bucket/prefix or gs://bucket/prefix (not a local path, file:// or http(s)://)');
  });

  it('accepts s3:// and gs:// paths', () => {
    expect(validTemplate(COLUMNS, source('s3://landing-bucket/orders/')).source?.path).toBe('s3://landing-bucket/orders/');
    expect(validTemplate(COLUMNS, source('gs://landing_bucket/orders/*.parquet')).source?.format).toBe('parquet');
  });

  it('rejects a gcp.metadata_uri that is not a gs:// ... .metadata.json file', () => {
    for (const uri of [
      'gs://lake/orders/metadata/v3.json',
      's3://lake/orders/metadata/00001.metadata.json',
      'gs://lake/00001.metadata.json.gz',
    ]) {
      const p = problemAt(templateProblems(COLUMNS, `gcp:\n  metadata_uri: ${uri}\n`), 'gcp.metadata_uri');
      expect(p.message).toContain('.metadata.json');
    }
    expect(validTemplate(COLUMNS, 'gcp:\n  metadata_uri: gs://lake/orders/metadata/00001-ab.metadata.json\n').gcp?.metadata_uri).toContain(
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
