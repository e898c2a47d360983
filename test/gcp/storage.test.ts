import { beforeAll, describe, expect, it } from 'vitest';
import { LakehouseBucket, LakehouseEncryptionKey } from '../../lib/gcp';
import { dataOf, gcpEnvironment, gcpTestStack, onlyResource, shippedTemplates, synthStack, type TfJson } from '../support/synth';
import { addressOf, apiEdges, named, refTo, synthLakehouse, templateFromYaml } from './helpers';

const externalOnly = templateFromYaml(
  'name: orders\nnamespace: sales\ncolumns:\n  - { name: id, type: long }\ngcp:\n  metadata_uri: gs://acme-test-lakehouse/ext/orders/metadata/v3.metadata.json\n',
);

describe('lakehouse bucket without CMEK', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthLakehouse(gcpEnvironment(), shippedTemplates()).json;
  });

  it('has UBLA, enforced public access prevention, soft delete, no versioning, labels and prevent_destroy', () => {
    const bucket = named(json, 'google_storage_bucket', 'lakehouse_bucket_');
    expect(bucket).toMatchObject({
      name: 'acme-test-lakehouse',
      location: 'europe-west1',
      project: 'acme-test-1',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      soft_delete_policy: { retention_duration_seconds: 604800 },
      versioning: { enabled: false },
      labels: { component: 'lakehouse-data' },
      lifecycle: { prevent_destroy: true },
    });
    expect(bucket.encryption).toBeUndefined();
    expect(bucket.depends_on).toEqual(apiEdges(json, 'storage.googleapis.com'));
    expect(bucket.retention_policy).toBeUndefined();
  });

  it('lets Autoclass (terminal class NEARLINE) move live files by their reads, and aborts multipart uploads after 7 days', () => {
    const bucket = named(json, 'google_storage_bucket', 'lakehouse_bucket_');
    expect(bucket.autoclass).toEqual({ enabled: true, terminal_storage_class: 'NEARLINE' });
    expect(bucket.storage_class).toBe('STANDARD');
    // Autoclass refuses SetStorageClass lifecycle actions: none is written.
    expect(bucket.lifecycle_rule).toEqual([{ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } }]);
  });

  it('creates no key, key ring or key grant', () => {
    expect(json.resource?.google_kms_crypto_key).toBeUndefined();
    expect(json.resource?.google_kms_key_ring).toBeUndefined();
    expect(json.resource?.google_kms_crypto_key_iam_member).toBeUndefined();
  });
});

describe('storage.tiering', () => {
  const bucketFor = (yaml: string): Record<string, any> =>
    named(synthLakehouse(gcpEnvironment(yaml), shippedTemplates()).json, 'google_storage_bucket', 'lakehouse_bucket_');

  it('infrequent keeps the old age-based move to NEARLINE after infrequent_access_days, without Autoclass', () => {
    const bucket = bucketFor('storage:\n  tiering: infrequent_access\n  infrequent_access_days: 120\n');
    expect(bucket.autoclass).toBeUndefined();
    expect(bucket.lifecycle_rule).toEqual([
      { action: { type: 'SetStorageClass', storage_class: 'NEARLINE' }, condition: { age: 120, matches_storage_class: ['STANDARD'] } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } },
    ]);
  });

  it('none keeps every file in STANDARD', () => {
    const bucket = bucketFor('storage:\n  tiering: none\n');
    expect(bucket.autoclass).toBeUndefined();
    expect(bucket.lifecycle_rule).toEqual([{ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7 } }]);
  });

  it('refuses an unknown mode given in code', () => {
    expect(
      () =>
        new LakehouseBucket(gcpTestStack(), 'b', {
          bucketName: 'ok-bucket',
          location: 'EU',
          tiering: 'glacier' as never,
        }),
    ).toThrow(/tiering: 'glacier' \(storage\.tiering\); use automatic, infrequent_access or none/);
  });
});

describe('lakehouse bucket with CMEK', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthLakehouse(gcpEnvironment('encryption:\n  customer_managed_key: true\n'), shippedTemplates()).json;
  });

  it('puts the key ring in the bucket location and rotates the key every 90 days', () => {
    expect(onlyResource(json, 'google_kms_key_ring')).toMatchObject({
      name: 'acme-test-lakehouse',
      location: 'europe-west1',
      project: 'acme-test-1',
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyResource(json, 'google_kms_crypto_key')).toMatchObject({
      name: 'lakehouse-storage',
      key_ring: refTo(json, 'google_kms_key_ring', 'encryption-key', 'id'),
      purpose: 'ENCRYPT_DECRYPT',
      rotation_period: '7776000s',
      lifecycle: { prevent_destroy: true },
    });
  });

  it('grants encrypter/decrypter on the key (not the project) to the Cloud Storage service agent', () => {
    const agents = dataOf(json, 'google_storage_project_service_account');
    const [agentName] = Object.keys(agents);
    expect(Object.values(agents)).toEqual([{ project: 'acme-test-1', depends_on: apiEdges(json, 'storage.googleapis.com') }]);
    expect(onlyResource(json, 'google_kms_crypto_key_iam_member')).toEqual({
      crypto_key_id: refTo(json, 'google_kms_crypto_key', 'encryption-key', 'id'),
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `\${data.google_storage_project_service_account.${agentName}.member}`,
      depends_on: apiEdges(json, 'cloudkms.googleapis.com'),
    });
    const projectRoles = Object.values(json.resource?.google_project_iam_member ?? {}).map((m) => (m as { role: string }).role);
    expect(projectRoles.filter((r) => r.includes('cloudkms'))).toEqual([]);
  });

  it('encrypts both buckets with the key and makes them wait for the grant to propagate', () => {
    const propagated = addressOf(json, 'time_sleep', 'storage-agent-grant-propagation');
    for (const fragment of ['lakehouse_bucket_', 'lakehouse_audit_bucket_']) {
      const bucket = named(json, 'google_storage_bucket', fragment);
      expect(bucket.encryption).toEqual({ default_kms_key_name: refTo(json, 'google_kms_crypto_key', 'encryption-key', 'id') });
      expect(bucket.depends_on).toEqual([propagated, ...apiEdges(json, 'storage.googleapis.com')]);
    }
  });
});

describe('encryption key location', () => {
  it.each([
    ['EU', 'europe'],
    ['US', 'us'],
    ['asia', 'asia'],
    ['europe-west4', 'europe-west4'],
    ['EUR4', 'eur4'],
  ])('keys for a %s bucket live in KMS location %s', (storageLocation, kmsLocation) => {
    const stack = gcpTestStack();
    new LakehouseEncryptionKey(stack, 'key', { projectId: 'p-1', storageLocation, keyRingName: 'ring' });
    expect(onlyResource(synthStack(stack), 'google_kms_key_ring').location).toBe(kmsLocation);
  });

  it('rejects a rotation period shorter than a day and bad names, all at once', () => {
    const stack = gcpTestStack();
    expect(
      () =>
        new LakehouseEncryptionKey(stack, 'key', { projectId: 'p', storageLocation: 'EU', keyRingName: 'a b', rotationPeriod: '3600s' }),
    ).toThrow(/keyRingName 'a b'[\s\S]*rotationPeriod '3600s'/);
  });
});

describe('versioning and BigQuery-managed tables', () => {
  const versioned = gcpEnvironment('storage:\n  versioning: true\n');

  it('refuses versioning while any table is BigQuery-managed, naming storage.versioning', () => {
    expect(() => synthLakehouse(versioned, shippedTemplates())).toThrow(
      /test\.yaml: storage\.versioning: BigQuery-managed Iceberg tables \(.*\) forbid object versioning on their bucket/,
    );
  });

  it('allows versioning when every table is external, deleting noncurrent versions after 30 days', () => {
    const { json } = synthLakehouse(versioned, [externalOnly]);
    const bucket = named(json, 'google_storage_bucket', 'lakehouse_bucket_');
    expect(bucket.versioning).toEqual({ enabled: true });
    expect(bucket.lifecycle_rule).toContainEqual({
      action: { type: 'Delete' },
      condition: { days_since_noncurrent_time: 30, with_state: 'ARCHIVED' },
    });
  });

  it('validates the bucket name and lifecycle days in one error', () => {
    const stack = gcpTestStack();
    expect(() => new LakehouseBucket(stack, 'b', { bucketName: 'Bad_Name', location: 'EU' })).toThrow(
      /Invalid LakehouseBucket props at test\/b:\n {2}- bucketName 'Bad_Name' may contain only lowercase/,
    );
    expect(
      () => new LakehouseBucket(stack, 'c', { bucketName: 'ok-bucket', location: 'EU', infrequentAccessDays: 0, softDeleteDays: 3 }),
    ).toThrow(/infrequentAccessDays: 0[\s\S]*softDeleteDays: 3/);
  });
});
