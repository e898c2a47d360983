import { GlueCatalogTable } from '@cdktf/provider-aws/lib/glue-catalog-table';
import { Construct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { desiredTableStateProblems, type DesiredTableState } from '../../../lib/iceberg-rest/desired-table';
import { toIcebergTableJson } from '../../../lib/model/mappings/iceberg-json';
import { requestProblems } from '../../support/request-schema';
import { awsTestStack, parsePolicy, resourcesOf } from '../../support/synth';
import { ALL_TEMPLATES, BUCKET, KMS_KEY, STORAGE, byName, synthGlue, type Synthesized } from './glue-fixtures';

/** The table-provisioning invocations by `<database>.<table>`, with their parsed inputs and logical ids. */
export function invocationsByTable(
  s: Synthesized,
): Record<string, { id: string; resource: Record<string, any>; input: DesiredTableState }> {
  return Object.fromEntries(
    Object.entries(resourcesOf(s.json, 'aws_lambda_invocation')).map(([id, resource]) => {
      const input = JSON.parse(resource.input as string) as DesiredTableState;
      return [`${input.namespace.join('.')}.${input.table.name}`, { id, resource, input }];
    }),
  );
}

describe('Glue databases and Iceberg tables', () => {
  let s: Synthesized;
  let invocations: ReturnType<typeof invocationsByTable>;
  beforeAll(() => {
    s = synthGlue();
    invocations = invocationsByTable(s);
  });

  it('creates one database per namespace named <project>_<env>_<namespace>, located under the warehouse', () => {
    const dbs = byName(s.json, 'aws_glue_catalog_database');
    expect(Object.keys(dbs).sort()).toEqual([
      'acme_test_analytics',
      'acme_test_compliance',
      'acme_test_core',
      'acme_test_finance',
      'acme_test_ml',
      'acme_test_pg_archive_sync',
      'acme_test_sales',
    ]);
    expect(dbs.acme_test_core!.location_uri).toBe(`s3://${BUCKET}/warehouse/core/`);
    expect(dbs.acme_test_core!.lifecycle).toEqual({ prevent_destroy: true });
    expect(s.lakehouse.databaseNames).toEqual(Object.keys(dbs).sort());
  });

  it('declares no aws_glue_catalog_table: the function creates every table (one invocation per template)', () => {
    expect(resourcesOf(s.json, 'aws_glue_catalog_table')).toEqual({});
    const expected = ALL_TEMPLATES()
      .map((t) => `acme_test_${t.namespace}.${t.name}`)
      .sort();
    expect(Object.keys(invocations).sort()).toEqual(expected);
    expect(s.lakehouse.tableNames).toEqual(expected);
    expect(Object.keys(s.lakehouse.catalog.invocations).sort()).toEqual(expected);
  });

  for (const t of ALL_TEMPLATES()) {
    describe(`${t.namespace}.${t.name}`, () => {
      const invocation = () => invocations[`acme_test_${t.namespace}.${t.name}`]!;

      it('creates the table in its database with the template schema, partition spec, sort order and properties', () => {
        const { input } = invocation();
        expect(desiredTableStateProblems(input)).toEqual([]);
        expect(requestProblems('CreateTableRequest', input.table)).toEqual([]);
        const iceberg = toIcebergTableJson(t);
        expect(input.namespace).toEqual([`acme_test_${t.namespace}`]);
        expect(input.table.name).toBe(t.name);
        expect(input.table.schema).toEqual(iceberg.schema);
        expect(input.table['partition-spec']).toEqual(iceberg['partition-spec']);
        expect(input.table['write-order']).toEqual(iceberg['sort-order']);
        expect(input.table.properties).toEqual(iceberg.properties);
        expect(input.table.location).toBe(`s3://${BUCKET}/warehouse/${t.namespace}/${t.name}/`);
      });

      it('runs as CRUD, is protected from destroy, and has no triggers (a replacement would drop the table)', () => {
        const { resource, input } = invocation();
        expect(resource).toMatchObject({ lifecycle_scope: 'CRUD', terraform_key: 'tf', lifecycle: { prevent_destroy: true } });
        expect(resource.triggers).toBeUndefined();
        expect(input.protectData).toBe(true);
      });
    });
  }

  it('talks to the account’s Glue Iceberg REST endpoint with SigV4 and leaves the databases to Terraform', () => {
    const { input } = Object.values(invocations)[0]!;
    expect(input.catalog).toMatchObject({
      kind: 'glue',
      uri: expect.stringMatching(/^https:\/\/glue\.\$\{data\.aws_region\.[\w-]+\.region\}\.amazonaws\.com\/iceberg$/),
      auth: { type: 'sigv4', service: 'glue' },
      createNamespaces: false,
    });
  });

  it('creates each table after its database and the function’s Lake Formation grants', () => {
    const dbIds = Object.keys(resourcesOf(s.json, 'aws_glue_catalog_database')).map((id) => `aws_glue_catalog_database.${id}`);
    const grants = Object.entries(resourcesOf(s.json, 'aws_lakeformation_permissions'))
      .filter(([, g]) => isProvisionerGrant(s, g))
      .map(([id]) => `aws_lakeformation_permissions.${id}`);
    expect(grants.length).toBe(dbIds.length * 2 + 1);
    for (const { resource } of Object.values(invocations))
      expect(resource.depends_on).toEqual(expect.arrayContaining([...dbIds, ...grants]));
  });

  it('gives the function CREATE_TABLE and DESCRIBE on each database, ALTER and DESCRIBE on existing tables, and the data location', () => {
    const grants = Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions')).filter((g) => isProvisionerGrant(s, g));
    const databases = grants.filter((g) => g.database);
    expect(databases.map((g) => g.permissions)).toEqual(databases.map(() => ['CREATE_TABLE', 'DESCRIBE']));
    const tables = grants.filter((g) => g.table);
    expect(tables.map((g) => [g.permissions, g.table.wildcard])).toEqual(tables.map(() => [['ALTER', 'DESCRIBE'], true]));
    const location = grants.filter((g) => g.data_location);
    expect(location).toHaveLength(1);
    expect(location[0]!.permissions).toEqual(['DATA_LOCATION_ACCESS']);
    expect(location[0]!.data_location.arn).toMatch(/^\$\{aws_lakeformation_resource\.[\w-]+\.arn\}$/);
  });

  it('tags the function’s role lakehouse-tier = provisioner and keeps its logs as long as the environment’s', () => {
    const role = byName(s.json, 'aws_iam_role')['acme-test-table-provisioner']!;
    expect(role.tags).toEqual({ 'lakehouse-tier': 'provisioner' });
    const logs = byName(s.json, 'aws_cloudwatch_log_group')['/aws/lambda/acme-test-table-provisioner']!;
    expect(logs.retention_in_days).toBe(365);
    expect(logs.kms_key_id).toBeUndefined();
    const policy = parsePolicy(byName(s.json, 'aws_iam_policy')['acme-test-table-provisioner-glue-1']!.policy);
    expect(policy.Statement.map((st) => st.Sid)).toEqual(['GlueDatabases', 'GlueIcebergTables']);
  });
});

/** Whether a Lake Formation grant goes to the table-provisioning function's role. */
function isProvisionerGrant(s: Synthesized, grant: Record<string, any>): boolean {
  const roleId = Object.entries(resourcesOf(s.json, 'aws_iam_role')).find(([, r]) => r.name === 'acme-test-table-provisioner')![0];
  return grant.principal === `\${aws_iam_role.${roleId}.arn}`;
}

describe('without data protection, with a CMK and managed account settings', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue({
      protectData: false,
      manageAccountSettings: true,
      lakeFormationAdmins: ['arn:aws:iam::111122223333:role/terraform'],
      storage: { ...STORAGE, kmsKeyArn: KMS_KEY },
    });
  });

  it('lifts prevent_destroy, lets the function drop tables of removed templates, and grants it DROP', () => {
    for (const db of Object.values(resourcesOf(s.json, 'aws_glue_catalog_database'))) expect(db.lifecycle.prevent_destroy).toBe(false);
    for (const { resource, input } of Object.values(invocationsByTable(s))) {
      expect(resource.lifecycle).toBeUndefined();
      expect(input.protectData).toBe(false);
    }
    const wildcard = Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions')).filter(
      (g) => isProvisionerGrant(s, g) && g.table?.wildcard,
    );
    expect(wildcard.length).toBeGreaterThan(0);
    for (const g of wildcard) expect(g.permissions).toEqual(['ALTER', 'DESCRIBE', 'DROP']);
  });

  it('creates databases, tables and the function’s grants after the account settings', () => {
    const [settingsId] = Object.keys(resourcesOf(s.json, 'aws_lakeformation_data_lake_settings'));
    const dep = `aws_lakeformation_data_lake_settings.${settingsId}`;
    for (const r of Object.values(resourcesOf(s.json, 'aws_glue_catalog_database'))) expect(r.depends_on).toContain(dep);
    for (const r of Object.values(resourcesOf(s.json, 'aws_lambda_invocation'))) expect(r.depends_on).toContain(dep);
    for (const g of Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions')).filter((g) => isProvisionerGrant(s, g))) {
      expect(g.depends_on).toContain(dep);
    }
  });

  it('encrypts the function’s log group with the environment’s key', () => {
    const logs = byName(s.json, 'aws_cloudwatch_log_group')['/aws/lambda/acme-test-table-provisioner']!;
    expect(logs.kms_key_id).toBe(KMS_KEY);
  });
});

describe('upgrading from a version that declared aws_glue_catalog_table', () => {
  it('forgets each earlier table resource (removed, destroy = false) under the very address it had, so nothing is destroyed', () => {
    // The earlier construct tree: GlueLakehouse 'glue' > GlueCatalogTables 'catalog' > GlueCatalogTable 'table-<ns>-<name>'.
    const earlier = awsTestStack();
    const catalog = new Construct(new Construct(earlier, 'glue'), 'catalog');
    const addresses = ALL_TEMPLATES().map(
      (t) =>
        `aws_glue_catalog_table.${new GlueCatalogTable(catalog, `table-${t.namespace}-${t.name}`, { name: t.name, databaseName: 'db' }).friendlyUniqueId}`,
    );
    const s = synthGlue();
    const removed = (s.json as { removed?: { from: string; lifecycle: unknown }[] }).removed ?? [];
    expect(removed.map((r) => r.from).sort()).toEqual([...addresses].sort());
    for (const r of removed) expect(r.lifecycle).toEqual({ destroy: false });
  });
});

describe('provisioning_revision', () => {
  it('is absent from every input at 0 and, raised, changes every input (each table is checked again as an update)', () => {
    const revisionOf = (s: Synthesized) => Object.values(invocationsByTable(s)).map(({ input }) => input.revision);
    expect(revisionOf(synthGlue())).toEqual(ALL_TEMPLATES().map(() => undefined));
    const raised = synthGlue({ provisioningRevision: 2 });
    expect(revisionOf(raised)).toEqual(ALL_TEMPLATES().map(() => 2));
  });
});
