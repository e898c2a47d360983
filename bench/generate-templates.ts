import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Small deterministic PRNG so generated catalogs are identical across runs. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SCALARS = ['string', 'long', 'int', 'double', 'boolean', 'date', 'timestamptz', 'decimal(18,4)', 'uuid', 'binary'];
const NESTED = [
  'struct<street:string,city:string,zip:string>',
  'list<string>',
  'map<string,string>',
  'struct<kind:string,tags:list<string>>',
];

/**
 * YAML for `count` realistic templates: 8–40 columns, nested types, a few restricted columns,
 * day + bucket partitions, spread over `namespaces` namespaces, a third of them append-only.
 */
export function generateTemplateYamls(count: number, namespaces = Math.max(1, Math.ceil(count / 50))): Map<string, string> {
  const rand = prng(42);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const ns = `domain_${String(i % namespaces).padStart(3, '0')}`;
    const name = `table_${String(i).padStart(5, '0')}`;
    const columnCount = 8 + Math.floor(rand() * 33);
    const lines = [
      `name: ${name}`,
      `namespace: ${ns}`,
      `description: Generated table ${i}`,
      ...(i % 3 === 0 ? ['append_only: true'] : []),
      'columns:',
      '  - { name: id, type: long, required: true }',
      '  - { name: event_time, type: timestamptz, required: true }',
      '  - { name: customer_key, type: string }',
    ];
    for (let c = 3; c < columnCount; c++) {
      const restricted = c % 11 === 5;
      const type = c % 7 === 6 ? NESTED[c % NESTED.length]! : SCALARS[Math.floor(rand() * SCALARS.length)]!;
      lines.push(`  - { name: col_${c}, type: "${type}"${restricted ? ', access_level: restricted, pii: true' : ''} }`);
    }
    lines.push(
      'partition_spec:',
      '  - { column: event_time, transform: day }',
      '  - { column: customer_key, transform: "bucket[16]" }',
      'properties:',
      '  format-version: 2',
      '  write.parquet.compression-codec: zstd',
      'tags:',
      `  domain: ${ns}`,
      '  owner: bench',
      ...(i % 4 === 0 ? ['maintenance:', '  compaction: true'] : []),
    );
    out.set(`${ns}.${name}.yaml`, `${lines.join('\n')}\n`);
  }
  return out;
}

/** Writes the generated templates into `dir` (created if missing). */
export function writeGeneratedTemplates(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of generateTemplateYamls(count)) writeFileSync(join(dir, file), text);
}
