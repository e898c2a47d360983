import { describe, expect, it } from 'vitest';
import { bigLakeEngineSettings } from '../../lib/clients/biglake-engine-settings';
import { GCP_ENGINE_ACCESS, GCP_TIER_ROLES } from '../../lib/gcp/lakehouse-access-grant';
import { planLakehouse } from '../../lib/plan';
import { ACCESS_TIERS } from '../../lib/plan/tiers';
import { gcpEnvironment, shippedTemplates } from '../support/synth';

const settings = bigLakeEngineSettings({ plan: planLakehouse(gcpEnvironment(), shippedTemplates()) });
const exported: [engine: 'pyiceberg' | 'spark' | 'trino', key: string][] = [
  ...Object.keys(settings.pyiceberg).map((k) => ['pyiceberg', k] as ['pyiceberg', string]),
  ...Object.keys(settings.spark).map((k) => ['spark', k] as ['spark', string]),
  ...Object.keys(settings.trino).map((k) => ['trino', k] as ['trino', string]),
];

describe('every exported BigLake engine setting has the permissions it needs', () => {
  it('each exported key belongs to exactly one documented use', () => {
    expect(exported.length).toBeGreaterThan(10);
    for (const [engine, key] of exported) {
      const uses = GCP_ENGINE_ACCESS.filter((a) => a.engine === engine && a.keys.test(key));
      expect(
        uses.map((u) => u.use),
        `${engine} ${key}`,
      ).toHaveLength(1);
    }
  });

  it.each(GCP_ENGINE_ACCESS.map((a) => [`${a.engine}: ${a.use}`, a] as const))('%s', (_name, access) => {
    for (const tier of ACCESS_TIERS) {
      const roles = GCP_TIER_ROLES[tier];
      if (access.tiers.includes(tier)) {
        expect(roles.project, `${tier} project roles`).toEqual(expect.arrayContaining([...access.project]));
        expect(roles.bucket, `${tier} bucket roles`).toEqual(expect.arrayContaining([...access.bucket]));
      } else {
        // Not for this tier: it lacks the object read that would let it read files raw.
        for (const role of access.bucket) expect(roles.bucket, `${tier} must not hold ${role}`).not.toContain(role);
      }
    }
  });

  it('the Spark BigQuery connector reads through the Storage Read API for every tier (bigquery.readsessions.create)', () => {
    expect(Object.keys(settings.spark)).toContain('spark.datasource.bigquery.writeMethod');
    for (const tier of ACCESS_TIERS) expect(GCP_TIER_ROLES[tier].project).toContain('roles/bigquery.readSessionUser');
  });

  it('no tier may create or delete objects: only BigQuery writes managed tables’ files', () => {
    for (const tier of ACCESS_TIERS) expect(GCP_TIER_ROLES[tier].bucket.every((r) => r === 'roles/storage.objectViewer')).toBe(true);
    expect(GCP_TIER_ROLES.reader.bucket).toEqual([]);
  });
});
