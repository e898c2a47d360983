import { beforeAll, describe, expect, it } from 'vitest';
import { gcpEnvironment, onlyResource, resourcesOf, shippedTemplates, type TfJson } from '../support/synth';
import { apiEdges, listOf, refTo, synthLakehouse, templateFromYaml } from './helpers';

const MEMBER = {
  reader: 'group:analysts@acme.com',
  writer: 'serviceAccount:etl@acme-test-1.iam.gserviceaccount.com',
  admin: 'user:dba@acme.com',
};

/** Every role a member holds: `<resource type> <role>` (datasets and tags named by their reference). */
function rolesOf(json: TfJson, member: string): string[] {
  const out: string[] = [];
  for (const [type, resources] of Object.entries(json.resource ?? {})) {
    if (!type.endsWith('_iam_member')) continue;
    for (const r of Object.values(resources)) {
      if (r.member !== member) continue;
      const on = r.dataset_id ?? r.policy_tag ?? r.data_policy_id ?? r.bucket ?? r.project ?? '';
      out.push(`${type} ${r.role} ${on}`);
    }
  }
  return out.sort();
}

describe('column security', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthLakehouse(gcpEnvironment(), shippedTemplates()).json;
  });

  it('activates fine-grained access control on a taxonomy in the dataset location', () => {
    expect(onlyResource(json, 'google_data_catalog_taxonomy')).toMatchObject({
      project: 'acme-test-1',
      region: 'europe-west1',
      display_name: 'acme-test-lakehouse',
      activated_policy_types: ['FINE_GRAINED_ACCESS_CONTROL'],
      lifecycle: { prevent_destroy: true },
    });
  });

  it('has a restricted tag plus one tag per masking kind the templates use', () => {
    const taxonomy = refTo(json, 'google_data_catalog_taxonomy', 'taxonomy', 'id');
    const tags = listOf(json, 'google_data_catalog_policy_tag').map((t) => [t.display_name, t.taxonomy]);
    expect(tags.sort()).toEqual([
      ['restricted', taxonomy],
      ['restricted-default', taxonomy],
      ['restricted-nullify', taxonomy],
      ['restricted-sha256', taxonomy],
    ]);
  });

  it('puts one masking data policy on each masking tag', () => {
    expect(listOf(json, 'google_bigquery_datapolicy_data_policy')).toEqual(
      (['default', 'nullify', 'sha256'] as const).map((kind) => ({
        project: 'acme-test-1',
        location: 'europe-west1',
        data_policy_id: `acme_test_restricted_${kind}`,
        policy_tag: refTo(json, 'google_data_catalog_policy_tag', `restricted-${kind}`, 'name'),
        data_policy_type: 'DATA_MASKING_POLICY',
        data_masking_policy: {
          predefined_expression: { default: 'DEFAULT_MASKING_VALUE', nullify: 'ALWAYS_NULL', sha256: 'SHA256' }[kind],
        },
        depends_on: apiEdges(json, 'bigquerydatapolicy.googleapis.com'),
      })),
    );
  });

  it('creates no data policy when no restricted column asks for masking', () => {
    const plain = templateFromYaml('name: t\nnamespace: n\ncolumns:\n  - { name: email, type: string, access_level: restricted }\n');
    const { json: noMasking } = synthLakehouse(gcpEnvironment(), [plain]);
    expect(noMasking.resource?.google_bigquery_datapolicy_data_policy).toBeUndefined();
    expect(listOf(noMasking, 'google_data_catalog_policy_tag').map((t) => t.display_name)).toEqual(['restricted']);
  });
});

describe('service accounts and grants', () => {
  let json: TfJson;
  let emails: Record<string, string>;
  beforeAll(() => {
    const result = synthLakehouse(gcpEnvironment(), shippedTemplates(), (lakehouse) => {
      lakehouse.grantRead(MEMBER.reader);
      lakehouse.grantWrite(MEMBER.writer);
      lakehouse.grantAdmin(MEMBER.admin);
    });
    json = result.json;
    emails = result.lakehouse.serviceAccounts.emails;
  });

  const datasets = ['analytics', 'compliance', 'core', 'ml', 'pg_archive_sync'];
  const expected = (tier: 'reader' | 'writer' | 'admin'): string[] => {
    const bucket = refTo(json, 'google_storage_bucket', 'lakehouse_bucket_', 'name');
    const ds = (ns: string): string => refTo(json, 'google_bigquery_dataset', `datasets_${ns}_`, 'dataset_id');
    const tag = (name: string): string => refTo(json, 'google_data_catalog_policy_tag', `column-security_${name}_`, 'name');
    // Readers: no object access (files hold every column); writers and admins: object read only (federation).
    const datasetRole =
      tier === 'reader' ? 'roles/bigquery.dataViewer' : refTo(json, 'google_project_iam_custom_role', `custom-roles_${tier}_`, 'name');
    const roles = [
      ...(tier === 'reader' ? [] : [`google_storage_bucket_iam_member roles/storage.objectViewer ${bucket}`]),
      ...datasets.map((ns) => `google_bigquery_dataset_iam_member ${datasetRole} ${ds(ns)}`),
      'google_project_iam_member roles/bigquery.jobUser acme-test-1',
      'google_project_iam_member roles/bigquery.readSessionUser acme-test-1',
      ...(tier === 'reader' ? [] : ['google_project_iam_member roles/biglake.viewer acme-test-1']),
    ];
    const tags = ['restricted', 'restricted-default', 'restricted-nullify', 'restricted-sha256'];
    if (tier === 'reader') {
      roles.push(
        ...['default', 'nullify', 'sha256'].map(
          (k) =>
            `google_bigquery_datapolicy_data_policy_iam_member roles/bigquerydatapolicy.maskedReader ` +
            refTo(json, 'google_bigquery_datapolicy_data_policy', `masking-${k}`, 'data_policy_id'),
        ),
      );
    } else {
      roles.push(...tags.map((t) => `google_data_catalog_policy_tag_iam_member roles/datacatalog.categoryFineGrainedReader ${tag(t)}`));
    }
    return roles.sort();
  };

  it('creates <project>-<env>-reader|writer|admin', () => {
    expect(listOf(json, 'google_service_account').map((a) => [a.account_id, a.project])).toEqual([
      ['acme-test-admin', 'acme-test-1'],
      ['acme-test-reader', 'acme-test-1'],
      ['acme-test-writer', 'acme-test-1'],
    ]);
    expect(json.output?.lakehouse_service_accounts?.value).toEqual({
      reader: refTo(json, 'google_service_account', 'service-accounts_reader_', 'email'),
      writer: refTo(json, 'google_service_account', 'service-accounts_writer_', 'email'),
      admin: refTo(json, 'google_service_account', 'service-accounts_admin_', 'email'),
    });
    expect(Object.keys(emails).sort()).toEqual(['admin', 'reader', 'writer']);
  });

  it.each(['reader', 'writer', 'admin'] as const)('gives the %s account exactly its tier roles', (tier) => {
    const member = refTo(json, 'google_service_account', `service-accounts_${tier}_`, 'member');
    expect(rolesOf(json, member)).toEqual(expected(tier));
  });

  it('never gives the reader the fine-grained reader role', () => {
    const reader = refTo(json, 'google_service_account', 'service-accounts_reader_', 'member');
    for (const member of [reader, MEMBER.reader]) {
      expect(rolesOf(json, member).filter((r) => r.includes('categoryFineGrainedReader'))).toEqual([]);
    }
  });

  it.each(['reader', 'writer', 'admin'] as const)('grant%s gives a consumer identity the same roles as the tier account', (tier) => {
    expect(rolesOf(json, MEMBER[tier])).toEqual(expected(tier));
  });

  it('rejects malformed members and a second grant of the same tier', () => {
    expect(() =>
      synthLakehouse(gcpEnvironment(), shippedTemplates(), (l) => {
        l.grantRead('analysts@acme.com');
      }),
    ).toThrow(/Invalid IAM member 'analysts@acme.com': write <type>:<id>/);
    expect(() =>
      synthLakehouse(gcpEnvironment(), shippedTemplates(), (l) => {
        l.grantWrite(MEMBER.writer);
        l.grantWrite(MEMBER.writer);
      }),
    ).toThrow(/already has the writer tier/);
  });
});

describe('name-length errors', () => {
  it('reports service account ids longer than 30 characters', () => {
    const env = gcpEnvironment();
    const long = { ...env, project: 'acme-data-platform', name: 'integration' };
    expect(() => synthLakehouse(long, shippedTemplates())).toThrow(
      /project: derived service account id 'acme-data-platform-integration-reader' must be 6 to 30 characters long \(is 37\)[\s\S]*-writer'[\s\S]*-admin'/,
    );
  });

  it('reports a bucket name over 63 characters', () => {
    const env = gcpEnvironment();
    const long = { ...env, storage: { ...env.storage, bucketName: `b${'x'.repeat(63)}` } };
    expect(() => synthLakehouse(long, shippedTemplates())).toThrow(
      /storage\.bucket_name: derived Cloud Storage bucket name 'bx+' must be 3 to 63 characters long \(is 64\)/,
    );
  });

  it('refuses non-GCP environments', () => {
    const env = gcpEnvironment();
    expect(() => synthLakehouse({ ...env, cloud: 'aws', catalog: 'glue' }, shippedTemplates())).toThrow(
      /cloud: is 'aws'; the Google Cloud lakehouse needs cloud: gcp[\s\S]*catalog: is 'glue'/,
    );
  });

  it('keeps datasets per namespace named <project>_<env>_<namespace>', () => {
    const { json } = synthLakehouse(gcpEnvironment(), shippedTemplates());
    expect(Object.values(resourcesOf(json, 'google_bigquery_dataset')).map((d) => [d.dataset_id, d.location])).toEqual(
      datasetsSorted().map((ns) => [`acme_test_${ns}`, 'europe-west1']),
    );
  });
});

function datasetsSorted(): string[] {
  return [...new Set(shippedTemplates().map((t) => t.namespace))].sort();
}
