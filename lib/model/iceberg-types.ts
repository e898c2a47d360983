import { didYouMean } from './suggest';

/**
 * Iceberg types as written in table templates, parsed into a small tree and printed back.
 *
 * Grammar (whitespace allowed between tokens):
 *   type      := primitive | decimal(P,S) | fixed[L] | struct<field,...> | list<type> | map<type,type>
 *   field     := name ':' type
 */

export type IcebergPrimitiveName =
  | 'boolean'
  | 'int'
  | 'long'
  | 'float'
  | 'double'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'timestamp_ns'
  | 'timestamptz_ns'
  | 'string'
  | 'uuid'
  | 'binary'
  | 'variant'
  | 'unknown';

export type IcebergType =
  | { readonly kind: 'primitive'; readonly name: IcebergPrimitiveName }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'fixed'; readonly length: number }
  | { readonly kind: 'struct'; readonly fields: readonly IcebergStructField[] }
  | { readonly kind: 'list'; readonly element: IcebergType }
  | { readonly kind: 'map'; readonly key: IcebergType; readonly value: IcebergType };

export interface IcebergStructField {
  readonly name: string;
  readonly type: IcebergType;
}

const PRIMITIVES: ReadonlySet<string> = new Set<IcebergPrimitiveName>([
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
]);

/** Types that Iceberg only accepts in format version 3. */
export const V3_ONLY_PRIMITIVES: ReadonlySet<IcebergPrimitiveName> = new Set<IcebergPrimitiveName>([
  'timestamp_ns',
  'timestamptz_ns',
  'variant',
  'unknown',
]);

export const ICEBERG_TYPE_SYNTAX =
  'boolean, int, long, float, double, decimal(P,S), date, time, timestamp, timestamptz, ' +
  'timestamp_ns, timestamptz_ns, string, uuid, fixed[L], binary, variant, unknown, ' +
  'struct<name:type,...>, list<type>, map<key,value>';

/** Names from SQL and other systems that people write for an Iceberg type, with what to write instead. */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  varchar: 'string',
  char: 'string',
  text: 'string',
  integer: 'int',
  smallint: 'int',
  tinyint: 'int',
  bigint: 'long',
  int64: 'long',
  bool: 'boolean',
  real: 'float',
  datetime: 'timestamp',
  numeric: 'decimal(P,S)',
  number: 'decimal(P,S)',
  bytes: 'binary',
  blob: 'binary',
  array: 'list<type>',
  record: 'struct<name:type,...>',
  json: 'string (or variant in format version 3)',
};

const TYPE_WORDS: readonly string[] = [...PRIMITIVES, 'decimal', 'fixed', 'struct', 'list', 'map'];

/** ` (did you mean string?)` for a type name that is not Iceberg's. */
function typeSuggestion(word: string): string {
  const other = OTHER_NAMES[word];
  return other !== undefined ? ` (did you mean ${other}?)` : didYouMean(word, TYPE_WORDS);
}

export class IcebergTypeSyntaxError extends Error {
  constructor(
    message: string,
    /** Zero-based offset in the type string where the problem was found. */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'IcebergTypeSyntaxError';
  }
}

/** Parses an Iceberg type string; throws {@link IcebergTypeSyntaxError} with a message saying what is allowed. */
export function parseIcebergType(text: string): IcebergType {
  const parser = new TypeParser(text);
  const type = parser.parseType();
  parser.skipSpace();
  if (!parser.atEnd()) {
    throw parser.error(`unexpected '${parser.rest()}' after a complete type`);
  }
  return type;
}

/** Prints a type in the canonical template syntax; `parseIcebergType(printIcebergType(t))` equals `t`. */
export function printIcebergType(type: IcebergType): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'fixed':
      return `fixed[${type.length}]`;
    case 'list':
      return `list<${printIcebergType(type.element)}>`;
    case 'map':
      return `map<${printIcebergType(type.key)},${printIcebergType(type.value)}>`;
    case 'struct':
      return `struct<${type.fields.map((f) => `${f.name}:${printIcebergType(f.type)}`).join(',')}>`;
  }
}

export function isPrimitive(type: IcebergType): boolean {
  return type.kind === 'primitive' || type.kind === 'decimal' || type.kind === 'fixed';
}

/** The name Iceberg uses for a type's family, e.g. `decimal` for decimal(10,2). */
export function typeFamily(type: IcebergType): string {
  return type.kind === 'primitive' ? type.name : type.kind;
}

/** Visits a type and every type nested in it, depth first. */
export function walkType(type: IcebergType, visit: (t: IcebergType) => void): void {
  visit(type);
  if (type.kind === 'struct') type.fields.forEach((f) => walkType(f.type, visit));
  else if (type.kind === 'list') walkType(type.element, visit);
  else if (type.kind === 'map') {
    walkType(type.key, visit);
    walkType(type.value, visit);
  }
}

class TypeParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  error(message: string): IcebergTypeSyntaxError {
    return new IcebergTypeSyntaxError(`${message} (at character ${this.pos + 1} of ${JSON.stringify(this.text)})`, this.pos);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) {
      const found = this.atEnd() ? 'end of text' : `'${this.text[this.pos]}'`;
      throw this.error(`expected '${ch}' but found ${found}`);
    }
    this.pos++;
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  private identifier(what: string): string {
    this.skipSpace();
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.rest());
    if (!match) throw this.error(`expected ${what}`);
    this.pos += match[0].length;
    return match[0];
  }

  /** A struct field name as written, up to the ':'; whether it is a good name is checked with the template. */
  private fieldName(): string {
    this.skipSpace();
    const match = /^[^\s:,<>()[\]]+/.exec(this.rest());
    if (!match) throw this.error('expected a struct field name');
    this.pos += match[0].length;
    return match[0];
  }

  private integer(what: string): number {
    this.skipSpace();
    const match = /^[0-9]+/.exec(this.rest());
    if (!match) throw this.error(`expected ${what} (a whole number)`);
    this.pos += match[0].length;
    return Number(match[0]);
  }

  /** `"strng" is not an Iceberg type (did you mean string?)`, with the position only inside a larger type. */
  private unknownType(word: string): IcebergTypeSyntaxError {
    const message = `${JSON.stringify(word)} is not an Iceberg type${typeSuggestion(word.toLowerCase())}; use one of ${ICEBERG_TYPE_SYNTAX}`;
    const alone = this.text.trim() === word;
    return alone ? new IcebergTypeSyntaxError(message, this.pos) : this.error(message);
  }

  parseType(): IcebergType {
    // Point errors at the word itself, not at the whitespace before it.
    this.skipSpace();
    const start = this.pos;
    const written = this.identifier(`a type: one of ${ICEBERG_TYPE_SYNTAX}`);
    const word = written.toLowerCase();
    switch (word) {
      case 'decimal': {
        this.expect('(');
        const precision = this.integer('decimal precision');
        this.expect(',');
        const scale = this.integer('decimal scale');
        this.expect(')');
        return { kind: 'decimal', precision, scale };
      }
      case 'fixed': {
        this.expect('[');
        const length = this.integer('fixed length');
        this.expect(']');
        return { kind: 'fixed', length };
      }
      case 'list': {
        this.expect('<');
        const element = this.parseType();
        this.expect('>');
        return { kind: 'list', element };
      }
      case 'map': {
        this.expect('<');
        const key = this.parseType();
        this.expect(',');
        const value = this.parseType();
        this.expect('>');
        return { kind: 'map', key, value };
      }
      case 'struct': {
        this.expect('<');
        const fields: IcebergStructField[] = [];
        do {
          const name = this.fieldName();
          this.expect(':');
          fields.push({ name, type: this.parseType() });
        } while (this.peek() === ',' && this.expect(',') === undefined);
        this.expect('>');
        return { kind: 'struct', fields };
      }
      default:
        if (PRIMITIVES.has(word)) {
          if (this.peek() === '(' || this.peek() === '[' || this.peek() === '<') {
            throw this.error(`${word} takes no parameters`);
          }
          return { kind: 'primitive', name: word as IcebergPrimitiveName };
        }
        this.pos = start;
        throw this.unknownType(written);
    }
  }
}
