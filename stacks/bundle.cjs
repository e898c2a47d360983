// @ts-check
'use strict';
/**
 * The library and stacks as one precompiled CommonJS module, rebuilt only when a source changes.
 *
 * Plain JavaScript (type-checked from its JSDoc) so the synthesis launcher (stacks/synth.cjs) runs
 * under plain `node`: a cache hit costs hashing the sources and one `require`, with neither `tsx`
 * nor esbuild loaded. Through tsx every one of the ~160 TypeScript modules paid its own
 * resolution, cache lookup and compilation.
 *
 * The bundle lives in node_modules/.cache, keyed by the content of every file under lib/, stacks/
 * and functions/, tsconfig.json, package.json, the versions of the bundled packages (cdktf,
 * constructs and the providers) and of esbuild and Node; every other package is external
 * (declared in package.json, loaded from node_modules). A build that would read any other file is
 * refused, so a cached bundle is never stale. A bundled package is keyed by its version only: an
 * edit made inside node_modules/cdktf (a local patch) needs the cache folder deleted, or
 * `LAKEHOUSE_PRECOMPILE=0`.
 *
 * The TypeScript sources are loaded instead with `LAKEHOUSE_PRECOMPILE=0` or
 * `LAKEHOUSE_TOKEN_TRACES=1` (stack traces then point into the sources), and, with a one-line note
 * on standard error, when the bundle cannot be built, written or loaded, unless
 * `LAKEHOUSE_REQUIRE_BUNDLE=1` (set by .ci/run), which makes that an error.
 */
const { createHash } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { basename, dirname, join, relative, resolve, sep } = require('node:path');
const { Script } = require('node:vm');

/** @typedef {typeof import('./synth-entry')} SynthEntry */

const ROOT = resolve(__dirname, '..');
// Inside the project: the bundle's external packages (yaml, ...) resolve from beside it.
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'iceberg-lakehouse-cdktf');
// functions/ too: code shared between the library and the cloud functions may be imported either way.
const SOURCE_DIRS = ['lib', 'stacks', 'functions'];
// Bundled with the sources, keyed by version. The providers: three quarters of their 10 MB are
// inline source maps, which every synthesis read, scanned and compiled for nothing. cdktf (with the
// dependencies it ships inside its own package) and constructs: loading them from node_modules
// resolved and compiled 380 modules, their source maps included, at every synthesis. The process
// then has one copy of cdktf, the bundle's: stacks/synthesis-process.ts patches that copy.
const BUNDLED_PACKAGES = ['@cdktf/provider-aws', '@cdktf/provider-google', '@cdktf/provider-time', 'cdktf', 'constructs'];

/**
 * Loads what the synthesis entry point needs: the bundle, or the TypeScript sources (see above).
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string} [root]
 * @param {string} [cacheDir]
 * @param {{ writeCodeCache?: boolean }} [options] `writeCodeCache`: this process synthesizes, so the
 *   code cache it leaves holds what a synthesis compiles (the launcher); other loaders only read it
 * @returns {SynthEntry}
 */
function loadSynthEntry(env = process.env, root = ROOT, cacheDir = CACHE_DIR, options = {}) {
  if (env.LAKEHOUSE_PRECOMPILE === '0' || env.LAKEHOUSE_TOKEN_TRACES === '1') return loadSources(root);
  try {
    return loadBundle(root, cacheDir, options.writeCodeCache === true);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    if (env.LAKEHOUSE_REQUIRE_BUNDLE === '1') {
      throw new Error(
        `the precompiled synthesis bundle is unavailable (${reason}); LAKEHOUSE_REQUIRE_BUNDLE=1 forbids falling back to the TypeScript sources`,
      );
    }
    process.stderr.write(`lakehouse: loading the TypeScript sources, the precompiled bundle is unavailable (${reason})\n`);
    return loadSources(root);
  }
}

/**
 * @param {string} root
 * @param {string} cacheDir
 * @param {boolean} writeCodeCache
 * @returns {SynthEntry}
 */
function loadBundle(root, cacheDir, writeCodeCache) {
  const bundle = precompiledBundlePath(root, cacheDir);
  try {
    return requireWithCodeCache(bundle, writeCodeCache);
  } catch {
    // A damaged file under the right name (or one removed meanwhile): build it once more.
    rmSync(bundle, { force: true });
    rmSync(codeCachePath(bundle), { force: true });
    return requireWithCodeCache(precompiledBundlePath(root, cacheDir), writeCodeCache);
  }
}

/**
 * `require(file)` with V8's code cache kept beside the bundle (`synth-<key>.<flags>.v8cache`): Node 20 has
 * no compile cache of its own (module.enableCompileCache came in Node 22), and compiling the
 * bundle's functions is a tenth of a synthesis. The cache is written when a run finds none (or V8
 * rejects it: another Node version or flags), at exit, so it holds every function that run
 * compiled. Only a process that synthesizes writes it (`writeCodeCache`): one that only loaded
 * the bundle (a test, a tool) would leave a cache without the synthesis's functions, which every
 * later run would accept and then compile them itself. The cache sits beside a bundle named by the
 * content key, and is removed with it; V8 itself checks only the source's length, its own version
 * and flags, and rejects a cache that differs.
 * @param {string} file
 * @param {boolean} writeCodeCache
 * @returns {SynthEntry}
 */
function requireWithCodeCache(file, writeCodeCache) {
  const cacheFile = codeCachePath(file);
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = new Module(file);
  mod.filename = file;
  require.cache[file] = mod;
  try {
    script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, dirname(file));
  } catch (e) {
    delete require.cache[file];
    throw e;
  }
  mod.loaded = true;
  if (writeCodeCache && (cachedData === undefined || script.cachedDataRejected)) {
    process.once('exit', (code) => {
      // A synthesis that stopped early (invalid input) compiled only part of what one compiles.
      if (code !== 0) return;
      try {
        const partial = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // A read-only cache folder: the next run compiles again, nothing else changes.
      }
    });
  }
  return mod.exports;
}

/**
 * @param {string} bundle
 * @returns {string}
 */
function codeCachePath(bundle) {
  return bundle.replace(/\.js$/, `.${runtimeFlagsTag()}.v8cache`);
}

/**
 * V8 rejects a code cache made under other flags, and `cdktf synth` runs the app with its own
 * NODE_OPTIONS (`--max-old-space-size`): one cache per set of Node options, so running the app
 * directly and through the CLI in turn does not rewrite the cache every time.
 * @returns {string}
 */
function runtimeFlagsTag() {
  return createHash('sha256')
    .update(`${process.execArgv.join(' ')}\n${process.env.NODE_OPTIONS ?? ''}`)
    .digest('hex')
    .slice(0, 8);
}

/**
 * The sources through tsx: its require hook when one is active (vitest, `tsx`), else tsx's scoped loader.
 * @param {string} root
 * @returns {SynthEntry}
 */
function loadSources(root) {
  const entry = join(root, 'stacks', 'synth-entry.ts');
  if (require.extensions['.ts']) return require(entry);
  /** @type {{ require: (id: string, from: string) => SynthEntry }} */
  const tsx = require('tsx/cjs/api');
  return tsx.require(entry, __filename);
}

/**
 * Path of the bundle for the current sources, built first if it does not exist yet.
 * @param {string} [root]
 * @param {string} [cacheDir]
 * @returns {string}
 */
function precompiledBundlePath(root = ROOT, cacheDir = CACHE_DIR) {
  const files = keyedFiles(root);
  const key = recordedSourceKey(root, cacheDir, files);
  const target = join(cacheDir, `synth-${key}.js`);
  if (existsSync(target)) return target;
  const text = build(root, files);
  mkdirSync(cacheDir, { recursive: true });
  // Bundles of earlier sources are never read again.
  for (const f of readdirSync(cacheDir)) {
    if (/^synth-[0-9a-f]+\.(js|v8cache|[0-9a-f]{8}\.v8cache)$/.test(f) && !f.startsWith(basename(target, '.js')))
      rmSync(join(cacheDir, f), { force: true });
  }
  // Written aside and renamed, so a concurrent synthesis never reads half a file.
  const partial = `${target}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, target);
  return target;
}

/**
 * Bundles stacks/synth-entry.ts; refuses when it would read a file the key does not cover.
 * @param {string} root
 * @param {readonly string[]} files
 * @returns {string}
 */
function build(root, files) {
  /** @type {typeof import('esbuild')} */
  const esbuild = require('esbuild');
  const built = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [join(root, 'stacks', 'synth-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    external: externalPackages(root),
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
    metafile: true,
    // A third less to read and parse at every synthesis; names are kept, so messages and traces
    // still name functions (LAKEHOUSE_TOKEN_TRACES=1 loads the sources for line numbers).
    minifyWhitespace: true,
    logLevel: 'silent',
  });
  // Anything bundled must be in the key, or an edit to it would leave the cached bundle stale.
  const keyed = new Set(files.map((f) => relative(root, f).split(sep).join('/')));
  const versioned = BUNDLED_PACKAGES.map((p) => `node_modules/${p}/`);
  const unkeyed = Object.keys(built.metafile.inputs).filter((input) => !keyed.has(input) && !versioned.some((v) => input.startsWith(v)));
  if (unkeyed.length > 0) {
    throw new Error(
      `the bundle would include files outside ${SOURCE_DIRS.join('/, ')}/ and ${BUNDLED_PACKAGES.join(', ')}: ${unkeyed.join(', ')}`,
    );
  }
  const output = built.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output');
  return withCdktfArchiveHelper(output.text, 'node_modules/cdktf/lib/private/fs.js' in built.metafile.inputs);
}

// cdktf zips an ARCHIVE asset by running its own module file as a program
// (`node ${__filename} src dest`, cdktf/lib/private/fs.js). Bundled, `__filename` is the bundle,
// which does not run as that program: no zip would be written, and nothing would say so.
const CDKTF_ARCHIVE_COMMAND = 'node ${__filename} ${src} ${dest}';

/**
 * Points cdktf's archive command back at cdktf's own file in node_modules, which zips as before.
 * Refuses a bundle with cdktf's file where the command is not there exactly once (another release).
 * @param {string} text
 * @param {boolean} withCdktf whether the bundle holds cdktf/lib/private/fs.js
 * @returns {string}
 */
function withCdktfArchiveHelper(text, withCdktf) {
  const parts = text.split(CDKTF_ARCHIVE_COMMAND);
  const expected = withCdktf ? 1 : 0;
  if (parts.length - 1 !== expected) {
    throw new Error(
      `cdktf's archive command (\`${CDKTF_ARCHIVE_COMMAND}\`) is in the bundle ${parts.length - 1} times, expected ${expected}`,
    );
  }
  return parts.join('node ${require.resolve("cdktf/lib/private/fs.js")} ${src} ${dest}');
}

/**
 * Every package the project declares (package.json dependencies, devDependencies and
 * peerDependencies) except the bundled providers: a package imported under lib/ is loaded from
 * node_modules, so it never makes the bundle include unkeyed files.
 * @param {string} root
 * @returns {string[]}
 */
function externalPackages(root) {
  const manifestPath = join(root, 'package.json');
  /** @type {Record<string, Record<string, string> | undefined>} */
  const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
  const declared = ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((k) => Object.keys(manifest[k] ?? {}));
  return [...new Set(declared)].filter((p) => !BUNDLED_PACKAGES.includes(p)).flatMap((p) => [p, `${p}/*`]);
}

/**
 * The version of the esbuild that would build, from its package.json: loading esbuild itself is
 * only needed to build. The tools (esbuild, tsx) are this checkout's; `root` is only what is built.
 * @returns {string}
 */
function esbuildVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  } catch {
    return 'none';
  }
}

/**
 * Hash of everything the bundle is made from.
 * @param {string} root
 * @param {string} esbuildVersion
 * @param {readonly string[]} [files]
 * @returns {string}
 */
function sourceKey(root, esbuildVersion, files = keyedFiles(root)) {
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

// A file changed this recently may change again within its file system's timestamp granularity
// (up to 2 s) without its stats changing: its content is hashed, and no stats are recorded for it.
const RACY_WINDOW_NS = 2_000_000_000n;

/**
 * `sourceKey`, without reading the files when none changed since the last run: the key is
 * recorded (`sources.json` in the cache folder) with a signature of every keyed file's path, size,
 * inode, modification and change times (nanoseconds). Any write to a file changes its change
 * time, which nothing can set back, so a matching signature means the same content. Stats of
 * files changed within RACY_WINDOW_NS of recording are not recorded: the next run hashes again.
 * @param {string} root
 * @param {string} cacheDir
 * @param {readonly string[]} [files]
 * @param {number} [nowMs] the time of recording (tests pass a later one)
 * @returns {string}
 */
function recordedSourceKey(root, cacheDir, files = keyedFiles(root), nowMs = Date.now()) {
  const version = esbuildVersion();
  const manifests = BUNDLED_PACKAGES.map((p) => join(root, 'node_modules', p, 'package.json'));
  const stats = [...files, ...manifests].map((f) => ({
    file: relative(root, f),
    st: statSync(f, { bigint: true, throwIfNoEntry: false }),
  }));
  const signature = createHash('sha256')
    .update(`esbuild ${version}\nnode ${process.versions.node}\n`)
    .update(stats.map(({ file, st }) => (st ? `${file} ${st.size} ${st.ino} ${st.mtimeNs} ${st.ctimeNs}` : `${file} -`)).join('\n'))
    .digest('hex');
  const record = join(cacheDir, 'sources.json');
  try {
    const recorded = JSON.parse(readFileSync(record, 'utf8'));
    if (recorded.signature === signature && typeof recorded.key === 'string') return recorded.key;
  } catch {
    // No record yet, or an unreadable one: hash the sources.
  }
  const key = sourceKey(root, version, files);
  const now = BigInt(nowMs) * 1_000_000n;
  const settled = stats.every(({ st }) => !st || (st.mtimeNs < now - RACY_WINDOW_NS && st.ctimeNs < now - RACY_WINDOW_NS));
  if (settled) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const partial = `${record}.${process.pid}.tmp`;
      writeFileSync(partial, JSON.stringify({ signature, key }));
      renameSync(partial, record);
    } catch {
      // A read-only cache folder: the next run hashes again.
    }
  }
  return key;
}

/**
 * Every file under the source folders (whatever its extension), tsconfig.json and package.json, sorted.
 * @param {string} root
 * @returns {string[]}
 */
function keyedFiles(root) {
  // package.json decides which packages stay external.
  const manifest = join(root, 'package.json');
  return SOURCE_DIRS.flatMap((d) => filesUnder(join(root, d)))
    .concat(join(root, 'tsconfig.json'), existsSync(manifest) ? [manifest] : [])
    .sort();
}

/**
 * @param {string} dir
 * @returns {string[]}
 */
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path) : [path];
  });
}

module.exports = { loadSynthEntry, precompiledBundlePath, recordedSourceKey, sourceKey, externalPackages, ROOT, CACHE_DIR };
