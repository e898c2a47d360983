import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLakehouseApp, synthesizeLakehouseApp } from '../../stacks/app';
import { loadSynthEntry, precompiledBundlePath, sourceKey, type SynthEntry } from '../../stacks/precompiled';
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

  it('covers every file under lib/ and stacks/, whatever its extension', () => {
    const root = fakeProject();
    const key = sourceKey(root, '0.28.2');
    writeFileSync(join(root, 'lib', 'notes.txt'), 'read by nothing today');
    expect(sourceKey(root, '0.28.2')).not.toBe(key);
  });

  it('covers the versions of the provider packages it bundles', () => {
    const root = fakeProject();
    const manifest = join(root, 'node_modules', '@cdktf', 'provider-aws');
    mkdirSync(manifest, { recursive: true });
    writeFileSync(join(manifest, 'package.json'), '{ "version": "21.22.1" }');
    const key = sourceKey(root, '0.28.2');
    writeFileSync(join(manifest, 'package.json'), '{ "version": "21.23.0" }');
    expect(sourceKey(root, '0.28.2')).not.toBe(key);
  });

  it('is refused when the build reads a file the key does not cover', () => {
    const root = fakeProject();
    writeFileSync(join(root, 'outside.ts'), 'export const outside = 1;\n');
    writeFileSync(join(root, 'lib', 'answer.ts'), "export { outside as answer } from '../outside';\n");
    expect(() => precompiledBundlePath(root, join(root, 'cache'))).toThrow(
      /files outside lib\/, stacks\/ and @cdktf\/provider-aws, @cdktf\/provider-google, @cdktf\/provider-time: outside\.ts/,
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

  it('is what the entry point loads; the sources with LAKEHOUSE_PRECOMPILE=0 or LAKEHOUSE_TOKEN_TRACES=1, or when it cannot be written', () => {
    // Loading TypeScript needs tsx's require hook, as `cdktf synth` has: run in a tsx process.
    const unwritable = fakeProject();
    const script = `
      const { loadSynthEntry } = require('./stacks/precompiled');
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

  it('synthesizes the shipped environments byte for byte as the TypeScript sources do', () => {
    // Inside the project as the real cache is (packages and the functions' sources resolve from
    // there), but in a folder of its own, removed afterwards, not in the repository's node_modules.
    const cache = projectTempDir();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require(precompiledBundlePath(ROOT, cache)) as SynthEntry;
    const out = (entry: Pick<SynthEntry, 'buildLakehouseApp' | 'synthesizeLakehouseApp'>): Record<string, string> => {
      const dir = tempDir('lh-precompiled-out-');
      entry.synthesizeLakehouseApp(
        entry.buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR, outdir: dir }),
      );
      const stacks = readdirSync(join(dir, 'stacks')).sort();
      return Object.fromEntries(stacks.map((s) => [s, readFileSync(join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8')]));
    };
    const fromBundle = out(bundled);
    expect(Object.keys(fromBundle)).toEqual(['dev', 'gcp-dev', 'prod', 'staging']);
    expect(fromBundle).toEqual(out({ buildLakehouseApp, synthesizeLakehouseApp }));
  });
});
