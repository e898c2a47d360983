import { describe, expect, it } from 'vitest';
import { reportJson, type AccessReport } from '../../../lib/policy/access';
import {
  accessOf,
  analyze,
  APPEND_ONLY_NAMESPACES,
  APPEND_ONLY_TABLES,
  addResource,
  editPolicy,
  removeResource,
  ETL,
  PLATFORM_ADMIN,
  resource,
  shippedCopy,
  shippedStacks,
  SSO_READERS,
  trust,
  violationHeads,
} from './access-fixtures';

/*
 * The violations `lakehouse access` reports on the shipped stacks. Before issue 13 each stack had
 * rows here, one group per bug; every item is fixed, so each list is empty and `lakehouse access`
 * exits 0 on every shipped stack (.ci/run checks it). The describes below break one fix at a time
 * in the shipped JSON and assert that exactly that fix's violations come back.
 */
const SA = (tier: string) => `serviceAccount:acme-lake-gcp-dev-${tier}@acme-lake-dev.iam.gserviceaccount.com`;
const DELETES = 'can delete data of an append-only table';
const SEVERAL_TIERS = 'is trusted by roles of several tiers (admin, reader, writer): a principal meant for one tier can assume another';
const RESTRICTED_READS = [
  'analytics.event_stream: can read restricted columns (user_id, ip_address)',
  'compliance.audit_trail: can read restricted columns (user_email, ip_address)',
  'core.customer_dim: can read restricted columns (email)',
  'pg_archive_sync.primary_postgresql_logs: can read restricted columns (user_name, client_addr)',
  'pg_archive_sync.replica_postgresql_logs: can read restricted columns (user_name, client_addr)',
];
const NO_TIER = (tier: string) =>
  `violation: stack: no ${tier} principal: expected a role named <prefix>-lakehouse-${tier} (AWS), a service account <prefix>-${tier} (GCP), or one tagged lakehouse-tier=${tier}`;

const KNOWN_VIOLATIONS: Record<string, string[]> = {
  // Items 1-4 fixed: per-tier trust, hybrid access mode with the tier roles opted in (dev manages no
  // account settings), the deployer kept an administrator, no DELETE/DROP/ALL or data location
  // access for admins on append-only tables.
  dev: [],
  // Items 6-7 fixed: no object access for readers, object read only (no write or delete) for writers
  // and admins, custom roles without schema changes (writers) or drops; the DML deletes BigQuery
  // cannot prevent are accepted limitations (gcp.accept_unenforced_append_only), not violations.
  'gcp-dev': [],
  prod: [],
  // Item 8 fixed: reader, writer and admin roles on the Nessie path; readers read only the tables without restricted columns.
  staging: [],
};

describe('lakehouse access on the shipped stacks', () => {
  const reports = new Map<string, AccessReport>([...shippedStacks()].map(([name, json]) => [name, analyze(json, undefined, name)]));

  it('analyzes every shipped stack', () => {
    expect([...reports.keys()].sort()).toEqual(Object.keys(KNOWN_VIOLATIONS).sort());
  });

  for (const [stack, expected] of Object.entries(KNOWN_VIOLATIONS)) {
    it(`${stack}: reports exactly the known violations`, () => {
      expect(violationHeads(reports.get(stack)!)).toEqual(expected);
    });
  }

  it('prod: the reader reads public columns only, the writer and the admin cannot delete append-only data', () => {
    const prod = reports.get('prod')!;
    expect(accessOf(prod, 'acme-lake-prod-lakehouse-reader', 'core.customer_dim')).toEqual({
      read: 'public',
      write: false,
      alter: false,
      delete: false,
    });
    expect(accessOf(prod, 'acme-lake-prod-lakehouse-reader', 'ml.customer_features').read).toBe('all');
    for (const tier of ['writer', 'admin'])
      expect(accessOf(prod, `acme-lake-prod-lakehouse-${tier}`, 'compliance.audit_trail')).toEqual({
        read: 'all',
        write: true,
        alter: true,
        delete: false,
      });
    expect(accessOf(prod, 'acme-lake-prod-lakehouse-writer', 'core.customer_dim').delete).toBe(true);
    expect(accessOf(prod, 'acme-lake-prod-lakehouse-admin', 'core.customer_dim').delete).toBe(true);
  });

  it('prod: each principal of access.readers / writers / admins takes exactly its tier', () => {
    const prod = reports.get('prod')!;
    const tierOf = (id: string) => prod.principals.find((p) => p.id === id)?.tier;
    expect([SSO_READERS, ETL, PLATFORM_ADMIN].map(tierOf)).toEqual(['reader', 'writer', 'admin']);
    expect(accessOf(prod, SSO_READERS, 'core.customer_dim')).toEqual({ read: 'public', write: false, alter: false, delete: false });
  });

  it('dev: Lake Formation governs the tier roles through hybrid access mode, not the account defaults', () => {
    const dev = reports.get('dev')!;
    expect(accessOf(dev, 'acme-lake-dev-lakehouse-reader', 'core.customer_dim').read).toBe('public');
    expect(accessOf(dev, 'acme-lake-dev-lakehouse-writer', 'compliance.audit_trail').delete).toBe(false);
  });

  it('gcp-dev: the reader reads public columns through BigQuery only; writers and admins delete append-only rows as an accepted limitation', () => {
    const gcp = reports.get('gcp-dev')!;
    expect(accessOf(gcp, SA('reader'), 'core.customer_dim')).toEqual({ read: 'public', write: false, alter: false, delete: false });
    expect(accessOf(gcp, SA('writer'), 'core.customer_dim')).toEqual({ read: 'all', write: true, alter: false, delete: true });
    expect(accessOf(gcp, SA('admin'), 'core.customer_dim')).toEqual({ read: 'all', write: true, alter: true, delete: true });
    expect(gcp.accepted.map((v) => `${v.principal} ${v.table}`)).toEqual(
      ['admin', 'writer'].flatMap((tier) => APPEND_ONLY_TABLES.map((t) => `${SA(tier)} ${t}`)),
    );
    for (const v of gcp.accepted) expect(v.via.every((x) => /DML DELETE needs only bigquery\.tables\.updateData/.test(x.how))).toBe(true);
  });

  it('the other shipped stacks accept no limitation', () => {
    for (const stack of ['dev', 'prod', 'staging']) expect(reports.get(stack)!.accepted).toEqual([]);
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
    // On Nessie the table is at Nessie's own path (it ignores a requested location): <name>_<uuid>.
    const staging = reports.get('staging')!.tables.find((t) => t.key === 'core.customer_dim')!;
    expect(staging.catalog).toBe('nessie');
    expect(staging.s3Objects[0]).toBe(
      'arn:aws:s3:::acme-lake-staging-lakehouse/warehouse/core/customer_dim_00000000-0000-4000-8000-000000000000/data/00000-0-sample.parquet',
    );
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

describe('the Nessie fix of issue 13 (item 8) is what removes its violations', () => {
  it('without the tier roles the report finds no tier at all', () => {
    const json = shippedCopy('staging');
    for (const tier of ['reader', 'writer', 'admin']) removeResource(json, 'aws_iam_role', `tiers_${tier}_`);
    expect(violationHeads(analyze(json)).filter((h) => h.startsWith('violation: stack:'))).toEqual([
      NO_TIER('admin'),
      NO_TIER('reader'),
      NO_TIER('writer'),
    ]);
  });

  it('a reader policy on the whole warehouse (what grantDataAccess gave before) reads every restricted table', () => {
    const json = shippedCopy('staging');
    const [, policy] = resource(json, 'aws_iam_policy', 'tiers_reader-managed-1');
    editPolicy(policy, 'policy', (doc) => {
      const read = doc.Statement.find((x) => x.Sid === 'ReadTablesWithoutRestrictedColumns')!;
      read.Resource = 'arn:aws:s3:::acme-lake-staging-lakehouse/warehouse/*';
    });
    const reader = 'acme-lake-staging-lakehouse-reader';
    const analysts = 'arn:aws:iam::111122223333:role/acme-lake-staging-analysts';
    expect(violationHeads(analyze(json))).toEqual(
      [reader, analysts].flatMap((p) => RESTRICTED_READS.map((r) => `violation: ${p} [reader] ${r}`)),
    );
  });

  it('an admin without the append-only Deny deletes append-only files', () => {
    const json = shippedCopy('staging');
    for (const policy of Object.values(json.resource.aws_iam_policy as Record<string, Record<string, string>>)) {
      if (policy.policy?.includes('AppendOnlyNoDelete'))
        editPolicy(policy, 'policy', (doc) => void (doc.Statement = doc.Statement.filter((x) => x.Effect !== 'Deny')));
    }
    const admin = 'acme-lake-staging-lakehouse-admin';
    const platform = 'arn:aws:iam::111122223333:role/acme-lake-platform-admin';
    expect(violationHeads(analyze(json))).toEqual(
      [admin, platform].flatMap((p) => APPEND_ONLY_TABLES.map((t) => `violation: ${p} [admin] ${t}: ${DELETES}`)),
    );
  });
});

/** Violations after breaking one fix again in a shipped stack: each fix removes exactly these. */
describe('each Glue fix of issue 13 is what removes its violations', () => {
  const DEV_ADMIN = 'acme-lake-dev-lakehouse-admin';

  it('item 1 (prod): one trust list for every tier brings back exactly the several-tiers violations', () => {
    const json = shippedCopy('prod');
    for (const tier of ['reader', 'writer', 'admin'])
      resource(json, 'aws_iam_role', `access_${tier}`)[1].assume_role_policy = trust(SSO_READERS, ETL, PLATFORM_ADMIN);
    expect(violationHeads(analyze(json))).toEqual(
      [PLATFORM_ADMIN, SSO_READERS, ETL].sort().map((p) => `violation: ${p} [other]: ${SEVERAL_TIERS}`),
    );
  });

  it('item 2 (dev): without hybrid access mode IAM governs dev, and readers read restricted columns, writers and admins delete', () => {
    const json = shippedCopy('dev');
    delete resource(json, 'aws_lakeformation_resource', 'registration_resource')[1].hybrid_access_enabled;
    expect(violationHeads(analyze(json))).toEqual([
      ...APPEND_ONLY_TABLES.map((t) => `violation: ${DEV_ADMIN} [admin] ${t}: ${DELETES}`),
      ...RESTRICTED_READS.map((r) => `violation: acme-lake-dev-lakehouse-reader [reader] ${r}`),
      ...APPEND_ONLY_TABLES.map((t) => `violation: acme-lake-dev-lakehouse-writer [writer] ${t}: ${DELETES}`),
    ]);
  });

  it('item 4 (prod): admin ALL on the append-only namespaces brings back exactly the admin deletes', () => {
    const json = shippedCopy('prod');
    for (const ns of APPEND_ONLY_NAMESPACES)
      resource(json, 'aws_lakeformation_permissions', `admin-grants_tables-${ns}_`)[1].permissions = ['ALL'];
    expect(violationHeads(analyze(json))).toEqual(
      ['acme-lake-prod-lakehouse-admin', PLATFORM_ADMIN]
        .sort()
        .flatMap((p) => APPEND_ONLY_TABLES.map((t) => `violation: ${p} [admin] ${t}: ${DELETES}`)),
    );
  });

  it('item 4 (prod): data location access plus table creation brings back the admin deletes (own table over the files)', () => {
    const json = shippedCopy('prod');
    const admin = '${aws_iam_role.lakehouse_glue_access_admin_7D1DF53F.arn}';
    addResource(json, 'aws_lakeformation_permissions', 'admin_location', {
      principal: admin,
      permissions: ['DATA_LOCATION_ACCESS'],
      data_location: { arn: '${aws_lakeformation_resource.lakehouse_glue_registration_resource_6068AD17.arn}' },
    });
    resource(json, 'aws_lakeformation_permissions', 'admin-grants_database-analytics_')[1].permissions = ['ALL'];
    const heads = violationHeads(analyze(json));
    expect(heads).toEqual(
      ['acme-lake-prod-lakehouse-admin', PLATFORM_ADMIN]
        .sort()
        .flatMap((p) => APPEND_ONLY_TABLES.map((t) => `violation: ${p} [admin] ${t}: ${DELETES}`)),
    );
  });
});
