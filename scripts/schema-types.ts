/**
 * TypeScript declarations from a JSON Schema, for the subset the environment schema uses (objects
 * with properties, required and additionalProperties, arrays, enums, strings, integers, numbers,
 * booleans), so the raw environment type is generated with the validators instead of copied.
 */
type Schema = {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly description?: string;
};

/** `export interface <name> { ... }` for an object schema. */
export function interfaceFor(name: string, schema: Schema): string {
  return `export interface ${name} ${typeOf(schema, '')}\n`;
}

function typeOf(schema: Schema, indent: string): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `${wrap(typeOf(schema.items ?? {}, indent))}[]`;
    case 'object':
      return objectType(schema, indent);
    default:
      throw new Error(`schema-types: unsupported schema ${JSON.stringify(schema).slice(0, 80)}`);
  }
}

function objectType(schema: Schema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set(schema.required ?? []);
  const props = Object.entries(schema.properties ?? {}).map(([key, value]) => {
    const doc = value.description ? `${inner}/** ${value.description} */\n` : '';
    return `${doc}${inner}${key}${required.has(key) ? '' : '?'}: ${typeOf(value, inner)};`;
  });
  const extra = schema.additionalProperties;
  if (props.length === 0 && typeof extra === 'object') return `Record<string, ${typeOf(extra, indent)}>`;
  if (typeof extra === 'object') props.push(`${inner}[key: string]: ${typeOf(extra, inner)};`);
  return `{\n${props.join('\n')}\n${indent}}`;
}

/** Parenthesizes a union before `[]`. */
function wrap(type: string): string {
  return type.includes(' | ') ? `(${type})` : type;
}
