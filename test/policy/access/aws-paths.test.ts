import { describe, expect, it } from 'vitest';
import { tf } from '../fixtures';
import { accessOf, analyze, template, trust, violationHeads } from './access-fixtures';

/*
 * Each path of the AWS analysis on hand-built minimal JSON: one Glue database `acme_dev_sales`
 * with two tables (orders: restricted `email`; events: append-only), Lake Formation governing them
 * (account settings with cleared defaults, database ordered after them), and three tier roles.
 */
const TEMPLATES = [
  template(
    'name: orders\nnamespace: sales\ncolumns:\n  - { name: id, type: long }\n  - { name: email, type: string, access_level: restricted }\n',
  ),
  template('name: events\nnamespace: sales\nappend_only: true\ncolumns:\n  - { name: id, type: long }\n'),
];
const BUCKET_ARN = '${aws_s3_bucket.data.arn}';
const DB = '${aws_glue_catalog_database.sales.name}';
const ROLE_ARN = (tier: string) => `\${aws_iam_role.${tier}.arn}`;

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function base(extra: Record<string, Record<string, unknown>> = {}) {
  const table = (name: string) => ({
    name,
    database_name: DB,
    storage_descriptor: { location: `s3://\${aws_s3_bucket.data.bucket}/warehouse/sales/${name}/` },
  });
  const role = (tier: string) => ({ name: `acme-dev-lakehouse-${tier}`, assume_role_policy: trust('arn:aws:iam::111122223333:role/sso') });
  const grant = (tier: string, permissions: string[], target: object) => ({ principal: ROLE_ARN(tier), permissions, ...target });
  return tf({
    'aws_s3_bucket.data': { bucket: 'acme-dev-lakehouse' },
    'aws_lakeformation_data_lake_settings.settings': { admins: ['arn:aws:iam::111122223333:role/deployer'] },
    'aws_glue_catalog_database.sales': { name: 'acme_dev_sales', depends_on: ['aws_lakeformation_data_lake_settings.settings'] },
    'aws_glue_catalog_table.orders': table('orders'),
    'aws_glue_catalog_table.events': table('events'),
    'aws_iam_role.reader': role('reader'),
    'aws_iam_role.writer': { ...role('writer'), assume_role_policy: trust('arn:aws:iam::111122223333:role/etl') },
    'aws_iam_role.admin': { ...role('admin'), assume_role_policy: trust('arn:aws:iam::111122223333:role/ops') },
    'aws_lakeformation_permissions.reader_orders': grant('reader', ['SELECT'], {
      table_with_columns: { database_name: DB, name: 'orders', wildcard: true, excluded_column_names: ['email'] },
    }),
    'aws_lakeformation_permissions.reader_events': grant('reader', ['SELECT'], { table: { database_name: DB, name: 'events' } }),
    'aws_lakeformation_permissions.writer_orders': grant('writer', ['ALTER', 'DELETE', 'DESCRIBE', 'INSERT', 'SELECT'], {
      table: { database_name: DB, name: 'orders' },
    }),
    'aws_lakeformation_permissions.writer_events': grant('writer', ['ALTER', 'DESCRIBE', 'INSERT', 'SELECT'], {
      table: { database_name: DB, name: 'events' },
    }),
    'aws_lakeformation_permissions.admin_orders': grant('admin', ['ALL'], { table: { database_name: DB, name: 'orders' } }),
    'aws_lakeformation_permissions.admin_events': grant('admin', ['ALTER', 'DESCRIBE', 'INSERT', 'SELECT'], {
      table: { database_name: DB, name: 'events' },
    }),
    ...extra,
  }) as Record<string, any>;
}

describe('access analysis on hand-built AWS JSON', () => {
  it('a correct minimal Glue stack passes, and each tier gets exactly its row of the tier table', () => {
    const report = analyze(base(), TEMPLATES);
    expect(violationHeads(report)).toEqual([]);
    expect(accessOf(report, 'acme-dev-lakehouse-reader', 'sales.orders')).toEqual({
      read: 'public',
      write: false,
      alter: false,
      delete: false,
    });
    expect(accessOf(report, 'acme-dev-lakehouse-writer', 'sales.events')).toEqual({ read: 'all', write: true, alter: true, delete: false });
    expect(accessOf(report, 'acme-dev-lakehouse-admin', 'sales.orders')).toEqual({ read: 'all', write: true, alter: true, delete: true });
    expect(accessOf(report, 'arn:aws:iam::111122223333:role/sso', 'sales.orders').read).toBe('public');
  });

  it('column_names naming a restricted column reads it; naming only public columns does not', () => {
    const named = (columns: string[]) =>
      base({
        'aws_lakeformation_permissions.reader_orders': {
          principal: ROLE_ARN('reader'),
          permissions: ['SELECT'],
          table_with_columns: { database_name: DB, name: 'orders', column_names: columns },
        },
      });
    expect(accessOf(analyze(named(['id']), TEMPLATES), 'acme-dev-lakehouse-reader', 'sales.orders').read).toBe('public');
    expect(violationHeads(analyze(named(['id', 'email']), TEMPLATES))).toContain(
      'violation: acme-dev-lakehouse-reader [reader] sales.orders: can read restricted columns (email)',
    );
  });

  it('a wildcard table grant covers every table of the database', () => {
    const json = base({
      'aws_lakeformation_permissions.reader_all': {
        principal: ROLE_ARN('reader'),
        permissions: ['SELECT'],
        table: { database_name: DB, wildcard: true },
      },
    });
    expect(violationHeads(analyze(json, TEMPLATES))).toEqual([
      'violation: acme-dev-lakehouse-reader [reader] sales.orders: can read restricted columns (email)',
      'violation: arn:aws:iam::111122223333:role/sso [reader] sales.orders: can read restricted columns (email)',
    ]);
  });

  it('IAM_ALLOWED_PRINCIPALS granted on a table hands it to IAM: glue:GetTable then reads every column', () => {
    const json = base({
      'aws_lakeformation_permissions.iam_allowed': {
        principal: 'IAM_ALLOWED_PRINCIPALS',
        permissions: ['ALL'],
        table: { database_name: DB, name: 'orders' },
      },
      'aws_iam_role_policy.reader_glue': {
        role: '${aws_iam_role.reader.name}',
        name: 'glue',
        policy: policy({ Effect: 'Allow', Action: 'glue:GetTable', Resource: 'arn:aws:glue:*:*:table/acme_dev_sales/*' }),
      },
    });
    const v = analyze(json, TEMPLATES).violations.find((x) => x.principal === 'acme-dev-lakehouse-reader')!;
    expect(v).toMatchObject({ kind: 'restricted-read', table: 'sales.orders', via: [{ address: 'aws_iam_role_policy.reader_glue' }] });
    expect(v.via[0]!.how).toContain('aws_lakeformation_permissions.iam_allowed');
  });

  it('where IAM governs a table, the Glue catalog’s resource policy grants too', () => {
    const json = base({
      'aws_lakeformation_permissions.iam_allowed': {
        principal: 'IAM_ALLOWED_PRINCIPALS',
        permissions: ['ALL'],
        table: { database_name: DB, name: 'orders' },
      },
      'aws_glue_resource_policy.catalog': {
        policy: policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'glue:GetTable', Resource: 'arn:aws:glue:*:*:table/*' }),
      },
    });
    const v = analyze(json, TEMPLATES).violations.find((x) => x.principal === 'acme-dev-lakehouse-reader')!;
    expect(v).toMatchObject({ kind: 'restricted-read', table: 'sales.orders', via: [{ address: 'aws_glue_resource_policy.catalog' }] });
  });

  it('reports S3 access points as a path it does not evaluate', () => {
    const json = base({ 'aws_s3_access_point.ap': { bucket: '${aws_s3_bucket.data.id}', name: 'ap' } });
    expect(violationHeads(analyze(json, TEMPLATES))).toEqual([
      'violation: unknown: S3 access points are not evaluated: access through them is unknown',
    ]);
  });

  it('a database not ordered after the account settings may keep IAMAllowedPrincipals defaults', () => {
    const json = base();
    delete json.resource.aws_glue_catalog_database.sales.depends_on;
    json.resource.aws_iam_role_policy = {
      reader_glue: {
        role: 'acme-dev-lakehouse-reader',
        name: 'glue',
        policy: policy({ Effect: 'Allow', Action: 'glue:Get*', Resource: '*' }),
      },
    };
    const v = analyze(json, TEMPLATES).violations.find((x) => x.principal === 'acme-dev-lakehouse-reader')!;
    expect(v.via[0]!.how).toMatch(/not ordered after aws_lakeformation_data_lake_settings\.settings/);
  });

  it('a hybrid-mode opt-in keeps Lake Formation in charge for the opted-in principal, only where the location is registered in hybrid mode', () => {
    const extra = {
      'aws_lakeformation_permissions.iam_allowed': {
        principal: 'IAM_ALLOWED_PRINCIPALS',
        permissions: ['ALL'],
        table: { database_name: DB, name: 'orders' },
      },
      'aws_iam_role_policy.reader_glue': {
        role: 'acme-dev-lakehouse-reader',
        name: 'glue',
        policy: policy({ Effect: 'Allow', Action: 'glue:*', Resource: '*' }),
      },
      'aws_lakeformation_opt_in.reader': {
        principal: { data_lake_principal_identifier: ROLE_ARN('reader') },
        resource_data: { table: { database_name: DB, name: 'orders' } },
      },
    };
    const registration = (hybrid: boolean) => ({
      'aws_lakeformation_resource.warehouse': { arn: `${BUCKET_ARN}/warehouse`, ...(hybrid ? { hybrid_access_enabled: true } : {}) },
    });
    const hybrid = analyze(base({ ...extra, ...registration(true) }), TEMPLATES);
    expect(accessOf(hybrid, 'acme-dev-lakehouse-reader', 'sales.orders')).toEqual({
      read: 'public',
      write: false,
      alter: false,
      delete: false,
    });
    // Registered without hybrid access mode, the opt-in does nothing: IAMAllowedPrincipals hands the table to IAM.
    const plain = analyze(base({ ...extra, ...registration(false) }), TEMPLATES);
    expect(accessOf(plain, 'acme-dev-lakehouse-reader', 'sales.orders').read).toBe('all');
    expect(plain.notes.map((n) => n.message)).toContainEqual(
      expect.stringMatching(/no aws_lakeformation_resource registers .* hybrid_access_enabled/),
    );
  });

  it('an empty create_table_default_permission block is no protection: the provider sends nothing, the account defaults apply', () => {
    const json = base({
      'aws_iam_role_policy.reader_glue': {
        role: 'acme-dev-lakehouse-reader',
        name: 'glue',
        policy: policy({ Effect: 'Allow', Action: 'glue:GetTable', Resource: '*' }),
      },
    });
    delete json.resource.aws_lakeformation_data_lake_settings;
    json.resource.aws_glue_catalog_database.sales = { name: 'acme_dev_sales', create_table_default_permission: [{}] };
    const report = analyze(json, TEMPLATES);
    expect(violationHeads(report)).toContainEqual(
      'violation: acme-dev-lakehouse-reader [reader] sales.orders: can read restricted columns (email)',
    );
    const v = report.violations.find((x) => x.principal === 'acme-dev-lakehouse-reader' && x.table === 'sales.orders')!;
    expect(v.via[0]!.how).toMatch(/no create_table_default_permission on its database and no Lake Formation settings in the stack/);
  });

  it('an IAM Deny on s3:DeleteObject stops direct deletes; one excepting the maintenance role by aws:PrincipalArn still binds the writer', () => {
    const write = {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: `${BUCKET_ARN}/warehouse/sales/*`,
    };
    const deny = {
      Effect: 'Deny',
      Action: 's3:DeleteObject',
      Resource: `${BUCKET_ARN}/warehouse/sales/events/*`,
      Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*-lakehouse-optimizer' } },
    };
    const json = base({ 'aws_iam_role_policy.writer_s3': { role: 'acme-dev-lakehouse-writer', name: 's3', policy: policy(write) } });
    expect(accessOf(analyze(json, TEMPLATES), 'acme-dev-lakehouse-writer', 'sales.events').delete).toBe(true);
    json.resource.aws_s3_bucket_policy = { data: { bucket: '${aws_s3_bucket.data.id}', policy: policy({ ...deny, Principal: '*' }) } };
    expect(accessOf(analyze(json, TEMPLATES), 'acme-dev-lakehouse-writer', 'sales.events').delete).toBe(false);
    expect(accessOf(analyze(json, TEMPLATES), 'acme-dev-lakehouse-writer', 'sales.orders').delete).toBe(true);
  });

  it('account-root trust plus an identity policy allowing sts:AssumeRole is an assume edge', () => {
    const json = base({
      'aws_iam_role.admin': {
        name: 'acme-dev-lakehouse-admin',
        assume_role_policy: trust('arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:root'),
      },
      'data.aws_partition.p': {},
      'data.aws_caller_identity.c': {},
    });
    expect(violationHeads(analyze(json, TEMPLATES))).toEqual([]);
    json.resource.aws_iam_role_policy = {
      reader_assume: {
        role: '${aws_iam_role.reader.id}',
        name: 'assume',
        policy: policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE_ARN('admin') }),
      },
    };
    const report = analyze(json, TEMPLATES);
    expect(report.violations.find((v) => v.kind === 'trust')).toMatchObject({
      principal: 'acme-dev-lakehouse-reader',
      what: 'can assume the admin role acme-dev-lakehouse-admin',
      via: [{ address: 'aws_iam_role.admin (account root) + aws_iam_role_policy.reader_assume' }],
    });
    expect(accessOf(report, 'acme-dev-lakehouse-reader', 'sales.orders').read).toBe('all');
  });

  it('a tag names the tier explicitly, and a role tagged maintenance may delete append-only data', () => {
    const json = base({
      'aws_iam_role.janitor': {
        name: 'janitor',
        assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        tags: { 'lakehouse-tier': 'maintenance' },
      },
      'aws_lakeformation_permissions.janitor': {
        principal: ROLE_ARN('janitor'),
        permissions: ['DELETE'],
        table: { database_name: DB, name: 'events' },
      },
    });
    expect(violationHeads(analyze(json, TEMPLATES))).toEqual([]);
    json.resource.aws_iam_role.janitor.tags = {};
    expect(violationHeads(analyze(json, TEMPLATES))).toEqual([
      'violation: janitor [other] sales.events: can delete data of an append-only table',
    ]);
  });

  it('reports what it cannot read: a policy built by a Terraform function, LF-Tag grants, a table missing from the stack', () => {
    const json = base({
      'aws_iam_role_policy.opaque': { role: 'acme-dev-lakehouse-reader', name: 'x', policy: '${jsonencode({Statement = []})}' },
      'aws_lakeformation_permissions.by_tag': {
        principal: ROLE_ARN('reader'),
        permissions: ['SELECT'],
        lf_tag_policy: { resource_type: 'TABLE', expression: [] },
      },
    });
    const extra = template('name: refunds\nnamespace: sales\ncolumns:\n  - { name: id, type: long }\n');
    const unknown = analyze(json, [...TEMPLATES, extra]).violations.filter((v) => v.kind === 'unknown');
    expect(unknown.map((v) => [v.via[0]!.address, v.what.split(' (')[0]])).toEqual([
      [
        'aws_lakeformation_permissions.by_tag',
        'grants SELECT to arn:aws:iam::{account}:role/acme-dev-lakehouse-reader through LF-Tags or data cell filters, which the report does not evaluate',
      ],
      ['sales.refunds', 'no Glue table, BigQuery table or Nessie warehouse for sales.refunds in this stack'],
      ['aws_iam_role_policy.opaque', 'policy cannot be read'],
    ]);
  });
});

describe('the Nessie path with per-tier roles (issue 13 item 8 simulated in hand-built JSON)', () => {
  const nessie = (readerResource: string) =>
    tf({
      'aws_s3_bucket.data': { bucket: 'acme-stg-lakehouse' },
      'aws_iam_role.task': {
        name: 'acme-stg-nessie-task',
        assume_role_policy: policy({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      },
      'aws_ecs_task_definition.nessie': {
        task_role_arn: '${aws_iam_role.task.arn}',
        container_definitions: JSON.stringify([
          {
            image: 'ghcr.io/projectnessie/nessie:0.108.4',
            environment: [
              { name: 'NESSIE_CATALOG_DEFAULT_WAREHOUSE', value: 'warehouse' },
              { name: 'NESSIE_CATALOG_WAREHOUSES_WAREHOUSE_LOCATION', value: 's3://${aws_s3_bucket.data.bucket}/warehouse' },
            ],
          },
        ]),
      },
      'aws_iam_role_policy.task': {
        role: '${aws_iam_role.task.name}',
        name: 'nessie-warehouse',
        policy: policy({
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: `${BUCKET_ARN}/warehouse/*`,
        }),
      },
      ...Object.fromEntries(
        (
          [
            ['reader', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: readerResource }]],
            ['writer', [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `${BUCKET_ARN}/warehouse/*` }]],
            [
              'admin',
              [
                { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${BUCKET_ARN}/warehouse/*` },
                { Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET_ARN}/warehouse/sales/events_*` },
              ],
            ],
          ] as const
        ).flatMap(([tier, statements]) => [
          [
            `aws_iam_role.${tier}`,
            { name: `acme-stg-lakehouse-${tier}`, assume_role_policy: trust(`arn:aws:iam::111122223333:role/${tier}s`) },
          ],
          [`aws_iam_role_policy.${tier}`, { role: `\${aws_iam_role.${tier}.name}`, name: 'data', policy: policy(...statements) }],
        ]),
      ),
    }) as Record<string, any>;

  it('passes when readers reach only tables without restricted columns (Nessie adds _<uuid> to table paths)', () => {
    const report = analyze(nessie(`${BUCKET_ARN}/warehouse/sales/events_*`), TEMPLATES);
    expect(violationHeads(report)).toEqual([]);
    expect(accessOf(report, 'acme-stg-lakehouse-reader', 'sales.orders').read).toBe('none');
    expect(accessOf(report, 'acme-stg-lakehouse-reader', 'sales.events').read).toBe('all');
    expect(accessOf(report, 'acme-stg-lakehouse-writer', 'sales.events')).toEqual({ read: 'all', write: true, alter: true, delete: false });
    expect(report.principals.find((p) => p.id === 'acme-stg-nessie-task')).toMatchObject({ kind: 'service' });
  });

  it('catches a reader prefix that also matches a restricted table (orders* covers orders_pii_<uuid> too)', () => {
    const pii = template('name: orders_pii\nnamespace: sales\ncolumns:\n  - { name: ssn, type: string, access_level: restricted }\n');
    const report = analyze(nessie(`${BUCKET_ARN}/warehouse/sales/events*`), [
      ...TEMPLATES,
      template('name: events_pii\nnamespace: sales\ncolumns:\n  - { name: ssn, type: string, access_level: restricted }\n'),
      pii,
    ]);
    expect(violationHeads(report).filter((h) => h.includes('[reader]'))).toEqual([
      'violation: acme-stg-lakehouse-reader [reader] sales.events_pii: can read restricted columns (ssn)',
      'violation: arn:aws:iam::111122223333:role/readers [reader] sales.events_pii: can read restricted columns (ssn)',
    ]);
  });

  it('catches a reader prefix written without Nessie’s _<uuid> suffix: it reaches no table at all', () => {
    const report = analyze(nessie(`${BUCKET_ARN}/warehouse/sales/events/*`), TEMPLATES);
    expect(violationHeads(report)).toContain(
      'violation: acme-stg-lakehouse-reader [reader] sales.events: cannot read the table (readers read its public columns)',
    );
  });
});
