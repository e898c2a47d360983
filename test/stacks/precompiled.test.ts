import { execFileSync, spawnSync } from 'node:child_process';
import { unzipSync } from 'fflate';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLakehouseApp, synthesizeLakehouseApp } from '../../stacks/app';
import { externalPackages, loadSynthEntry, precompiledBundlePath, recordedSourceKey, sourceKey } from '../../stacks/bundle.cjs';

import { ENVIRONMENTS_DIR, ROOT, TEMPLATES_DIR } from '../support/synth';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs();
const projectDirs: string[] = [];
afterAll(() => {
  for (const dir of projectDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
/** A folder inside the project (git-ignored `.lh-test-cache-*`), removed after the tests. */
function projectTempDir(): string {
  const dir = mkdtempSync(join(ROOT, '.lh-test-cache-'));
  projectDirs.push(dir);
  return dir;
}

function fakeProject(): string {
  const root = tempDir('lh-precompiled-');
  mkdirSync(join(root, 'lib'));
  mkdirSync(join(root, 'stacks'));
  writeFileSync(join(root, 'tsconfig.json'), '{}');
  writeFileSync(join(root, 'lib', 'answer.ts'), 'export const answer: number = 42;\n');
  writeFileSync(join(root, 'stacks', 'synth-entry.ts'), "export { answer } from '../lib/answer';\n");
  return root;
}

describe('precompiled synthesis bundle', () => {
  it('is keyed by the content of every source file and tsconfig.json', () => {
    const root = fakeProject();
    const key = sourceKey(root, '0.28.2');
    expect(sourceKey(root, '0.28.2')).toBe(key);
    expect(sourceKey(root, '0.29.0')).not.toBe(key);
    writeFileSync(join(root, 'lib', 'answer.ts'), 'export const answer: number = 43;\n');
    const changed = sourceKey(root, '0.28.2');
    expect(changed).not.toBe(key);
    writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": {} }');
    expect(sourceKey(root, '0.28.2')).not.toBe(changed);
  });

  it('is built once, reused while the sources are unchanged, and replaced when they change', () => {
    const root = fakeProject();
    const cache = join(root, 'cache');
    const first = precompiledBundlePath(root, cache);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require(first) as { answer: number }).answer).toBe(42);
    const builtAt = statSync(first).mtimeMs;
    expect(precompiledBundlePath(root, cache)).toBe(first);
    expect(statSync(first).mtimeMs).toBe(builtAt);

    writeFileSync(join(root, 'lib', 'answer.ts'), 'export const answer: number = 7;\n');
    const second = precompiledBundlePath(root, cache);
    expect(second).not.toBe(first);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require(second) as { answer: number }).answer).toBe(7);
    expect(readdirSync(cache)).toEqual([second.split('/').pop()]);
  });

  it('reuses the key recorded for unchanged file stats, and hashes again after any write, even one that keeps size and modification time', () => {
    const root = fakeProject();
    const cache = join(root, 'cache');
    const later = Date.now() + 60_000;
    const key = recordedSourceKey(root, cache, undefined, later);
    const esbuild = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'esbuild', 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(key).toBe(sourceKey(root, esbuild));
    // Recorded: a tampered key is returned as it is, so the files were not read again.
    const record = join(cache, 'sources.json');
    const recorded = JSON.parse(readFileSync(record, 'utf8')) as { signature: string; key: string };
    writeFileSync(record, JSON.stringify({ ...recorded, key: 'f00d' }));
    expect(recordedSourceKey(root, cache, undefined, later)).toBe('f00d');
    // Same size, modification time set back: the change time still moved.
    const file = join(root, 'lib', 'answer.ts');
    const before = statSync(file);
    writeFileSync(file, 'export const answer: number = 24;\n');
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).size).toBe(before.size);
    const changed = recordedSourceKey(root, cache, undefined, later);
    expect(changed).not.toBe('f00d');
    expect(changed).not.toBe(key);
    // A new file changes the key too, and so does another version of a bundled package.
    writeFileSync(join(root, 'lib', 'more.ts'), 'export {};\n');
    const added = recordedSourceKey(root, cache, undefined, later);
    expect(added).not.toBe(changed);
    mkdirSync(join(root, 'node_modules', 'cdktf'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'cdktf', 'package.json'), '{ "version": "0.21.0" }');
    const withCdktf = recordedSourceKey(root, cache, undefined, later);
    expect(withCdktf).not.toBe(added);
    writeFileSync(join(root, 'node_modules', 'cdktf', 'package.json'), '{ "version": "0.21.1" }');
    expect(recordedSourceKey(root, cache, undefined, later)).not.toBe(withCdktf);
  });

  it('records no stats for files changed within the last two seconds (their timestamps may not move on the next write)', () => {
    const root = fakeProject();
    const cache = join(root, 'cache');
    recordedSourceKey(root, cache);
    expect(existsSync(join(cache, 'sources.json'))).toBe(false);
  });

  it('covers every file under lib/ and stacks/, whatever its extension', () => {
    const root = fakeProject();
    const key = sourceKey(root, '0.28.2');
    writeFileSync(join(root, 'lib', 'notes.txt'), 'read by nothing today');
    expect(sourceKey(root, '0.28.2')).not.toBe(key);
  });

  it('covers the versions of the packages it bundles: the providers, cdktf and constructs', () => {
    const root = fakeProject();
    for (const pkg of ['@cdktf/provider-aws', 'cdktf', 'constructs']) {
      const manifest = join(root, 'node_modules', pkg);
      mkdirSync(manifest, { recursive: true });
      writeFileSync(join(manifest, 'package.json'), '{ "version": "1.0.0" }');
      const key = sourceKey(root, '0.28.2');
      writeFileSync(join(manifest, 'package.json'), '{ "version": "1.0.1" }');
      expect(sourceKey(root, '0.28.2'), pkg).not.toBe(key);
    }
  });

  it('is refused when the build reads a file the key does not cover', () => {
    const root = fakeProject();
    writeFileSync(join(root, 'outside.ts'), 'export const outside = 1;\n');
    writeFileSync(join(root, 'lib', 'answer.ts'), "export { outside as answer } from '../outside';\n");
    expect(() => precompiledBundlePath(root, join(root, 'cache'))).toThrow(
      /files outside lib\/, stacks\/, functions\/ and @cdktf\/provider-aws, @cdktf\/provider-google, @cdktf\/provider-time, cdktf, constructs: outside\.ts/,
    );
  });

  it('is rebuilt when the cached file is damaged', () => {
    const root = fakeProject();
    const cache = join(root, 'cache');
    const path = precompiledBundlePath(root, cache);
    writeFileSync(path, 'this is not JavaScript (');
    expect((loadSynthEntry({}, root, cache) as unknown as { answer: number }).answer).toBe(42);
    expect(readFileSync(path, 'utf8')).toMatch(/answer/);
  });

  it('keeps V8’s code cache beside it: written by the first synthesizing run that succeeds (never by a load-only or failed one), accepted (not rewritten) by the next, one per set of Node options, replaced when damaged', () => {
    const cache = projectTempDir();
    const script = (write: boolean, exitCode: number) =>
      `const e = require('./stacks/bundle.cjs').loadSynthEntry({}, process.cwd(), ${JSON.stringify(cache)}, { writeCodeCache: ${write} }); if (typeof e.synthesizeFromEnvironment !== 'function') process.exit(3); process.exitCode = ${exitCode};`;
    const run = (write = true, exitCode = 0, nodeOptions = '') => {
      const r = spawnSync(process.execPath, ['-e', script(write, exitCode)], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: nodeOptions },
      });
      expect(r.status, r.stderr).toBe(exitCode);
    };
    const caches = () => readdirSync(cache).filter((f) => f.endsWith('.v8cache'));
    // A process that only loads the bundle, or whose synthesis fails, leaves no cache: it would
    // lack functions a synthesis compiles, and later runs would accept it.
    run(false);
    run(true, 1);
    expect(caches()).toEqual([]);
    run();
    expect(caches()).toHaveLength(1);
    const file = join(cache, caches()[0]!);
    expect(file).toMatch(/synth-[0-9a-f]+\.[0-9a-f]{8}\.v8cache$/);
    const written = statSync(file).mtimeMs;
    run();
    expect(statSync(file).mtimeMs).toBe(written);
    // The options cdktf-cli adds get their own cache; the plain one stays as it was.
    run(true, 0, '--max-old-space-size=4096');
    expect(caches()).toHaveLength(2);
    expect(statSync(file).mtimeMs).toBe(written);
    writeFileSync(file, 'damaged');
    run();
    expect(statSync(file).size).toBeGreaterThan(100_000);
  });

  it('is what the entry point loads; the sources with LAKEHOUSE_PRECOMPILE=0 or LAKEHOUSE_TOKEN_TRACES=1, or when it cannot be written', () => {
    // Loading TypeScript needs tsx's require hook, as `cdktf synth` has: run in a tsx process.
    const unwritable = fakeProject();
    const script = `
      const { loadSynthEntry } = require('./stacks/bundle.cjs');
      const fromSources = require('./stacks/synth-entry').buildLakehouseApp;
      const isSources = (env) => loadSynthEntry(env).buildLakehouseApp === fromSources;
      const fallback = loadSynthEntry({}, ${JSON.stringify(unwritable)}, '/dev/null/cache');
      process.stdout.write(JSON.stringify({
        bundle: isSources({}),
        precompileOff: isSources({ LAKEHOUSE_PRECOMPILE: '0' }),
        traces: isSources({ LAKEHOUSE_TOKEN_TRACES: '1' }),
        fallback: fallback.answer,
      }));
    `;
    const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual({ bundle: false, precompileOff: true, traces: true, fallback: 42 });
    expect(r.stderr).toMatch(/^lakehouse: loading the TypeScript sources, the precompiled bundle is unavailable \(.*\/dev\/null\/cache/m);
  });

  it('synthesizes the shipped environments, every shortcut applied, byte for byte as the TypeScript sources do', () => {
    // Inside the project as the real cache is (packages and the functions' sources resolve from
    // there), but in a folder of its own, removed afterwards, not in the repository's node_modules.
    // The bundle runs in its own process, configured as the launcher configures it.
    const cache = projectTempDir();
    const bundle = precompiledBundlePath(ROOT, cache);
    const read = (dir: string): Record<string, string> =>
      Object.fromEntries(
        readdirSync(join(dir, 'stacks'))
          .sort()
          .map((s) => [s, readFileSync(join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8')]),
      );
    const bundledOut = tempDir('lh-precompiled-out-');
    const script = `
      const entry = require(${JSON.stringify(bundle)});
      const applied = entry.configureSynthesisProcess({});
      if (!Object.values(applied).every(Boolean)) throw new Error('not applied: ' + JSON.stringify(applied));
      entry.synthesizeLakehouseApp(entry.buildLakehouseApp({ templatesDir: ${JSON.stringify(TEMPLATES_DIR)}, environmentsDir: ${JSON.stringify(ENVIRONMENTS_DIR)}, outdir: ${JSON.stringify(bundledOut)} }));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const sourcesOut = tempDir('lh-precompiled-out-');
    synthesizeLakehouseApp(buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR, outdir: sourcesOut }));
    const fromBundle = read(bundledOut);
    expect(Object.keys(fromBundle)).toEqual(['dev', 'gcp-dev', 'prod', 'staging']);
    expect(fromBundle).toEqual(read(sourcesOut));
  });

  it('applies every synthesis shortcut to the copy of cdktf it bundles, and requires cdktf from nowhere else', () => {
    const cache = projectTempDir();
    const bundle = precompiledBundlePath(ROOT, cache);
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/require\("(cdktf|constructs)[/"]/);
    const script = `
      const entry = require(${JSON.stringify(bundle)});
      const applied = entry.configureSynthesisProcess({});
      const fromNodeModules = Object.keys(require.cache).filter((k) => /\\/node_modules\\/(cdktf|constructs)\\//.test(k));
      process.stdout.write(JSON.stringify({ applied, fromNodeModules }));
    `;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      applied: { tokenCreationTraces: true, finalStackResolve: true, plainValueResolve: true },
      fromNodeModules: [],
    });
  });

  it('zips ARCHIVE assets as cdktf does: its archive command runs cdktf’s own file, not the bundle', () => {
    // A project inside the repository with its own (hard-linked) cdktf, so the bundle includes it.
    const root = projectTempDir();
    for (const d of ['lib', 'stacks', 'node_modules', 'src']) mkdirSync(join(root, d));
    for (const pkg of ['cdktf', 'constructs'])
      execFileSync('cp', ['-al', join(ROOT, 'node_modules', pkg), join(root, 'node_modules', pkg)]);
    writeFileSync(join(root, 'tsconfig.json'), '{}');
    writeFileSync(
      join(root, 'lib', 'archive.ts'),
      [
        "import { App, AssetType, TerraformAsset, TerraformStack } from 'cdktf';",
        'export function archive(src: string, outdir: string): void {',
        '  const app = new App({ outdir });',
        "  new TerraformAsset(new TerraformStack(app, 's'), 'a', { path: src, type: AssetType.ARCHIVE });",
        '  app.synth();',
        '}',
      ].join('\n'),
    );
    writeFileSync(join(root, 'stacks', 'synth-entry.ts'), "export { archive } from '../lib/archive';\n");
    writeFileSync(join(root, 'src', 'hello.txt'), 'hello');
    const bundle = precompiledBundlePath(root, join(root, 'cache'));
    expect(readFileSync(bundle, 'utf8').includes('node ${__filename}')).toBe(false);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(bundle) as { archive: (src: string, outdir: string) => void }).archive(join(root, 'src'), join(root, 'out'));
    const zips = readdirSync(join(root, 'out'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    expect(Object.keys(unzipSync(readFileSync(join(root, 'out', zips[0]!))))).toEqual(['hello.txt']);
  });

  it('covers functions/ too, so library code may import code shared with the cloud functions', () => {
    const root = fakeProject();
    mkdirSync(join(root, 'functions', 'shared'), { recursive: true });
    writeFileSync(join(root, 'functions', 'shared', 'value.ts'), 'export const value: number = 5;\n');
    writeFileSync(join(root, 'lib', 'answer.ts'), "export { value as answer } from '../functions/shared/value';\n");
    const first = precompiledBundlePath(root, join(root, 'cache'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect((require(first) as { answer: number }).answer).toBe(5);
    writeFileSync(join(root, 'functions', 'shared', 'value.ts'), 'export const value: number = 6;\n');
    expect(precompiledBundlePath(root, join(root, 'cache'))).not.toBe(first);
  });

  it('leaves every package package.json declares external, so a new dependency never makes the build refuse', () => {
    const root = fakeProject();
    writeFileSync(join(root, 'package.json'), JSON.stringify({ dependencies: { 'left-pad': '1.3.0' }, devDependencies: { esbuild: '*' } }));
    writeFileSync(join(root, 'lib', 'answer.ts'), "import leftPad from 'left-pad';\nexport const answer = leftPad('4', 2);\n");
    const bundle = readFileSync(precompiledBundlePath(root, join(root, 'cache')), 'utf8');
    expect(bundle).toMatch(/require\("left-pad"\)/);
    expect(externalPackages(ROOT)).toEqual(expect.arrayContaining(['yaml', 'ajv', 'fflate', 'fflate/*']));
    // Bundled: one copy of cdktf in the process, the one stacks/synthesis-process.ts patches.
    expect(externalPackages(ROOT).filter((p) => /^(cdktf|constructs)(\/\*)?$|^@cdktf\/provider-/.test(p))).toEqual([]);
  });

  it('with LAKEHOUSE_REQUIRE_BUNDLE=1 an unavailable bundle is an error, never a silent fallback to the sources', () => {
    const root = fakeProject();
    writeFileSync(join(root, 'outside.ts'), 'export const outside = 1;\n');
    writeFileSync(join(root, 'lib', 'answer.ts'), "export { outside as answer } from '../outside';\n");
    expect(() => loadSynthEntry({ LAKEHOUSE_REQUIRE_BUNDLE: '1' }, root, join(root, 'cache'))).toThrow(
      /^the precompiled synthesis bundle is unavailable \(the bundle would include files outside .*: outside\.ts\); LAKEHOUSE_REQUIRE_BUNDLE=1 forbids falling back to the TypeScript sources$/,
    );
    // The launcher `cdktf synth` runs says so in one line and exits 1.
    writeFileSync(join(root, 'stacks', 'synth.cjs'), readFileSync(join(ROOT, 'stacks', 'synth.cjs')));
    writeFileSync(join(root, 'stacks', 'bundle.cjs'), readFileSync(join(ROOT, 'stacks', 'bundle.cjs')));
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(join(ROOT, 'node_modules', 'esbuild'), join(root, 'node_modules', 'esbuild'));
    const r = spawnSync(process.execPath, [join(root, 'stacks', 'synth.cjs')], {
      encoding: 'utf8',
      env: { ...process.env, LAKEHOUSE_REQUIRE_BUNDLE: '1', LAKEHOUSE_PRECOMPILE: '', LAKEHOUSE_TOKEN_TRACES: '' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^lakehouse: the precompiled synthesis bundle is unavailable \(.*outside\.ts\); LAKEHOUSE_REQUIRE_BUNDLE=1 forbids/,
    );
  });

  it('is required in CI: .ci/run synthesizes with LAKEHOUSE_REQUIRE_BUNDLE=1', () => {
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^LAKEHOUSE_REQUIRE_BUNDLE=1 npm run --silent synth /m);
  });

  it('is what cdktf.json runs, under plain node: a cached run loads neither tsx nor esbuild, nor cdktf from node_modules', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')).app).toBe('node stacks/synth.cjs');
    const out = mkdtempSync(join(tmpdir(), 'lh-launcher-'));
    const probe = join(out, 'probe.cjs');
    // At exit, which of tsx and esbuild the process loaded.
    writeFileSync(
      probe,
      "process.on('exit', () => require('node:fs').appendFileSync(process.env.PROBE_OUT, JSON.stringify(['tsx', 'esbuild', 'cdktf', 'constructs'].filter((p) => Object.keys(require.cache).some((k) => k.includes(`/node_modules/${p}/`)))) + '\\n'));\n",
    );
    const env = {
      ...process.env,
      CDKTF_OUTDIR: join(out, 'cdktf.out'),
      PROBE_OUT: join(out, 'loaded.jsonl'),
      NODE_OPTIONS: `--require ${probe}`,
    };
    try {
      for (let i = 0; i < 2; i++) {
        const r = spawnSync(process.execPath, [join(ROOT, 'stacks', 'synth.cjs')], { cwd: ROOT, encoding: 'utf8', env });
        expect(r.status, r.stderr).toBe(0);
      }
      const runs = readFileSync(join(out, 'loaded.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as string[]);
      expect(runs[1]).toEqual([]);
      expect(readdirSync(join(out, 'cdktf.out', 'stacks')).sort()).toEqual(['dev', 'gcp-dev', 'prod', 'staging']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
