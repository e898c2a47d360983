import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import environmentSchema from '../../lib/model/schemas/environment.schema.json';
import templateSchema from '../../lib/model/schemas/table-template.schema.json';
import { ROOT } from '../support/synth';

type Schema = { properties?: Record<string, Schema>; items?: Schema; $ref?: string; $defs?: Record<string, Schema> };

/** Every field path a schema defines, written as in the docs: `columns[].type`, `nessie.cpu`. */
function fieldPaths(root: Schema): string[] {
  const out: string[] = [];
  const visit = (schema: Schema, prefix: string): void => {
    const resolved = schema.$ref ? root.$defs![schema.$ref.replace('#/$defs/', '')]! : schema;
    if (resolved.items) return visit(resolved.items, `${prefix}[]`);
    for (const [key, child] of Object.entries(resolved.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.push(path);
      visit(child, path);
    }
  };
  visit(root, '');
  return out.map((p) => p.replace('.[]', '[]'));
}

function documentedFields(doc: string): string[] {
  return [...doc.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!);
}

describe.each([
  ['docs/template-reference.md', templateSchema as Schema],
  ['docs/environment-reference.md', environmentSchema as Schema],
])('%s', (file, schema) => {
  const doc = readFileSync(join(ROOT, file), 'utf8');
  const fields = fieldPaths(schema);

  it('documents every field of the schema', () => {
    expect(fields.filter((f) => !documentedFields(doc).includes(f))).toEqual([]);
  });

  it('documents no field the schema does not have', () => {
    const typeRows = new Set([
      'boolean',
      'int / long',
      'float / double',
      'decimal(P,S)',
      'date / time',
      'timestamp',
      'timestamptz',
      'string / uuid',
      'fixed[L] / binary',
      'struct',
      'list',
      'map<k,v>',
    ]);
    expect(documentedFields(doc).filter((f) => !fields.includes(f) && !typeRows.has(f))).toEqual([]);
  });
});
