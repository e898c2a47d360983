import { unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { SchemaDriftCheck, type SchemaDriftCheckProps } from '../../../lib/aws/drift';
import { PACKAGE_NAME } from '../../../lib/aws/provisioning/function-bundle';
import { DRIFT_TABLES_FILE, driftCheckTablesProblems, type DriftCheckTables } from '../../../lib/iceberg-rest/drift-check-input';
import type { CatalogSettings } from '../../../lib/iceberg-rest/desired-table';
import { toIcebergTableJson } from '../../../lib/model/mappings/iceberg-json';
import { evaluatePolicyPack } from '../../../lib/policy/evaluate';
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

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:lakehouse-alerts';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:acme/nessie/oauth/provisioner-AbCdEf';
const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';
const REGION = expect.stringMatching(/^\$\{data\.aws_region\.[\w-]+\.region\}$/);
const ACCOUNT = expect.stringMatching(/^\$\{data\.aws_caller_identity\.[\w-]+\.account_id\}$/);

const tables = () =>
  // Reversed on purpose: the construct orders the tables itself.
  [...shippedTemplates()]
    .reverse()
    .map((t) => ({ key: `${t.namespace}.${t.name}`, namespace: `acme_dev_${t.namespace}`, name: t.name, iceberg: toIcebergTableJson(t) }));

const NESSIE: SchemaDriftCheckProps['catalog'] = {
  kind: 'nessie',
  uri: 'https://nessie.internal.example.com/iceberg',
  warehouse: 'warehouse',
  oauth2: {
    tokenUri: 'https://acme.auth.eu-west-1.amazoncognito.com/oauth2/token',
    clientId: 'client',
    clientSecretArn: SECRET,
    scope: 'nessie/admin',
    secretKmsKeyArn: KEY,
  },
};
const VPC = { subnetIds: ['subnet-aaa', 'subnet-bbb'], securityGroupIds: ['sg-123'] };

function synth(props: Partial<SchemaDriftCheckProps> = {}): TfJson {
  const stack = awsTestStack();
  new SchemaDriftCheck(stack, 'drift', {
    prefix: 'acme-dev',
    catalog: { kind: 'glue' },
    tables: tables(),
    logRetentionDays: 365,
    ...props,
  });
  return synthStack(stack);
}

const policies = (json: TfJson) => Object.values(resourcesOf(json, 'aws_iam_role_policy')).map((p) => parsePolicy(p.policy));
const statements = (json: TfJson, policyName: string) =>
  parsePolicy(Object.values(resourcesOf(json, 'aws_iam_role_policy')).find((p) => p.name === policyName)!.policy).Statement;
/** The function's zip: the asset path in the JSON ends with the package's file name, written to the package folder. */
const assetZip = (json: TfJson) => {
  const name = (onlyResource(json, 'aws_lambda_function').filename as string).split('/').pop()!;
  return unzipSync(new Uint8Array(readFileSync(join(tmpdir(), PACKAGE_NAME, name))));
};
const FN_ARN = expect.stringMatching(/^\$\{aws_lambda_function\.drift_function_\w+\.arn\}$/);

describe('SchemaDriftCheck', () => {
  it('runs the drift-check function with the catalog settings, the metric namespace and the tables in its zip', () => {
    const json = synth();
    const fn = onlyResource(json, 'aws_lambda_function');
    expect(fn).toMatchObject({ function_name: 'acme-dev-schema-drift', runtime: 'nodejs22.x', handler: 'index.handler', timeout: 120 });
    const env = fn.environment.variables as Record<string, string>;
    expect(JSON.parse(env.LAKEHOUSE_CATALOG!) as CatalogSettings).toEqual({
      kind: 'glue',
      uri: expect.stringMatching(/^https:\/\/glue\.\$\{data\.aws_region\.[\w-]+\.region\}\.amazonaws\.com\/iceberg$/),
      warehouse: ACCOUNT,
      prefix: expect.stringMatching(/^catalogs\/\$\{data\.aws_caller_identity/),
      auth: { type: 'sigv4', region: REGION, service: 'glue' },
      createNamespaces: false,
    });
    expect(env.LAKEHOUSE_METRIC_NAMESPACE).toBe('Lakehouse/acme-dev');
    expect(env.LAKEHOUSE_PREFIX).toBe('acme-dev');

    const files = assetZip(json);
    expect(Object.keys(files)).toEqual([DRIFT_TABLES_FILE, 'index.js']);
    const embedded = JSON.parse(Buffer.from(files[DRIFT_TABLES_FILE]!).toString('utf8')) as DriftCheckTables;
    expect(driftCheckTablesProblems(embedded)).toEqual([]);
    const keys = embedded.tables.map((t) => t.key);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const t of shippedTemplates()) {
      const entry = embedded.tables.find((e) => e.key === `${t.namespace}.${t.name}`)!;
      expect(entry).toEqual({
        key: `${t.namespace}.${t.name}`,
        namespace: [`acme_dev_${t.namespace}`],
        name: t.name,
        definition: toIcebergTableJson(t),
      });
    }
  });

  it('synthesizes byte-identical JSON and zips whatever the table order', () => {
    const stack = () => {
      const s = awsTestStack(Testing.app());
      new SchemaDriftCheck(s, 'drift', {
        prefix: 'acme-dev',
        catalog: { kind: 'glue' },
        tables: [...tables()].reverse(),
        logRetentionDays: 365,
      });
      return synthStack(s);
    };
    expect(onlyResource(stack(), 'aws_lambda_function').source_code_hash).toBe(
      onlyResource(synth(), 'aws_lambda_function').source_code_hash,
    );
  });

  it('Glue: reads the catalog, the databases and their tables; Lake Formation DESCRIBE only when asked', () => {
    const json = synth({ lakeFormation: { databases: { analytics: 'acme_dev_analytics', core: 'acme_dev_core' } } });
    const s = statements(json, 'schema-drift-check');
    const actions = s.flatMap((x) => [x.Action].flat());
    expect(actions.sort()).toEqual([
      'cloudwatch:PutMetricData',
      'glue:GetCatalog',
      'glue:GetDatabase',
      'glue:GetTable',
      'lakeformation:GetDataAccess',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    expect(s.find((x) => x.Sid === 'GlueReadTables')!.Resource).toContainEqual(expect.stringMatching(/:table\/acme_dev_analytics\/\*$/));
    const grants = Object.values(resourcesOf(json, 'aws_lakeformation_permissions'));
    expect(grants.map((g) => [g.permissions, g.database?.name ?? `${g.table.database_name}.*`]).sort()).toEqual([
      [['DESCRIBE'], 'acme_dev_analytics'],
      [['DESCRIBE'], 'acme_dev_analytics.*'],
      [['DESCRIBE'], 'acme_dev_core'],
      [['DESCRIBE'], 'acme_dev_core.*'],
    ]);
    expect(resourcesOf(synth(), 'aws_lakeformation_permissions')).toEqual({});
  });

  it('publishes metrics in its own namespace only: PutMetricData on * with the cloudwatch:namespace condition', () => {
    expect(statements(synth(), 'schema-drift-check').find((x) => x.Action === 'cloudwatch:PutMetricData')).toEqual({
      Sid: 'PublishDriftMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': 'Lakehouse/acme-dev' } },
    });
  });

  it('no statement of any of its policies has a wildcard action', () => {
    for (const json of [synth(), synth({ catalog: NESSIE, vpc: VPC })]) {
      for (const policy of policies(json)) {
        for (const action of policy.Statement.flatMap((x) => [x.Action].flat() as string[]))
          expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
      }
    }
  });

  it('Nessie: in the VPC, reading the OAuth2 secret (and its key through Secrets Manager) unless the secret owner grants it', () => {
    const json = synth({ catalog: NESSIE, vpc: VPC });
    expect(onlyResource(json, 'aws_lambda_function').vpc_config).toEqual({
      subnet_ids: VPC.subnetIds,
      security_group_ids: VPC.securityGroupIds,
    });
    const s = statements(json, 'schema-drift-check');
    expect(s.find((x) => x.Sid === 'OAuth2ClientSecret')).toEqual({
      Sid: 'OAuth2ClientSecret',
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Resource: SECRET,
    });
    expect(s.find((x) => x.Sid === 'OAuth2ClientSecretKey')!.Condition).toEqual({ StringEquals: { 'kms:ViaService': REGION_VIA } });
    expect(s.some((x) => x.Sid === 'CreateFunctionInterfaces')).toBe(true);
    expect(s.some((x) => String(x.Action).startsWith('glue:'))).toBe(false);
    const env = JSON.parse(onlyResource(json, 'aws_lambda_function').environment.variables.LAKEHOUSE_CATALOG as string) as CatalogSettings;
    expect(env.auth).toEqual({
      type: 'oauth2',
      tokenUri: NESSIE.kind === 'nessie' ? NESSIE.oauth2!.tokenUri : '',
      clientId: 'client',
      clientSecretArn: SECRET,
      scope: 'nessie/admin',
    });
    const granted = statements(synth({ catalog: NESSIE, vpc: VPC, grantSecretRead: false }), 'schema-drift-check');
    expect(granted.some((x) => x.Sid === 'OAuth2ClientSecret')).toBe(false);
  });

  it('is invoked on its schedule by EventBridge Scheduler, whose role may only invoke this function', () => {
    const json = synth({ schedule: 'cron(15 */2 * * ? *)' });
    const schedule = onlyResource(json, 'aws_scheduler_schedule');
    expect(schedule).toMatchObject({
      name: 'acme-dev-schema-drift-scheduler',
      schedule_expression: 'cron(15 */2 * * ? *)',
      schedule_expression_timezone: 'UTC',
      flexible_time_window: { mode: 'OFF' },
      target: { arn: FN_ARN },
    });
    expect(JSON.parse(schedule.target.input as string)).toEqual({ source: 'lakehouse.drift-check', trigger: 'schedule' });
    const role = Object.values(resourcesOf(json, 'aws_iam_role')).find((r) => r.name === 'acme-dev-schema-drift-scheduler')!;
    expect(parsePolicy(role.assume_role_policy).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'scheduler.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } },
      },
    ]);
    expect(statements(json, 'invoke-function')).toEqual([
      { Sid: 'InvokeDriftCheck', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN_ARN },
    ]);
    expect(onlyResource(synth(), 'aws_scheduler_schedule').schedule_expression).toBe('rate(1 hour)');
  });

  it('alarms on drift (state kept between runs) and on a failed run, notifying the topic', () => {
    const alarms = Object.values(resourcesOf(synth({ snsTopicArn: TOPIC }), 'aws_cloudwatch_metric_alarm'));
    expect(alarms.find((a) => a.alarm_name === 'acme-dev-schema-drift')).toMatchObject({
      namespace: 'Lakehouse/acme-dev',
      metric_name: 'SchemaDriftTables',
      statistic: 'Maximum',
      threshold: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'ignore',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
    });
    expect(alarms.find((a) => a.alarm_name === 'acme-dev-schema-drift-check-failed')).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      dimensions: { FunctionName: expect.stringMatching(/^\$\{aws_lambda_function\.drift_function_\w+\.function_name\}$/) },
      statistic: 'Sum',
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
    });
  });

  it('logs to its own group with the retention and key given, protected from destroy by default', () => {
    expect(onlyResource(synth({ logRetentionDays: 2192, logKmsKeyArn: KEY }), 'aws_cloudwatch_log_group')).toMatchObject({
      name: '/aws/lambda/acme-dev-schema-drift',
      retention_in_days: 2192,
      kms_key_id: KEY,
      lifecycle: { prevent_destroy: true },
    });
    expect(onlyResource(synth({ protectData: false }), 'aws_cloudwatch_log_group').lifecycle).toBeUndefined();
  });

  it('passes the policy pack on its IAM, Lambda and log resources', () => {
    const json = synth({ logKmsKeyArn: KEY, snsTopicArn: TOPIC });
    const relevant = evaluatePolicyPack(json as never, awsEnvironment()).findings.filter((f) =>
      /aws_iam|aws_cloudwatch_log_group|aws_lambda|aws_scheduler/.test(f.resourceType),
    );
    expect(relevant).toEqual([]);
  });

  it('refuses props that cannot work, all problems at once', () => {
    const attempt = (props: Partial<SchemaDriftCheckProps>) => () => synth(props);
    const [first] = tables();
    expect(attempt({ schedule: 'rate(1 hours)', tables: [first!, first!], logRetentionDays: 2190 })).toThrow(
      /'[\w.]+' appears more than once[\s\S]*schedule: 'rate\(1 hours\)': write the unit in the singular[\s\S]*logRetentionDays/,
    );
    expect(attempt({ catalog: NESSIE })).toThrow(/vpc is required for a Nessie catalog/);
    expect(
      attempt({ catalog: { ...NESSIE, uri: 'http://nessie.internal/iceberg' } as SchemaDriftCheckProps['catalog'], vpc: VPC }),
    ).toThrow(/must use https when OAuth2 is on/);
    expect(attempt({ tables: [] })).toThrow(/there is nothing to check/);
    expect(attempt({ snsTopicArn: 'topic' })).toThrow(/snsTopicArn/);
  });
});

const REGION_VIA = expect.stringMatching(/^secretsmanager\.\$\{data\.aws_region\.[\w-]+\.region\}\.amazonaws\.com$/);
