import { beforeAll, describe, expect, it } from 'vitest';
import { auditLifecycle, dataAccessFilter, StorageAuditTrail } from '../../lib/gcp';
import { gcpEnvironment, gcpTestStack, onlyResource, resourcesOf, shippedTemplates, type TfJson } from '../support/synth';
import { gcpLakehouseProblems } from '../../lib/gcp/rules/gcp-checks';
import { planLakehouse } from '../../lib/plan';
import { apiEdges, listOf, named, refTo, synthLakehouse, templateFromYaml } from './helpers';

describe('audit trail (defaults: 2557 days, no lock)', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthLakehouse(gcpEnvironment(), shippedTemplates()).json;
  });

  it('enables Data Access audit logs for Cloud Storage, BigQuery and the Storage Read API (DATA_READ and DATA_WRITE)', () => {
    expect(listOf(json, 'google_project_iam_audit_config')).toEqual(
      ['bigquery.googleapis.com', 'bigquerystorage.googleapis.com', 'storage.googleapis.com'].map((service) => ({
        project: 'acme-test-1',
        service,
        audit_log_config: [{ log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }],
        depends_on: apiEdges(json, 'cloudresourcemanager.googleapis.com'),
      })),
    );
  });

  it("exports the lakehouse bucket's Cloud Storage entries and BigQuery's entries for the lakehouse datasets, with its own writer identity", () => {
    const datasets = 'acme_test_analytics|acme_test_compliance|acme_test_core|acme_test_ml|acme_test_pg_archive_sync';
    expect(onlyResource(json, 'google_logging_project_sink')).toMatchObject({
      project: 'acme-test-1',
      name: 'acme-test-lakehouse-data-access',
      destination: `storage.googleapis.com/${refTo(json, 'google_storage_bucket', 'audit_bucket', 'name')}`,
      filter:
        'logName="projects/acme-test-1/logs/cloudaudit.googleapis.com%2Fdata_access" AND ' +
        '((resource.type="gcs_bucket" AND resource.labels.bucket_name="acme-test-lakehouse") OR ' +
        '((protoPayload.serviceName="bigquery.googleapis.com" OR protoPayload.serviceName="bigquerystorage.googleapis.com") AND ' +
        `protoPayload.resourceName=~"^projects/acme-test-1/datasets/(${datasets})/tables/"))`,
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

  it('keeps the audit bucket private, retained retention_days, COLDLINE after a year, deleted when retention ends', () => {
    expect(named(json, 'google_storage_bucket', 'audit_bucket')).toMatchObject({
      name: 'acme-test-audit-trail',
      location: 'europe-west1',
      uniform_bucket_level_access: true,
      public_access_prevention: 'enforced',
      force_destroy: false,
      retention_policy: { retention_period: 2557 * 86400, is_locked: false },
      lifecycle_rule: [
        { action: { type: 'SetStorageClass', storage_class: 'COLDLINE' }, condition: { age: 365, matches_storage_class: ['STANDARD'] } },
        { action: { type: 'Delete' }, condition: { age: 2557 } },
      ],
      lifecycle: { prevent_destroy: true },
    });
  });
});

describe('audit lifecycle', () => {
  it.each([
    [2557, 365, true],
    [455, 365, true],
    [454, 365, false],
    [365, 365, false],
    [30, 365, false],
  ])(
    'retention %i days, COLDLINE after %i: COLDLINE %s (objects must stay there 90 days), always deleted at retention',
    (retention, coldline, moves) => {
      const rules = auditLifecycle(retention, coldline);
      expect(rules.at(-1)).toEqual({ action: { type: 'Delete' }, condition: { age: retention } });
      expect(rules.some((r) => r.action.storageClass === 'COLDLINE')).toBe(moves);
    },
  );

  it('skips COLDLINE for a one-year trail, deletes after a year even under a locked retention policy', () => {
    const env = gcpEnvironment('audit:\n  retention_days: 365\n  object_lock: compliance\n');
    const bucket = named(synthLakehouse(env, shippedTemplates()).json, 'google_storage_bucket', 'audit_bucket');
    expect(bucket.retention_policy).toEqual({ retention_period: 365 * 86400, is_locked: true });
    expect(bucket.lifecycle_rule).toEqual([{ action: { type: 'Delete' }, condition: { age: 365 } }]);
  });
});

describe('audit sink filter', () => {
  it('keeps only Cloud Storage entries of the bucket without datasets', () => {
    expect(dataAccessFilter('p-1', 'lake')).toBe(
      'logName="projects/p-1/logs/cloudaudit.googleapis.com%2Fdata_access" AND resource.type="gcs_bucket" AND resource.labels.bucket_name="lake"',
    );
  });

  it('never mixes AND and OR in one group (the Logging query language binds OR tighter than AND)', () => {
    const filter = dataAccessFilter('p-1', 'lake', ['b', 'a']);
    // Operators seen per open group; a group using both is ambiguous to a reader and to Logging.
    const groups: Array<Set<string>> = [new Set()];
    for (const token of filter.replace(/"[^"]*"/g, '""').split(/( AND | OR |\(|\))/)) {
      if (token === '(') groups.push(new Set());
      else if (token === ')') groups.pop();
      else if (token === ' AND ' || token === ' OR ') groups.at(-1)!.add(token);
      if (groups.length === 0 || groups.at(-1)!.size > 1) throw new Error(`unbalanced or mixed group in ${filter}`);
    }
    expect(groups).toHaveLength(1);
    expect(filter).toContain('datasets/(a|b)/tables/');
  });

  it('refuses a filter longer than Cloud Logging allows, and datasets that are not literal ids', () => {
    const stack = gcpTestStack();
    const datasets = Array.from({ length: 600 }, (_, i) => `acme_production_namespace_number_${i}`);
    expect(
      () =>
        new StorageAuditTrail(stack, 'audit', {
          projectId: 'p-1',
          auditedBucketName: 'lake',
          bucketName: 'lake-audit',
          location: 'EU',
          retentionDays: 30,
          sinkName: 'sink',
          bigQueryDatasets: [...datasets, '${ref}'],
        }),
    ).toThrow(
      /'\$\{ref\}' is not a literal BigQuery dataset id[\s\S]*the sink filter for 601 datasets is \d+ characters; Cloud Logging allows 20000/,
    );
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

describe('audit sink filter length in validate', () => {
  it('reports a filter Cloud Logging would refuse at audit.enabled, as synthesis would', () => {
    const templates = Array.from({ length: 700 }, (_, i) =>
      templateFromYaml(`name: t\nnamespace: namespace_number_${String(i).padStart(3, '0')}\ncolumns:\n  - { name: id, type: long }\n`),
    );
    const problems = gcpLakehouseProblems(planLakehouse(gcpEnvironment(), templates));
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      [
        'audit.enabled',
        expect.stringMatching(
          /^the audit sink's filter names 700 datasets in \d+ characters; Cloud Logging allows 20000: split the namespaces over more environments$/,
        ),
      ],
    ]);
    expect(gcpLakehouseProblems(planLakehouse(gcpEnvironment('audit:\n  enabled: false\n'), templates))).toEqual([]);
  });
});
