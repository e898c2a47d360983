import { describe, expect, it } from 'vitest';
import { reportJson, type AccessReport } from '../../../lib/policy/access';
import { accessOf, analyze, fixedGlue, shippedStacks, violationHeads } from './access-fixtures';

/*
 * The violations `lakehouse access` reports on the shipped stacks TODAY. Each row documents a bug of
 * issue 13; fixing a bug removes its rows. When every item of the issue is fixed, each list is [] and
 * `lakehouse access` exits 0 on every shipped stack (see "simulated fixes" below for the Glue path).
 */
const SA = (tier: string) => `serviceAccount:acme-lake-gcp-dev-${tier}@acme-lake-dev.iam.gserviceaccount.com`;
const APPEND_ONLY = [
  'analytics.event_stream',
  'compliance.audit_trail',
  'pg_archive_sync.primary_postgresql_logs',
  'pg_archive_sync.replica_postgresql_logs',
];
const DELETES = 'can delete data of an append-only table';
const SEVERAL_TIERS = 'is trusted by roles of several tiers (admin, reader, writer): a principal meant for one tier can assume another';
const RESTRICTED_READS = [
  'analytics.event_stream: can read restricted columns (user_id, ip_address)',
  'compliance.audit_trail: can read restricted columns (user_email, ip_address)',
  'core.customer_dim: can read restricted columns (email)',
  'pg_archive_sync.primary_postgresql_logs: can read restricted columns (user_name, client_addr)',
  'pg_archive_sync.replica_postgresql_logs: can read restricted columns (user_name, client_addr)',
];
const ALTER_NOT_NEEDED = 'can alter the schema, which writes through bigquery do not need';
const NO_TIER = (tier: string) =>
  `violation: stack: no ${tier} principal: expected a role named <prefix>-lakehouse-${tier} (AWS), a service account <prefix>-${tier} (GCP), or one tagged lakehouse-tier=${tier}`;

const KNOWN_VIOLATIONS: Record<string, string[]> = {
  dev: [
    // Item 4 (and item 2: IAM alone governs dev's tables, so glue:UpdateTable allows row deletes).
    ...APPEND_ONLY.map((t) => `violation: acme-lake-dev-lakehouse-admin [admin] ${t}: ${DELETES}`),
    // Item 2: dev manages neither the account settings nor create_table_default_permission.
    ...RESTRICTED_READS.map((r) => `violation: acme-lake-dev-lakehouse-reader [reader] ${r}`),
    ...APPEND_ONLY.map((t) => `violation: acme-lake-dev-lakehouse-writer [writer] ${t}: ${DELETES}`),
  ],
  'gcp-dev': [
    // Item 6: objectAdmin / objectUser delete files; BigQuery dataOwner / dataEditor allow DML DELETE.
    ...APPEND_ONLY.map((t) => `violation: ${SA('admin')} [admin] ${t}: ${DELETES}`),
    // Item 6: the reader's roles/storage.objectViewer on the bucket reads the Parquet files raw.
    ...RESTRICTED_READS.map((r) => `violation: ${SA('reader')} [reader] ${r}`),
    // roles/bigquery.dataEditor carries bigquery.tables.update (not an item of issue 13).
    ...[
      `analytics.event_stream: ${DELETES}`,
      `analytics.event_stream: ${ALTER_NOT_NEEDED}`,
      `compliance.audit_trail: ${DELETES}`,
      `compliance.audit_trail: ${ALTER_NOT_NEEDED}`,
      `core.customer_dim: ${ALTER_NOT_NEEDED}`,
      `ml.customer_features: ${ALTER_NOT_NEEDED}`,
      `pg_archive_sync.primary_postgresql_logs: ${DELETES}`,
      `pg_archive_sync.primary_postgresql_logs: ${ALTER_NOT_NEEDED}`,
      `pg_archive_sync.replica_postgresql_logs: ${DELETES}`,
      `pg_archive_sync.replica_postgresql_logs: ${ALTER_NOT_NEEDED}`,
    ].map((r) => `violation: ${SA('writer')} [writer] ${r}`),
  ],
  prod: [
    // Item 4: Lake Formation ALL on every table of an append-only namespace.
    ...APPEND_ONLY.map((t) => `violation: acme-lake-prod-lakehouse-admin [admin] ${t}: ${DELETES}`),
    // Item 1: one trust list for all tiers: every trusted principal can assume the admin role.
    ...['analytics-sso-readers', 'etl-pipelines', 'lakehouse-platform-admin'].flatMap((role) => [
      `violation: arn:aws:iam::111122223333:role/${role} [other]: ${SEVERAL_TIERS}`,
      ...APPEND_ONLY.map((t) => `violation: arn:aws:iam::111122223333:role/${role} [other] ${t}: ${DELETES}`),
    ]),
  ],
  // Item 8: the Nessie path creates no tier roles.
  staging: [NO_TIER('admin'), NO_TIER('reader'), NO_TIER('writer')],
};

describe('lakehouse access on the shipped stacks (today)', () => {
  const reports = new Map<string, AccessReport>([...shippedStacks()].map(([name, json]) => [name, analyze(json, undefined, name)]));

  it('analyzes every shipped stack', () => {
    expect([...reports.keys()].sort()).toEqual(Object.keys(KNOWN_VIOLATIONS).sort());
  });

  for (const [stack, expected] of Object.entries(KNOWN_VIOLATIONS)) {
    it(`${stack}: reports exactly the known violations`, () => {
      expect(violationHeads(reports.get(stack)!)).toEqual(expected);
    });
  }

  it('dev: names the resource and the reason for a reader reading restricted columns', () => {
    const v = reports.get('dev')!.violations.find((x) => x.kind === 'restricted-read' && x.table === 'core.customer_dim')!;
    expect(v.via.map((x) => x.address)).toEqual([expect.stringMatching(/^aws_iam_policy\.lakehouse_glue_access_policies_reader-1_/)]);
    expect(v.via[0]!.how).toMatch(
      /^glue:GetTable on core\.customer_dim; IAM alone governs the table \(no create_table_default_permission .*IAM_ALLOWED_PRINCIPALS ALL on new tables; aws_glue_catalog_database\.lakehouse_glue_catalog_database-core_\w+\), so column exclusions do not apply$/,
    );
  });

  it('prod: the admin deletes append-only data through Lake Formation ALL and through its data location access', () => {
    const v = reports
      .get('prod')!
      .violations.find((x) => x.principal === 'acme-lake-prod-lakehouse-admin' && x.table === 'compliance.audit_trail')!;
    expect(v.via.map((x) => x.address)).toEqual([
      expect.stringMatching(/^aws_lakeformation_permissions\.lakehouse_glue_access_admin-grants_tables-compliance_/),
      expect.stringMatching(/^aws_lakeformation_permissions\.lakehouse_glue_access_admin-grants_data-location_/),
    ]);
    expect(v.via[0]!.how).toMatch(/IAM denies on s3:DeleteObject do not apply/);
  });

  it('prod: the reader reads public columns only, the writer cannot delete append-only data (LF without DELETE + IAM deny)', () => {
    const prod = reports.get('prod')!;
    expect(accessOf(prod, 'acme-lake-prod-lakehouse-reader', 'core.customer_dim')).toEqual({
      read: 'public',
      write: false,
      alter: false,
      delete: false,
    });
    expect(accessOf(prod, 'acme-lake-prod-lakehouse-reader', 'ml.customer_features').read).toBe('all');
    expect(accessOf(prod, 'acme-lake-prod-lakehouse-writer', 'compliance.audit_trail')).toEqual({
      read: 'all',
      write: true,
      alter: true,
      delete: false,
    });
    expect(accessOf(prod, 'acme-lake-prod-lakehouse-writer', 'core.customer_dim').delete).toBe(true);
  });

  it('prod: a principal trusted by every tier role gets the admin role’s access', () => {
    const prod = reports.get('prod')!;
    expect(accessOf(prod, 'arn:aws:iam::111122223333:role/analytics-sso-readers', 'core.customer_dim')).toEqual({
      read: 'all',
      write: true,
      alter: true,
      delete: true,
    });
  });

  it('gcp-dev: the reader reads restricted columns raw from the bucket, not through BigQuery', () => {
    const v = reports.get('gcp-dev')!.violations.find((x) => x.principal === SA('reader') && x.table === 'core.customer_dim')!;
    expect(v.via.map((x) => x.address)).toEqual([
      expect.stringMatching(/^google_storage_bucket_iam_member\.lakehouse_service-accounts_reader-grants_bucket_/),
    ]);
    expect(v.via[0]!.how).toMatch(/roles\/storage\.objectViewer on bucket acme-lake-gcp-dev-lakehouse/);
  });

  it('knows the table-provisioning role as a service identity by its tag, and locates tables at their invocations', () => {
    for (const stack of ['dev', 'prod']) {
      const report = reports.get(stack)!;
      const provisioner = report.principals.find((p) => p.id === `acme-lake-${stack}-table-provisioner`)!;
      expect(provisioner, stack).toBeDefined();
      expect(provisioner.kind).toBe('service');
      expect(provisioner.recognisedBy).toMatch(/^tag lakehouse-tier=provisioner /);
    }
    const dev = reports.get('dev')!.tables.find((t) => t.key === 'core.customer_dim')!;
    expect(dev.glue).toMatchObject({ database: 'acme_lake_dev_core', table: 'customer_dim' });
    expect(dev.glue!.address).toMatch(/^aws_lambda_invocation\./);
    expect(dev.s3Objects[0]).toBe('arn:aws:s3:::acme-lake-dev-lakehouse/warehouse/core/customer_dim/data/00000-0-sample.parquet');
    // On Nessie the table is where the function creates it, not at Nessie's own default path.
    const staging = reports.get('staging')!.tables.find((t) => t.key === 'core.customer_dim')!;
    expect(staging.catalog).toBe('nessie');
    expect(staging.s3Objects[0]).toBe('arn:aws:s3:::acme-lake-staging-lakehouse/warehouse/core/customer_dim/data/00000-0-sample.parquet');
  });

  it('JSON output is deterministic and has sorted keys', () => {
    const once = reportJson(analyze(shippedStacks().get('prod')!, undefined, 'prod'));
    const twice = reportJson(analyze(JSON.parse(JSON.stringify(shippedStacks().get('prod'))), undefined, 'prod'));
    expect(once).toBe(twice);
    const parsed = JSON.parse(once) as { stack: string; principals: Record<string, { tier: string; tables: Record<string, object> }> };
    expect(Object.keys(parsed)).toEqual(['principals', 'stack']);
    expect(parsed.stack).toBe('prod');
    expect(parsed.principals['acme-lake-prod-lakehouse-reader']).toEqual({
      tables: {
        'analytics.event_stream': { alter: false, delete: false, read: 'public', write: false },
        'compliance.audit_trail': { alter: false, delete: false, read: 'public', write: false },
        'core.customer_dim': { alter: false, delete: false, read: 'public', write: false },
        'ml.customer_features': { alter: false, delete: false, read: 'all', write: false },
        'pg_archive_sync.primary_postgresql_logs': { alter: false, delete: false, read: 'public', write: false },
        'pg_archive_sync.replica_postgresql_logs': { alter: false, delete: false, read: 'public', write: false },
      },
      tier: 'reader',
    });
  });
});

describe('lakehouse access with the Glue fixes of issue 13 simulated in the JSON', () => {
  for (const stack of ['dev', 'prod'] as const) {
    it(`${stack}: exits clean once trust, IAMAllowedPrincipals defaults and admin deletes on append-only tables are fixed`, () => {
      const report = analyze(fixedGlue(stack));
      expect(violationHeads(report)).toEqual([]);
      expect(accessOf(report, `acme-lake-${stack}-lakehouse-reader`, 'compliance.audit_trail').read).toBe('public');
      expect(accessOf(report, `acme-lake-${stack}-lakehouse-admin`, 'compliance.audit_trail')).toEqual({
        read: 'all',
        write: true,
        alter: true,
        delete: false,
      });
      expect(accessOf(report, `acme-lake-${stack}-lakehouse-admin`, 'core.customer_dim').delete).toBe(true);
    });
  }
});
