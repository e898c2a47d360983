import { describe, expect, it } from 'vitest';
import { AwsLakehouse } from '../../../lib/aws/aws-lakehouse';
import { GcpLakehouse } from '../../../lib/gcp/gcp-lakehouse';
import type { Violation } from '../../../lib/policy/access';
import {
  accessOf,
  addResource,
  APPEND_ONLY_TABLES,
  analyze,
  editPolicy,
  ETL,
  PLATFORM_ADMIN,
  removeResource,
  resource,
  shippedCopy,
  shippedStacks,
  SSO_READERS,
  trust,
  violationHeads,
} from './access-fixtures';

/** The one violation of a principal on a table (or of the principal itself), with the addresses it names. */
function only(violations: readonly Violation[], principal: string, table?: string): Violation {
  const found = violations.filter((v) => v.principal === principal && v.table === table);
  if (found.length !== 1) throw new Error(`expected one violation for ${principal} ${table ?? ''}, got ${found.length}`);
  return found[0]!;
}

const READER = 'acme-lake-prod-lakehouse-reader';
const WRITER = 'acme-lake-prod-lakehouse-writer';
/** With per-tier trust, each prod tier role has one principal outside the stack that inherits its access. */
const READS_CUSTOMER_EMAIL = [READER, SSO_READERS].map(
  (p) => `violation: ${p} [reader] core.customer_dim: can read restricted columns (email)`,
);

describe('hand-broken Glue stacks (a shipped stack with one thing broken)', () => {
  it('catches a reader grant whose column exclusions were removed', () => {
    const json = shippedCopy('prod');
    const [address, grant] = resource(json, 'aws_lakeformation_permissions', 'reader-grants_table-core-customer_dim');
    delete grant.table_with_columns.excluded_column_names;
    const report = analyze(json);
    expect(violationHeads(report)).toEqual(READS_CUSTOMER_EMAIL);
    expect(only(report.violations, READER, 'core.customer_dim').via).toEqual([
      { address, how: 'Lake Formation SELECT on core.customer_dim' },
    ]);
  });

  it('catches a bucket policy granting the reader s3:GetObject on a restricted table’s prefix, and only on that table', () => {
    const json = shippedCopy('prod');
    const [address, policy] = resource(json, 'aws_s3_bucket_policy', 'lakehouse_bucket_storage_policy');
    const [, bucket] = resource(json, 'aws_s3_bucket', 'lakehouse_bucket_storage_bucket');
    editPolicy(policy, 'policy', (doc) =>
      doc.Statement.push({
        Sid: 'ReaderRawFiles',
        Effect: 'Allow',
        Principal: { AWS: '${aws_iam_role.lakehouse_glue_access_reader_B7E366B2.arn}' },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${bucket.bucket}/warehouse/core/customer_dim/*`,
      }),
    );
    const report = analyze(json);
    expect(violationHeads(report)).toEqual(READS_CUSTOMER_EMAIL);
    expect(only(report.violations, READER, 'core.customer_dim').via[0]).toEqual({
      address,
      how: expect.stringMatching(
        /^bucket policy allows s3:GetObject on the table's files \(s3:\/\/acme-lake-prod-lakehouse\/warehouse\/core\/customer_dim\//,
      ),
    });
  });

  it('a Deny for everyone in the bucket policy takes that read away again; a conditional Deny does not', () => {
    const json = shippedCopy('prod');
    const [, policy] = resource(json, 'aws_s3_bucket_policy', 'lakehouse_bucket_storage_policy');
    const grant = {
      Effect: 'Allow',
      Principal: { AWS: '${aws_iam_role.lakehouse_glue_access_reader_B7E366B2.arn}' },
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-lake-prod-lakehouse/warehouse/core/*',
    };
    const deny = {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-lake-prod-lakehouse/warehouse/core/customer_dim/*',
    };
    editPolicy(policy, 'policy', (doc) =>
      doc.Statement.push(grant, { ...deny, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
    );
    expect(accessOf(analyze(json), READER, 'core.customer_dim').read).toBe('all');
    editPolicy(policy, 'policy', (doc) => doc.Statement.push(deny));
    expect(accessOf(analyze(json), READER, 'core.customer_dim').read).toBe('public');
  });

  it('catches a trust policy that lets the reader role assume the admin role', () => {
    const json = shippedCopy('dev');
    const [address, admin] = resource(json, 'aws_iam_role', 'access_admin');
    admin.assume_role_policy = trust('${aws_iam_role.lakehouse_glue_access_reader_B7E366B2.arn}');
    const report = analyze(json);
    const reader = 'acme-lake-dev-lakehouse-reader';
    expect(only(report.violations, reader)).toMatchObject({
      kind: 'trust',
      what: 'can assume the admin role acme-lake-dev-lakehouse-admin',
      via: [{ address, how: `trust policy lets ${reader} assume acme-lake-dev-lakehouse-admin` }],
    });
    const onTable = report.violations.filter((v) => v.principal === reader && v.table === 'core.customer_dim');
    expect(onTable.map((v) => v.what)).toEqual([
      'can alter the schema (readers must not)',
      'can delete data (readers must not)',
      'can write (readers must not)',
      'can read restricted columns (email)',
    ]);
    const restricted = onTable[3]!;
    expect(restricted.via[0]!.how).toMatch(
      /^as acme-lake-dev-lakehouse-admin \(assumable through aws_iam_role\.lakehouse_glue_access_admin_/,
    );
    expect(accessOf(report, reader, 'core.customer_dim')).toEqual({ read: 'all', write: true, alter: true, delete: true });
  });

  it('catches a principal trusted by both the reader and the admin role (one trust list)', () => {
    const json = shippedCopy('prod');
    resource(json, 'aws_iam_role', 'access_admin')[1].assume_role_policy = trust(PLATFORM_ADMIN, SSO_READERS);
    const report = analyze(json);
    expect(violationHeads(report)).toEqual([
      `violation: ${SSO_READERS} [other]: is trusted by roles of several tiers (admin, reader): a principal meant for one tier can assume another`,
    ]);
  });

  it('a principal trusted by one tier role takes that tier and is checked as such', () => {
    const report = analyze(shippedCopy('prod'));
    const sso = report.principals.find((p) => p.id === SSO_READERS)!;
    expect(sso.tier).toBe('reader');
    expect(sso.recognisedBy).toBe('trusted by the reader role');
    expect(accessOf(report, SSO_READERS, 'core.customer_dim').read).toBe('public');
  });

  it('catches an admin holding Lake Formation ALL on an append-only table (DELETE through vended credentials)', () => {
    const json = shippedCopy('prod');
    const address = addResource(json, 'aws_lakeformation_permissions', 'admin_all_audit', {
      principal: '${aws_iam_role.lakehouse_glue_access_admin_7D1DF53F.arn}',
      permissions: ['ALL'],
      table: {
        database_name: '${aws_glue_catalog_database.lakehouse_glue_catalog_database-compliance_11481708.name}',
        name: 'audit_trail',
      },
    });
    const report = analyze(json);
    expect(violationHeads(report)).toEqual(
      ['acme-lake-prod-lakehouse-admin', PLATFORM_ADMIN].map(
        (p) => `violation: ${p} [admin] compliance.audit_trail: can delete data of an append-only table`,
      ),
    );
    expect(only(report.violations, 'acme-lake-prod-lakehouse-admin', 'compliance.audit_trail').via).toEqual([
      { address, how: expect.stringContaining('Lake Formation ALL on compliance.audit_trail') },
    ]);
  });

  it('catches a writer with Lake Formation DELETE on an append-only table', () => {
    const json = shippedCopy('prod');
    const [address, grant] = resource(json, 'aws_lakeformation_permissions', 'writer-grants_table-compliance-audit_trail');
    grant.permissions = [...grant.permissions, 'DELETE'];
    const report = analyze(json);
    expect(violationHeads(report)).toEqual(
      [WRITER, ETL].map((p) => `violation: ${p} [writer] compliance.audit_trail: can delete data of an append-only table`),
    );
    expect(only(report.violations, WRITER, 'compliance.audit_trail').via.map((v) => v.address)).toEqual([address]);
  });

  it('catches a writer whose append-only S3 deny was detached', () => {
    const json = shippedCopy('prod');
    removeResource(json, 'aws_iam_role_policy_attachment', 'access_writer-policy-2');
    const report = analyze(json);
    const tables = [
      'analytics.event_stream',
      'compliance.audit_trail',
      'pg_archive_sync.primary_postgresql_logs',
      'pg_archive_sync.replica_postgresql_logs',
    ];
    expect(violationHeads(report)).toEqual(
      [WRITER, ETL].flatMap((p) => tables.map((t) => `violation: ${p} [writer] ${t}: can delete data of an append-only table`)).sort(),
    );
    expect(only(report.violations, WRITER, 'compliance.audit_trail').via[0]!.address).toMatch(
      /^aws_iam_policy\.lakehouse_glue_access_policies_writer-1_/,
    );
  });

  it('catches a database that gives IAMAllowedPrincipals ALL on new tables: exclusions stop applying', () => {
    const json = shippedCopy('prod');
    const [address, db] = resource(json, 'aws_glue_catalog_database', 'database-core');
    db.create_table_default_permission = [
      { permissions: ['ALL'], principal: { data_lake_principal_identifier: 'IAM_ALLOWED_PRINCIPALS' } },
    ];
    const report = analyze(json);
    expect(violationHeads(report)).toEqual(READS_CUSTOMER_EMAIL);
    expect(only(report.violations, READER, 'core.customer_dim').via[0]!.how).toContain(`IAM_ALLOWED_PRINCIPALS ALL; ${address})`);
  });

  it('reports a managed policy it cannot see instead of treating it as no access', () => {
    const json = shippedCopy('prod');
    const address = addResource(json, 'aws_iam_role_policy_attachment', 'reader_s3_full', {
      role: '${aws_iam_role.lakehouse_glue_access_reader_B7E366B2.name}',
      policy_arn: 'arn:${data.aws_partition.lakehouse-aws-context_partition_7EE8B67D.partition}:iam::aws:policy/AmazonS3FullAccess',
    });
    const report = analyze(json);
    expect(report.violations).toEqual([
      {
        kind: 'unknown',
        what: 'attaches arn:aws:iam::aws:policy/AmazonS3FullAccess, whose content is not in the stack (and not a managed policy the report knows): its grants are unknown',
        via: [{ address, how: 'cannot be evaluated' }],
      },
    ]);
  });
});

describe('principals granted through the library’s grant methods', () => {
  const granted = shippedStacks((stack) => {
    const aws = stack.node.tryFindChild('lakehouse');
    if (aws instanceof AwsLakehouse) aws.grantRead({ roleName: 'analysts', roleArn: 'arn:aws:iam::111122223333:role/analysts' });
    if (aws instanceof GcpLakehouse) aws.grantRead('group:analysts@acme.example');
  });

  it('Nessie: grantRead gives the reader set: tables without restricted columns only (item 8)', () => {
    const report = analyze(granted.get('staging')!, undefined, 'staging');
    const analysts = report.principals.find((p) => p.id === 'analysts')!;
    expect(analysts).toMatchObject({ tier: 'reader', recognisedBy: expect.stringMatching(/^granted by grantRead\(\)/) });
    expect(violationHeads(report)).toEqual([]);
    expect(accessOf(report, 'analysts', 'ml.customer_features')).toEqual({ read: 'all', write: false, alter: false, delete: false });
    expect(accessOf(report, 'analysts', 'core.customer_dim').read).toBe('none');
  });

  it('Glue: grantRead gives another account role the reader set: public columns only', () => {
    const report = analyze(granted.get('prod')!, undefined, 'prod');
    const analysts = report.principals.find((p) => p.id === 'arn:aws:iam::111122223333:role/analysts')!;
    expect(analysts.tier).toBe('reader');
    expect(accessOf(report, analysts.id, 'core.customer_dim')).toEqual({ read: 'public', write: false, alter: false, delete: false });
    expect(report.violations.filter((v) => v.principal === analysts.id)).toEqual([]);
  });

  it('GCP: grantRead gives a group the reader roles: public columns through BigQuery, no bucket access (item 6)', () => {
    const report = analyze(granted.get('gcp-dev')!, undefined, 'gcp-dev');
    const group = report.principals.find((p) => p.id === 'group:analysts@acme.example')!;
    expect(group).toMatchObject({ tier: 'reader', recognisedBy: expect.stringMatching(/^granted by grantRead\(\)/) });
    expect(accessOf(report, group.id, 'core.customer_dim')).toEqual({ read: 'public', write: false, alter: false, delete: false });
    expect(report.violations).toEqual([]);
  });
});

describe('hand-broken GCP stack (gcp-dev with one thing broken)', () => {
  const reader = 'serviceAccount:acme-lake-gcp-dev-reader@acme-lake-dev.iam.gserviceaccount.com';
  const writer = 'serviceAccount:acme-lake-gcp-dev-writer@acme-lake-dev.iam.gserviceaccount.com';
  const readerObjectViewer = (json: Record<string, any>, condition?: string) =>
    addResource(json, 'google_storage_bucket_iam_member', 'reader_raw_files', {
      bucket: resource(json, 'google_storage_bucket_iam_member', 'writer-grants_bucket')[1].bucket,
      role: 'roles/storage.objectViewer',
      member: '${google_service_account.lakehouse_service-accounts_reader_0359FDF5.member}',
      ...(condition ? { condition: { title: 'one prefix', expression: condition } } : {}),
    });

  it('catches a GCS objectViewer binding for the reader: restricted columns read raw from the files', () => {
    const json = shippedCopy('gcp-dev');
    const address = readerObjectViewer(json);
    const report = analyze(json);
    expect(violationHeads(report)).toEqual(
      [
        'analytics.event_stream: can read restricted columns (user_id, ip_address)',
        'compliance.audit_trail: can read restricted columns (user_email, ip_address)',
        'core.customer_dim: can read restricted columns (email)',
        'pg_archive_sync.primary_postgresql_logs: can read restricted columns (user_name, client_addr)',
        'pg_archive_sync.replica_postgresql_logs: can read restricted columns (user_name, client_addr)',
      ].map((r) => `violation: ${reader} [reader] ${r}`),
    );
    expect(only(report.violations, reader, 'core.customer_dim').via).toEqual([
      { address, how: expect.stringMatching(/^roles\/storage\.objectViewer on bucket acme-lake-gcp-dev-lakehouse: direct access/) },
    ]);
  });

  it('catches a conditional objectViewer binding only where its prefix holds restricted columns', () => {
    const withCondition = (prefix: string) => {
      const json = shippedCopy('gcp-dev');
      readerObjectViewer(json, `resource.name.startsWith("projects/_/buckets/acme-lake-gcp-dev-lakehouse/objects/${prefix}")`);
      return analyze(json).violations.filter((v) => v.principal === reader);
    };
    expect(withCondition('warehouse/ml/customer_features/')).toEqual([]);
    expect(withCondition('warehouse/core/').map((v) => `${v.table}: ${v.what}`)).toEqual([
      'core.customer_dim: can read restricted columns (email)',
    ]);
  });

  it('catches a writer that may overwrite or delete managed table files (objectUser): only BigQuery writes them', () => {
    const json = shippedCopy('gcp-dev');
    resource(json, 'google_storage_bucket_iam_member', 'writer-grants_bucket')[1].role = 'roles/storage.objectUser';
    expect(violationHeads(analyze(json))).toEqual(
      APPEND_ONLY_TABLES.map((t) => `violation: ${writer} [writer] ${t}: can delete data of an append-only table`),
    );
  });

  it('catches the predefined dataEditor for writers again: schema changes and table drops', () => {
    const json = shippedCopy('gcp-dev');
    for (const [, grant] of Object.entries(json.resource.google_bigquery_dataset_iam_member as Record<string, Record<string, string>>)) {
      if (grant.member?.includes('service-accounts_writer')) grant.role = 'roles/bigquery.dataEditor';
    }
    const heads = violationHeads(analyze(json));
    expect(heads.filter((h) => h.includes('can alter the schema'))).toHaveLength(6);
    // dataEditor also drops tables (bigquery.tables.delete): no longer an accepted DML-only limitation.
    expect(heads.filter((h) => h.includes('can delete data of an append-only table'))).toEqual(
      APPEND_ONLY_TABLES.map((t) => `violation: ${writer} [writer] ${t}: can delete data of an append-only table`),
    );
  });

  it('without the acknowledgement label, DML deletes of append-only tables are violations again', () => {
    const json = shippedCopy('gcp-dev');
    for (const table of Object.values(json.resource.google_bigquery_table as Record<string, Record<string, any>>)) {
      if (table.labels) delete table.labels['lakehouse-append-only'];
    }
    const report = analyze(json);
    expect(report.accepted).toEqual([]);
    expect(violationHeads(report)).toHaveLength(8);
  });
});
