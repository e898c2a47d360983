import { describe, expect, it } from 'vitest';
import { toIcebergTableJson, type IcebergJsonField, type IcebergTableJson } from '../../lib/model/mappings/iceberg-json';
import {
  compareIcebergSchemas,
  compareIcebergTables,
  comparePartitionSpecs,
  compareProperties,
  compareSortOrders,
  evolveSchema,
  fieldPathsById,
  type SchemaChange,
} from '../../lib/model/schema-evolution';
import { validTemplate } from './helpers';

/** A table as Iceberg JSON, built from template column lines through the model (as the CLI and Lambda do). */
function table(columns: readonly string[], extra = ''): IcebergTableJson {
  return toIcebergTableJson(validTemplate(columns, extra));
}

const schemaOf = (columns: readonly string[]): IcebergJsonField[] => table(columns).schema.fields;

/** `class kind path` of each change: what the table-driven cases assert. */
const summary = (changes: readonly SchemaChange[]): string[] => changes.map((c) => `${c.class} ${c.kind} ${c.path}`);

const ID = '{ name: id, type: long, required: true }';

describe('compareIcebergSchemas: pairs of templates', () => {
  // [title, base columns (after id), target columns (after id), expected `class kind path`, options]
  const cases: [string, string[], string[], string[], { formatVersion?: number }?][] = [
    ['new optional column', [], ['{ name: c, type: string }'], ['safe column-added-optional c']],
    ['new required column', [], ['{ name: c, type: string, required: true }'], ['breaking column-added-required c']],
    ['column dropped', ['{ name: c, type: string }'], [], ['breaking column-dropped c']],
    ['int → long', ['{ name: c, type: int }'], ['{ name: c, type: long }'], ['safe type-widened c']],
    ['float → double', ['{ name: c, type: float }'], ['{ name: c, type: double }'], ['safe type-widened c']],
    ['decimal precision widened', ['{ name: c, type: "decimal(10,2)" }'], ['{ name: c, type: "decimal(12,2)" }'], ['safe type-widened c']],
    [
      'decimal precision narrowed',
      ['{ name: c, type: "decimal(12,2)" }'],
      ['{ name: c, type: "decimal(10,2)" }'],
      ['breaking type-narrowed c'],
    ],
    [
      'decimal scale changed',
      ['{ name: c, type: "decimal(10,2)" }'],
      ['{ name: c, type: "decimal(12,3)" }'],
      ['breaking decimal-scale-changed c'],
    ],
    ['long → int', ['{ name: c, type: long }'], ['{ name: c, type: int }'], ['breaking type-narrowed c']],
    ['double → float', ['{ name: c, type: double }'], ['{ name: c, type: float }'], ['breaking type-narrowed c']],
    ['int → string', ['{ name: c, type: int }'], ['{ name: c, type: string }'], ['breaking type-changed c']],
    ['int → double', ['{ name: c, type: int }'], ['{ name: c, type: double }'], ['breaking type-changed c']],
    ['timestamp → timestamptz', ['{ name: c, type: timestamp }'], ['{ name: c, type: timestamptz }'], ['breaking type-changed c']],
    ['date → timestamp in v2', ['{ name: c, type: date }'], ['{ name: c, type: timestamp }'], ['breaking type-changed c']],
    [
      'date → timestamp in v3',
      ['{ name: c, type: date }'],
      ['{ name: c, type: timestamp }'],
      ['safe type-widened c'],
      { formatVersion: 3 },
    ],
    ['required → optional', ['{ name: c, type: int, required: true }'], ['{ name: c, type: int }'], ['safe required-to-optional c']],
    ['optional → required', ['{ name: c, type: int }'], ['{ name: c, type: int, required: true }'], ['breaking optional-to-required c']],
    [
      'description changed',
      ['{ name: c, type: int, description: old }'],
      ['{ name: c, type: int, description: new }'],
      ['safe doc-changed c'],
    ],
    ['description added', ['{ name: c, type: int }'], ['{ name: c, type: int, description: new }'], ['safe doc-changed c']],
    ['primitive → struct', ['{ name: c, type: string }'], ['{ name: c, type: "struct<a:string>" }'], ['breaking nested-changed c']],
    ['struct → primitive', ['{ name: c, type: "struct<a:string>" }'], ['{ name: c, type: string }'], ['breaking nested-changed c']],
    ['list → map', ['{ name: c, type: "list<int>" }'], ['{ name: c, type: "map<string,int>" }'], ['breaking nested-changed c']],
    [
      'struct field added',
      ['{ name: c, type: "struct<a:int>" }'],
      ['{ name: c, type: "struct<a:int,b:string>" }'],
      ['safe column-added-optional c.b'],
    ],
    [
      'struct field dropped',
      ['{ name: c, type: "struct<a:int,b:string>" }'],
      ['{ name: c, type: "struct<a:int>" }'],
      ['breaking column-dropped c.b'],
    ],
    ['struct field widened', ['{ name: c, type: "struct<a:int>" }'], ['{ name: c, type: "struct<a:long>" }'], ['safe type-widened c.a']],
    [
      'struct field retyped',
      ['{ name: c, type: "struct<a:long>" }'],
      ['{ name: c, type: "struct<a:string>" }'],
      ['breaking type-changed c.a'],
    ],
    ['list element widened', ['{ name: c, type: "list<int>" }'], ['{ name: c, type: "list<long>" }'], ['safe type-widened c.element']],
    [
      'list element retyped',
      ['{ name: c, type: "list<int>" }'],
      ['{ name: c, type: "list<string>" }'],
      ['breaking type-changed c.element'],
    ],
    [
      'field added to a struct in a list',
      ['{ name: c, type: "list<struct<a:int>>" }'],
      ['{ name: c, type: "list<struct<a:int,b:int>>" }'],
      ['safe column-added-optional c.element.b'],
    ],
    [
      'map value widened',
      ['{ name: c, type: "map<string,int>" }'],
      ['{ name: c, type: "map<string,long>" }'],
      ['safe type-widened c.value'],
    ],
    [
      'field added to a struct map value',
      ['{ name: c, type: "map<string,struct<a:int>>" }'],
      ['{ name: c, type: "map<string,struct<a:int,b:date>>" }'],
      ['safe column-added-optional c.value.b'],
    ],
    [
      'map key retyped',
      ['{ name: c, type: "map<string,int>" }'],
      ['{ name: c, type: "map<long,int>" }'],
      ['breaking map-key-changed c.key'],
    ],
    [
      'map key widened (keys never change)',
      ['{ name: c, type: "map<int,int>" }'],
      ['{ name: c, type: "map<long,int>" }'],
      ['breaking map-key-changed c.key'],
    ],
    [
      'columns reordered',
      ['{ name: a, type: int }', '{ name: b, type: int }'],
      ['{ name: b, type: int }', '{ name: a, type: int }'],
      ['safe column-reordered '],
    ],
    [
      'rename without identity is a drop + add',
      ['{ name: old_name, type: string }'],
      ['{ name: new_name, type: string }'],
      ['safe column-added-optional new_name', 'breaking column-dropped old_name'],
    ],
    ['no change', ['{ name: c, type: "map<string,list<decimal(9,2)>>" }'], ['{ name: c, type: "map<string,list<decimal(9,2)>>" }'], []],
  ];

  it('covers at least 25 pairs', () => expect(cases.length).toBeGreaterThanOrEqual(25));

  it.each(cases)('%s', (_title, base, target, expected, options) => {
    const changes = compareIcebergSchemas({ fields: schemaOf([ID, ...base]) }, { fields: schemaOf([ID, ...target]) }, options);
    expect(summary(changes)).toEqual(expected);
  });

  it('quotes the old and new type and says why', () => {
    const [narrowed] = compareIcebergSchemas(
      { fields: schemaOf([ID, '{ name: c, type: "decimal(12,2)" }']) },
      {
        fields: schemaOf([ID, '{ name: c, type: "decimal(10,2)" }']),
      },
    );
    expect(narrowed).toMatchObject({ from: 'decimal(12,2)', to: 'decimal(10,2)' });
    expect(narrowed!.message).toBe(
      "type of 'c' changed from decimal(12,2) to decimal(10,2): breaking, a narrowing (existing values may not fit); Iceberg allows only int→long, float→double and decimal(P,S)→decimal(P2,S) with P2 > P",
    );
    const [added] = compareIcebergSchemas({ fields: schemaOf([ID]) }, { fields: schemaOf([ID, '{ name: c, type: "list<string>" }']) });
    expect(added!.message).toBe("new optional column 'c' (list<string>): safe, rows written before it read as null");
  });

  it('matches names case-sensitively, as Iceberg does', () => {
    const base: IcebergJsonField[] = [{ id: 1, name: 'Amount', required: false, type: 'int' }];
    const target: IcebergJsonField[] = [{ id: 1, name: 'amount', required: false, type: 'int' }];
    expect(summary(compareIcebergSchemas({ fields: base }, { fields: target }))).toEqual([
      'safe column-added-optional amount',
      'breaking column-dropped Amount',
    ]);
  });

  it('never matches by id: the same id under another name is a different column', () => {
    const base: IcebergJsonField[] = [{ id: 1, name: 'a', required: false, type: 'int' }];
    const target: IcebergJsonField[] = [{ id: 1, name: 'b', required: false, type: 'string' }];
    expect(summary(compareIcebergSchemas({ fields: base }, { fields: target }))).toEqual([
      'safe column-added-optional b',
      'breaking column-dropped a',
    ]);
  });

  it("reads the Java serialization of decimals ('decimal(10, 2)') like the spec's", () => {
    const live: IcebergJsonField[] = [{ id: 1, name: 'c', required: false, type: 'decimal(10, 2)' }];
    expect(compareIcebergSchemas({ fields: live }, { fields: [{ ...live[0]!, type: 'decimal(10,2)' }] })).toEqual([]);
  });

  it('classifies list element and map value required flags like fields', () => {
    const list = (required: boolean): IcebergJsonField[] => [
      { id: 1, name: 'c', required: false, type: { type: 'list', 'element-id': 2, element: 'int', 'element-required': required } },
    ];
    expect(summary(compareIcebergSchemas({ fields: list(true) }, { fields: list(false) }))).toEqual([
      'safe required-to-optional c.element',
    ]);
    expect(summary(compareIcebergSchemas({ fields: list(false) }, { fields: list(true) }))).toEqual([
      'breaking optional-to-required c.element',
    ]);
    const map = (required: boolean): IcebergJsonField[] => [
      {
        id: 1,
        name: 'm',
        required: false,
        type: { type: 'map', 'key-id': 2, key: 'string', 'value-id': 3, value: 'int', 'value-required': required },
      },
    ];
    expect(summary(compareIcebergSchemas({ fields: map(false) }, { fields: map(true) }))).toEqual([
      'breaking optional-to-required m.value',
    ]);
  });

  it('lets v3 promote unknown to any type', () => {
    const base: IcebergJsonField[] = [{ id: 1, name: 'c', required: false, type: 'unknown' }];
    const target: IcebergJsonField[] = [{ id: 1, name: 'c', required: false, type: 'string' }];
    expect(summary(compareIcebergSchemas({ fields: base }, { fields: target }, { formatVersion: 3 }))).toEqual(['safe type-widened c']);
    expect(summary(compareIcebergSchemas({ fields: base }, { fields: target }))).toEqual(['breaking type-changed c']);
  });
});

describe('partition specs, sort orders and properties', () => {
  const cols = [ID, '{ name: ts, type: timestamptz }', '{ name: region, type: string }'];
  const spec = (extra: string) => {
    const t = table(cols, extra);
    return { schema: t.schema, fields: t['partition-spec'].fields };
  };
  const order = (extra: string) => {
    const t = table(cols, extra);
    return { schema: t.schema, fields: t['sort-order'].fields };
  };

  it.each([
    ['partition added', '', 'partition_spec:\n  - { column: ts, transform: day }\n', ['safe partition-field-added ts']],
    ['partition removed', 'partition_spec:\n  - { column: ts, transform: day }\n', '', ['safe partition-field-removed ts']],
    [
      'partition transform changed',
      'partition_spec:\n  - { column: ts, transform: day }\n',
      'partition_spec:\n  - { column: ts, transform: hour }\n',
      ['safe partition-field-added ts', 'safe partition-field-removed ts'],
    ],
    [
      'partition renamed',
      'partition_spec:\n  - { column: region, transform: "bucket[8]" }\n',
      'partition_spec:\n  - { column: region, transform: "bucket[8]", name: region_b }\n',
      ['safe partition-field-renamed region'],
    ],
    [
      'partitions reordered',
      'partition_spec:\n  - { column: ts, transform: day }\n  - { column: region, transform: identity }\n',
      'partition_spec:\n  - { column: region, transform: identity }\n  - { column: ts, transform: day }\n',
      ['safe partition-fields-reordered '],
    ],
  ])('%s', (_title, base, target, expected) => {
    const changes = comparePartitionSpecs(spec(base), spec(target));
    expect(summary(changes)).toEqual(expected);
    for (const c of changes) expect(c.message).toContain('applies to new data only');
  });

  it('matches partition fields by source column name, not by source id', () => {
    // `ts` has id 2 in the base and id 3 in the target: the same field all the same.
    const base = table([ID, '{ name: ts, type: timestamptz }'], 'partition_spec:\n  - { column: ts, transform: day }\n');
    const target = table(
      [ID, '{ name: other, type: int }', '{ name: ts, type: timestamptz }'],
      'partition_spec:\n  - { column: ts, transform: day }\n',
    );
    expect(
      comparePartitionSpecs(
        { schema: base.schema, fields: base['partition-spec'].fields },
        {
          schema: target.schema,
          fields: target['partition-spec'].fields,
        },
      ),
    ).toEqual([]);
  });

  it.each([
    ['sort added', '', 'sort_order:\n  - { column: ts }\n', ['safe sort-field-added ts']],
    ['sort removed', 'sort_order:\n  - { column: ts }\n', '', ['safe sort-field-removed ts']],
    [
      'sort direction changed',
      'sort_order:\n  - { column: ts }\n',
      'sort_order:\n  - { column: ts, direction: desc }\n',
      ['safe sort-field-changed ts'],
    ],
    [
      'sort reordered',
      'sort_order:\n  - { column: ts }\n  - { column: region }\n',
      'sort_order:\n  - { column: region }\n  - { column: ts }\n',
      ['safe sort-fields-reordered '],
    ],
  ])('%s', (_title, base, target, expected) => {
    const changes = compareSortOrders(order(base), order(target));
    expect(summary(changes)).toEqual(expected);
    expect(changes[0]!.message).toContain('applies to new data only');
  });

  it('sort field change quotes the old and new direction', () => {
    const [c] = compareSortOrders(order('sort_order:\n  - { column: ts }\n'), order('sort_order:\n  - { column: ts, direction: desc }\n'));
    expect(c!.message).toMatch(
      /^sort field identity\(ts\) changed from asc nulls-first to desc nulls-last: safe, applies to new data only/,
    );
  });

  it.each([
    ['property set', {}, { 'write.format.default': 'orc' }, ['safe property-set write.format.default']],
    [
      'property changed',
      { 'commit.retry.num-retries': '4' },
      { 'commit.retry.num-retries': '8' },
      ['safe property-changed commit.retry.num-retries'],
    ],
    ['property removed', { 'write.format.default': 'orc' }, {}, ['safe property-removed write.format.default']],
    ['format-version upgrade', { 'format-version': '2' }, { 'format-version': '3' }, ['safe format-version-upgraded format-version']],
    [
      'format-version downgrade',
      { 'format-version': '3' },
      { 'format-version': '2' },
      ['breaking format-version-downgraded format-version'],
    ],
    ['format-version default 2 made explicit', {}, { 'format-version': '2' }, []],
  ])('%s', (_title, base, target, expected) => {
    expect(summary(compareProperties(base, target))).toEqual(expected);
  });

  it('says a format-version upgrade is one-way', () => {
    expect(compareProperties({ 'format-version': '2' }, { 'format-version': '3' })[0]!.message).toContain('one-way');
  });

  it('compares whole tables; a v3 date → timestamp promotion under a bucket partition is breaking', () => {
    const props = 'properties:\n  format-version: 3\n';
    const base = table([ID, '{ name: d, type: date }'], `partition_spec:\n  - { column: d, transform: "bucket[4]" }\n${props}`);
    const target = table([ID, '{ name: d, type: timestamp }'], `partition_spec:\n  - { column: d, transform: "bucket[4]" }\n${props}`);
    expect(summary(compareIcebergTables(base, target))).toEqual(['breaking type-changed d']);
    const byDay = (t: string) => table([ID, `{ name: d, type: ${t} }`], `partition_spec:\n  - { column: d, transform: day }\n${props}`);
    expect(summary(compareIcebergTables(byDay('date'), byDay('timestamp')))).toEqual(['safe type-widened d']);
  });
});

describe('evolveSchema: the schema an add-schema commit carries', () => {
  // Live ids as a catalog would have them: 1 id, 2 s (struct), 3 s.a; last-column-id 5 (two dropped long ago).
  const live = {
    'schema-id': 4,
    'identifier-field-ids': [1],
    fields: [
      { id: 1, name: 'id', required: true, type: 'long' },
      {
        id: 2,
        name: 's',
        required: false,
        type: { type: 'struct' as const, fields: [{ id: 3, name: 'a', required: false, type: 'int' }] },
      },
    ],
  };

  it('keeps live ids, widens in place and numbers new fields from last-column-id + 1 in UnionByNameVisitor order', () => {
    const desired = schemaOf([
      '{ name: id, type: long, required: true, description: key }',
      '{ name: c, type: "map<string,list<int>>" }',
      '{ name: s, type: "struct<a:long,b:string>" }',
      '{ name: d, type: "struct<x:int,y:list<int>>" }',
    ]);
    const result = evolveSchema(live, 5, { fields: desired });
    expect(result.breaking).toEqual([]);
    expect(summary(result.changes)).toEqual([
      'safe doc-changed id',
      'safe column-added-optional c',
      'safe type-widened s.a',
      'safe column-added-optional s.b',
      'safe column-added-optional d',
    ]);
    // Nested additions in existing structs first (s.b = 6), then the top level's in order:
    // c = 7 (key 8, value 9, element 10), d = 11 (x 12, y 13, y.element 14).
    expect(result.schema).toEqual({
      type: 'struct',
      'schema-id': 5,
      'identifier-field-ids': [1],
      fields: [
        { id: 1, name: 'id', required: true, type: 'long', doc: 'key' },
        {
          id: 7,
          name: 'c',
          required: false,
          type: {
            type: 'map',
            'key-id': 8,
            key: 'string',
            'value-id': 9,
            value: { type: 'list', 'element-id': 10, element: 'int', 'element-required': false },
            'value-required': false,
          },
        },
        {
          id: 2,
          name: 's',
          required: false,
          type: {
            type: 'struct',
            fields: [
              { id: 3, name: 'a', required: false, type: 'long' },
              { id: 6, name: 'b', required: false, type: 'string' },
            ],
          },
        },
        {
          id: 11,
          name: 'd',
          required: false,
          type: {
            type: 'struct',
            fields: [
              { id: 12, name: 'x', required: false, type: 'int' },
              { id: 13, name: 'y', required: false, type: { type: 'list', 'element-id': 14, element: 'int', 'element-required': false } },
            ],
          },
        },
      ],
    });
    expect(result.lastColumnId).toBe(14);
    // Every id unique, and paths resolvable.
    const ids = [...fieldPathsById(result.schema!).keys()];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('proposes no schema when a change is breaking, and keeps last-column-id', () => {
    const desired = schemaOf(['{ name: id, type: int, required: true }', '{ name: e, type: string }']);
    const result = evolveSchema(live, 5, { fields: desired });
    expect(result.schema).toBeUndefined();
    expect(result.lastColumnId).toBe(5);
    expect(summary(result.breaking)).toEqual(['breaking type-narrowed id', 'breaking column-dropped s']);
    expect(summary(result.changes)).toContain('safe column-added-optional e');
  });

  it('proposes no schema when nothing changed', () => {
    const desired = schemaOf(['{ name: id, type: long, required: true }', '{ name: s, type: "struct<a:int>" }']);
    expect(evolveSchema(live, 5, { fields: desired })).toEqual({ changes: [], breaking: [], lastColumnId: 5 });
  });

  it('never reuses an id when last-column-id is behind the schema', () => {
    const result = evolveSchema(live, 1, {
      fields: schemaOf(['{ name: id, type: long, required: true }', '{ name: s, type: "struct<a:int>" }', '{ name: n, type: int }']),
    });
    expect(result.schema!.fields.at(-1)).toEqual({ id: 4, name: 'n', required: false, type: 'int' });
    expect(result.lastColumnId).toBe(4);
  });
});
