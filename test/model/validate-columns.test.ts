import { describe, expect, it } from 'vitest';
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
    expect(p.message).toContain("unknown type 'varchar': expected one of boolean, int, long");
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
    expect(problemAt(problems, 'columns[0].type').message).toBe("duplicate struct field name 'a' in struct<a:int,a:string>");
    expect(problemAt(problems, 'columns[1].type').message).toContain("duplicate struct field name 'b'");
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
