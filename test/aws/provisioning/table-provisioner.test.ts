import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { tableProvisionerPackage } from '../../../lib/aws/provisioning/function-bundle';
import { TableProvisioner, type TableProvisionerProps } from '../../../lib/aws/provisioning/table-provisioner';
import { desiredTableStateProblems, type DesiredTableState } from '../../../lib/iceberg-rest/desired-table';
import { toIcebergTableJson } from '../../../lib/model/mappings/iceberg-json';
import { evaluatePolicyPack } from '../../../lib/policy/evaluate';
import { requestProblems } from '../../support/request-schema';
import {
  awsEnvironment,
  awsTestStack,
  onlyResource,
  parsePolicy,
  resourcesOf,
  shippedTemplates,
  synthStack,
  type TfJson,
} from '../../support/synth';

const LOCATION = (ns: string, name: string) => `s3://acme-dev-lakehouse/warehouse/${ns}/${name}`;
const tables = () =>
  // Reversed on purpose: the construct orders invocations itself.
  [...shippedTemplates()]
    .reverse()
    .map((t) => ({ namespace: t.namespace, name: t.name, location: LOCATION(t.namespace, t.name), iceberg: toIcebergTableJson(t) }));

const NESSIE: TableProvisionerProps['catalog'] = {
  kind: 'nessie',
  uri: 'https://nessie.internal.example.com/iceberg',
  warehouse: 'lakehouse',
  oauth2: {
    tokenUri: 'https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token',
    clientId: 'provisioner-client',
    clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/provisioner-AbCdEf',
    scope: 'lakehouse/admin',
    secretKmsKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555',
  },
};
const REGION = expect.stringMatching(/^\$\{data\.aws_region\.[\w-]+\.region\}$/);
const ACCOUNT = expect.stringMatching(/^\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/);
const VPC = { subnetIds: ['subnet-aaa', 'subnet-bbb'], securityGroupIds: ['sg-123'] };

function synth(props: Partial<TableProvisionerProps> = {}): TfJson {
  const stack = awsTestStack();
  new TableProvisioner(stack, 'provisioning', {
    prefix: 'acme-dev',
    catalog: { kind: 'glue' },
    tables: tables(),
    logRetentionDays: 365,
    ...props,
  });
  return synthStack(stack);
}

const invocationInputs = (json: TfJson) =>
  Object.values(resourcesOf(json, 'aws_lambda_invocation')).map((r) => JSON.parse(r.input as string) as DesiredTableState);

describe('TableProvisioner', () => {
  it('invokes the function once per table in CRUD mode, in <namespace>.<table> order, with a valid desired state', () => {
    const json = synth();
    const invocations = Object.values(resourcesOf(json, 'aws_lambda_invocation'));
    expect(invocations).toHaveLength(shippedTemplates().length);
    for (const inv of invocations) expect(inv).toMatchObject({ lifecycle_scope: 'CRUD', terraform_key: 'tf' });
    const inputs = invocationInputs(json);
    const keys = inputs.map((s) => `${s.namespace.join('.')}.${s.table.name}`);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const state of inputs) {
      expect(desiredTableStateProblems(state)).toEqual([]);
      expect(requestProblems('CreateTableRequest', state.table)).toEqual([]);
      const template = shippedTemplates().find((t) => t.name === state.table.name)!;
      expect(state.table['partition-spec']).toEqual(toIcebergTableJson(template)['partition-spec']);
      expect(state.table['write-order']).toEqual(toIcebergTableJson(template)['sort-order']);
      expect(state.table.location).toBe(LOCATION(template.namespace, template.name));
    }
  });

  it('targets the Glue Iceberg REST endpoint of the account with SigV4 (service glue) and lets Terraform own the databases', () => {
    const [state] = invocationInputs(synth());
    expect(state!.catalog).toEqual({
      kind: 'glue',
      uri: expect.stringMatching(/^https:\/\/glue\.\$\{data\.aws_region\.[\w-]+\.region\}\.amazonaws\.com\/iceberg$/),
      warehouse: ACCOUNT,
      prefix: expect.stringMatching(/^catalogs\/\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/),
      auth: { type: 'sigv4', region: REGION, service: 'glue' },
      createNamespaces: false,
    });
    expect(state!.catalog.prefix).toBe(`catalogs/${state!.catalog.warehouse}`);
  });

  it('deploys the deterministic package as nodejs22.x with source_code_hash, after its log group and policy', () => {
    const json = synth();
    const fn = onlyResource(json, 'aws_lambda_function');
    const pkg = tableProvisionerPackage();
    expect(fn).toMatchObject({
      function_name: 'acme-dev-table-provisioner',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      source_code_hash: pkg.sha256Base64,
      timeout: 180,
    });
    expect(fn.filename).toMatch(/^assets\/[^/]+\/[0-9A-F]+\/table-provisioner-[0-9a-f]{24}\.zip$/);
    expect(fn.logging_config).toMatchObject({ log_format: 'Text' });
    // The log group, the inline policy and (Glue) the attachment of the per-database policy.
    expect(fn.depends_on.map((d: string) => d.split('.')[0]).sort()).toEqual([
      'aws_cloudwatch_log_group',
      'aws_iam_role_policy',
      'aws_iam_role_policy_attachment',
    ]);
    expect(fn.vpc_config).toBeUndefined();
  });

  it('keeps logs for the given retention, with the given key', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const group = onlyResource(synth({ logKmsKeyArn: key, logRetentionDays: 731 }), 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/lambda/acme-dev-table-provisioner', retention_in_days: 731, kms_key_id: key });
  });

  it('trusts only Lambda for this account, and grants no wildcard action; Resource "*" only where AWS allows nothing else', () => {
    for (const json of [synth(), synth({ catalog: NESSIE, vpc: VPC })]) {
      const trust = parsePolicy(onlyResource(json, 'aws_iam_role').assume_role_policy);
      expect(trust.Statement).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': ACCOUNT },
          },
        },
      ]);
      const statements = parsePolicy(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
      const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
      expect(actions.filter((a) => a.includes('*'))).toEqual([]);
      const onStar = statements.filter((s) => [s.Resource].flat().includes('*')).flatMap((s) => [s.Action].flat());
      expect(
        onStar.every((a) => ['lakeformation:GetDataAccess', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'].includes(a as string)),
      ).toBe(true);
    }
  });

  it('on Glue: catalog, database and table actions on the lakehouse databases only', () => {
    const json = synth();
    const inline = parsePolicy(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
    expect(inline.map((s) => s.Sid)).toEqual(['OwnLogStreams', 'GlueCatalogConfig', 'LakeFormationVendedAccess']);
    // The per-database statements grow with the namespaces: a managed policy, attached to the role, before the function.
    const managed = onlyResource(json, 'aws_iam_policy');
    const attachment = onlyResource(json, 'aws_iam_role_policy_attachment');
    expect(attachment.policy_arn).toMatch(/^\$\{aws_iam_policy\.[\w-]+\.arn\}$/);
    expect(onlyResource(json, 'aws_lambda_function').depends_on).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_iam_role_policy_attachment\./)]),
    );
    const statements = [...inline, ...parsePolicy(managed.policy).Statement];
    const tablesStatement = statements.find((s) => s.Sid === 'GlueIcebergTables')!;
    // Protected by default: no glue:DeleteTable (in hybrid access mode IAM alone would decide).
    expect(tablesStatement.Action).toEqual(['glue:CreateTable', 'glue:GetTable', 'glue:UpdateTable']);
    const namespaces = [...new Set(shippedTemplates().map((t) => t.namespace))].sort();
    expect((tablesStatement.Resource as string[]).filter((r) => r.includes(':table/'))).toEqual(
      namespaces.map((n) => expect.stringMatching(new RegExp(`:glue:.*:table/${n}/\\*$`))),
    );
    expect(statements.map((s) => s.Sid)).not.toContain('OAuth2ClientSecret');
    expect(actionsOf(statements)).not.toContain('glue:CreateDatabase');
  });

  it('on Glue without protect_data: may also delete tables', () => {
    const managed = onlyResource(synth({ protectData: false }), 'aws_iam_policy');
    const tablesStatement = parsePolicy(managed.policy).Statement.find((s) => s.Sid === 'GlueIcebergTables')!;
    expect(tablesStatement.Action).toEqual(['glue:CreateTable', 'glue:DeleteTable', 'glue:GetTable', 'glue:UpdateTable']);
  });

  it('on Nessie: runs in the given subnets, reads the OAuth2 client secret by ARN and never holds the secret', () => {
    const json = synth({ catalog: NESSIE, vpc: VPC });
    expect(onlyResource(json, 'aws_lambda_function').vpc_config).toEqual({
      subnet_ids: VPC.subnetIds,
      security_group_ids: VPC.securityGroupIds,
    });
    const statements = parsePolicy(onlyResource(json, 'aws_iam_role_policy').policy).Statement;
    expect(statements.find((s) => s.Sid === 'OAuth2ClientSecret')).toMatchObject({
      Action: 'secretsmanager:GetSecretValue',
      Resource: NESSIE.oauth2!.clientSecretArn,
    });
    expect(statements.find((s) => s.Sid === 'OAuth2ClientSecretKey')!.Condition).toEqual({
      StringEquals: { 'kms:ViaService': expect.stringMatching(/^secretsmanager\.\$\{data\.aws_region\.[\w-]+\.region\}\.amazonaws\.com$/) },
    });
    expect(actionsOf(statements).filter((a) => a.startsWith('glue:'))).toEqual([]);
    const [state] = invocationInputs(json);
    expect(state!.catalog).toEqual({
      kind: 'nessie',
      uri: NESSIE.uri,
      warehouse: 'lakehouse',
      auth: {
        type: 'oauth2',
        tokenUri: NESSIE.oauth2!.tokenUri,
        clientId: 'provisioner-client',
        clientSecretArn: NESSIE.oauth2!.clientSecretArn,
        scope: 'lakehouse/admin',
      },
      createNamespaces: true,
    });
  });

  it('with protect_data, every invocation and the log group has prevent_destroy; without, none', () => {
    const on = synth();
    for (const inv of Object.values(resourcesOf(on, 'aws_lambda_invocation'))) expect(inv.lifecycle).toEqual({ prevent_destroy: true });
    expect(invocationInputs(on).every((s) => s.protectData)).toBe(true);
    const off = synth({ protectData: false });
    for (const inv of Object.values(resourcesOf(off, 'aws_lambda_invocation'))) expect(inv.lifecycle).toBeUndefined();
    expect(invocationInputs(off).every((s) => !s.protectData)).toBe(true);
  });

  it('a revision above 0 reaches every input (to re-run all tables); 0 leaves the inputs as they were', () => {
    expect(invocationInputs(synth()).every((s) => s.revision === undefined)).toBe(true);
    expect(invocationInputs(synth({ revision: 2 })).every((s) => s.revision === 2)).toBe(true);
  });

  it('waitFor adds resources declared later (grants to its role) to every invocation', () => {
    const stack = awsTestStack();
    const provisioner = new TableProvisioner(stack, 'provisioning', {
      prefix: 'acme-dev',
      catalog: { kind: 'glue' },
      tables: tables(),
      logRetentionDays: 365,
    });
    const grant = new IamRolePolicy(stack, 'later', { role: provisioner.roleName, policy: '{}' });
    provisioner.waitFor(grant);
    for (const inv of Object.values(resourcesOf(synthStack(stack), 'aws_lambda_invocation'))) {
      expect(inv.depends_on).toContain('aws_iam_role_policy.later');
    }
  });

  it('synthesizes byte-identical JSON twice', () => {
    const once = () => {
      const stack = awsTestStack(Testing.app());
      new TableProvisioner(stack, 'provisioning', {
        prefix: 'acme-dev',
        catalog: NESSIE,
        vpc: VPC,
        tables: tables(),
        logRetentionDays: 365,
      });
      return Testing.synth(stack);
    };
    expect(once()).toBe(once());
  });

  it('passes the policy pack (IAM, logs) for a HIPAA environment', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555';
    const json = synth({ logKmsKeyArn: key, logRetentionDays: 2192 });
    const environment = awsEnvironment('glue', 'compliance: hipaa\n');
    const relevant = evaluatePolicyPack(json as never, environment).findings.filter((f) =>
      /aws_iam|aws_cloudwatch_log_group|aws_lambda/.test(f.resourceType),
    );
    expect(relevant).toEqual([]);
  });

  it('refuses props that cannot work, all problems at once', () => {
    const attempt = (props: Partial<TableProvisionerProps>) => () => synth(props);
    expect(attempt({ catalog: NESSIE })).toThrow(/vpc is required for a Nessie catalog/);
    expect(attempt({ catalog: { ...NESSIE, uri: 'http://nessie.internal/iceberg' }, vpc: VPC })).toThrow(
      /catalog\.uri 'http:\/\/nessie\.internal\/iceberg' must use https when OAuth2 is on/,
    );
    const [first] = tables();
    expect(attempt({ tables: [first!, first!], logRetentionDays: 500, prefix: 'x'.repeat(60) })).toThrow(
      /Invalid TableProvisioner props at test\/provisioning:\n(.|\n)*longer than Lambda's 64 characters(.|\n)*appears more than once(.|\n)*logRetentionDays: CloudWatch Logs does not keep logs for 500 days/,
    );
  });
});

function actionsOf(statements: Array<Record<string, any>>): string[] {
  return statements.flatMap((s) => [s.Action].flat() as string[]);
}
