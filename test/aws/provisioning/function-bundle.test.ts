import { unzipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { deterministicZip } from '../../../lib/aws/provisioning/deterministic-zip';
import {
  bundleFunction,
  bundleTableProvisioner,
  DRIFT_CHECK,
  functionPackage,
  packageRoot,
  PACKAGE_NAME,
  privateCacheDir,
  functionBuildKey,
  TABLE_PROVISIONER_PREBUILT,
  tableProvisionerPackage,
  UNUSED_FILE_DAYS,
} from '../../../lib/aws/provisioning/function-bundle';
import { FakeIcebergCatalog } from '../../support/fake-iceberg-catalog';
import { ROOT } from '../../support/synth';
import { DRIFT_TABLES_FILE } from '../../../lib/iceberg-rest/drift-check-input';
import { crudEvent, desiredState, nessieCatalog, ORDERS_V1, ORDERS_V2_SAFE } from '../../functions/table-provisioner/helpers';
import { expectedTables, metricValues, monitoringFetch, RUNTIME_ENV, type MonitoringCall } from '../../functions/drift-check/helpers';

const temp = mkdtempSync(join(tmpdir(), 'lakehouse-bundle-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('deterministicZip', () => {
  const files = [
    { name: 'b/two.txt', data: Buffer.from('two') },
    { name: 'index.js', data: Buffer.from('exports.handler = 1;\n'), mode: 0o755 },
    { name: 'a.txt', data: Buffer.from('é') },
  ];

  it('is byte-identical for the same files in any order, and readable by an independent unzip (fflate)', () => {
    const zip = deterministicZip(files);
    expect(deterministicZip([...files].reverse()).equals(zip)).toBe(true);
    const read = unzipSync(new Uint8Array(zip));
    expect(Object.keys(read)).toEqual(['a.txt', 'b/two.txt', 'index.js']);
    expect(Buffer.from(read['a.txt']!).toString('utf8')).toBe('é');
    expect(Buffer.from(read['index.js']!).toString('utf8')).toBe('exports.handler = 1;\n');
  });

  it('stores every entry at 1980-01-01 00:00 with its Unix mode, stored uncompressed', () => {
    const zip = deterministicZip(files);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt16LE(central + 10)).toBe(0); // method: stored
    expect(zip.readUInt16LE(central + 12)).toBe(0); // DOS time 00:00:00
    expect(zip.readUInt16LE(central + 14)).toBe(0x21); // DOS date 1980-01-01
    expect(zip.readUInt32LE(central + 38) >>> 16).toBe(0o100644); // a.txt: regular file, rw-r--r--
    const last = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt32LE(last + 38) >>> 16).toBe(0o100755);
  });

  it('refuses duplicate and non-relative names', () => {
    expect(() => deterministicZip([files[0]!, files[0]!])).toThrow(/appears twice/);
    expect(() => deterministicZip([{ name: '/etc/x', data: Buffer.alloc(0) }])).toThrow(/relative path/);
    expect(() => deterministicZip([{ name: 'a/../../x', data: Buffer.alloc(0) }])).toThrow(/relative path/);
  });
});

describe('the table-provisioning bundle', () => {
  it('is byte-identical across two builds, for node22, without source maps or absolute paths', () => {
    const first = bundleTableProvisioner(ROOT);
    expect(bundleTableProvisioner(ROOT)).toBe(first);
    expect(first).not.toContain(ROOT);
    expect(first).not.toContain('sourceMappingURL');
    expect(first).toContain('// functions/table-provisioner/index.ts');
    // Only what the function needs: no cdktf, no provider classes, no YAML parser, no ajv.
    expect(first).not.toMatch(/cdktf|@cdktf\/provider|require\("yaml"\)|ajv/);
  });

  it('zips to the same bytes and hash in two places, and the hash is base64 SHA-256 of the zip', () => {
    const a = tableProvisionerPackage({ root: ROOT, outDir: join(temp, 'a') });
    const b = tableProvisionerPackage({ root: ROOT, outDir: join(temp, 'b') });
    expect(a.builtFrom).toBe('sources');
    expect(readFileSync(a.zipPath).equals(readFileSync(b.zipPath))).toBe(true);
    expect(a.sha256Base64).toBe(b.sha256Base64);
    expect(createHash('sha256').update(readFileSync(a.zipPath)).digest('base64')).toBe(a.sha256Base64);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(a.zipPath))))).toEqual(['index.js']);
  });

  it('as shipped, loads in Node and provisions a table against the fake catalog', async () => {
    const file = join(temp, 'bundled-handler.cjs');
    writeFileSync(file, bundleTableProvisioner(ROOT));
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle exactly as Lambda does
    const bundled = require(file) as { handler: (event: unknown) => Promise<{ outcome: string }> };
    const catalog = await FakeIcebergCatalog.start();
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    try {
      const result = await bundled.handler(crudEvent('create', desiredState(ORDERS_V1(), nessieCatalog(catalog.uri))));
      expect(result.outcome).toBe('created');
      expect(catalog.table('sales.orders')).toBeDefined();
      expect(catalog.invalidRequests).toEqual([]);
      // One JSON object per log line (CloudWatch Logs Insights parses them), ending with the outcome.
      expect(lines.map((l) => JSON.parse(l) as { outcome?: string }).at(-1)?.outcome).toBe('created');
    } finally {
      log.mockRestore();
      await catalog.close();
    }
  });

  it('an installed package without sources uses the prebuilt bundle; without either it says what is missing', () => {
    const installed = join(temp, 'node_modules', PACKAGE_NAME);
    mkdirSync(join(installed, 'dist', 'functions', 'table-provisioner'), { recursive: true });
    writeFileSync(join(installed, 'package.json'), JSON.stringify({ name: PACKAGE_NAME }));
    expect(() => tableProvisionerPackage({ root: installed, outDir: join(temp, 'c') })).toThrow(/run npm run build/);
    writeFileSync(join(installed, TABLE_PROVISIONER_PREBUILT), 'exports.handler = async () => ({});\n');
    const pkg = tableProvisionerPackage({ root: installed, outDir: join(temp, 'd') });
    expect(pkg.builtFrom).toBe('prebuilt');
    expect(Buffer.from(unzipSync(new Uint8Array(readFileSync(pkg.zipPath)))['index.js']!).toString()).toBe(
      'exports.handler = async () => ({});\n',
    );
    expect(packageRoot(join(installed, 'dist', 'aws', 'provisioning'))).toBe(installed);
  });
});

describe('the drift-check bundle', () => {
  it('is byte-identical across builds, carries its expected tables beside index.js, and runs as shipped', async () => {
    const first = bundleFunction(ROOT, DRIFT_CHECK);
    expect(bundleFunction(ROOT, DRIFT_CHECK)).toBe(first);
    expect(first).not.toContain(ROOT);
    expect(first).toContain('// functions/drift-check/index.ts');
    expect(first).not.toMatch(/cdktf|@cdktf\/provider|require\("yaml"\)|ajv/);

    const tables = Buffer.from(JSON.stringify(expectedTables(ORDERS_V1())));
    const pkg = functionPackage(DRIFT_CHECK, {
      root: ROOT,
      outDir: join(temp, 'drift'),
      extraFiles: [{ name: DRIFT_TABLES_FILE, data: tables }],
    });
    const files = unzipSync(new Uint8Array(readFileSync(pkg.zipPath)));
    expect(Object.keys(files)).toEqual([DRIFT_TABLES_FILE, 'index.js']);
    expect(
      functionPackage(DRIFT_CHECK, { root: ROOT, outDir: join(temp, 'drift'), extraFiles: [{ name: DRIFT_TABLES_FILE, data: tables }] }),
    ).toEqual(pkg);
    const other = functionPackage(DRIFT_CHECK, {
      root: ROOT,
      outDir: join(temp, 'drift'),
      extraFiles: [{ name: DRIFT_TABLES_FILE, data: Buffer.from(JSON.stringify(expectedTables(ORDERS_V2_SAFE()))) }],
    });
    expect(other.sha256Base64).not.toBe(pkg.sha256Base64);

    // Unzipped as Lambda does (/var/task), loaded, and run against the fake catalog.
    const task = join(temp, 'drift-task');
    mkdirSync(task, { recursive: true });
    for (const [name, data] of Object.entries(files)) writeFileSync(join(task, name), data);
    const catalog = await FakeIcebergCatalog.start();
    const calls: MonitoringCall[] = [];
    const saved = { ...process.env };
    vi.stubGlobal('fetch', monitoringFetch(calls));
    Object.assign(process.env, RUNTIME_ENV, { LAKEHOUSE_CATALOG: JSON.stringify(nessieCatalog(catalog.uri)) });
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the bundle exactly as Lambda does
      const bundled = require(join(task, 'index.js')) as { handler: (event: unknown) => Promise<{ drifted: string[] }> };
      const lines: string[] = [];
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => lines.push(String(chunk)) > 0);
      const result = await bundled.handler({});
      expect(result.drifted).toEqual(['sales.orders']);
      expect(metricValues(calls)).toEqual(['SchemaDriftTables=1']);
      // One JSON object per line, each a whole log event.
      expect(lines.every((l) => l.endsWith('\n') && typeof JSON.parse(l) === 'object')).toBe(true);
      expect(lines.map((l) => (JSON.parse(l) as { event: string }).event)).toContain('schema-drift');
    } finally {
      process.env = saved;
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
      await catalog.close();
    }
  });
});

describe('the function build cache', () => {
  /** A package of one function whose handler returns `answer`. */
  function fakePackage(answer: number): string {
    const root = mkdtempSync(join(temp, 'pkg-'));
    mkdirSync(join(root, 'functions', 'table-provisioner'), { recursive: true });
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: PACKAGE_NAME }));
    writeFileSync(join(root, 'tsconfig.json'), '{}');
    writeFileSync(join(root, 'functions', 'table-provisioner', 'index.ts'), `export const handler = async () => (${answer});\n`);
    return root;
  }
  const zipped = (zipPath: string) => Buffer.from(unzipSync(new Uint8Array(readFileSync(zipPath)))['index.js']!).toString();

  const ENTRY = 'functions/table-provisioner/index.ts';

  it('is keyed by the content of every file a build reads', () => {
    const root = fakePackage(1);
    const key = functionBuildKey(root, [ENTRY]);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(functionBuildKey(root, [ENTRY])).toBe(key);
    expect(functionBuildKey(fakePackage(2), [ENTRY])).not.toBe(key);
    expect(functionBuildKey(root, [ENTRY, 'lib/x.ts'])).not.toBe(key);
    writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": {} }');
    expect(functionBuildKey(root, [ENTRY])).not.toBe(key);
  });

  it('serves an unchanged build from disk without esbuild', () => {
    const root = fakePackage(1);
    const out = join(temp, 'cache-hit');
    mkdirSync(out, { recursive: true });
    // What a previous synthesis left: the files its build read, and the build under their key.
    writeFileSync(join(out, 'table-provisioner-inputs.json'), JSON.stringify([ENTRY]));
    writeFileSync(
      join(out, `table-provisioner-handler-${functionBuildKey(root, [ENTRY]).slice(0, 24)}.js`),
      'exports.handler = "cached";\n',
    );
    const pkg = tableProvisionerPackage({ root, outDir: out });
    expect(pkg.builtFrom).toBe('sources');
    expect(zipped(pkg.zipPath)).toBe('exports.handler = "cached";\n');
  });

  it('rebuilds when a file the handler imports changes, and records what the build read', async () => {
    const root = fakePackage(1);
    writeFileSync(join(root, ENTRY), "import { answer } from './answer';\nexport const handler = async () => answer;\n");
    writeFileSync(join(root, 'functions', 'table-provisioner', 'answer.ts'), 'export const answer = 41;\n');
    const out = join(temp, 'rebuild');
    const first = tableProvisionerPackage({ root, outDir: out });
    expect(zipped(first.zipPath)).toContain('41');
    expect(JSON.parse(readFileSync(join(out, 'table-provisioner-inputs.json'), 'utf8'))).toEqual([
      'functions/table-provisioner/answer.ts',
      ENTRY,
    ]);
    writeFileSync(join(root, 'functions', 'table-provisioner', 'answer.ts'), 'export const answer = 42;\n');
    // A new process: nothing remembered in memory, only the files on disk.
    vi.resetModules();
    const fresh = await import('../../../lib/aws/provisioning/function-bundle.js');
    const second = fresh.tableProvisionerPackage({ root, outDir: out });
    expect(zipped(second.zipPath)).toContain('42');
    expect(second.sha256Base64).not.toBe(first.sha256Base64);
  });

  it('defaults to a folder private to the user, and refuses one others may write to (its files become Lambda code)', () => {
    const base = mkdtempSync(join(temp, 'tmp-'));
    const dir = privateCacheDir(base);
    expect(dir).toBe(join(base, `${PACKAGE_NAME}-${process.getuid!()}`));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o777);
    expect(() => privateCacheDir(base)).toThrow(/is not private to this user \(owner \d+, mode 777\): remove it, or set TMPDIR/);
  });

  it('removes a function’s files unused for a week when it writes a new one, and nothing else', () => {
    const out = join(temp, 'prune');
    mkdirSync(out, { recursive: true });
    const old = new Date(Date.now() - (UNUSED_FILE_DAYS + 1) * 24 * 60 * 60 * 1000);
    const file = (name: string, age?: Date) => {
      writeFileSync(join(out, name), 'x');
      if (age) utimesSync(join(out, name), age, age);
      return name;
    };
    const stale = [
      file('table-provisioner-0123456789abcdef01234567.zip', old),
      file('table-provisioner-handler-0123456789abcdef01234567.js', old),
    ];
    const kept = [
      file('table-provisioner-fedcba9876543210fedcba98.zip'),
      file('drift-check-0123456789abcdef01234567.zip', old),
      file('notes.txt', old),
    ];
    const pkg = tableProvisionerPackage({ root: fakePackage(3), outDir: out });
    const left = readdirSync(out);
    for (const name of stale) expect(left).not.toContain(name);
    for (const name of kept) expect(left).toContain(name);
    expect(left).toContain(basename(pkg.zipPath));
    expect(zipped(pkg.zipPath)).toContain('3');
  });
});
