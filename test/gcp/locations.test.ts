import { describe, expect, it } from 'vitest';
import { gcpResourceLocations } from '../../lib/gcp/locations';
import { environmentFromYaml, shippedTemplates, type TfJson } from '../support/synth';
import { synthLakehouse } from './helpers';

/** Where each resource type keeps its location, and which entry of gcpResourceLocations it must equal. */
const LOCATION_ATTRIBUTES = {
  google_storage_bucket: ['location', 'buckets'],
  google_bigquery_dataset: ['location', 'datasets'],
  google_bigquery_connection: ['location', 'connection'],
  google_kms_key_ring: ['location', 'kmsKeyRing'],
  google_data_catalog_taxonomy: ['region', 'taxonomy'],
  google_bigquery_datapolicy_data_policy: ['location', 'dataPolicies'],
  google_bigquery_datapolicy_data_policy_iam_member: ['location', 'dataPolicies'],
} as const;

function environment(region: string, location: string) {
  return environmentFromYaml(
    `name: test\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: ${region}\nencryption:\n  customer_managed_key: true\n` +
      `gcp:\n  project_id: acme-test-1\n  location: ${location}\n  accept_unenforced_append_only: true\n`,
  );
}

/** Every resource attribute named location or region, by resource. */
function locatedResources(json: TfJson): Array<{ type: string; attribute: string; value: unknown }> {
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.values(byName).flatMap((config) =>
      (['location', 'region'] as const).filter((a) => a in config).map((attribute) => ({ type, attribute, value: config[attribute] })),
    ),
  );
}

describe('every resource is in gcp.location, in its service spelling', () => {
  it.each([
    ['europe-west1', 'europe-west1'],
    ['europe-west1', 'EU'],
    ['us-central1', 'US'],
  ])('region %s, gcp.location %s', (region, location) => {
    const { json } = synthLakehouse(environment(region, location), shippedTemplates());
    const expected = gcpResourceLocations(location);
    const found = locatedResources(json);
    // A resource type with a location the table does not know must be added to it (and to gcpResourceLocations).
    expect([...new Set(found.map((f) => f.type))].sort()).toEqual(Object.keys(LOCATION_ATTRIBUTES).sort());
    for (const { type, attribute, value } of found) {
      const [wantedAttribute, key] = LOCATION_ATTRIBUTES[type as keyof typeof LOCATION_ATTRIBUTES];
      expect(attribute, type).toBe(wantedAttribute);
      // A reference to the located resource it belongs to (a data policy's IAM member) is as good.
      const reference = /^\$\{google_bigquery_datapolicy_data_policy\.[^.]+\.location\}$/;
      if (typeof value === 'string' && reference.test(value)) continue;
      expect(value, `${type}.${attribute}`).toBe(expected[key]);
    }
  });

  it('maps multi-regions to each service spelling', () => {
    expect(gcpResourceLocations('EU')).toEqual({
      buckets: 'EU',
      datasets: 'EU',
      connection: 'EU',
      kmsKeyRing: 'europe',
      taxonomy: 'eu',
      dataPolicies: 'eu',
    });
    expect(gcpResourceLocations('europe-west4').kmsKeyRing).toBe('europe-west4');
  });
});
