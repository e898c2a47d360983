import { beforeAll, describe, expect, it } from 'vitest';
import { StorageAuditTrail } from '../../lib/gcp';
import { gcpEnvironment, gcpTestStack, onlyResource, resourcesOf, shippedTemplates, type TfJson } from '../support/synth';
import { apiEdges, named, refTo, synthLakehouse } from './helpers';

describe('audit trail (defaults: 2557 days, no lock)', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthLakehouse(gcpEnvironment(), shippedTemplates()).json;
  });

  it('enables Data Access audit logs for Cloud Storage (DATA_READ and DATA_WRITE)', () => {
    expect(onlyResource(json, 'google_project_iam_audit_config')).toEqual({
      project: 'acme-test-1',
      service: 'storage.googleapis.com',
      audit_log_config: [{ log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }],
      depends_on: apiEdges(json, 'cloudresourcemanager.googleapis.com'),
    });
  });

  it('exports only the lakehouse bucket data-access entries to the audit bucket, with its own writer identity', () => {
    expect(onlyResource(json, 'google_logging_project_sink')).toMatchObject({
      project: 'acme-test-1',
      name: 'acme-test-lakehouse-data-access',
      destination: `storage.googleapis.com/${refTo(json, 'google_storage_bucket', 'audit_bucket', 'name')}`,
      filter:
        'logName="projects/acme-test-1/logs/cloudaudit.googleapis.com%2Fdata_access" AND resource.type="gcs_bucket" ' +
        'AND resource.labels.bucket_name="acme-test-lakehouse"',
      unique_writer_identity: true,
    });
  });

  it('grants the writer identity objectCreator on the audit bucket and nowhere else', () => {
    const writer = refTo(json, 'google_logging_project_sink', 'sink', 'writer_identity');
    const grants = Object.values(resourcesOf(json, 'google_storage_bucket_iam_member')).filter((g) => g.member === writer);
    expect(grants).toEqual([
      {
        bucket: refTo(json, 'google_storage_bucket', 'audit_bucket', 'name'),
        role: 'roles/storage.objectCreator',
        member: writer,
        depends_on: apiEdges(json, 'storage.googleapis.com'),
      },
    ]);
    const projectMembers = Object.values(resourcesOf(json, 'google_project_iam_member')).map((m) => m.member);
    expect(projectMembers).not.toContain(writer);
  });

  it('keeps the audit bucket private with an unlocked retention policy of retention_days and COLDLINE after a year', () => {
    expect(named(json, 'google_storage_bucket', 'audit_bucket')).toMatchObject({
      name: 'acme-test-audit-trail',
      location: 'europe-west1',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      retention_policy: { retention_period: 2557 * 86400, is_locked: false },
      lifecycle_rule: [
        { action: { type: 'SetStorageClass', storage_class: 'COLDLINE' }, condition: { age: 365, matches_storage_class: ['STANDARD'] } },
      ],
      lifecycle: { prevent_destroy: true },
    });
  });
});

describe('audit object lock modes', () => {
  it.each([
    ['none', false],
    ['governance', false],
    ['compliance', true],
  ] as const)('object_lock: %s locks the retention policy: %s', (mode, locked) => {
    const env = gcpEnvironment(`audit:\n  retention_days: 400\n  object_lock: ${mode}\n`);
    const { json } = synthLakehouse(env, shippedTemplates());
    expect(named(json, 'google_storage_bucket', 'audit_bucket').retention_policy).toEqual({
      retention_period: 400 * 86400,
      is_locked: locked,
    });
  });

  it('creates no audit resources when audit is disabled', () => {
    const { json } = synthLakehouse(gcpEnvironment('audit:\n  enabled: false\n'), shippedTemplates());
    expect(json.resource?.google_project_iam_audit_config).toBeUndefined();
    expect(json.resource?.google_logging_project_sink).toBeUndefined();
    expect(Object.values(resourcesOf(json, 'google_storage_bucket')).map((b) => b.name)).toEqual(['acme-test-lakehouse']);
  });

  it('rejects a retention period beyond Cloud Storage maximum (100 years) and a bad sink name', () => {
    const stack = gcpTestStack();
    expect(
      () =>
        new StorageAuditTrail(stack, 'audit', {
          projectId: 'p-1',
          auditedBucketName: 'lake',
          bucketName: 'lake-audit',
          location: 'EU',
          retentionDays: 36526,
          sinkName: 'bad sink',
        }),
    ).toThrow(
      /retentionDays: 36526 \(audit\.retention_days\); Cloud Storage retention policies allow 1 to 36525 days[\s\S]*sinkName 'bad sink'/,
    );
  });
});
