import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../lib/cli/main';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR } from '../support/synth';

function exportWith(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(['export', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** Every file under a folder, relative path → content. */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const env = (name: string): string => join(ENVIRONMENTS_DIR, `${name}.yaml`);

describe('lakehouse export end to end', () => {
  let out: string;
  const results: Record<string, ReturnType<typeof exportWith>> = {};
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'lakehouse-export-'));
    for (const e of ['dev', 'staging', 'gcp-dev'])
      results[e] = exportWith(['--environment', env(e), '--out', out, '--templates', TEMPLATES_DIR]);
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('exits 0 and writes each catalog’s files under <out>/<env>/', () => {
    expect(Object.values(results).map((r) => [r.code, r.err])).toEqual([
      [0, []],
      [0, []],
      [0, []],
    ]);
    const tables = [
      'analytics.event_stream',
      'compliance.audit_trail',
      'core.customer_dim',
      'ml.customer_features',
      'pg_archive_sync.primary_postgresql_logs',
      'pg_archive_sync.replica_postgresql_logs',
    ].map((k) => `tables/${k}.json`);
    expect(Object.keys(readTree(join(out, 'dev'))).sort()).toEqual(
      ['.pyiceberg.yaml', 'README.md', 'identifiers.json', 'spark-defaults.conf', 'trino/iceberg.properties', ...tables].sort(),
    );
    expect(Object.keys(readTree(join(out, 'staging'))).sort()).toEqual(
      [
        '.pyiceberg.yaml',
        'README.md',
        'identifiers.json',
        'spark-defaults.conf',
        'spark-defaults.nessie-catalog.conf',
        'trino/iceberg.properties',
        ...tables,
      ].sort(),
    );
    expect(Object.keys(readTree(join(out, 'gcp-dev'))).sort()).toEqual(
      ['.pyiceberg.yaml', 'README.md', 'identifiers.json', 'spark-defaults.conf', 'trino/iceberg.properties', ...tables].sort(),
    );
  });

  it('writes Iceberg JSON with the field ids Iceberg assigns to a nested table', () => {
    const json = JSON.parse(readFileSync(join(out, 'dev', 'tables', 'analytics.event_stream.json'), 'utf8'));
    const fields = json.schema.fields as Array<{ id: number; name: string; type: any }>;
    expect(fields.map((f) => [f.id, f.name])).toEqual([
      [1, 'event_id'],
      [2, 'event_time'],
      [3, 'event_type'],
      [4, 'user_id'],
      [5, 'ip_address'],
      [6, 'session_id'],
      [7, 'page_url'],
      [8, 'device'],
      [9, 'properties'],
      [10, 'revenue'],
    ]);
    expect(fields[7]!.type.fields.map((f: { id: number; name: string }) => [f.id, f.name])).toEqual([
      [11, 'os'],
      [12, 'browser'],
      [13, 'is_mobile'],
    ]);
    expect(fields[8]!.type).toEqual({ type: 'map', 'key-id': 14, key: 'string', 'value-id': 15, value: 'string', 'value-required': false });
    expect(json['partition-spec']).toEqual({
      'spec-id': 0,
      fields: [
        { 'source-id': 2, 'field-id': 1000, name: 'event_time_day', transform: 'day' },
        { 'source-id': 3, 'field-id': 1001, name: 'event_type', transform: 'identity' },
      ],
    });
    expect(json['sort-order']).toEqual({
      'order-id': 1,
      fields: [{ transform: 'identity', 'source-id': 2, direction: 'asc', 'null-order': 'nulls-last' }],
    });
  });

  it('writes settings that parse: YAML for PyIceberg, JSON identifiers', () => {
    expect(parse(readFileSync(join(out, 'dev', '.pyiceberg.yaml'), 'utf8'))).toEqual({
      catalog: {
        lakehouse: {
          type: 'glue',
          'glue.region': 'us-east-1',
          's3.region': 'us-east-1',
          warehouse: 's3://acme-lake-dev-lakehouse/warehouse',
        },
      },
    });
    const ids = JSON.parse(readFileSync(join(out, 'gcp-dev', 'identifiers.json'), 'utf8'));
    expect(ids.tables['ml.customer_features'].bigquery_table).toBe('acme-lake-dev.acme_lake_gcp_dev_ml.customer_features');
    expect(readFileSync(join(out, 'dev', 'trino', 'iceberg.properties'), 'utf8')).toContain('\niceberg.catalog.type=glue\n');
  });

  it('uses the configured Nessie host name, known before apply, so nothing is pending', () => {
    // environments/staging.yaml sets nessie.host_name; the placeholder path is covered in test/clients.
    expect(parse(readFileSync(join(out, 'staging', '.pyiceberg.yaml'), 'utf8')).catalog.lakehouse.uri).toBe(
      'https://nessie.staging.acme-lake.example.com/iceberg',
    );
    expect(results.staging!.out.join('\n')).not.toMatch(/Pending: lakehouse_nessie_api_url/);
  });

  it('writes byte-identical files on a second run', () => {
    const before = readTree(out);
    for (const e of ['dev', 'staging', 'gcp-dev'])
      expect(exportWith(['--environment', env(e), '--out', out, '--templates', TEMPLATES_DIR]).code).toBe(0);
    expect(readTree(out)).toEqual(before);
  });
});

describe('lakehouse export options and re-runs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lakehouse-export-opts-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills the Nessie URL from --nessie-url (trailing slash dropped) and a catalog name', () => {
    const r = exportWith([
      '--environment',
      env('staging'),
      '--out',
      dir,
      '--templates',
      TEMPLATES_DIR,
      '--nessie-url=https://nessie.example.com/',
      '--catalog-name',
      'staging_lake',
    ]);
    expect(r.code).toBe(0);
    expect(r.out.some((l) => l.startsWith('Pending'))).toBe(false);
    const files = readTree(join(dir, 'staging'));
    expect(parse(files['.pyiceberg.yaml']!).catalog.staging_lake.uri).toBe('https://nessie.example.com/iceberg');
    expect(files['spark-defaults.conf']).toContain('\nspark.sql.catalog.staging_lake.uri https://nessie.example.com/iceberg\n');
    expect(Object.values(files).some((c) => c.includes('from: cdktf output'))).toBe(false);
  });

  it('removes files the previous export wrote and this one does not', () => {
    const templates = join(dir, 'templates');
    mkdirSync(templates);
    cpSync(join(TEMPLATES_DIR, 'event_stream.yaml'), join(templates, 'event_stream.yaml'));
    cpSync(join(TEMPLATES_DIR, 'scd_type2.yaml'), join(templates, 'scd_type2.yaml'));
    expect(exportWith(['--environment', env('dev'), '--out', dir, '--templates', templates]).code).toBe(0);
    writeFileSync(join(dir, 'dev', 'notes.txt'), 'mine');
    rmSync(join(templates, 'scd_type2.yaml'));
    expect(exportWith(['--environment', env('dev'), '--out', dir, '--templates', templates]).code).toBe(0);
    expect(readdirSync(join(dir, 'dev', 'tables'))).toEqual(['analytics.event_stream.json']);
    expect(existsSync(join(dir, 'dev', 'notes.txt'))).toBe(true);
  });
});

describe('lakehouse export exit codes', () => {
  // Created while collecting: the it.each table below needs the path.
  const dir = mkdtempSync(join(tmpdir(), 'lakehouse-export-bad-'));
  beforeAll(() => {
    writeFileSync(join(dir, 'bad.yaml'), 'name: bad\nproject: acme\ncloud: aws\ncatalog: biglake\nregion: us-east-1\n');
    writeFileSync(join(dir, 'a-file'), 'not a folder');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 on an invalid environment, printing problems like validate and writing nothing', () => {
    const r = exportWith(['--environment', join(dir, 'bad.yaml'), '--out', join(dir, 'out'), '--templates', TEMPLATES_DIR]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(`${join(dir, 'bad.yaml')}:4:10: catalog: catalog 'biglake' does not exist on aws; use glue or nessie`);
    expect(r.err.at(-1)).toBe('1 problem found; nothing was exported.');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it.each([
    [['--environment', 'environments/dev.yaml'], 'lakehouse export: --out <dir> is required'],
    [['--out', 'x'], 'lakehouse export: --environment <file> is required'],
    [['--environment'], 'lakehouse export: --environment needs a value'],
    [['--env', 'dev.yaml'], "lakehouse export: unknown option '--env' (did you mean --environment?)"],
    [
      ['--environment', ENVIRONMENTS_DIR, '--out', 'x'],
      `lakehouse export: --environment '${ENVIRONMENTS_DIR}' is not a file; give one environment file`,
    ],
    [
      ['--environment', env('staging'), '--out', 'x', '--nessie-url', 'nessie:19120'],
      "lakehouse export: --nessie-url 'nessie:19120' must be an http:// or https:// URL",
    ],
    [
      ['--environment', env('staging'), '--out', 'x', '--catalog-name', 'my-lake'],
      "lakehouse export: --catalog-name 'my-lake' must be letters",
    ],
    [
      ['--environment', env('dev'), '--out', join(dir, 'o2'), '--templates', TEMPLATES_DIR, '--nessie-url', 'https://n'],
      'lakehouse export: --nessie-url applies only to catalog: nessie',
    ],
    [
      ['--environment', env('dev'), '--out', join(dir, 'a-file'), '--templates', TEMPLATES_DIR],
      `lakehouse export: --out '${join(dir, 'a-file')}' is an existing file, not a folder; give a folder to write into`,
    ],
    [
      ['--environment', env('dev'), '--out', join(dir, 'a-file', 'sub'), '--templates', TEMPLATES_DIR],
      `lakehouse export: --out '${join(dir, 'a-file', 'sub')}' cannot be created: ${join(dir, 'a-file')} is a file`,
    ],
    [
      ['--environment', env('dev'), '--out', join(dir, 'o3'), '--templates', join(dir, 'missing')],
      `lakehouse export: --templates '${join(dir, 'missing')}' does not exist; give a folder`,
    ],
  ])('exits 2 on bad usage: %j', (args, message) => {
    const r = exportWith(args);
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain(message);
    expect(r.out).toEqual([]);
  });
});
