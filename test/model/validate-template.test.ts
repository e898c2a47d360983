import { describe, expect, it } from 'vitest';
import { checkTableProperties } from '../../lib/model/table-properties';
import { checkTemplateSemantics } from '../../lib/model/validate-template';
import { problemAt, templateProblems, validTemplate } from './helpers';

const V3 = 'properties:\n  format-version: 3\n';

describe('column types: decimal and fixed parameters', () => {
  it('rejects precision above 38 and names the allowed range', () => {
    const p = problemAt(templateProblems(['{ name: id, type: long }', '{ name: amount, type: "decimal(39,2)" }']), 'columns[1].type');
    expect(p.message).toBe('decimal precision 39 is out of range: Iceberg allows 1 to 38');
  });

  it('rejects precision 0', () => {
    const p = problemAt(templateProblems(['{ name: amount, type: "decimal(0,0)" }']), 'columns[0].type');
    expect(p.message).toContain('Iceberg allows 1 to 38');
  });

  it('rejects a scale larger than the precision', () => {
    const p = problemAt(templateProblems(['{ name: amount, type: "decimal(5,6)" }']), 'columns[0].type');
    expect(p.message).toBe('decimal scale 6 exceeds precision 5: scale must be between 0 and the precision');
  });

  it('accepts the boundaries decimal(38,38), decimal(38,0) and decimal(1,0)', () => {
    const t = validTemplate([
      '{ name: a, type: "decimal(38,38)" }',
      '{ name: b, type: "decimal(38,0)" }',
      '{ name: c, type: "decimal(1,0)" }',
    ]);
    expect(t.parsedColumns.map((c) => c.type)).toEqual([
      { kind: 'decimal', precision: 38, scale: 38 },
      { kind: 'decimal', precision: 38, scale: 0 },
      { kind: 'decimal', precision: 1, scale: 0 },
    ]);
  });

  it('checks decimals nested in structs, lists and maps', () => {
    const problems = templateProblems([
      '{ name: lines, type: "list<struct<price:decimal(40,2)>>" }',
      '{ name: m, type: "map<string,decimal(3,4)>" }',
    ]);
    expect(problemAt(problems, 'columns[0].type').message).toContain('precision 40 is out of range');
    expect(problemAt(problems, 'columns[1].type').message).toContain('scale 4 exceeds precision 3');
  });

  it('rejects fixed[0]', () => {
    expect(problemAt(templateProblems(['{ name: h, type: "fixed[0]" }']), 'columns[0].type').message).toBe(
      'fixed[0]: the length must be at least 1',
    );
  });

  it('reports a type syntax error at the column type with what is allowed', () => {
    const p = problemAt(templateProblems(['{ name: id, type: long }', '{ name: name, type: varchar }']), 'columns[1].type');
    expect(p.message).toContain('"varchar" is not an Iceberg type (did you mean string?); use one of boolean, int, long');
  });
});

describe('column types: v3-only types need format-version 3', () => {
  it.each([
    ['timestamp_ns', 'use timestamp'],
    ['timestamptz_ns', 'use timestamptz'],
    ['variant', 'use another type'],
    ['unknown', 'use another type'],
  ])('rejects %s in the default format version 2', (type, alternative) => {
    const p = problemAt(templateProblems([`{ name: c, type: ${type} }`]), 'columns[0].type');
    expect(p.message).toBe(`${type} is not supported until format version 3; set properties.format-version: 3 or ${alternative}`);
  });

  it('rejects v3 types nested in structs, lists and maps, and with format-version 1 or 2 set explicitly', () => {
    const columns = ['{ name: a, type: "struct<x:list<timestamptz_ns>>" }', '{ name: b, type: "map<string,variant>" }'];
    for (const version of [1, 2]) {
      const problems = templateProblems(columns, `properties:\n  format-version: ${version}\n`);
      expect(problemAt(problems, 'columns[0].type').message).toContain('timestamptz_ns is not supported until format version 3');
      expect(problemAt(problems, 'columns[1].type').message).toContain('variant is not supported until format version 3');
    }
  });

  it('accepts them with format-version 3 and reports the version', () => {
    const t = validTemplate(['{ name: a, type: timestamp_ns }', '{ name: b, type: "list<variant>" }', '{ name: c, type: unknown }'], V3);
    expect(t.formatVersion).toBe(3);
  });

  it('rejects a required unknown column: the spec says unknown columns must be optional', () => {
    const p = problemAt(
      templateProblems(['{ name: id, type: long }', '{ name: later, type: unknown, required: true }'], V3),
      'columns[1].required',
    );
    expect(p.message).toContain('must be optional');
  });
});

describe('column names', () => {
  it('rejects a duplicate column name at the second occurrence', () => {
    const problems = templateProblems(['{ name: id, type: long }', '{ name: ts, type: date }', '{ name: id, type: string }']);
    expect(problemAt(problems, 'columns[2].name').message).toBe("duplicate column name 'id' (also columns[0])");
  });

  it('rejects duplicate struct field names, also deep inside', () => {
    const problems = templateProblems([
      '{ name: s, type: "struct<a:int,a:string>" }',
      '{ name: t, type: "list<struct<x:struct<b:int,b:int>>>" }',
    ]);
    expect(problemAt(problems, 'columns[0].type').message).toBe('duplicate struct field name "a" in struct<a:int,a:string>');
    expect(problemAt(problems, 'columns[1].type').message).toContain('duplicate struct field name "b"');
  });

  it('allows the same field name in different structs', () => {
    expect(() => validTemplate(['{ name: s, type: "struct<a:int,b:struct<a:int>>" }'])).not.toThrow();
  });
});

describe('governance fields', () => {
  it('rejects masking on a column that is not restricted', () => {
    const problems = templateProblems(['{ name: email, type: string, access_level: internal, masking: sha256 }']);
    expect(problemAt(problems, 'columns[0].masking').message).toBe(
      'masking applies to restricted columns only; set access_level: restricted or remove masking',
    );
    expect(problemAt(templateProblems(['{ name: email, type: string, masking: nullify }']), 'columns[0].masking')).toBeDefined();
  });

  it('applies column defaults: public, optional, not PII', () => {
    const t = validTemplate([
      '{ name: id, type: long }',
      '{ name: email, type: string, access_level: restricted, pii: true, masking: sha256, required: true }',
    ]);
    expect(t.parsedColumns).toEqual([
      {
        name: 'id',
        type: { kind: 'primitive', name: 'long' },
        required: false,
        description: undefined,
        accessLevel: 'public',
        pii: false,
        masking: undefined,
      },
      {
        name: 'email',
        type: { kind: 'primitive', name: 'string' },
        required: true,
        description: undefined,
        accessLevel: 'restricted',
        pii: true,
        masking: 'sha256',
      },
    ]);
    expect(t.formatVersion).toBe(2);
  });

  it('rejects csv_options with a format other than csv', () => {
    const problems = templateProblems(
      ['{ name: id, type: long }'],
      'source:\n  path: s3://landing/orders/\n  format: json\n  csv_options: { header: true }\n',
    );
    expect(problemAt(problems, 'source.csv_options').message).toBe('csv_options only apply to format: csv (format is json)');
  });
});

describe('checkTemplateSemantics on code-built input', () => {
  it('collects every problem instead of stopping at the first', () => {
    const check = checkTemplateSemantics({
      name: 'orders',
      namespace: 'sales',
      columns: [
        { name: 'id', type: 'decimal(40,2)' },
        { name: 'id', type: 'int' },
        { name: 'ts', type: 'timestamp_ns' },
      ],
      partition_spec: [{ column: 'nope', transform: 'day' }],
    });
    expect(check.problems.map((p) => p.path.join('/'))).toEqual([
      'columns/0/type',
      'columns/1/name',
      'columns/2/type',
      'partition_spec/0/column',
    ]);
  });
});

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
      'column "nope" does not exist; columns are: id, ts, d, flag, f, dbl, s, t, amount, payload, items, attrs, email, secret',
    );
  });

  it('rejects a missing nested field', () => {
    const p = problemAt(partitionProblems('{ column: payload.city, transform: identity }'), 'partition_spec[0].column');
    expect(p.message).toBe('struct field "city" of "payload.city" does not exist; its fields are: country, at, inner');
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
      '"items.element.price" cannot be resolved: "element" is inside a list; only struct fields can be sources',
    );
    expect(problemAt(problems, 'partition_spec[1].column').message).toContain('"key" is inside a map');
    expect(problemAt(problems, 'partition_spec[2].column').message).toContain('"x" is in long');
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
      new RegExp(
        `^${transform.replace(/[[\]]/g, '\\$&')} cannot be applied to "${column}" of type ${type}; ${transform.replace(/\[.*/, '')} accepts `,
      ),
    );
  });

  it('names the accepted types', () => {
    const p = problemAt(partitionProblems('{ column: d, transform: hour }'), 'partition_spec[0].transform');
    expect(p.message).toBe('hour cannot be applied to "d" of type date; hour accepts timestamp, timestamptz, timestamp_ns, timestamptz_ns');
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
    expect(p.message).toContain('identity cannot be applied to "v" of type variant');
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
    expect(problemAt(problems, 'sort_order[0].column').message).toContain('column "nope" does not exist');
    expect(problemAt(problems, 'sort_order[1].column').message).toBe("'attrs' is map<string,string>; sort sources must be primitive");
    expect(problemAt(problems, 'sort_order[2].column').message).toContain('inside a list');
  });

  it('rejects a transform the source type does not accept', () => {
    const p = problemAt(templateProblems(COLUMNS, sort('{ column: d, transform: hour }')), 'sort_order[0].transform');
    expect(p.message).toContain('hour cannot be applied to "d" of type date');
  });

  it('rejects a bad direction or null order with the allowed values', () => {
    const problems = templateProblems(COLUMNS, sort('{ column: id, direction: up, null_order: first }'));
    expect(problemAt(problems, 'sort_order[0].direction').message).toBe('"up" is not allowed; use one of: asc, desc');
    expect(problemAt(problems, 'sort_order[0].null_order').message).toBe('"first" is not allowed; use one of: nulls_first, nulls_last');
  });
});

const ID_ONLY = ['{ name: id, type: long }'];
const props = (...lines: string[]): string => `properties:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
const propertyProblems = (...lines: string[]) => templateProblems(ID_ONLY, props(...lines));

describe('known Iceberg table properties', () => {
  it('accepts the values Iceberg accepts, as strings, numbers or booleans', () => {
    const t = validTemplate(
      ID_ONLY,
      props(
        'format-version: 1',
        'write.format.default: avro',
        'write.parquet.compression-codec: snappy',
        'write.target-file-size-bytes: 134217728',
        'write.metadata.delete-after-commit.enabled: true',
        'write.metadata.previous-versions-max: "50"',
        'history.expire.max-snapshot-age-ms: 432000000',
        'history.expire.min-snapshots-to-keep: 1',
        'commit.retry.num-retries: 0',
        'write.delete.mode: copy-on-write',
        'write.update.mode: copy-on-write',
        'write.merge.mode: copy-on-write',
        'write.distribution-mode: hash',
        'gc.enabled: "false"',
        'read.split.target-size: 1024',
        'schema.name-mapping.default: "[]"',
      ),
    );
    expect(t.formatVersion).toBe(1);
  });

  it('rejects format-version 4 and 0 with the allowed versions', () => {
    expect(problemAt(propertyProblems('format-version: 4'), 'properties["format-version"]').message).toBe(
      '4 is not allowed; use one of: 1, 2, 3',
    );
    expect(problemAt(propertyProblems('format-version: "0"'), 'properties["format-version"]')).toBeDefined();
  });

  it('rejects an unknown file format and codec', () => {
    expect(problemAt(propertyProblems('write.format.default: csv'), 'properties["write.format.default"]').message).toBe(
      '"csv" is not allowed; use one of: parquet, avro, orc',
    );
    expect(
      problemAt(propertyProblems('write.parquet.compression-codec: lzo'), 'properties["write.parquet.compression-codec"]').message,
    ).toBe('"lzo" is not allowed (did you mean lz4?); use one of: zstd, gzip, snappy, lz4, brotli, uncompressed');
  });

  it.each([
    ['write.target-file-size-bytes', '512MB', 'positive'],
    ['write.target-file-size-bytes', '1.5', 'positive'],
    ['write.target-file-size-bytes', '0', 'positive'],
    ['history.expire.max-snapshot-age-ms', '-1', 'positive'],
    ['history.expire.min-snapshots-to-keep', 'true', 'positive'],
    ['commit.retry.num-retries', '-1', 'non-negative'],
  ])('rejects %s: %s (not a %s whole number)', (key, value, kind) => {
    const p = problemAt(propertyProblems(`${key}: ${value}`), `properties["${key}"]`);
    // Quoted as written: a YAML string in quotes, a number or boolean bare.
    expect(p.message).toBe(`${/^-?[0-9.]+$|^true$/.test(value) ? value : JSON.stringify(value)} is not a ${kind} whole number`);
  });

  it('rejects a boolean property that is not true or false', () => {
    expect(
      problemAt(
        propertyProblems('write.metadata.delete-after-commit.enabled: "yes"'),
        'properties["write.metadata.delete-after-commit.enabled"]',
      ).message,
    ).toBe('"yes" is not true or false');
  });

  it.each(['write.delete.mode', 'write.update.mode', 'write.merge.mode'])('rejects a bad %s', (key) => {
    expect(problemAt(propertyProblems(`${key}: merge`), `properties["${key}"]`).message).toBe(
      '"merge" is not allowed; use one of: copy-on-write, merge-on-read',
    );
  });

  it('rejects merge-on-read with format-version 1 (delete files need v2)', () => {
    const problems = propertyProblems('format-version: 1', 'write.delete.mode: merge-on-read', 'write.merge.mode: merge-on-read');
    expect(problemAt(problems, 'properties["write.delete.mode"]').message).toBe(
      'merge-on-read writes delete files, which need format-version 2 or 3 (format-version is 1)',
    );
    expect(problemAt(problems, 'properties["write.merge.mode"]')).toBeDefined();
    expect(() => validTemplate(ID_ONLY, props('write.delete.mode: merge-on-read'))).not.toThrow();
  });

  it('rejects a key that is not an Iceberg property, at the key, saying which keys are', () => {
    const problems = propertyProblems('owner: data-team', 'format_version: 2');
    const p = problemAt(problems, 'properties.owner');
    expect(p.message).toBe(
      '"owner" is not an Iceberg table property; keys are format-version or start with write., read., commit., history., gc., schema., compatibility., engine., encryption.',
    );
    expect([p.line, p.column]).toEqual([6, 3]);
    expect(problemAt(problems, 'properties.format_version')).toBeDefined();
  });

  it('accepts a per-column property of a column of the table', () => {
    expect(() => validTemplate(ID_ONLY, props('write.parquet.bloom-filter-enabled.column.id: true'))).not.toThrow();
  });

  it('rejects a value that is not a string, number or boolean (JSON Schema)', () => {
    expect(problemAt(propertyProblems('format-version: [2]'), 'properties["format-version"]').message).toBe(
      'a list is not a string or a number or true or false',
    );
  });

  it('checkTableProperties returns path problems for code-built input', () => {
    expect(checkTableProperties({ 'format-version': 2, 'write.format.default': 'parquet' })).toEqual([]);
    expect(checkTableProperties({ 'format-version': 5 })).toEqual([
      { path: ['properties', 'format-version'], message: '5 is not allowed; use one of: 1, 2, 3' },
    ]);
  });
});
