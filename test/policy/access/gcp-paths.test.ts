import { describe, expect, it } from 'vitest';
import { tf } from '../fixtures';
import { accessOf, analyze, template, violationHeads } from './access-fixtures';

/*
 * Each path of the GCP analysis on hand-built minimal JSON: dataset `acme_dev_sales` with the
 * BigQuery-managed Iceberg table `orders` (restricted `email`, tagged), three tier service accounts.
 */
const TEMPLATES = [
  template(
    'name: orders\nnamespace: sales\ncolumns:\n  - { name: id, type: long }\n  - { name: email, type: string, access_level: restricted }\n',
  ),
];
const SA = (tier: string) => `serviceAccount:acme-dev-${tier}@acme-p.iam.gserviceaccount.com`;
const MEMBER = (tier: string) => `\${google_service_account.${tier}.member}`;
const TAG = '${google_data_catalog_policy_tag.restricted.name}';

function stack(extra: Record<string, Record<string, unknown>> = {}, emailTags: string[] = [TAG]) {
  const sa = (tier: string) => ({ account_id: `acme-dev-${tier}`, project: 'acme-p' });
  const datasetRole = (tier: string, role: string) => ({
    dataset_id: '${google_bigquery_dataset.sales.dataset_id}',
    project: 'acme-p',
    role,
    member: MEMBER(tier),
  });
  return tf({
    'google_storage_bucket.lake': { name: 'acme-dev-lakehouse' },
    'google_bigquery_dataset.sales': { dataset_id: 'acme_dev_sales', project: 'acme-p' },
    'google_bigquery_table.orders': {
      dataset_id: '${google_bigquery_dataset.sales.dataset_id}',
      table_id: 'orders',
      project: 'acme-p',
      biglake_configuration: { storage_uri: 'gs://acme-dev-lakehouse/warehouse/sales/orders/' },
      schema: JSON.stringify([
        { name: 'id', type: 'INT64' },
        { name: 'email', type: 'STRING', ...(emailTags.length > 0 ? { policyTags: { names: emailTags } } : {}) },
      ]),
    },
    'google_data_catalog_taxonomy.lake': { display_name: 'lake', activated_policy_types: ['FINE_GRAINED_ACCESS_CONTROL'] },
    'google_data_catalog_policy_tag.restricted': { taxonomy: '${google_data_catalog_taxonomy.lake.id}', display_name: 'restricted' },
    'google_service_account.reader': sa('reader'),
    'google_service_account.writer': sa('writer'),
    'google_service_account.admin': sa('admin'),
    'google_bigquery_dataset_iam_member.reader': datasetRole('reader', 'roles/bigquery.dataViewer'),
    'google_bigquery_dataset_iam_member.writer': datasetRole('writer', 'roles/bigquery.dataViewer'),
    'google_bigquery_table_iam_member.writer': {
      dataset_id: '${google_bigquery_dataset.sales.dataset_id}',
      table_id: 'orders',
      role: 'roles/bigquery.dataEditor',
      member: MEMBER('writer'),
    },
    'google_bigquery_dataset_iam_member.admin': datasetRole('admin', 'roles/bigquery.dataOwner'),
    'google_data_catalog_policy_tag_iam_member.writer': {
      policy_tag: TAG,
      role: 'roles/datacatalog.categoryFineGrainedReader',
      member: MEMBER('writer'),
    },
    'google_data_catalog_taxonomy_iam_member.admin': {
      taxonomy: '${google_data_catalog_taxonomy.lake.name}',
      role: 'roles/datacatalog.categoryFineGrainedReader',
      member: MEMBER('admin'),
    },
    ...extra,
  }) as Record<string, any>;
}

describe('access analysis on hand-built GCP JSON', () => {
  it('reads through BigQuery respect policy tags: readers public, writer (tag) and admin (taxonomy) all', () => {
    const report = analyze(stack(), TEMPLATES);
    expect(accessOf(report, SA('reader'), 'sales.orders')).toEqual({ read: 'public', write: false, alter: false, delete: false });
    expect(accessOf(report, SA('writer'), 'sales.orders')).toEqual({ read: 'all', write: true, alter: true, delete: true });
    expect(accessOf(report, SA('admin'), 'sales.orders')).toEqual({ read: 'all', write: true, alter: true, delete: true });
    // dataEditor carries bigquery.tables.update: a schema change BigQuery writes do not need.
    expect(violationHeads(report)).toEqual([
      `violation: ${SA('writer')} [writer] sales.orders: can alter the schema, which writes through bigquery do not need`,
    ]);
  });

  it('a restricted column without a policy tag is read by every reader of the table', () => {
    const report = analyze(stack({}, []), TEMPLATES);
    const v = report.violations.find((x) => x.principal === SA('reader'))!;
    expect(v).toMatchObject({ kind: 'restricted-read', via: [{ address: 'google_bigquery_table.orders' }] });
    expect(v.via[0]!.how).toContain('restricted column email carries no policy tag');
  });

  it('a taxonomy without FINE_GRAINED_ACCESS_CONTROL restricts nobody', () => {
    const json = stack();
    json.resource.google_data_catalog_taxonomy.lake.activated_policy_types = [];
    expect(violationHeads(analyze(json, TEMPLATES))).toContain(
      `violation: ${SA('reader')} [reader] sales.orders: can read restricted columns (email)`,
    );
  });

  it('maskedReader on the data policy keeps the reader at public; fine-grained reader on the project does not', () => {
    const masked = stack({
      'google_bigquery_datapolicy_data_policy.mask': {
        data_policy_id: 'acme_mask',
        location: 'eu',
        policy_tag: TAG,
        data_policy_type: 'DATA_MASKING_POLICY',
      },
      'google_bigquery_datapolicy_data_policy_iam_member.reader': {
        data_policy_id: '${google_bigquery_datapolicy_data_policy.mask.data_policy_id}',
        role: 'roles/bigquerydatapolicy.maskedReader',
        member: MEMBER('reader'),
      },
    });
    expect(accessOf(analyze(masked, TEMPLATES), SA('reader'), 'sales.orders').read).toBe('public');
    masked.resource.google_project_iam_member = {
      reader_fgr: { project: 'acme-p', role: 'roles/datacatalog.categoryFineGrainedReader', member: MEMBER('reader') },
    };
    expect(accessOf(analyze(masked, TEMPLATES), SA('reader'), 'sales.orders').read).toBe('all');
  });

  it('object read on the project reaches every bucket: the reader reads Parquet files raw', () => {
    const json = stack({
      'google_project_iam_member.reader_gcs': { project: 'acme-p', role: 'roles/storage.objectViewer', member: MEMBER('reader') },
    });
    const v = analyze(json, TEMPLATES).violations.find((x) => x.principal === SA('reader'))!;
    expect(v).toMatchObject({ kind: 'restricted-read', via: [{ address: 'google_project_iam_member.reader_gcs' }] });
  });

  it('a reader that can impersonate the admin service account is caught', () => {
    const json = stack({
      'google_service_account_iam_member.reader_as_admin': {
        service_account_id: '${google_service_account.admin.name}',
        role: 'roles/iam.serviceAccountTokenCreator',
        member: MEMBER('reader'),
      },
    });
    const report = analyze(json, TEMPLATES);
    expect(report.violations.find((v) => v.kind === 'trust')).toMatchObject({
      principal: SA('reader'),
      what: `can act as the admin service account ${SA('admin')}`,
      via: [{ address: 'google_service_account_iam_member.reader_as_admin' }],
    });
    expect(accessOf(report, SA('reader'), 'sales.orders')).toEqual({ read: 'all', write: true, alter: true, delete: true });
  });

  it('reports a custom role on the bucket as unknown', () => {
    const json = stack({
      'google_storage_bucket_iam_member.custom': {
        bucket: 'acme-dev-lakehouse',
        role: 'projects/acme-p/roles/lakeReader',
        member: 'group:x@acme.example',
      },
    });
    expect(analyze(json, TEMPLATES).violations.filter((v) => v.kind === 'unknown')).toEqual([
      {
        kind: 'unknown',
        what: 'grants projects/acme-p/roles/lakeReader to group:x@acme.example, a role the report does not know: its access is unknown',
        via: [{ address: 'google_storage_bucket_iam_member.custom', how: 'cannot be evaluated' }],
      },
    ]);
  });

  it('an authoritative bucket policy from a google_iam_policy data source is read binding by binding', () => {
    const json = stack({
      'data.google_iam_policy.bucket': { binding: [{ role: 'roles/storage.objectViewer', members: [MEMBER('reader')] }] },
      'google_storage_bucket_iam_policy.lake': {
        bucket: '${google_storage_bucket.lake.name}',
        policy_data: '${data.google_iam_policy.bucket.policy_data}',
      },
    });
    expect(violationHeads(analyze(json, TEMPLATES))).toContain(
      `violation: ${SA('reader')} [reader] sales.orders: can read restricted columns (email)`,
    );
  });

  it('reads a custom role defined in the stack by its permissions (rows without schema changes or drops)', () => {
    const json = stack({
      'google_project_iam_custom_role.writer': {
        project: 'acme-p',
        role_id: 'acme_dev_lakehouse_writer',
        title: 'writer',
        permissions: ['bigquery.tables.get', 'bigquery.tables.getData', 'bigquery.tables.updateData'],
      },
    });
    json.resource.google_bigquery_table_iam_member.writer.role = '${google_project_iam_custom_role.writer.name}';
    const report = analyze(json, TEMPLATES);
    expect(accessOf(report, SA('writer'), 'sales.orders')).toEqual({ read: 'all', write: true, alter: false, delete: true });
    expect(violationHeads(report)).toEqual([]);
  });

  it('reports a role it cannot resolve (a reference to something outside the stack) as unknown, never as no access', () => {
    const json = stack();
    json.resource.google_bigquery_table_iam_member.writer.role = '${google_project_iam_custom_role.elsewhere.name}';
    expect(
      analyze(json, TEMPLATES)
        .violations.filter((v) => v.kind === 'unknown')
        .map((v) => v.via[0]!.address),
    ).toEqual(['google_bigquery_table_iam_member.writer']);
  });

  describe('append-only BigQuery tables: DML deletes are an accepted limitation only with the acknowledgement label', () => {
    const appendOnly = [template('name: events\nnamespace: sales\nappend_only: true\ncolumns:\n  - { name: id, type: long }\n')];
    const events = (labels?: Record<string, string>) =>
      tf({
        'google_bigquery_dataset.sales': { dataset_id: 'acme_dev_sales', project: 'acme-p' },
        'google_bigquery_table.events': {
          dataset_id: '${google_bigquery_dataset.sales.dataset_id}',
          table_id: 'events',
          project: 'acme-p',
          ...(labels ? { labels } : {}),
          biglake_configuration: { storage_uri: 'gs://acme-dev-lakehouse/warehouse/sales/events/' },
          schema: JSON.stringify([{ name: 'id', type: 'INT64' }]),
        },
        'google_project_iam_custom_role.rows': {
          project: 'acme-p',
          role_id: 'rows',
          permissions: ['bigquery.tables.getData', 'bigquery.tables.updateData'],
        },
        'google_service_account.writer': { account_id: 'acme-dev-writer', project: 'acme-p' },
        'google_bigquery_dataset_iam_member.writer': {
          dataset_id: 'acme_dev_sales',
          project: 'acme-p',
          role: '${google_project_iam_custom_role.rows.name}',
          member: MEMBER('writer'),
        },
      }) as Record<string, any>;
    const ACCEPTED = { 'lakehouse-append-only': 'unenforced-accepted' };

    it('with the label: accepted, not a violation', () => {
      const report = analyze(events(ACCEPTED), appendOnly);
      expect(report.violations.filter((v) => v.principal === SA('writer'))).toEqual([]);
      expect(report.accepted.map((v) => `${v.principal} ${v.table}: ${v.what}`)).toEqual([
        `${SA('writer')} sales.events: can delete rows of an append-only table through BigQuery DML (accepted: gcp.accept_unenforced_append_only)`,
      ]);
    });

    it('without it: a violation', () => {
      const report = analyze(events(), appendOnly);
      expect(report.accepted).toEqual([]);
      expect(violationHeads(report)).toContain(`violation: ${SA('writer')} [writer] sales.events: can delete data of an append-only table`);
    });

    it('a role that can drop the table is a violation even with the label (IAM can prevent drops)', () => {
      const json = events(ACCEPTED);
      json.resource.google_project_iam_custom_role.rows.permissions.push('bigquery.tables.delete');
      expect(violationHeads(analyze(json, appendOnly))).toContain(
        `violation: ${SA('writer')} [writer] sales.events: can delete data of an append-only table`,
      );
    });
  });
});
