import { describe, expect, it } from 'vitest';
import {
  IcebergTypeSyntaxError,
  isPrimitive,
  parseIcebergType,
  printIcebergType,
  typeFamily,
  walkType,
  type IcebergPrimitiveName,
  type IcebergType,
} from '../../lib/model/iceberg-types';

const PRIMITIVE_NAMES: IcebergPrimitiveName[] = [
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'timestamp_ns',
  'timestamptz_ns',
  'string',
  'uuid',
  'binary',
  'variant',
  'unknown',
];

const prim = (name: IcebergPrimitiveName): IcebergType => ({ kind: 'primitive', name });

/** The syntax error a type string raises (fails when it parses). */
function syntaxError(text: string): IcebergTypeSyntaxError {
  try {
    parseIcebergType(text);
  } catch (e) {
    if (e instanceof IcebergTypeSyntaxError) return e;
    throw e;
  }
  throw new Error(`'${text}' parsed`);
}

/** Deterministic pseudo-random numbers (a fixed LCG), so the generated set is the same on every run. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function randomType(next: () => number, depth: number): IcebergType {
  const pick = Math.floor(next() * (depth <= 0 ? 3 : 6));
  switch (pick) {
    case 0:
      return prim(PRIMITIVE_NAMES[Math.floor(next() * PRIMITIVE_NAMES.length)]!);
    case 1: {
      const precision = 1 + Math.floor(next() * 38);
      return { kind: 'decimal', precision, scale: Math.floor(next() * (precision + 1)) };
    }
    case 2:
      return { kind: 'fixed', length: 1 + Math.floor(next() * 64) };
    case 3:
      return { kind: 'list', element: randomType(next, depth - 1) };
    case 4:
      return { kind: 'map', key: randomType(next, depth - 1), value: randomType(next, depth - 1) };
    default: {
      const count = 1 + Math.floor(next() * 4);
      const fields = Array.from({ length: count }, (_, i) => ({ name: `f${i}_${depth}`, type: randomType(next, depth - 1) }));
      return { kind: 'struct', fields };
    }
  }
}

/** Prints like printIcebergType but with random whitespace around every token. */
function printSpaced(type: IcebergType, next: () => number): string {
  const s = (): string => [' ', '', '  ', '\t', '\n'][Math.floor(next() * 5)]!;
  switch (type.kind) {
    case 'primitive':
      return `${s()}${type.name}${s()}`;
    case 'decimal':
      return `${s()}decimal${s()}(${s()}${type.precision}${s()},${s()}${type.scale}${s()})${s()}`;
    case 'fixed':
      return `${s()}fixed${s()}[${s()}${type.length}${s()}]${s()}`;
    case 'list':
      return `${s()}list${s()}<${printSpaced(type.element, next)}>${s()}`;
    case 'map':
      return `${s()}map${s()}<${printSpaced(type.key, next)},${printSpaced(type.value, next)}>${s()}`;
    case 'struct':
      return `${s()}struct${s()}<${type.fields.map((f) => `${s()}${f.name}${s()}:${printSpaced(f.type, next)}`).join(',')}>${s()}`;
  }
}

function depthOf(type: IcebergType): number {
  if (type.kind === 'list') return 1 + depthOf(type.element);
  if (type.kind === 'map') return 1 + Math.max(depthOf(type.key), depthOf(type.value));
  if (type.kind === 'struct') return 1 + Math.max(...type.fields.map((f) => depthOf(f.type)));
  return 0;
}

describe('parseIcebergType: primitives and parameterized types', () => {
  it.each(PRIMITIVE_NAMES)('parses %s', (name) => {
    expect(parseIcebergType(name)).toEqual(prim(name));
  });

  it('parses type keywords case-insensitively, as Iceberg does', () => {
    expect(parseIcebergType('STRING')).toEqual(prim('string'));
    expect(parseIcebergType('Decimal(10,2)')).toEqual({ kind: 'decimal', precision: 10, scale: 2 });
  });

  it('parses decimal(P,S) and fixed[L] with their parameters', () => {
    expect(parseIcebergType('decimal(38,9)')).toEqual({ kind: 'decimal', precision: 38, scale: 9 });
    expect(parseIcebergType('decimal(1,0)')).toEqual({ kind: 'decimal', precision: 1, scale: 0 });
    expect(parseIcebergType('fixed[16]')).toEqual({ kind: 'fixed', length: 16 });
  });

  it('leaves range checks to validation (decimal(39,40) and fixed[0] parse)', () => {
    expect(parseIcebergType('decimal(39,40)')).toEqual({ kind: 'decimal', precision: 39, scale: 40 });
    expect(parseIcebergType('fixed[0]')).toEqual({ kind: 'fixed', length: 0 });
  });
});

describe('parseIcebergType: nested types', () => {
  it('parses struct, list and map', () => {
    expect(parseIcebergType('struct<a:int,b:string>')).toEqual({
      kind: 'struct',
      fields: [
        { name: 'a', type: prim('int') },
        { name: 'b', type: prim('string') },
      ],
    });
    expect(parseIcebergType('list<long>')).toEqual({ kind: 'list', element: prim('long') });
    expect(parseIcebergType('map<string,double>')).toEqual({ kind: 'map', key: prim('string'), value: prim('double') });
  });

  it('parses types nested five levels deep', () => {
    const text = 'struct<a:list<map<string,struct<b:list<decimal(10,2)>,c:fixed[4]>>>,d:int>';
    const type = parseIcebergType(text);
    expect(depthOf(type)).toBe(5);
    expect(type).toEqual({
      kind: 'struct',
      fields: [
        {
          name: 'a',
          type: {
            kind: 'list',
            element: {
              kind: 'map',
              key: prim('string'),
              value: {
                kind: 'struct',
                fields: [
                  { name: 'b', type: { kind: 'list', element: { kind: 'decimal', precision: 10, scale: 2 } } },
                  { name: 'c', type: { kind: 'fixed', length: 4 } },
                ],
              },
            },
          },
        },
        { name: 'd', type: prim('int') },
      ],
    });
    expect(printIcebergType(type)).toBe(text);
  });

  it('tolerates whitespace (spaces, tabs, newlines) between every token', () => {
    const spaced = ' struct < a : list < decimal ( 10 , 2 ) > ,\n\tb : map < string , fixed [ 16 ] > > ';
    expect(printIcebergType(parseIcebergType(spaced))).toBe('struct<a:list<decimal(10,2)>,b:map<string,fixed[16]>>');
  });

  it('keeps struct field names as written', () => {
    expect(parseIcebergType('struct<CamelCase:int>')).toEqual({ kind: 'struct', fields: [{ name: 'CamelCase', type: prim('int') }] });
  });
});

describe('parse(print(t)) round trip', () => {
  const next = lcg(20240611);
  const generated = Array.from({ length: 300 }, () => randomType(next, 5));

  it('generates a varied set (deep nesting, every kind)', () => {
    expect(Math.max(...generated.map(depthOf))).toBeGreaterThanOrEqual(4);
    const kinds = new Set<string>();
    generated.forEach((t) => walkType(t, (x) => kinds.add(x.kind)));
    expect([...kinds].sort()).toEqual(['decimal', 'fixed', 'list', 'map', 'primitive', 'struct']);
  });

  it('parses every printed type back to the same tree', () => {
    for (const t of generated) expect(parseIcebergType(printIcebergType(t))).toEqual(t);
  });

  it('parses every type printed with random whitespace back to the same tree', () => {
    const ws = lcg(7);
    for (const t of generated) expect(parseIcebergType(printSpaced(t, ws))).toEqual(t);
  });
});

describe('parseIcebergType: syntax errors say where and what is allowed', () => {
  it('unknown type: offset of the word, lists the allowed types', () => {
    const e = syntaxError('varchar');
    expect(e.offset).toBe(0);
    expect(e.message).toContain('"varchar" is not an Iceberg type (did you mean string?)');
    expect(e.message).toContain('decimal(P,S)');
    expect(e.message).toContain('struct<name:type,...>');
  });

  it('unknown type nested after whitespace: the offset points at the word, not the space before it', () => {
    const e = syntaxError('struct<a: varchar>');
    expect(e.offset).toBe(10);
    expect(e.message).toContain('(at character 11 of');
  });

  it("missing '>' at the end", () => {
    const e = syntaxError('list<int');
    expect(e.offset).toBe(8);
    expect(e.message).toContain("expected '>' but found end of text");
  });

  it("missing '>' in the middle (map with three parameters)", () => {
    const e = syntaxError('map<string,int,int>');
    expect(e.offset).toBe(14);
    expect(e.message).toContain("expected '>' but found ','");
  });

  it('trailing text after a complete type', () => {
    const e = syntaxError('int extra');
    expect(e.offset).toBe(4);
    expect(e.message).toContain("unexpected 'extra' after a complete type");
    expect(syntaxError('list<int>>').offset).toBe(9);
  });

  it('bad parameters: missing scale, negative or non-numeric numbers, missing length', () => {
    expect(syntaxError('decimal(10)').message).toContain("expected ',' but found ')'");
    expect(syntaxError('decimal(-1,2)').message).toContain('expected decimal precision (a whole number)');
    expect(syntaxError('decimal(10,x)').message).toContain('expected decimal scale (a whole number)');
    expect(syntaxError('decimal').message).toContain("expected '(' but found end of text");
    expect(syntaxError('fixed[]').message).toContain('expected fixed length (a whole number)');
    expect(syntaxError('fixed(16)').message).toContain("expected '['");
  });

  it('parameters on a type that takes none', () => {
    const e = syntaxError('string(10)');
    expect(e.message).toContain('string takes no parameters');
    expect(syntaxError('int<long>').message).toContain('int takes no parameters');
  });

  it('struct fields need a name, a colon and a type', () => {
    expect(syntaxError('struct<>').message).toContain('expected a struct field name');
    expect(syntaxError('struct<a int>').message).toContain("expected ':' but found 'i'");
    expect(syntaxError('struct<a:int,>').message).toContain('expected a struct field name');
  });

  it('empty text', () => {
    const e = syntaxError('   ');
    expect(e.offset).toBe(3);
    expect(e.message).toContain('expected a type');
  });
});

describe('type helpers', () => {
  it('isPrimitive: primitives, decimal and fixed yes; struct, list, map no', () => {
    expect(['int', 'decimal(10,2)', 'fixed[3]', 'variant'].map((t) => isPrimitive(parseIcebergType(t)))).toEqual([true, true, true, true]);
    expect(['struct<a:int>', 'list<int>', 'map<int,int>'].map((t) => isPrimitive(parseIcebergType(t)))).toEqual([false, false, false]);
  });

  it('typeFamily names the family Iceberg uses in transform rules', () => {
    expect(['timestamptz', 'decimal(3,1)', 'fixed[2]', 'list<int>'].map((t) => typeFamily(parseIcebergType(t)))).toEqual([
      'timestamptz',
      'decimal',
      'fixed',
      'list',
    ]);
  });

  it('walkType visits depth first: struct fields in order, map key before value', () => {
    const seen: string[] = [];
    walkType(parseIcebergType('struct<a:map<int,list<date>>,b:string>'), (t) => seen.push(t.kind === 'primitive' ? t.name : t.kind));
    expect(seen).toEqual(['struct', 'map', 'int', 'list', 'date', 'string']);
  });
});
