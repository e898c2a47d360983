import { compare } from '../../lib/model/compare';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { beforeAll, describe, expect, it } from 'vitest';
import { AwsLakehouse, GcpLakehouse, defineEnvironment, defineTableTemplates, type TableTemplate } from '../../lib';
import { awsTestStack, gcpTestStack, parsePolicy, resourcesOf, synthStack, type TfJson } from '../support/synth';

// Everything is imported from the package root, as a consumer would.
const TEMPLATES = defineTableTemplates([
  {
    name: 'orders',
    namespace: 'sales',
    columns: [
      { name: 'order_id', type: 'long', required: true },
      { name: 'customer_email', type: 'string', access_level: 'restricted', pii: true, masking: 'nullify' },
      { name: 'amount', type: 'decimal(12,2)' },
      { name: 'ordered_at', type: 'timestamptz', required: true },
    ],
    partition_spec: [{ column: 'ordered_at', transform: 'day' }],
  } as unknown as TableTemplate,
]);

const ROLE_REF = '${aws_iam_role.consumer.name}';
const ROLE_ARN = '${aws_iam_role.consumer.arn}';

function synthAws(catalog: 'glue' | 'nessie'): TfJson {
  const stack = awsTestStack();
  const environment = defineEnvironment({ name: 'test', project: 'acme', cloud: 'aws', catalog, region: 'eu-west-1' });
  const lakehouse = new AwsLakehouse(stack, 'lakehouse', { environment, templates: TEMPLATES });
  const role = new IamRole(stack, 'consumer', {
    name: 'consumer-etl',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
    }),
  });
  role.overrideLogicalId('consumer');
  // The role's name is a Terraform reference, so each grant needs an id.
  const grantee = { roleName: role.name, roleArn: role.arn };
  lakehouse.grantRead(grantee, 'etl-read');
  lakehouse.grantWrite(grantee, 'etl-write');
  lakehouse.grantAdmin(grantee, 'etl-admin');
  return synthStack(stack);
}

/** Resources of a type whose config has `key` equal to `value`, keyed by Terraform name. */
function where(json: TfJson, type: string, key: string, value: unknown): Record<string, Record<string, any>> {
  return Object.fromEntries(Object.entries(resourcesOf(json, type)).filter(([, r]) => r[key] === value));
}

describe('AwsLakehouse (glue) grants to a consumer role', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthAws('glue');
  });

  it('attach the tier managed policies of each tier to the consumer role', () => {
    const attachments = Object.values(where(json, 'aws_iam_role_policy_attachment', 'role', ROLE_REF));
    const policies = resourcesOf(json, 'aws_iam_policy');
    const tierOf = (arn: string) => {
      const name = /^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(arn)?.[1];
      expect(name, `attachment policy_arn ${arn}`).toBeDefined();
      return String(policies[name!]!.name);
    };
    const names = attachments.map((a) => tierOf(a.policy_arn as string)).sort();
    for (const tier of ['reader', 'writer', 'admin']) {
      expect(
        names.some((n) => n.includes(tier)),
        `${tier} policy attached: ${names.join(', ')}`,
      ).toBe(true);
    }
    // The consumer gets exactly the policies the built-in roles get: one attachment per tier policy.
    const builtIn = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')).filter(
      (a) => a.role !== ROLE_REF && !tierOf(a.policy_arn as string).includes('-table-provisioner-'),
    );
    expect(attachments).toHaveLength(builtIn.length);
  });

  it('grant Lake Formation permissions to the consumer role ARN per tier', () => {
    const grants = Object.entries(where(json, 'aws_lakeformation_permissions', 'principal', ROLE_ARN));
    const by = (fragment: string) => grants.filter(([n]) => n.includes(fragment)).map(([, g]) => g);

    const read = by('etl-read');
    const readTable = read.find((g) => g.table_with_columns)!;
    expect(readTable.permissions).toEqual(['SELECT']);
    expect(readTable.table_with_columns.excluded_column_names).toEqual(['customer_email']);
    expect(readTable.table_with_columns.wildcard).toBe(true);
    expect(read.find((g) => g.database)!.permissions).toEqual(['DESCRIBE']);
    expect(read).toHaveLength(2);

    const write = by('etl-write');
    expect(write.find((g) => g.table)!.permissions).toEqual(['ALTER', 'DELETE', 'DESCRIBE', 'INSERT', 'SELECT']);
    expect(write.find((g) => g.database)!.permissions).toEqual(['DESCRIBE']);
    expect(write).toHaveLength(2);

    // sales holds no append-only table: ALL on the database and its tables; no data location access.
    const admin = by('etl-admin');
    expect(admin.map((g) => g.permissions.join(',')).sort()).toEqual(['ALL', 'ALL']);
    expect(admin.find((g) => g.database)!.permissions).toEqual(['ALL']);
    expect(admin.find((g) => g.table)!.table.wildcard).toBe(true);
    expect(admin).toHaveLength(2);
  });

  it('opt the consumer role in to Lake Formation (hybrid access mode: the stack leaves the account settings alone)', () => {
    const optIns = Object.values(resourcesOf(json, 'aws_lakeformation_opt_in')).filter(
      (o) => o.principal[0].data_lake_principal_identifier === ROLE_ARN,
    );
    // Three grants (read, write, admin), each a database opt-in and an all-tables opt-in.
    expect(optIns).toHaveLength(6);
  });
});

describe('AwsLakehouse (nessie) grants to a consumer role', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthAws('nessie');
  });

  it('attach exactly the tier roles’ managed policies to the consumer role', () => {
    const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment'));
    const roles = resourcesOf(json, 'aws_iam_role');
    const tierRole = (tier: string) =>
      `\${aws_iam_role.${Object.keys(roles).find((k) => roles[k]!.name === `acme-test-lakehouse-${tier}`)}.name}`;
    const mine = attachments.filter((a) => a.role === ROLE_REF).map((a) => a.policy_arn as string);
    const tiers = ['reader', 'writer', 'admin'].flatMap((tier) =>
      attachments.filter((a) => a.role === tierRole(tier)).map((a) => a.policy_arn),
    );
    expect(mine.sort(compare)).toEqual(tiers.sort(compare));
    const policies = resourcesOf(json, 'aws_iam_policy');
    const statementsOf = (tier: string) =>
      mine
        .map((arn) => policies[/^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(arn)![1]!]!)
        .filter((p) => p.name.includes(`-nessie-${tier}-`))
        .flatMap((p) => parsePolicy(p.policy).Statement);
    // orders has a restricted column: the reader set reads no table at all.
    expect(
      statementsOf('reader')
        .flatMap((x) => [x.Action].flat())
        .filter((a) => a.startsWith('s3:')),
    ).toEqual([]);
    expect(statementsOf('writer').flatMap((x) => [x.Action].flat())).toContain('s3:PutObject');
    expect(statementsOf('writer').flatMap((x) => [x.Action].flat())).not.toContain('s3:DeleteObject');
    expect(statementsOf('admin').flatMap((x) => [x.Action].flat())).toContain('s3:DeleteObject');
  });

  it('create no Lake Formation permissions', () => {
    expect(resourcesOf(json, 'aws_lakeformation_permissions')).toEqual({});
  });
});

describe('GcpLakehouse grants to a consumer member', () => {
  const MEMBER = 'serviceAccount:etl@acme-test-1.iam.gserviceaccount.com';
  // Built with the package's own defineEnvironment, as a consumer would.
  const gcpEnvironment = () =>
    defineEnvironment({
      name: 'test',
      project: 'acme',
      cloud: 'gcp',
      catalog: 'biglake',
      region: 'europe-west1',
      gcp: { project_id: 'acme-test-1' },
    });
  let json: TfJson;
  beforeAll(() => {
    const stack = gcpTestStack();
    const environment = gcpEnvironment();
    const lakehouse = new GcpLakehouse(stack, 'lakehouse', { environment, templates: TEMPLATES });
    lakehouse.grantRead(MEMBER);
    lakehouse.grantWrite('group:writers@acme.com');
    lakehouse.grantAdmin('group:admins@acme.com');
    json = synthStack(stack);
  });

  const rolesOf = (type: string, member: string) =>
    Object.values(where(json, type, 'member', member))
      .map((r) => r.role as string)
      .sort();

  it('give the reader member viewer roles and masked reads, never object access or the fine-grained reader', () => {
    expect(rolesOf('google_storage_bucket_iam_member', MEMBER)).toEqual([]);
    expect(rolesOf('google_bigquery_dataset_iam_member', MEMBER)).toEqual(['roles/bigquery.dataViewer']);
    expect(rolesOf('google_project_iam_member', MEMBER)).toEqual(['roles/bigquery.jobUser', 'roles/bigquery.readSessionUser']);
    expect(rolesOf('google_data_catalog_policy_tag_iam_member', MEMBER)).toEqual([]);
    expect(rolesOf('google_bigquery_datapolicy_data_policy_iam_member', MEMBER).length).toBeGreaterThan(0);
  });

  it('give writers and admins their bucket and dataset roles and the fine-grained reader on restricted tags', () => {
    const custom = (tier: string) => {
      const [name] = Object.entries(resourcesOf(json, 'google_project_iam_custom_role')).find(
        ([, r]) => r.role_id === `acme_test_lakehouse_${tier}`,
      )!;
      return `\${google_project_iam_custom_role.${name}.name}`;
    };
    // Object read only (BigQuery writes managed tables' files); the tier's custom role on the datasets.
    expect(rolesOf('google_storage_bucket_iam_member', 'group:writers@acme.com')).toEqual(['roles/storage.objectViewer']);
    expect(rolesOf('google_bigquery_dataset_iam_member', 'group:writers@acme.com')).toEqual([custom('writer')]);
    expect(rolesOf('google_storage_bucket_iam_member', 'group:admins@acme.com')).toEqual(['roles/storage.objectViewer']);
    expect(rolesOf('google_bigquery_dataset_iam_member', 'group:admins@acme.com')).toEqual([custom('admin')]);
    for (const member of ['group:writers@acme.com', 'group:admins@acme.com']) {
      const tags = rolesOf('google_data_catalog_policy_tag_iam_member', member);
      expect(tags.length).toBeGreaterThan(0);
      expect(new Set(tags)).toEqual(new Set(['roles/datacatalog.categoryFineGrainedReader']));
    }
  });

  it('refuse a malformed member, naming the expected form', () => {
    const stack = gcpTestStack();
    const environment = gcpEnvironment();
    const lakehouse = new GcpLakehouse(stack, 'lakehouse', { environment, templates: TEMPLATES });
    expect(() => lakehouse.grantRead('etl@acme.com')).toThrow(/<type>:<id>/);
  });
});
