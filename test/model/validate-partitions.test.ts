import { describe, expect, it } from 'vitest';
import { problemAt, templateProblems, validTemplate } from './helpers';

/** One column per type family the transform rules care about, plus nested ones. */
const COLUMNS = [
  '{ name: id, type: long }', // 0
  '{ name: ts, type: timestamptz }', // 1
  '{ name: d, type: date }', // 2
  '{ name: flag, type: boolean }', // 3
  '{ name: f, type: float }', // 4
  '{ name: dbl, type: double }', // 5
  '{ name: s, type: string }', // 6
  '{ name: t, type: time }', // 7
  '{ name: amount, type: "decimal(10,2)" }', // 8
  '{ name: payload, type: "struct<country:string,at:timestamp,inner:struct<code:int>>" }', // 9
  '{ name: items, type: "list<struct<price:int>>" }', // 10
  '{ name: attrs, type: "map<string,string>" }', // 11
  '{ name: email, type: string, access_level: restricted }', // 12
  '{ name: secret, type: "struct<region:string>", access_level: restricted }', // 13
];

const spec = (...fields: string[]): string => `partition_spec:\n${fields.map((f) => `  - ${f}`).join('\n')}\n`;
const sort = (...fields: string[]): string => `sort_order:\n${fields.map((f) => `  - ${f}`).join('\n')}\n`;
const partitionProblems = (...fields: string[]) => templateProblems(COLUMNS, spec(...fields));

describe('partition sources', () => {
  it('accepts the transforms Iceberg accepts, including a source nested in structs', () => {
    const t = validTemplate(
      COLUMNS,
      spec(
        '{ column: ts, transform: hour }',
        '{ column: d, transform: month }',
        '{ column: id, transform: "bucket[16]" }',
        '{ column: s, transform: "truncate[4]" }',
        '{ column: amount, transform: "truncate[100]" }',
        '{ column: t, transform: "bucket[4]" }',
        '{ column: flag, transform: identity }',
        '{ column: payload.country, transform: identity }',
        '{ column: payload.inner.code, transform: "bucket[8]" }',
        '{ column: payload.at, transform: day }',
        '{ column: dbl, transform: void }',
      ),
    );
    expect(t.partition_spec).toHaveLength(11);
  });

  it('rejects a source that does not exist and lists the columns', () => {
    const p = problemAt(partitionProblems('{ column: nope, transform: day }'), 'partition_spec[0].column');
    expect(p.message).toBe(
      "column 'nope' does not exist; columns are: id, ts, d, flag, f, dbl, s, t, amount, payload, items, attrs, email, secret",
    );
  });

  it('rejects a missing nested field', () => {
    const p = problemAt(partitionProblems('{ column: payload.city, transform: identity }'), 'partition_spec[0].column');
    expect(p.message).toBe("struct field 'city' of 'payload.city' does not exist");
  });

  it('rejects non-primitive sources (struct, list, map)', () => {
    const problems = partitionProblems(
      '{ column: payload, transform: identity }',
      '{ column: items, transform: identity }',
      '{ column: attrs, transform: void }',
    );
    expect(problemAt(problems, 'partition_spec[0].column').message).toBe(
      "'payload' is struct<country:string,at:timestamp,inner:struct<code:int>>; partition sources must be primitive",
    );
    expect(problemAt(problems, 'partition_spec[1].column').message).toContain('partition sources must be primitive');
    expect(problemAt(problems, 'partition_spec[2].column').message).toContain('partition sources must be primitive');
  });

  it('rejects sources inside a list or a map, and a path through a primitive', () => {
    const problems = partitionProblems(
      '{ column: items.element.price, transform: identity }',
      '{ column: attrs.key, transform: identity }',
      '{ column: id.x, transform: identity }',
    );
    expect(problemAt(problems, 'partition_spec[0].column').message).toBe(
      "'items.element.price' cannot be resolved: 'element' is inside a list; only struct fields can be sources",
    );
    expect(problemAt(problems, 'partition_spec[1].column').message).toContain("'key' is inside a map");
    expect(problemAt(problems, 'partition_spec[2].column').message).toContain("'x' is in long");
  });

  it('rejects a restricted column, or a field of a restricted struct, as a source', () => {
    const problems = partitionProblems('{ column: email, transform: "bucket[8]" }', '{ column: secret.region, transform: identity }');
    expect(problemAt(problems, 'partition_spec[0].column').message).toBe(
      "'email' is restricted and cannot be a partition source: partition values are written into object keys and manifests, where column grants cannot hide them",
    );
    expect(problemAt(problems, 'partition_spec[1].column').message).toContain('is restricted');
  });
});

describe('transforms on source types Iceberg does not accept', () => {
  it.each([
    ['bucket[16]', 'flag', 'boolean'],
    ['bucket[16]', 'f', 'float'],
    ['bucket[16]', 'dbl', 'double'],
    ['truncate[4]', 'd', 'date'],
    ['truncate[4]', 'flag', 'boolean'],
    ['truncate[4]', 'ts', 'timestamptz'],
    ['hour', 'd', 'date'],
    ['year', 's', 'string'],
    ['month', 'id', 'long'],
    ['day', 't', 'time'],
    ['hour', 't', 'time'],
  ])('%s on %s (%s)', (transform, column, type) => {
    const p = problemAt(partitionProblems(`{ column: ${column}, transform: "${transform}" }`), 'partition_spec[0].transform');
    expect(p.message).toMatch(
      new RegExp(`^${transform.replace(/[[\]]/g, '\\$&')} cannot be applied to '${column}' of type ${type}; it accepts `),
    );
  });

  it('names the accepted types', () => {
    const p = problemAt(partitionProblems('{ column: d, transform: hour }'), 'partition_spec[0].transform');
    expect(p.message).toBe("hour cannot be applied to 'd' of type date; it accepts timestamp, timestamptz, timestamp_ns, timestamptz_ns");
  });

  it('rejects bucket[0] and truncate[0]', () => {
    const problems = partitionProblems('{ column: id, transform: "bucket[0]" }', '{ column: s, transform: "truncate[0]" }');
    expect(problemAt(problems, 'partition_spec[0].transform').message).toBe('bucket[0]: the parameter must be at least 1');
    expect(problemAt(problems, 'partition_spec[1].transform').message).toBe('truncate[0]: the parameter must be at least 1');
  });

  it('identity accepts every primitive except variant (v3)', () => {
    const p = problemAt(
      templateProblems(['{ name: v, type: variant }'], `properties:\n  format-version: 3\n${spec('{ column: v, transform: identity }')}`),
      'partition_spec[0].transform',
    );
    expect(p.message).toContain("identity cannot be applied to 'v' of type variant");
  });
});

describe('redundant partitions and partition names', () => {
  it('rejects day + hour on one column (one time partition per column)', () => {
    const p = problemAt(
      partitionProblems('{ column: ts, transform: day }', '{ column: ts, transform: hour }'),
      'partition_spec[1].transform',
    );
    expect(p.message).toBe(
      "redundant partition: 'ts' is already partitioned by partition_spec[0] (day); Iceberg allows one time partition (year, month, day or hour) per column",
    );
  });

  it('rejects year + month on a date column', () => {
    expect(
      problemAt(partitionProblems('{ column: d, transform: year }', '{ column: d, transform: month }'), 'partition_spec[1].transform')
        .message,
    ).toContain('redundant partition');
  });

  it('rejects two identity partitions on one column, even with distinct names', () => {
    const problems = partitionProblems('{ column: s, transform: identity }', '{ column: s, transform: identity, name: s_copy }');
    expect(problemAt(problems, 'partition_spec[1].transform').message).toContain('one identity partition per column');
  });

  it('allows two buckets of different sizes on one column with distinct names (Iceberg does)', () => {
    const t = validTemplate(
      COLUMNS,
      spec('{ column: id, transform: "bucket[16]" }', '{ column: id, transform: "bucket[4]", name: id_bucket_4 }'),
    );
    expect(t.partition_spec).toHaveLength(2);
  });

  it('rejects an identical bucket twice on one column, even under distinct names', () => {
    const problems = partitionProblems('{ column: id, transform: "bucket[16]" }', '{ column: id, transform: "bucket[16]", name: id_b2 }');
    expect(problemAt(problems, 'partition_spec[1].transform').message).toBe(
      "redundant partition: 'id' is already partitioned by partition_spec[0] (bucket[16]); an identical partition field adds nothing",
    );
  });

  it('rejects the same partition name twice (two buckets keep the default id_bucket)', () => {
    const p = problemAt(
      partitionProblems('{ column: id, transform: "bucket[16]" }', '{ column: id, transform: "bucket[4]" }'),
      'partition_spec[1].transform',
    );
    expect(p.message).toBe("partition field name 'id_bucket' is already used by partition_spec[0]; set a distinct name");
  });

  it('rejects an explicit name used twice at the name', () => {
    const problems = partitionProblems('{ column: ts, transform: day, name: p }', '{ column: id, transform: "bucket[2]", name: p }');
    expect(problemAt(problems, 'partition_spec[1].name').message).toContain("partition field name 'p' is already used");
  });

  it('rejects a partition name that equals a column name, explicit or default', () => {
    const explicit = problemAt(partitionProblems('{ column: ts, transform: day, name: id }'), 'partition_spec[0].name');
    expect(explicit.message).toBe("partition field name 'id' equals a column name; choose another name");
    const dflt = templateProblems([...COLUMNS, '{ name: ts_day, type: date }'], spec('{ column: ts, transform: day }'));
    expect(problemAt(dflt, 'partition_spec[0].transform').message).toContain("'ts_day' equals a column name");
    const otherIdentity = problemAt(partitionProblems('{ column: s, transform: identity, name: id }'), 'partition_spec[0].name');
    expect(otherIdentity.message).toContain('equals a column name');
  });

  it('allows an identity or void partition named like its own source (Iceberg does)', () => {
    expect(() =>
      validTemplate(COLUMNS, spec('{ column: s, transform: identity, name: s }', '{ column: dbl, transform: void, name: dbl }')),
    ).not.toThrow();
  });
});

describe('sort order', () => {
  it('accepts primitive and nested struct sources with transforms', () => {
    const t = validTemplate(
      COLUMNS,
      sort('{ column: ts, direction: desc }', '{ column: payload.country }', '{ column: id, transform: "bucket[4]" }'),
    );
    expect(t.sort_order).toHaveLength(3);
  });

  it('rejects a missing source, a non-primitive source and a source inside a list', () => {
    const problems = templateProblems(COLUMNS, sort('{ column: nope }', '{ column: attrs }', '{ column: items.element.price }'));
    expect(problemAt(problems, 'sort_order[0].column').message).toContain("column 'nope' does not exist");
    expect(problemAt(problems, 'sort_order[1].column').message).toBe("'attrs' is map<string,string>; sort sources must be primitive");
    expect(problemAt(problems, 'sort_order[2].column').message).toContain('inside a list');
  });

  it('rejects a transform the source type does not accept', () => {
    const p = problemAt(templateProblems(COLUMNS, sort('{ column: d, transform: hour }')), 'sort_order[0].transform');
    expect(p.message).toContain("hour cannot be applied to 'd' of type date");
  });

  it('rejects a bad direction or null order with the allowed values', () => {
    const problems = templateProblems(COLUMNS, sort('{ column: id, direction: up, null_order: first }'));
    expect(problemAt(problems, 'sort_order[0].direction').message).toBe('must be one of: "asc", "desc"');
    expect(problemAt(problems, 'sort_order[0].null_order').message).toBe('must be one of: "nulls_first", "nulls_last"');
  });
});
