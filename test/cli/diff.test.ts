import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../lib/cli/main';
import { ROOT } from '../support/synth';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

function run(args: string[]): Run {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

interface JsonChange {
  class: string;
  kind: string;
  table: string;
  file: string;
  line: number;
  column: number;
  field: string;
  path: string;
  message: string;
}

/** The base template: line numbers below refer to it (1 name, 2 namespace, 4-8 columns, 10 partition, 12 sort, 14 format-version). */
const BASE = [
  'name: orders',
  'namespace: sales',
  'columns:',
  '  - { name: id, type: long, required: true }',
  '  - { name: amount, type: "decimal(10,2)" }',
  '  - { name: email, type: string, access_level: restricted, pii: true, masking: sha256 }',
  '  - { name: payload, type: "struct<country:string,tags:list<string>>" }',
  '  - { name: ts, type: timestamptz }',
  'partition_spec:',
  '  - { column: ts, transform: day }',
  'sort_order:',
  '  - { column: ts }',
  'properties:',
  '  format-version: 2',
  '',
].join('\n');

const OTHER = 'name: customers\nnamespace: sales\ncolumns:\n  - { name: id, type: long }\n';

const edit = (from: string, to: string): string => {
  if (!BASE.includes(from)) throw new Error(`test case edits text that is not in BASE: ${from}`);
  return BASE.replace(from, to);
};
const AMOUNT = '  - { name: amount, type: "decimal(10,2)" }';
const ID = '  - { name: id, type: long, required: true }';
const TS = '  - { name: ts, type: timestamptz }';
const EMAIL = '  - { name: email, type: string, access_level: restricted, pii: true, masking: sha256 }';
const PAYLOAD = '  - { name: payload, type: "struct<country:string,tags:list<string>>" }';

/**
 * [title, base files, working files, expected `class kind field line` per change (in output order)].
 * File contents: `orders.yaml` unless named; `null` leaves the file out.
 */
const CASES: [string, Record<string, string>, Record<string, string>, string[]][] = [
  ['no change', { 'orders.yaml': BASE }, { 'orders.yaml': BASE }, []],
  [
    'new optional column',
    {},
    { 'orders.yaml': edit(TS, `${TS}\n  - { name: note, type: string }`) },
    ['safe column-added-optional columns[5] 9'],
  ],
  [
    'new required column',
    {},
    { 'orders.yaml': edit(TS, `${TS}\n  - { name: note, type: string, required: true }`) },
    ['breaking column-added-required columns[5] 9'],
  ],
  ['column dropped', {}, { 'orders.yaml': edit(`${AMOUNT}\n`, '') }, ['breaking column-dropped columns 4']],
  ['decimal precision widened', {}, { 'orders.yaml': edit('decimal(10,2)', 'decimal(12,2)') }, ['safe type-widened columns[1].type 5']],
  [
    'decimal precision narrowed',
    {},
    { 'orders.yaml': edit('decimal(10,2)', 'decimal(9,2)') },
    ['breaking type-narrowed columns[1].type 5'],
  ],
  [
    'decimal scale changed',
    {},
    { 'orders.yaml': edit('decimal(10,2)', 'decimal(10,3)') },
    ['breaking decimal-scale-changed columns[1].type 5'],
  ],
  [
    'long narrowed to int',
    {},
    { 'orders.yaml': edit(ID, '  - { name: id, type: int, required: true }') },
    ['breaking type-narrowed columns[0].type 4'],
  ],
  [
    'long retyped to string',
    {},
    { 'orders.yaml': edit(ID, '  - { name: id, type: string, required: true }') },
    ['breaking type-changed columns[0].type 4'],
  ],
  [
    'required → optional',
    {},
    { 'orders.yaml': edit(ID, '  - { name: id, type: long }') },
    ['safe required-to-optional columns[0].required 4'],
  ],
  [
    'optional → required',
    {},
    { 'orders.yaml': edit(TS, '  - { name: ts, type: timestamptz, required: true }') },
    ['breaking optional-to-required columns[4].required 8'],
  ],
  [
    'column description added',
    {},
    { 'orders.yaml': edit(AMOUNT, '  - { name: amount, type: "decimal(10,2)", description: Order total }') },
    ['safe doc-changed columns[1].description 5'],
  ],
  [
    'struct field added',
    {},
    { 'orders.yaml': edit('country:string,', 'country:string,city:string,') },
    ['safe column-added-optional columns[3].type 7'],
  ],
  ['struct field retyped', {}, { 'orders.yaml': edit('country:string', 'country:int') }, ['breaking type-changed columns[3].type 7']],
  ['list element retyped', {}, { 'orders.yaml': edit('tags:list<string>', 'tags:list<int>') }, ['breaking type-changed columns[3].type 7']],
  [
    'struct → primitive',
    {},
    { 'orders.yaml': edit(PAYLOAD, '  - { name: payload, type: string }') },
    ['breaking nested-changed columns[3].type 7'],
  ],
  [
    'column renamed (no identity: drop + add)',
    {},
    { 'orders.yaml': edit(AMOUNT, '  - { name: total, type: "decimal(10,2)" }') },
    ['breaking column-dropped columns 4', 'safe column-added-optional columns[1] 5'],
  ],
  ['columns reordered', {}, { 'orders.yaml': edit(`${ID}\n${AMOUNT}`, `${AMOUNT}\n${ID}`) }, ['safe column-reordered columns 4']],
  ['new table', {}, { 'orders.yaml': BASE, 'customers.yaml': OTHER }, ['safe table-added name 1']],
  ['table removed', { 'customers.yaml': OTHER }, { 'orders.yaml': BASE }, ['breaking table-removed name 1']],
  ['namespace changed', {}, { 'orders.yaml': edit('namespace: sales', 'namespace: shop') }, ['breaking namespace-changed namespace 2']],
  ['table moved to another file', {}, { 'sales_orders.yaml': BASE }, []],
  [
    'access_level relaxed',
    {},
    { 'orders.yaml': edit(EMAIL, '  - { name: email, type: string, access_level: public, pii: true }') },
    ['access masking-changed columns[2].masking 6', 'access access-level-changed columns[2].access_level 6'],
  ],
  [
    'pii removed',
    {},
    { 'orders.yaml': edit(EMAIL, '  - { name: email, type: string, access_level: restricted, masking: sha256 }') },
    ['access pii-changed columns[2].pii 6'],
  ],
  ['masking changed', {}, { 'orders.yaml': edit('masking: sha256', 'masking: nullify') }, ['access masking-changed columns[2].masking 6']],
  ['append_only set', {}, { 'orders.yaml': `${BASE}append_only: true\n` }, ['access append-only-changed append_only 15']],
  [
    'new restricted column',
    {},
    { 'orders.yaml': edit(TS, `${TS}\n  - { name: phone, type: string, access_level: restricted, pii: true }`) },
    [
      'safe column-added-optional columns[5] 9',
      'access access-level-changed columns[5].access_level 9',
      'access pii-changed columns[5].pii 9',
    ],
  ],
  [
    'partition transform changed',
    {},
    { 'orders.yaml': edit('transform: day', 'transform: hour') },
    // The removed field no longer exists in the working file: located at its list.
    ['safe partition-field-removed partition_spec 10', 'safe partition-field-added partition_spec[0] 10'],
  ],
  [
    'sort direction changed',
    {},
    { 'orders.yaml': edit('  - { column: ts }', '  - { column: ts, direction: desc }') },
    ['safe sort-field-changed sort_order[0] 12'],
  ],
  [
    'property set',
    {},
    { 'orders.yaml': `${BASE}  write.format.default: orc\n` },
    ['safe property-set properties["write.format.default"] 15'],
  ],
  [
    'format-version upgraded',
    {},
    { 'orders.yaml': edit('format-version: 2', 'format-version: 3') },
    ['safe format-version-upgraded properties["format-version"] 14'],
  ],
  [
    'format-version downgraded',
    { 'orders.yaml': edit('format-version: 2', 'format-version: 3') },
    { 'orders.yaml': BASE },
    ['breaking format-version-downgraded properties["format-version"] 14'],
  ],
  ['table description added', {}, { 'orders.yaml': `${BASE}description: All orders\n` }, ['safe table-description-changed description 15']],
  [
    'GCP external table becomes managed',
    { 'orders.yaml': `${BASE}gcp:\n  metadata_uri: gs://lake/orders/metadata/v1.metadata.json\n` },
    { 'orders.yaml': BASE },
    ['breaking gcp-table-mode-changed gcp.metadata_uri 1'],
  ],
];

describe('lakehouse diff: pairs of templates', () => {
  const root = mkdtempSync(join(tmpdir(), 'lakehouse-diff-pairs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const write = (dir: string, files: Record<string, string>): void => {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  };

  it('covers at least 25 pairs', () => expect(CASES.length).toBeGreaterThanOrEqual(25));

  it.each(CASES.map((c, i) => [i, ...c] as const))('%i %s', (i, _title, baseFiles, workingFiles, expected) => {
    const base = join(root, `base-${i}`);
    const working = join(root, `working-${i}`);
    write(base, { 'orders.yaml': BASE, ...baseFiles });
    write(working, workingFiles);
    const r = run(['diff', '--base', base, '--templates', working, '--format', 'json']);
    const doc = JSON.parse(r.out.join('\n')) as { changes: JsonChange[]; exitCode: number; problems: unknown[] };
    expect(doc.problems).toEqual([]);
    expect(doc.changes.map((c) => `${c.class} ${c.kind} ${c.field} ${c.line}`)).toEqual(expected);
    expect(r.code).toBe(expected.some((e) => e.startsWith('breaking')) ? 1 : 0);
    expect(doc.exitCode).toBe(r.code);
  });
});

describe('lakehouse diff output formats and exit codes', () => {
  const root = mkdtempSync(join(tmpdir(), 'lakehouse-diff-out-'));
  const base = join(root, 'base');
  const working = join(root, 'working');
  beforeAll(() => {
    mkdirSync(base);
    mkdirSync(working);
    writeFileSync(join(base, 'orders.yaml'), BASE);
    writeFileSync(
      join(working, 'orders.yaml'),
      edit('decimal(10,2)', 'decimal(10,3)')
        .replace('masking: sha256', 'masking: nullify')
        .replace(TS, `${TS}\n  - { name: note, type: string }`),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('text: <file>:<line>:<col>: <class>: <field>: <message>, then a summary; exit 1 on a breaking change', () => {
    const r = run(['diff', '--base', base, '--templates', working]);
    expect(r.code).toBe(1);
    const file = join(working, 'orders.yaml');
    expect(r.out).toEqual([
      `${file}:5:27: breaking: columns[1].type: type of 'amount' changed from decimal(10,2) to decimal(10,3): breaking, a decimal's scale cannot change (only its precision can grow)`,
      `${file}:6:80: access: columns[2].masking: masking of 'email' changed from sha256 to nullify: what readers without access to it see on GCP (BigQuery data masking) changes`,
      `${file}:9:5: safe: columns[5]: new optional column 'note' (string): safe, rows written before it read as null`,
      `3 changes between ${base} and ${working}: 1 safe, 1 breaking, 1 access; breaking changes fail this check (see docs/schema-changes.md; --allow-breaking for a deliberate migration).`,
    ]);
  });

  it('--allow-breaking exits 0 and still prints everything', () => {
    const r = run(['diff', '--base', base, '--templates', working, '--allow-breaking']);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(4);
    expect(r.out.at(-1)).toMatch(/breaking changes allowed by --allow-breaking\.$/);
  });

  it('github: ::error for breaking, ::warning for access, ::notice for safe, escaped', () => {
    const r = run(['diff', '--base', base, '--templates', working, '--format', 'github']);
    const file = join(working, 'orders.yaml').replace(/:/g, '%3A').replace(/,/g, '%2C');
    expect(r.out[0]).toBe(
      `::error file=${file},line=5,col=27,title=breaking change to sales.orders (amount)::columns[1].type: type of 'amount' changed from decimal(10,2) to decimal(10,3): breaking, a decimal's scale cannot change (only its precision can grow)`,
    );
    expect(r.out[1]).toMatch(/^::warning file=[^,]+,line=6,col=80,title=access change to sales.orders \(email\)::columns\[2\]\.masking: /);
    expect(r.out[2]).toMatch(
      /^::notice file=[^,]+,line=9,col=5,title=safe change to sales.orders \(note\)::columns\[5\]: new optional column/,
    );
    expect(r.code).toBe(1);
  });

  it('json: the documented shape, byte-identical on a second run', () => {
    const r = run(['diff', '--base', base, '--templates', working, '--format', 'json']);
    const doc = JSON.parse(r.out.join('\n')) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['version', 'base', 'templates', 'result', 'exitCode', 'counts', 'changes', 'problems']);
    expect(doc).toMatchObject({
      version: 1,
      base,
      templates: working,
      result: 'breaking',
      exitCode: 1,
      counts: { safe: 1, breaking: 1, access: 1 },
      problems: [],
    });
    expect((doc.changes as JsonChange[])[0]).toEqual({
      class: 'breaking',
      kind: 'decimal-scale-changed',
      table: 'sales.orders',
      file: join(working, 'orders.yaml'),
      line: 5,
      column: 27,
      field: 'columns[1].type',
      path: 'amount',
      message:
        "type of 'amount' changed from decimal(10,2) to decimal(10,3): breaking, a decimal's scale cannot change (only its precision can grow)",
      from: 'decimal(10,2)',
      to: 'decimal(10,3)',
    });
    expect(run(['diff', '--base', base, '--templates', working, '--format', 'json']).out).toEqual(r.out);
  });

  it('invalid templates on either side: their problems, in the validate format, and exit 1', () => {
    const bad = join(root, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'orders.yaml'), edit('decimal(10,2)', 'decimal(40,2)'));
    const r = run(['diff', '--base', bad, '--templates', working]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${join(bad, 'orders.yaml')}:5:27: columns[1].type: decimal precision 40 is out of range: Iceberg allows 1 to 38`,
      '1 problem found; nothing was compared.',
    ]);
    expect(r.out).toEqual([]);
    const json = run(['diff', '--base', base, '--templates', bad, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({
      result: 'invalid',
      exitCode: 1,
      changes: [],
      problems: [{ severity: 'error', line: 5 }],
    });
  });

  it.each([
    [['diff'], 'lakehouse diff: --base <git-ref|dir> is required'],
    [
      ['diff', '--base', 'x', '--templates', '/nonexistent/templates'],
      "lakehouse diff: --templates '/nonexistent/templates' does not exist; give a folder",
    ],
    [['diff', '--base', 'x', '--format', 'xml'], "lakehouse diff: --format 'xml' is not one of text, json, github"],
    [['diff', '--base', 'x', '--allow-breaking=yes'], 'lakehouse diff: --allow-breaking takes no value'],
  ])('usage error (exit 2): %j', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(message);
  });

  it('a --base that is a file, or neither a folder nor a git ref outside a repository, is a usage error', () => {
    const file = join(base, 'orders.yaml');
    expect(run(['diff', '--base', file, '--templates', working]).err).toEqual([
      `lakehouse diff: --base '${file}' is a file; give a folder of templates or a git ref`,
    ]);
    // The temporary folder is in no git repository.
    const r = run(['diff', '--base', 'main', '--templates', working]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`lakehouse diff: --base 'main' is not a folder, and ${working} is not in a git repository to read a ref from`]);
  });
});

describe('lakehouse diff against a git ref', () => {
  const repo = mkdtempSync(join(tmpdir(), 'lakehouse-diff-git-'));
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      encoding: 'utf8',
    });
  const bin = join(ROOT, 'bin', 'lakehouse.cjs');
  const cli = (...args: string[]) => spawnSync('node', [bin, 'diff', ...args], { cwd: repo, encoding: 'utf8' });

  beforeAll(() => {
    git('init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'table-templates'));
    writeFileSync(join(repo, 'table-templates', 'orders.yaml'), BASE);
    writeFileSync(join(repo, 'table-templates', 'customers.yaml'), OTHER);
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    git('tag', 'v1');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  // Each test starts from the tagged commit with a clean working tree.
  afterEach(() => {
    git('reset', '-q', '--hard', 'v1');
    git('clean', '-q', '-fd');
  });

  it('reads the base with git, without touching the working tree, and reports working-tree paths', () => {
    writeFileSync(join(repo, 'table-templates', 'orders.yaml'), edit('decimal(10,2)', 'decimal(12,2)'));
    rmSync(join(repo, 'table-templates', 'customers.yaml'));
    const r = cli('--base', 'main');
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      'table-templates/customers.yaml:1:7: breaking: name: table sales.customers was removed: breaking, it leaves the catalog on the next apply (with protect_data: true, the default, Terraform refuses to destroy it and the plan fails instead), and queries and pipelines that use it fail',
      "table-templates/orders.yaml:5:27: safe: columns[1].type: type of 'amount' changed from decimal(10,2) to decimal(12,2): safe, a widening Iceberg allows; existing files are read as decimal(12,2)",
    ]);
    expect(r.status).toBe(1);
    expect(git('status', '--porcelain')).toBe(' D table-templates/customers.yaml\n M table-templates/orders.yaml\n');
  });

  it('a template moved to another file is the same table; tags and commits are refs too', () => {
    renameSync(join(repo, 'table-templates', 'orders.yaml'), join(repo, 'table-templates', 'sales_orders.yaml'));
    const r = cli('--base', 'v1');
    expect(r.stdout).toBe('No changes between v1 and table-templates.\n');
    expect(r.status).toBe(0);
    expect(cli('--base', git('rev-parse', 'HEAD').trim()).status).toBe(0);
  });

  it('an invalid base template is reported with the ref it was read at', () => {
    writeFileSync(join(repo, 'table-templates', 'customers.yaml'), 'name: customers\nnamespace: sales\ncolumns: []\n');
    git('commit', '-q', '-am', 'broken');
    git('checkout', '-q', 'HEAD~1', '--', 'table-templates/customers.yaml');
    const r = cli('--base', 'HEAD');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^table-templates\/customers\.yaml:3:10: columns: \(at HEAD\) must have at least 1 item/);
  });

  it('a base without the templates folder: every table is new', () => {
    const r = cli('--base', 'v1', '--templates', 'table-templates');
    expect(r.status).toBe(0);
    git('mv', 'table-templates', 'tables');
    git('commit', '-q', '-m', 'move');
    const moved = cli('--base', 'v1', '--templates', 'tables', '--format', 'json');
    expect(moved.stderr).toBe('note: tables has no table templates at v1; every table is new\n');
    expect((JSON.parse(moved.stdout) as { changes: JsonChange[] }).changes.map((c) => c.kind)).toEqual(['table-added', 'table-added']);
  });

  it.each([
    [
      ['--base', 'no-such-branch'],
      /^lakehouse diff: --base 'no-such-branch' is not a folder, nor a branch, tag or commit of the git repository /,
    ],
    [['--base', '--format'], /^lakehouse diff: --base needs a value/],
  ])('exit 2 for %j', (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
