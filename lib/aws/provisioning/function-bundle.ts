/**
 * The table-provisioning function's deployment package: its handler (functions/table-provisioner)
 * bundled by esbuild into one CommonJS file for nodejs22.x, zipped deterministically.
 *
 * In a checkout of this repository the bundle is built from the TypeScript sources at synthesis
 * (esbuild is a dev dependency; no network). An installed package has no sources and no esbuild:
 * it ships the same bundle prebuilt by `npm run build` (scripts/build-functions.ts) under dist/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { deterministicZip } from './deterministic-zip';

export const PACKAGE_NAME = 'iceberg-lakehouse-cdktf';

/** Paths relative to the package root. */
export const TABLE_PROVISIONER_SOURCE = 'functions/table-provisioner/index.ts';
export const TABLE_PROVISIONER_PREBUILT = 'dist/functions/table-provisioner/index.js';
/** The zip holds one file, `index.js`, exporting `handler`. */
export const TABLE_PROVISIONER_HANDLER = 'index.handler';

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
 * The handler as one CommonJS file: target node22, no source map, legal comments dropped, paths in
 * comments relative to the package root (never the machine's absolute paths).
 */
export function bundleTableProvisioner(root: string): string {
  // Loaded only here: an installed package takes the prebuilt bundle and never needs esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [TABLE_PROVISIONER_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    tsconfig: join(root, 'tsconfig.json'),
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function handlerCode(root: string): { code: string; builtFrom: FunctionPackage['builtFrom'] } {
  const prebuilt = join(root, TABLE_PROVISIONER_PREBUILT);
  if (existsSync(join(root, TABLE_PROVISIONER_SOURCE))) {
    try {
      return { code: bundleTableProvisioner(root), builtFrom: 'sources' };
    } catch (e) {
      if (!existsSync(prebuilt)) throw new Error(`cannot bundle ${TABLE_PROVISIONER_SOURCE} with esbuild: ${(e as Error).message}`);
    }
  }
  if (!existsSync(prebuilt)) {
    throw new Error(
      `the table-provisioning function is missing: neither ${TABLE_PROVISIONER_SOURCE} nor ${TABLE_PROVISIONER_PREBUILT} exists under ${root} (run npm run build)`,
    );
  }
  return { code: readFileSync(prebuilt, 'utf8'), builtFrom: 'prebuilt' };
}

const built = new Map<string, FunctionPackage>();

/**
 * The function's zip, built once per process and written under a name derived from its content
 * (`<os tmpdir>/iceberg-lakehouse-cdktf/table-provisioner-<sha>.zip`), so concurrent syntheses
 * share it and never read half a file.
 */
export function tableProvisionerPackage(options: { root?: string; outDir?: string } = {}): FunctionPackage {
  const root = options.root ?? packageRoot();
  const outDir = options.outDir ?? join(tmpdir(), PACKAGE_NAME);
  const key = `${root}\u0000${outDir}`;
  const cached = built.get(key);
  if (cached) return cached;
  const { code, builtFrom } = handlerCode(root);
  const zip = deterministicZip([{ name: 'index.js', data: Buffer.from(code, 'utf8') }]);
  const digest = createHash('sha256').update(zip);
  const hex = digest.copy().digest('hex');
  const zipPath = join(outDir, `table-provisioner-${hex.slice(0, 24)}.zip`);
  if (!existsSync(zipPath)) {
    mkdirSync(outDir, { recursive: true });
    const partial = `${zipPath}.${process.pid}.tmp`;
    writeFileSync(partial, zip);
    renameSync(partial, zipPath);
  }
  const result: FunctionPackage = { zipPath, sha256Base64: digest.digest('base64'), builtFrom };
  built.set(key, result);
  return result;
}
