import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synopsis } from '../../lib/cli/command';
import { DIFF } from '../../lib/cli/diff-command';
import { COMMANDS } from '../../lib/cli/main';
import { TEMPLATE_CHANGE_KINDS } from '../../lib/cli/template-diff';
import { SCHEMA_CHANGE_KINDS } from '../../lib/model/schema-evolution';
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

describe('docs/cli.md and docs/schema-changes.md', () => {
  const cli = readFileSync(join(ROOT, 'docs', 'cli.md'), 'utf8').replace(/\\\|/g, '|');
  const changes = readFileSync(join(ROOT, 'docs', 'schema-changes.md'), 'utf8');

  it.each(COMMANDS.map((c) => [c.name, c]))('documents lakehouse %s with its exact synopsis', (_name, command) => {
    expect(cli).toContain(`\`${synopsis(command)}\``);
  });

  it('documents every kind of change diff reports', () => {
    const missing = [...SCHEMA_CHANGE_KINDS, ...TEMPLATE_CHANGE_KINDS].filter((k) => !changes.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });

  it('shows the diff synopsis and every exit code', () => {
    expect(changes).toContain(synopsis(DIFF));
    for (const code of [0, 1, 2, 3]) expect(changes).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });
});
