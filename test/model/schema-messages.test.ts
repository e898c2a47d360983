import { describe, expect, it } from 'vitest';
import { parseEnvironment } from '../../lib/model/load-environments';
import { parseTableTemplate } from '../../lib/model/load-templates';
import type { Problem } from '../../lib/model/problems';
import { PATTERN_WORDS } from '../../lib/model/schema-words';
import environmentSchema from '../../lib/model/schemas/environment.schema.json';
import templateSchema from '../../lib/model/schemas/table-template.schema.json';
import { closestMatch } from '../../lib/model/suggest';
import { AWS_BASE, problemAt, show, templateProblems, validTemplate } from './helpers';

/** Every `pattern` in a JSON Schema, wherever it is nested. */
function patternsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(patternsIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => (k === 'pattern' && typeof v === 'string' ? [v] : patternsIn(v)));
}

/** What a regular expression looks like in a message: anchors, classes, quantifiers, escapes. */
const REGEX_LOOKING = /\^\[|\^\(|\$\/|\]\*|\]\+|\[a-z|\[A-Z|\[0-9|\{\d+,\d*\}|\\\.|\\d|\/\^/;

const BAD_TEMPLATE = [
  'name: Orders-2024',
  'namespace: Sales',
  'columns:',
  '  - { name: OrderId, type: long }',
  '  - { name: ts, type: timestamptz }',
  'partition_spec:',
  '  - { column: "ts ", transform: dya, name: Day }',
  'sort_order:',
  '  - { column: ts, transform: "bucket(4)" }',
  'tags:',
  '  Owner: data',
  'source: { path: ./landing, format: csv }',
  'gcp: { metadata_uri: "gs://bucket/table.json" }',
  '',
].join('\n');

const BAD_ENVIRONMENT = [
  'name: Dev_1',
  'project: -acme',
  'cloud: aws',
  'catalog: nessie',
  'region: US-EAST-1',
  'tags: { "Cost Center": x }',
  'storage: { warehouse_prefix: /wh }',
  'nessie: { image_tag: latest, table_prefix: Nessie, host_name: "-bad-.example", route53_zone_id: z1 }',
  '',
].join('\n');

const templateMessages = (): Problem[] => parseTableTemplate('orders.yaml', BAD_TEMPLATE).problems;
const environmentMessages = (): Problem[] => parseEnvironment('dev.yaml', BAD_ENVIRONMENT).problems;

describe('messages about bad values', () => {
  it('have words for every pattern of both JSON Schemas', () => {
    const patterns = [...new Set([...patternsIn(templateSchema), ...patternsIn(environmentSchema)])];
    expect(patterns.length).toBeGreaterThan(10);
    expect(patterns.filter((p) => PATTERN_WORDS[p] === undefined)).toEqual([]);
    for (const words of Object.values(PATTERN_WORDS)) expect(words).not.toMatch(REGEX_LOOKING);
  });

  it('never print a regular expression, for any field a pattern checks', () => {
    const problems = [...templateMessages(), ...environmentMessages()];
    expect(problems.length).toBeGreaterThanOrEqual(18);
    for (const p of problems) expect(p.message, show(p)).not.toMatch(REGEX_LOOKING);
  });

  it('quote the value as written and say what is allowed in words', () => {
    const problems = templateMessages();
    expect(problemAt(problems, 'name').message).toBe(
      '"Orders-2024" is not lowercase snake_case: a lowercase letter first, then lowercase letters, digits and underscores',
    );
    expect(problemAt(problems, 'columns[0].name').message).toMatch(/^"OrderId" is not lowercase snake_case: /);
    expect(problemAt(problems, 'partition_spec[0].column').message).toMatch(/^"ts " is not a column name or a dotted path/);
    expect(problemAt(problems, 'source.path').message).toMatch(/^"\.\/landing" is not an object-store URI: write s3:\/\/bucket\/prefix/);
    expect(problemAt(problems, 'tags.Owner').message).toMatch(/^key "Owner" is not lowercase snake_case/);
    const env = environmentMessages();
    expect(problemAt(env, 'project').message).toMatch(/^"-acme" is not a valid name: /);
    expect(problemAt(env, 'nessie.image_tag').message).toBe(
      '"latest" is not a release version such as 0.108.4 (a moving tag like latest is not pinned)',
    );
    expect(problemAt(env, 'tags["Cost Center"]').message).toMatch(/^key "Cost Center" is not a valid key: /);
  });

  it('report a bad key once, at the key', () => {
    const problems = templateMessages().filter((p) => p.field.startsWith('tags'));
    expect(problems.map((p) => [p.field, p.line, p.column])).toEqual([['tags.Owner', 11, 3]]);
  });

  it('suggest a close match for types, transforms, enum values, unknown keys and properties', () => {
    expect(problemAt(templateMessages(), 'partition_spec[0].transform').message).toMatch(/\(did you mean day\?\)$/);
    const problems = templateProblems(
      [
        '{ name: id, type: long, acess_level: public }',
        '{ name: ts, type: timestamptzz }',
        '{ name: k, type: string, access_level: restrcted }',
      ],
      'properties:\n  write.parquet.compresion-codec: zstd\n',
    );
    expect(problemAt(problems, 'columns[0].acess_level').message).toMatch(/^unknown key 'acess_level' \(did you mean access_level\?\)/);
    expect(problemAt(problems, 'columns[1].type').message).toMatch(/^"timestamptzz" is not an Iceberg type \(did you mean timestamptz\?\)/);
    expect(problemAt(problems, 'columns[2].access_level').message).toBe(
      '"restrcted" is not allowed (did you mean restricted?); use one of: public, internal, restricted',
    );
    expect(problemAt(problems, 'properties["write.parquet.compresion-codec"]').message).toMatch(
      /^"write\.parquet\.compresion-codec" is not a property Iceberg defines \(did you mean write\.parquet\.compression-codec\?\)/,
    );
    const env = parseEnvironment('dev.yaml', AWS_BASE.replace('catalog: glue', 'catalog: glu')).problems;
    expect(problemAt(env, 'catalog').message).toBe('"glu" is not allowed (did you mean glue?); use one of: glue, nessie, biglake');
  });

  it('suggest what to write for a type name from SQL', () => {
    const problems = templateProblems(['{ name: a, type: varchar }', '{ name: b, type: bigint }', '{ name: c, type: "list<integer>" }']);
    expect(problemAt(problems, 'columns[0].type').message).toMatch(/^"varchar" is not an Iceberg type \(did you mean string\?\)/);
    expect(problemAt(problems, 'columns[1].type').message).toMatch(/^"bigint" is not an Iceberg type \(did you mean long\?\)/);
    // Inside a larger type, the position is given too.
    expect(problemAt(problems, 'columns[2].type').message).toMatch(/\(did you mean int\?\).*\(at character 6 of "list<integer>"\)$/);
  });

  it('do not suggest unrelated words', () => {
    expect(closestMatch('colour', ['name', 'cloud', 'catalog'])).toBeUndefined();
    expect(closestMatch('4', ['1', '2', '3'])).toBeUndefined();
    expect(closestMatch('dya', ['day', 'hour'])).toBe('day');
  });
});

describe('knock-on errors are suppressed', () => {
  it('a typo in a column type is one problem, not also "does not exist" for the partition and sort fields using it', () => {
    const problems = templateProblems(
      ['{ name: id, type: long }', '{ name: created_at, type: timestamptzz }'],
      'partition_spec:\n  - { column: created_at, transform: day }\n  - { column: created_at.x, transform: identity }\nsort_order:\n  - { column: created_at }\n',
    );
    expect(problems.map((p) => p.field)).toEqual(['columns[1].type']);
  });

  it('a field that really does not exist is still reported, with the closest column', () => {
    const problems = templateProblems(
      ['{ name: id, type: long }', '{ name: created_at, type: timestamptzz }'],
      'sort_order:\n  - { column: created }\n',
    );
    expect(problems.map((p) => p.field)).toEqual(['columns[1].type', 'sort_order[0].column']);
    expect(problemAt(problems, 'sort_order[0].column').message).toBe('column "created" does not exist; columns are: id, created_at');
    const near = templateProblems(['{ name: created_at, type: timestamptz }'], 'sort_order:\n  - { column: craeted_at }\n');
    expect(problemAt(near, 'sort_order[0].column').message).toMatch(/^column "craeted_at" does not exist \(did you mean created_at\?\)/);
  });

  it('a YAML syntax error is reported once, with the usual cause, not as a cascade', () => {
    const problems = parseTableTemplate(
      't.yaml',
      'name: t\nnamespace: ns\ncolumns:\n  - { name: id, type: long }\npartition_spec:\n  - { column: id, transform: bucket[16] }\nsort_order:\n  - { column: id }\n',
    ).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(6);
    expect(problems[0]!.message).toMatch(
      /^YAML syntax error: .*\(a value with \[ \], \{ \} or a comma inside \{ \} must be quoted, e\.g\. transform: "bucket\[16\]"\)/,
    );
  });
});

describe('struct field names follow the rules for column names', () => {
  it.each(['CamelCase', 'B-x', '1st', 'has.dot'])('rejects %j', (name) => {
    const problems = templateProblems([`{ name: payload, type: "struct<ok:int,${name}:string>" }`]);
    expect(problemAt(problems, 'columns[0].type').message).toBe(
      `struct field name ${JSON.stringify(name)} is not lowercase snake_case: lowercase letters, digits and underscores, starting with a letter or an underscore (the rule for column names)`,
    );
  });

  it('accepts snake_case names, also nested', () => {
    expect(() => validTemplate(['{ name: payload, type: "struct<_id:int,geo:struct<country_code:string>>" }'])).not.toThrow();
  });
});
