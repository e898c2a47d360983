import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as root from '../../lib';
import * as gcpFolder from '../../lib/gcp';
import * as storageFolder from '../../lib/aws/storage';
import { ROOT } from '../support/synth';

/** Names in backticks in the "Exported names" section of docs/library.md (`gcp.X` kept dotted). */
function documentedNames(): string[] {
  const doc = readFileSync(resolve(ROOT, 'docs', 'library.md'), 'utf8');
  const section = /^## Exported names\n([\s\S]*?)(?=^## |$(?![\s\S]))/m.exec(doc)?.[1];
  if (!section) throw new Error('docs/library.md has no "## Exported names" section');
  const list = section
    .split('\n')
    .filter((line) => /^\s*(- |  )/.test(line))
    .join('\n');
  return [...list.matchAll(/`([A-Za-z_][A-Za-z0-9_.]*)`/g)].map((m) => m[1]!);
}

function lookup(name: string): unknown {
  return name.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], root);
}

describe('package root', () => {
  const names = documentedNames();

  it('documents a substantial list of names', () => {
    expect(names.length).toBeGreaterThan(60);
    expect(names).toContain('AwsLakehouse');
    expect(names).toContain('applyPolicyPack');
  });

  it('exports every documented name as a value', () => {
    const missing = names.filter((name) => lookup(name) === undefined);
    expect(missing).toEqual([]);
  });

  it('exports no value that is not documented (internal helpers stay internal)', () => {
    const documented = new Set(names.filter((n) => !n.includes('.')));
    expect(Object.keys(root).filter((k) => k !== 'gcp' && !documented.has(k))).toEqual([]);
    const gcpDocumented = new Set(['LakehouseBucket', ...names.filter((n) => documented.has(n))]);
    expect(Object.keys(root.gcp).filter((k) => !gcpDocumented.has(k))).toEqual([]);
  });

  it('exports classes, functions and constants with the expected kinds', () => {
    for (const name of ['AwsLakehouse', 'GcpLakehouse', 'GlueLakehouse', 'NessieLakehouse', 'LakehouseValidationError']) {
      expect(typeof lookup(name), name).toBe('function');
    }
    for (const name of ['defineEnvironment', 'defineTableTemplates', 'loadTableTemplates', 'loadEnvironments', 'engineSettings']) {
      expect(typeof lookup(name), name).toBe('function');
    }
    expect(typeof root.TABLE_TEMPLATE_SCHEMA).toBe('object');
    expect(root.CLIENT_OUTPUTS.engineSettings).toBe('lakehouse_engine_settings');
  });

  it('resolves the LakehouseBucket collision: AWS flat, GCP aliased and namespaced', () => {
    expect(root.LakehouseBucket).toBe(storageFolder.LakehouseBucket);
    expect(root.GcpLakehouseBucket).toBe(gcpFolder.LakehouseBucket);
    expect(root.gcp.LakehouseBucket).toBe(gcpFolder.LakehouseBucket);
    expect(root.GcpLakehouseBucket).not.toBe(root.LakehouseBucket);
  });

  it('loads no provider package root (deep imports only)', () => {
    const loaded = Object.keys(require.cache);
    expect(loaded.filter((p) => /@cdktf[\\/]provider-(aws|google|time)[\\/]lib[\\/]index\.js$/.test(p))).toEqual([]);
  });
});

describe('entry points', () => {
  // Module loading is process-wide, so each entry is loaded in a fresh process.
  function loadedBy(entry: string): { exports: string[]; packages: string[] } {
    const script = `
      const entry = require(${JSON.stringify(resolve(ROOT, 'lib', 'entries', entry))});
      const packages = [...new Set(Object.keys(require.cache).map((p) => (/node_modules[\\\\/](@cdktf[\\\\/]provider-[a-z]+|cdktf)[\\\\/]/.exec(p) || [])[1]).filter(Boolean))].map((p) => p.replace(/^@cdktf[\\\\/]/, ''));
      process.stdout.write(JSON.stringify({ exports: Object.keys(entry), packages }));
    `;
    const out = execFileSync(resolve(ROOT, 'node_modules', '.bin', 'tsx'), ['-e', script], { cwd: ROOT, encoding: 'utf8' });
    return JSON.parse(out) as { exports: string[]; packages: string[] };
  }

  it('iceberg-lakehouse-cdktf/aws loads only the AWS provider and has the shared API', () => {
    const { exports, packages } = loadedBy('aws');
    expect(packages.sort()).toEqual(['cdktf', 'provider-aws']);
    expect(exports).toEqual(expect.arrayContaining(['AwsLakehouse', 'GlueLakehouse', 'NessieLakehouse', 'LakehouseBucket']));
    expect(exports).toEqual(expect.arrayContaining(['defineEnvironment', 'loadProject', 'applyPolicyPack', 'engineSettings']));
    expect(exports).not.toContain('GcpLakehouse');
    expect(exports.filter((k) => !(k in root))).toEqual([]);
  });

  it('iceberg-lakehouse-cdktf/gcp loads only the Google provider (and hashicorp/time for its delays) and has the shared API', () => {
    const { exports, packages } = loadedBy('gcp');
    expect(packages.sort()).toEqual(['cdktf', 'provider-google', 'provider-time']);
    expect(exports).toEqual(expect.arrayContaining(['GcpLakehouse', 'LakehouseBucket', 'defineEnvironment', 'applyPolicyPack']));
    expect(exports).not.toContain('AwsLakehouse');
    // The GCS bucket is LakehouseBucket here; at the root that name is the S3 one.
    expect(exports.filter((k) => !(k in root) && k !== 'LakehouseBucket')).toEqual([]);
  });

  it('iceberg-lakehouse-cdktf/model loads neither cdktf nor a provider and exports only documented values', () => {
    const { exports, packages } = loadedBy('model');
    expect(packages).toEqual([]);
    expect(exports).toEqual(expect.arrayContaining(['loadTableTemplates', 'parseIcebergType', 'LakehouseValidationError']));
    expect(exports.filter((k) => !(k in root))).toEqual([]);
    expect(exports).not.toContain('walkType');
  });

  it('are mapped in package.json to the compiled entry files', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, { types: string; default: string }>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    for (const entry of ['aws', 'gcp', 'model']) {
      expect(pkg.exports[`./${entry}`]).toEqual({ types: `./dist/entries/${entry}.d.ts`, default: `./dist/entries/${entry}.js` });
    }
    expect(pkg.peerDependenciesMeta['@cdktf/provider-aws']?.optional).toBe(true);
    expect(pkg.peerDependenciesMeta['@cdktf/provider-google']?.optional).toBe(true);
    expect(pkg.peerDependenciesMeta['@cdktf/provider-time']?.optional).toBe(true);
  });
});
