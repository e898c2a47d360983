import { beforeAll, describe, expect, it } from 'vitest';
import { restrictedColumns } from '../../../lib/model';
import { dataOf, onlyResource, parsePolicy, resourcesOf } from '../../support/synth';
import { ALL_TEMPLATES, BUCKET, KMS_KEY, STORAGE, logicalId, synthGlue, type Synthesized } from './glue-fixtures';

type Grant = Record<string, any>;

/** Grants of one principal (the role with that logical id). */
function grantsOf(s: Synthesized, roleName: string): Grant[] {
  const id = logicalId(s.json, 'aws_iam_role', (r) => r.name === roleName);
  return Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions')).filter((g) => g.principal === `\${aws_iam_role.${id}.arn}`);
}

/** `<db>.<table>` of a table grant: the table by name in the database it references. */
function tableOf(s: Synthesized, g: Grant): string {
  const block = g.table_with_columns ?? g.table;
  return `${databaseOf(s, block.database_name)}.${block.name}`;
}

/** The table-provisioning invocation creating `<db>.<table>`. */
function invocationOf(s: Synthesized, qualifiedName: string): string {
  const [id] = Object.entries(resourcesOf(s.json, 'aws_lambda_invocation')).find(([, r]) => {
    const input = JSON.parse(r.input as string) as { namespace: string[]; table: { name: string } };
    return `${input.namespace[0]}.${input.table.name}` === qualifiedName;
  })!;
  return `aws_lambda_invocation.${id}`;
}

function databaseOf(s: Synthesized, ref: string): string {
  const dbs = resourcesOf(s.json, 'aws_glue_catalog_database');
  const id = /^\$\{aws_glue_catalog_database\.([^.]+)\.name\}$/.exec(ref)![1]!;
  return dbs[id]!.name;
}

describe('Lake Formation grants of the three tiers', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue();
  });

  it('reader: DESCRIBE on every database', () => {
    const dbGrants = grantsOf(s, 'acme-test-lakehouse-reader').filter((g) => g.database);
    expect(dbGrants.map((g) => [databaseOf(s, g.database.name), g.permissions]).sort()).toEqual(
      s.lakehouse.databaseNames.map((db) => [db, ['DESCRIBE']]),
    );
  });

  it('reader: SELECT on every table, excluding exactly the restricted columns', () => {
    const tableGrants = grantsOf(s, 'acme-test-lakehouse-reader').filter((g) => !g.database);
    const byTable = Object.fromEntries(tableGrants.map((g) => [tableOf(s, g), g]));
    expect(Object.keys(byTable).sort()).toEqual(s.lakehouse.tableNames);
    for (const t of ALL_TEMPLATES()) {
      const g = byTable[`acme_test_${t.namespace}.${t.name}`]!;
      expect(g.permissions).toEqual(['SELECT']);
      const restricted = restrictedColumns(t);
      if (restricted.length > 0) {
        expect(g.table_with_columns.wildcard).toBe(true);
        expect(g.table_with_columns.excluded_column_names).toEqual(restricted);
        expect(g.table).toBeUndefined();
      } else {
        // Nothing restricted: a plain table grant (what Lake Formation stores for a bare column wildcard).
        expect(g.table_with_columns).toBeUndefined();
        expect(g.table.name).toBe(t.name);
        expect(g.table.wildcard).toBeUndefined();
      }
      // Granted once the function has created the table, revoked before it drops it.
      expect(g.depends_on).toContain(invocationOf(s, `acme_test_${t.namespace}.${t.name}`));
    }
  });

  it('covers both cases with the shipped templates', () => {
    expect(restrictedColumns(ALL_TEMPLATES().find((t) => t.name === 'customer_features')!)).toEqual([]);
    expect(restrictedColumns(ALL_TEMPLATES().find((t) => t.name === 'audit_trail')!)).toEqual(['user_email', 'ip_address']);
  });

  it('writer: SELECT/INSERT/DELETE/DESCRIBE/ALTER per table, no DELETE on append-only tables', () => {
    const grants = grantsOf(s, 'acme-test-lakehouse-writer');
    expect(grants.filter((g) => g.database).every((g) => g.permissions.join() === 'DESCRIBE')).toBe(true);
    const byTable = Object.fromEntries(grants.filter((g) => g.table).map((g) => [tableOf(s, g), g.permissions]));
    expect(Object.keys(byTable).sort()).toEqual(s.lakehouse.tableNames);
    for (const t of ALL_TEMPLATES()) {
      const expected = t.append_only ? ['ALTER', 'DESCRIBE', 'INSERT', 'SELECT'] : ['ALTER', 'DELETE', 'DESCRIBE', 'INSERT', 'SELECT'];
      expect(byTable[`acme_test_${t.namespace}.${t.name}`]).toEqual(expected);
    }
    expect(byTable['acme_test_compliance.audit_trail']).not.toContain('DELETE');
    for (const g of grants.filter((x) => x.table)) expect(g.depends_on).toContain(invocationOf(s, tableOf(s, g)));
    expect(grants.some((g) => g.table_with_columns)).toBe(false);
  });

  it('admin: ALL on databases and tables without append-only tables; never DELETE, DROP or ALL on append-only tables; no data location access', () => {
    const grants = grantsOf(s, 'acme-test-lakehouse-admin');
    const appendOnlyDbs = new Set(
      ALL_TEMPLATES()
        .filter((t) => t.append_only)
        .map((t) => `acme_test_${t.namespace}`),
    );
    const dbs = grants.filter((g) => g.database).map((g) => [databaseOf(s, g.database.name), g.permissions]);
    expect(dbs.sort()).toEqual(s.lakehouse.databaseNames.map((db) => [db, appendOnlyDbs.has(db) ? ['ALTER', 'DESCRIBE'] : ['ALL']]));
    // Every table the admin can reach, with the permissions that reach it.
    const reach = new Map<string, string[]>();
    for (const g of grants.filter((x) => x.table)) {
      const db = g.table.wildcard ? databaseOf(s, g.table.database_name) : tableOf(s, g).split('.')[0]!;
      for (const t of ALL_TEMPLATES().filter((x) => `acme_test_${x.namespace}` === db)) {
        if (g.table.wildcard || tableOf(s, g) === `${db}.${t.name}`) reach.set(`${db}.${t.name}`, g.permissions);
      }
    }
    expect([...reach.keys()].sort()).toEqual(s.lakehouse.tableNames);
    for (const t of ALL_TEMPLATES()) {
      const permissions = reach.get(`acme_test_${t.namespace}.${t.name}`)!;
      if (t.append_only) expect(permissions).toEqual(['ALTER', 'DESCRIBE', 'INSERT', 'SELECT']);
      else expect(permissions).toEqual(['ALL']);
    }
    // The mixed namespace (mixed.events append-only, mixed.logs not) has per-table grants, not a wildcard.
    expect(grants.some((g) => g.table?.wildcard && databaseOf(s, g.table.database_name) === 'acme_test_mixed')).toBe(false);
    expect(grants.filter((g) => g.data_location)).toEqual([]);
    expect(grants.filter((g) => g.table_with_columns)).toEqual([]);
  });

  it('no tier receives DATA_LOCATION_ACCESS (it would let a table creator re-register append-only files and drop them)', () => {
    const provisioner = `\${aws_iam_role.${logicalId(s.json, 'aws_iam_role', (r) => r.name === 'acme-test-table-provisioner')}.arn}`;
    const tierGrants = Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions')).filter((g) => g.principal !== provisioner);
    expect(tierGrants.length).toBeGreaterThan(0);
    for (const g of tierGrants) {
      expect(g.permissions).not.toContain('DATA_LOCATION_ACCESS');
      expect(g.data_location).toBeUndefined();
    }
  });

  it('does not manage account settings unless asked', () => {
    expect(resourcesOf(s.json, 'aws_lakeformation_data_lake_settings')).toEqual({});
    for (const g of Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions'))) {
      expect(g.depends_on ?? []).not.toContainEqual(expect.stringMatching(/^aws_lakeformation_data_lake_settings\./));
    }
  });
});

describe('column exclusions whatever the account defaults (stack without account settings: hybrid access mode)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue({}, (lakehouse) => {
      lakehouse.grantRead({ roleName: 'bi', roleArn: 'arn:aws:iam::111122223333:role/bi' });
    });
  });
  const optIns = () => Object.values(resourcesOf(s.json, 'aws_lakeformation_opt_in'));
  const principalOf = (o: Grant) => o.principal[0].data_lake_principal_identifier;

  it('registers the warehouse in hybrid access mode', () => {
    expect(onlyResource(s.json, 'aws_lakeformation_resource').hybrid_access_enabled).toBe(true);
  });

  it('opts every tier role, and every granted role, in to Lake Formation on each database and all its tables', () => {
    const roles = ['reader', 'writer', 'admin'].map(
      (tier) => `\${aws_iam_role.${logicalId(s.json, 'aws_iam_role', (r) => r.name === `acme-test-lakehouse-${tier}`)}.arn}`,
    );
    for (const principal of [...roles, 'arn:aws:iam::111122223333:role/bi']) {
      const mine = optIns().filter((o) => principalOf(o) === principal);
      const dbs = mine.filter((o) => o.resource_data[0].database).map((o) => databaseOf(s, o.resource_data[0].database[0].name));
      expect(dbs.sort()).toEqual(s.lakehouse.databaseNames);
      const tables = mine.filter((o) => o.resource_data[0].table).map((o) => o.resource_data[0].table[0]);
      expect(tables.every((t) => t.wildcard === true && t.name === undefined)).toBe(true);
      expect(tables.map((t) => databaseOf(s, t.database_name)).sort()).toEqual(s.lakehouse.databaseNames);
    }
  });

  it('opts in after the grants and the hybrid registration', () => {
    const regId = Object.keys(resourcesOf(s.json, 'aws_lakeformation_resource'))[0]!;
    for (const o of optIns()) {
      expect(o.depends_on).toContain(`aws_lakeformation_resource.${regId}`);
      expect(o.depends_on.some((d: string) => d.startsWith('aws_lakeformation_permissions.'))).toBe(true);
    }
  });

  it('is not used when the stack manages the account settings (they clear the defaults)', () => {
    const managed = synthGlue({ manageAccountSettings: true });
    expect(resourcesOf(managed.json, 'aws_lakeformation_opt_in')).toEqual({});
    expect(onlyResource(managed.json, 'aws_lakeformation_resource').hybrid_access_enabled).toBeUndefined();
  });
});

describe('Lake Formation registration of the warehouse', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue({ storage: { ...STORAGE, kmsKeyArn: KMS_KEY } });
  });

  it('registers the warehouse prefix with our own role, not the service-linked role', () => {
    const reg = onlyResource(s.json, 'aws_lakeformation_resource');
    expect(reg.arn).toBe(`arn:aws:s3:::${BUCKET}/warehouse`);
    expect(reg.use_service_linked_role).toBe(false);
    const roleId = logicalId(s.json, 'aws_iam_role', (r) => r.name === 'acme-test-lakehouse-lf-register');
    expect(reg.role_arn).toBe(`\${aws_iam_role.${roleId}.arn}`);
    expect(reg.depends_on).toContain(`aws_iam_role_policy.${logicalId(s.json, 'aws_iam_role_policy', (p) => p.name === 'warehouse-data')}`);
  });

  it('uses a role trusted by Lake Formation, able to read and write the warehouse and use the key', () => {
    const role = Object.values(resourcesOf(s.json, 'aws_iam_role')).find((r) => r.name === 'acme-test-lakehouse-lf-register')!;
    expect(parsePolicy(role.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'lakeformation.amazonaws.com' },
        Action: 'sts:AssumeRole',
        // Confused-deputy conditions in the only aws:SourceArn form Lake Formation supports.
        Condition: {
          StringEquals: { 'aws:SourceAccount': expect.stringMatching(/^\$\{data\.aws_caller_identity\.[^}]+\.account_id\}$/) },
          ArnLike: {
            'aws:SourceArn': expect.stringMatching(
              /^arn:\$\{data\.aws_partition\.[^}]+\}:lakeformation:\$\{data\.aws_region\.[^}]+\}:\$\{data\.aws_caller_identity\.[^}]+\}:\*$/,
            ),
          },
        },
      },
    ]);
    const policy = Object.values(resourcesOf(s.json, 'aws_iam_role_policy')).find((p) => p.name === 'warehouse-data')!;
    const statements = parsePolicy(policy.policy).Statement;
    const sid = (id: string) => statements.find((x) => x.Sid === id)!;
    expect(sid('WarehouseObjects')).toEqual({
      Sid: 'WarehouseObjects',
      Effect: 'Allow',
      Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::${BUCKET}/warehouse/*`,
    });
    expect(sid('ListPrefixes').Condition).toEqual({ StringLike: { 's3:prefix': ['warehouse', 'warehouse/*'] } });
    expect(sid('DataKey')).toEqual({
      Sid: 'DataKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
      Resource: KMS_KEY,
    });
  });
});

describe('account-wide data lake settings', () => {
  const admins = ['arn:aws:iam::111122223333:role/terraform', 'arn:aws:iam::111122223333:role/data-platform-admin'];
  let s: Synthesized;
  beforeAll(() => {
    s = synthGlue({ manageAccountSettings: true, lakeFormationAdmins: admins });
  });

  it('sets the admins plus the principal running Terraform, and leaves out the IAMAllowedPrincipals defaults (which clears them)', () => {
    const settings = onlyResource(s.json, 'aws_lakeformation_data_lake_settings');
    const context = Object.keys(dataOf(s.json, 'aws_iam_session_context'));
    expect(settings.admins).toEqual([...[...admins].sort(), `\${data.aws_iam_session_context.${context[0]}.issuer_arn}`]);
    expect(settings).not.toHaveProperty('create_database_default_permissions');
    expect(settings).not.toHaveProperty('create_table_default_permissions');
  });

  it("resolves the deployer's role from the caller's (assumed-role) ARN", () => {
    const [contextId, context] = Object.entries(dataOf(s.json, 'aws_iam_session_context'))[0]!;
    expect(contextId).toMatch(/account-settings/);
    expect(context.arn).toMatch(/^\$\{data\.aws_caller_identity\.[^.]+\.arn\}$/);
  });

  it('orders grants and the registration after the settings', () => {
    const id = Object.keys(resourcesOf(s.json, 'aws_lakeformation_data_lake_settings'))[0]!;
    for (const g of Object.values(resourcesOf(s.json, 'aws_lakeformation_permissions'))) {
      expect(g.depends_on).toContain(`aws_lakeformation_data_lake_settings.${id}`);
    }
    expect(onlyResource(s.json, 'aws_lakeformation_resource').depends_on).toContain(`aws_lakeformation_data_lake_settings.${id}`);
  });

  it('keeps the deployer an administrator when no other administrator is listed', () => {
    const alone = onlyResource(synthGlue({ manageAccountSettings: true }).json, 'aws_lakeformation_data_lake_settings');
    expect(alone.admins).toEqual([expect.stringMatching(/^\$\{data\.aws_iam_session_context\.[^.]+\.issuer_arn\}$/)]);
  });

  it('refuses to make a tier role a data lake administrator', () => {
    expect(() =>
      synthGlue({ manageAccountSettings: true, lakeFormationAdmins: ['arn:aws:iam::111122223333:role/acme-test-lakehouse-reader'] }),
    ).toThrow(/is this lakehouse's reader role/);
    expect(() => synthGlue({ lakeFormationAdmins: ['root'] })).toThrow(
      /access\.lake_formation_admins\[0\]: 'root' is not an IAM role or user ARN/,
    );
  });
});
