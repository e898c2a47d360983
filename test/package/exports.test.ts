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
    expect(loaded.filter((p) => /@cdktf[\\/]provider-(aws|google)[\\/]lib[\\/]index\.js$/.test(p))).toEqual([]);
  });
});
