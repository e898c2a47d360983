/**
 * Deployment packages of the functions that run in the cloud (functions/<name>/index.ts): each
 * handler bundled by esbuild into one CommonJS file for nodejs22.x and zipped deterministically,
 * optionally with data files computed at synthesis (the drift check's expected tables).
 *
 * In a checkout of this repository a bundle is built from the TypeScript sources at synthesis
 * (esbuild is a dev dependency; no network). An installed package has no sources and no esbuild:
 * it ships the same bundles prebuilt by `npm run build` (scripts/build-functions.ts) under dist/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compare } from '../../model/compare';
import { deterministicZip, type ZipEntry } from './deterministic-zip';

export const PACKAGE_NAME = 'iceberg-lakehouse-cdktf';

/** A function of this package: its folder under functions/, also the prefix of its zip's name. */
export interface FunctionSource {
  readonly name: string;
}

export const TABLE_PROVISIONER: FunctionSource = { name: 'table-provisioner' };
export const DRIFT_CHECK: FunctionSource = { name: 'drift-check' };
/** Every function `npm run build` prebuilds. */
export const FUNCTIONS: readonly FunctionSource[] = [TABLE_PROVISIONER, DRIFT_CHECK];

/** Paths relative to the package root. */
export const functionSourcePath = (fn: FunctionSource): string => `functions/${fn.name}/index.ts`;
export const functionPrebuiltPath = (fn: FunctionSource): string => `dist/functions/${fn.name}/index.js`;
/** Every zip holds `index.js`, exporting `handler`. */
export const FUNCTION_HANDLER = 'index.handler';

export const TABLE_PROVISIONER_SOURCE = functionSourcePath(TABLE_PROVISIONER);
export const TABLE_PROVISIONER_PREBUILT = functionPrebuiltPath(TABLE_PROVISIONER);
export const TABLE_PROVISIONER_HANDLER = FUNCTION_HANDLER;

export interface FunctionPackage {
  /** The zip on disk, for a TerraformAsset. */
  readonly zipPath: string;
  /** Base64 SHA-256 of the zip: `source_code_hash` (what `filebase64sha256` gives). */
  readonly sha256Base64: string;
  /** Where the code came from. */
  readonly builtFrom: 'sources' | 'prebuilt';
}

/** The directory of this package's package.json, found upward from `from` (works from lib/, dist/ and the synth cache). */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${from}`);
  }
}

/**
 * A handler as one CommonJS file: target node22, no source map, legal comments dropped, paths in
 * comments relative to the package root (never the machine's absolute paths).
 */
export function bundleFunction(root: string, fn: FunctionSource): string {
  return buildFunction(root, fn).code;
}

/** The bundle and the files esbuild read for it (paths relative to `root`, code-point order). */
function buildFunction(root: string, fn: FunctionSource): { code: string; inputs: string[] } {
  // Loaded only here: an installed package takes the prebuilt bundle and never needs esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [functionSourcePath(fn)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).sort(compare);
  return { code: result.outputFiles[0]!.text, inputs };
}

export function bundleTableProvisioner(root: string): string {
  return bundleFunction(root, TABLE_PROVISIONER);
}

function handlerCode(root: string, fn: FunctionSource, cacheDir: string): { code: string; builtFrom: FunctionPackage['builtFrom'] } {
  const source = functionSourcePath(fn);
  const prebuilt = functionPrebuiltPath(fn);
  if (existsSync(join(root, source))) {
    try {
      return { code: cachedSourceBuild(root, fn, cacheDir), builtFrom: 'sources' };
    } catch (e) {
      if (!existsSync(join(root, prebuilt))) throw new Error(`cannot bundle ${source} with esbuild: ${(e as Error).message}`);
    }
  }
  if (!existsSync(join(root, prebuilt))) {
    throw new Error(`the ${fn.name} function is missing: neither ${source} nor ${prebuilt} exists under ${root} (run npm run build)`);
  }
  return { code: readFileSync(join(root, prebuilt), 'utf8'), builtFrom: 'prebuilt' };
}

/** Files older than this (by last use) are removed when a function's new file is written. */
export const UNUSED_FILE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A handler built from the sources, remembered in `cacheDir` under the content key of the files
 * its last build read (`<name>-inputs.json`): an unchanged checkout loads neither esbuild nor the
 * sources again. A change to what the handler imports changes one of those files, so the key.
 */
function cachedSourceBuild(root: string, fn: FunctionSource, cacheDir: string): string {
  const inputsFile = join(cacheDir, `${fn.name}-inputs.json`);
  const lastInputs = readInputs(inputsFile);
  if (lastInputs !== undefined) {
    const file = handlerFile(cacheDir, fn, functionBuildKey(root, lastInputs));
    if (existsSync(file)) {
      markUsed(file);
      return readFileSync(file, 'utf8');
    }
  }
  const { code, inputs } = buildFunction(root, fn);
  const file = handlerFile(cacheDir, fn, functionBuildKey(root, inputs));
  writeOnce(file, Buffer.from(code, 'utf8'));
  writeReplacing(inputsFile, `${JSON.stringify(inputs)}\n`);
  pruneUnused(cacheDir, fn, file);
  return code;
}

const handlerFile = (cacheDir: string, fn: FunctionSource, key: string): string =>
  join(cacheDir, `${fn.name}-handler-${key.slice(0, 24)}.js`);

function readInputs(path: string): string[] | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * SHA-256 over the content of a build's input files (a missing one counts as missing), the
 * tsconfig.json the build used and the esbuild version.
 */
export function functionBuildKey(root: string, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...inputs, 'tsconfig.json', 'node_modules/esbuild/package.json']) {
    const path = join(root, file);
    hash
      .update(`${file}\u0000`)
      .update(existsSync(path) ? readFileSync(path) : '\u0001missing')
      .update('\u0000');
  }
  return hash.digest('hex');
}

/** Replaces a file atomically (readers see the old or the new content, never half). */
function writeReplacing(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

function writeOnce(path: string, data: Buffer): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, data);
  renameSync(partial, path);
}

/** Reused files stay: their modification time is their last use. */
function markUsed(path: string): void {
  const now = new Date();
  try {
    utimesSync(path, now, now);
  } catch {
    // Read-only cache: the file is still valid, it may only be pruned earlier.
  }
}

/**
 * Each synthesis after a change writes new files (zips are named by content), so without pruning
 * the folder grows forever. Removes this function's files unused for UNUSED_FILE_DAYS; a file that
 * old cannot belong to a synthesis still running.
 */
function pruneUnused(dir: string, fn: FunctionSource, keep: string): void {
  const cutoff = Date.now() - UNUSED_FILE_DAYS * DAY_MS;
  const ownFile = new RegExp(`^${fn.name}-(handler-)?[0-9a-f]{24}\\.(js|zip)$`);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!ownFile.test(name) || path === keep) continue;
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // Removed by a concurrent synthesis.
    }
  }
}

/**
 * The default cache folder: one per user, mode 0700. What it holds is zipped into Lambda functions,
 * so a folder another user could write to would let them plant code; such a folder is refused.
 */
export function privateCacheDir(base: string = tmpdir()): string {
  const uid = process.getuid?.();
  const dir = join(base, uid === undefined ? PACKAGE_NAME : `${PACKAGE_NAME}-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = statSync(dir);
  if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) {
    throw new Error(
      `the function package cache ${dir} is not private to this user (owner ${stat.uid}, mode ${(stat.mode & 0o777).toString(8)}): remove it, or set TMPDIR to a folder of your own`,
    );
  }
  return dir;
}

const bundles = new Map<string, ReturnType<typeof handlerCode>>();
const packages = new Map<string, FunctionPackage>();

export interface FunctionPackageOptions {
  /** @default the package root above this file */
  readonly root?: string;
  /** @default `<os tmpdir>/iceberg-lakehouse-cdktf-<uid>`, private to the user (see privateCacheDir) */
  readonly outDir?: string;
  /** Files zipped next to `index.js` (names other than `index.js`). @default none */
  readonly extraFiles?: readonly ZipEntry[];
}

/**
 * A function's zip: the handler bundled once per process, plus its extra files, written under a
 * name derived from its content (`<outDir>/<name>-<sha>.zip`), so concurrent syntheses share it
 * and never read half a file.
 */
export function functionPackage(fn: FunctionSource, options: FunctionPackageOptions = {}): FunctionPackage {
  const root = options.root ?? packageRoot();
  const outDir = options.outDir ?? privateCacheDir();
  const extra = options.extraFiles ?? [];
  if (extra.some((f) => f.name === 'index.js')) throw new Error(`${fn.name}: an extra file cannot be named index.js`);
  const bundleKey = `${root}\u0000${fn.name}`;
  const handler = bundles.get(bundleKey) ?? handlerCode(root, fn, outDir);
  bundles.set(bundleKey, handler);
  const zip = deterministicZip([{ name: 'index.js', data: Buffer.from(handler.code, 'utf8') }, ...extra]);
  const digest = createHash('sha256').update(zip);
  const hex = digest.copy().digest('hex');
  const key = `${outDir}\u0000${hex}`;
  const cached = packages.get(key);
  if (cached) return cached;
  const zipPath = join(outDir, `${fn.name}-${hex.slice(0, 24)}.zip`);
  if (existsSync(zipPath)) markUsed(zipPath);
  else {
    writeOnce(zipPath, zip);
    pruneUnused(outDir, fn, zipPath);
  }
  const result: FunctionPackage = { zipPath, sha256Base64: digest.digest('base64'), builtFrom: handler.builtFrom };
  packages.set(key, result);
  return result;
}

/** The table-provisioning function's zip (one file, `index.js`). */
export function tableProvisionerPackage(options: { root?: string; outDir?: string } = {}): FunctionPackage {
  return functionPackage(TABLE_PROVISIONER, options);
}
