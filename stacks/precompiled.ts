import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';

export type SynthEntry = typeof import('./synth-entry');

const ROOT = resolve(__dirname, '..');
// Inside the project: the bundle's packages (cdktf, providers, yaml) resolve from beside it.
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'iceberg-lakehouse-cdktf');
const SOURCE_DIRS = ['lib', 'stacks'];
// Bundled with the sources: three quarters of their 10 MB are inline source maps, which every
// synthesis read, scanned and compiled for nothing. Keyed by version. Every other package is
// external, cdktf above all: one copy of it must serve the bundle and synthesis-process.ts.
const BUNDLED_PACKAGES = ['@cdktf/provider-aws', '@cdktf/provider-google', '@cdktf/provider-time'];
const EXTERNAL_PACKAGES = ['cdktf', 'constructs', 'yaml', 'ajv', 'esbuild'].flatMap((p) => [p, `${p}/*`]);

/**
 * The library and stacks as one precompiled CommonJS module, rebuilt only when a source changes.
 *
 * Through tsx every one of the ~160 TypeScript modules pays its own resolution, cache lookup and
 * compilation; one bundle of them took about 0.1 s off each synthesis of the shipped environments.
 * The bundle lives in node_modules/.cache, keyed by the content of every file under lib/ and
 * stacks/, tsconfig.json, the versions of the bundled provider packages and of esbuild and Node;
 * a build that reads any other file is refused, so a cached bundle is never stale.
 *
 * The TypeScript sources are loaded instead with `LAKEHOUSE_PRECOMPILE=0` or
 * `LAKEHOUSE_TOKEN_TRACES=1` (stack traces then point into the sources), and, with a one-line
 * note on standard error, when the bundle cannot be built, written or loaded.
 */
export function loadSynthEntry(env: NodeJS.ProcessEnv = process.env, root: string = ROOT, cacheDir: string = CACHE_DIR): SynthEntry {
  const sources = join(root, 'stacks', 'synth-entry');
  if (env.LAKEHOUSE_PRECOMPILE === '0' || env.LAKEHOUSE_TOKEN_TRACES === '1') return load(sources);
  try {
    return loadBundle(root, cacheDir);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    process.stderr.write(`lakehouse: loading the TypeScript sources, the precompiled bundle is unavailable (${reason})\n`);
    return load(sources);
  }
}

function loadBundle(root: string, cacheDir: string): SynthEntry {
  const bundle = precompiledBundlePath(root, cacheDir);
  try {
    return load(bundle);
  } catch {
    // A damaged file under the right name (or one removed meanwhile): build it once more.
    rmSync(bundle, { force: true });
    return load(precompiledBundlePath(root, cacheDir));
  }
}

function load(path: string): SynthEntry {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path) as SynthEntry;
}

/** Path of the bundle for the current sources, built first if it does not exist yet. */
export function precompiledBundlePath(root: string = ROOT, cacheDir: string = CACHE_DIR): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const files = keyedFiles(root);
  const key = sourceKey(root, esbuild.version, files);
  const target = join(cacheDir, `synth-${key}.js`);
  if (existsSync(target)) return target;
  const built = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [join(root, 'stacks', 'synth-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    external: EXTERNAL_PACKAGES,
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // Anything bundled must be in the key, or an edit to it would leave the cached bundle stale.
  const keyed = new Set(files.map((f) => relative(root, f).split(sep).join('/')));
  const versioned = BUNDLED_PACKAGES.map((p) => `node_modules/${p}/`);
  const unkeyed = Object.keys(built.metafile.inputs).filter((input) => !keyed.has(input) && !versioned.some((v) => input.startsWith(v)));
  if (unkeyed.length > 0) {
    throw new Error(`the bundle would include files outside lib/, stacks/ and ${BUNDLED_PACKAGES.join(', ')}: ${unkeyed.join(', ')}`);
  }
  mkdirSync(cacheDir, { recursive: true });
  // Bundles of earlier sources are never read again.
  for (const f of readdirSync(cacheDir)) {
    if (/^synth-[0-9a-f]+\.js$/.test(f) && f !== basename(target)) rmSync(join(cacheDir, f), { force: true });
  }
  // Written aside and renamed, so a concurrent synthesis never reads half a file.
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, built.outputFiles[0]!.text);
  renameSync(partial, target);
  return target;
}

/** Hash of everything the bundle is made from. */
export function sourceKey(root: string, esbuildVersion: string, files: readonly string[] = keyedFiles(root)): string {
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\nnode ${process.versions.node}\n`);
  for (const file of files) {
    hash.update(`${relative(root, file)}\n`);
    hash.update(readFileSync(file));
  }
  for (const pkg of BUNDLED_PACKAGES) {
    const manifest = join(root, 'node_modules', pkg, 'package.json');
    hash.update(`${pkg}\n`);
    if (existsSync(manifest)) hash.update(readFileSync(manifest));
  }
  return hash.digest('hex').slice(0, 24);
}

/** Every file under lib/ and stacks/ (whatever its extension) and tsconfig.json, sorted. */
function keyedFiles(root: string): string[] {
  return SOURCE_DIRS.flatMap((d) => filesUnder(join(root, d)))
    .concat(join(root, 'tsconfig.json'))
    .sort();
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : [path];
  });
}
