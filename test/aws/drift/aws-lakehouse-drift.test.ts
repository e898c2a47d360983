import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { describe, expect, it } from 'vitest';
import { AwsLakehouse } from '../../../lib/aws/aws-lakehouse';
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

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:alerts';
const SNS = `alarms:\n  sns_topic_arn: ${TOPIC}\n`;
const CERT = 'arn:aws:acm:eu-west-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

function synth(
  catalog: 'glue' | 'nessie',
  extra: string,
  more: (l: AwsLakehouse, stack: ReturnType<typeof awsTestStack>) => void = () => {},
): TfJson {
  const stack = awsTestStack();
  const lakehouse = new AwsLakehouse(stack, 'lakehouse', { environment: awsEnvironment(catalog, extra), templates: shippedTemplates() });
  more(lakehouse, stack);
  return synthStack(stack);
}

const names = (json: TfJson, type: string, attribute = 'name') => Object.values(resourcesOf(json, type)).map((r) => r[attribute] as string);
const trail = (json: TfJson) => onlyResource(json, 'aws_cloudtrail');

describe('drift checks in AwsLakehouse', () => {
  it('none without an alarm destination (drift.enabled defaults to false), and the trail records data events only', () => {
    const json = synth('glue', '');
    expect(names(json, 'aws_lambda_function', 'function_name')).not.toContain('acme-test-schema-drift');
    expect(resourcesOf(json, 'aws_cloudwatch_event_rule')).toEqual({});
    expect(trail(json).event_selector).toHaveLength(1);
  });

  it('Glue with a topic: the check on the hourly schedule, the change alarm, and write management events in the trail', () => {
    const json = synth('glue', SNS);
    expect(names(json, 'aws_lambda_function', 'function_name')).toContain('acme-test-schema-drift');
    expect(onlyResource(json, 'aws_scheduler_schedule').schedule_expression).toBe('rate(1 hour)');
    expect(names(json, 'aws_cloudwatch_metric_alarm', 'alarm_name')).toEqual(
      expect.arrayContaining(['acme-test-schema-drift', 'acme-test-schema-drift-check-failed', 'acme-test-glue-table-changes']),
    );
    const pattern = JSON.parse(onlyResource(json, 'aws_cloudwatch_event_rule').event_pattern as string);
    expect(pattern.detail.requestParameters.databaseName).toEqual(
      [...new Set(shippedTemplates().map((t) => `acme_test_${t.namespace}`))].sort(),
    );
    const expected = pattern.detail.$or[0].userIdentity.sessionContext.sessionIssuer.arn[0]['anything-but'] as string[];
    expect(expected).toEqual([
      expect.stringMatching(/^\$\{aws_iam_role\.lakehouse_glue_access_writer_\w+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_iam_role\.lakehouse_glue_access_admin_\w+\.arn\}$/),
      expect.stringMatching(/:role\/acme-test-table-provisioner$/),
      expect.stringMatching(/^\$\{aws_iam_role\.lakehouse_glue_maintenance_role_\w+\.arn\}$/),
    ]);
    expect(trail(json).event_selector[1]).toEqual({ include_management_events: true, read_write_type: 'WriteOnly' });
    // Lake Formation DESCRIBE on every database and all its tables, after the account settings.
    const grants = Object.values(resourcesOf(json, 'aws_lakeformation_permissions')).filter((g) =>
      String(g.principal).includes('schema-drift'),
    );
    expect(grants).toHaveLength(2 * new Set(shippedTemplates().map((t) => t.namespace)).size);
    expect(grants.every((g) => g.permissions.length === 1 && g.permissions[0] === 'DESCRIBE')).toBe(true);
  });

  it("a role given the writer or admin tier is an expected changer too; a reader's is not", () => {
    const json = synth('glue', SNS, (l, stack) => {
      const role = (name: string) => new IamRole(stack, name, { name, assumeRolePolicy: '{}' });
      const w = role('pipeline');
      const r = role('dashboards');
      l.grantWrite({ roleArn: w.arn, roleName: w.name }, 'pipeline');
      l.grantRead({ roleArn: r.arn, roleName: r.name }, 'dashboards');
    });
    const pattern = JSON.parse(onlyResource(json, 'aws_cloudwatch_event_rule').event_pattern as string);
    const expected = pattern.detail.$or[0].userIdentity.sessionContext.sessionIssuer.arn[0]['anything-but'] as string[];
    expect(expected).toContain('${aws_iam_role.pipeline.arn}');
    expect(expected).not.toContain('${aws_iam_role.dashboards.arn}');
  });

  it('drift.enabled: false turns it all off; drift.schedule reaches the schedule', () => {
    const off = synth('glue', `${SNS}drift:\n  enabled: false\n`);
    expect(resourcesOf(off, 'aws_scheduler_schedule')).toEqual({});
    expect(trail(off).event_selector).toHaveLength(1);
    expect(onlyResource(synth('glue', `${SNS}drift:\n  schedule: rate(6 hours)\n`), 'aws_scheduler_schedule').schedule_expression).toBe(
      'rate(6 hours)',
    );
  });

  it('Nessie with Cognito: in the private subnets, let in by the load balancer, signed in as the provisioner client', () => {
    const json = synth('nessie', `${SNS}nessie:\n  certificate_arn: ${CERT}\n  host_name: nessie.internal.example.com\n`);
    const fn = Object.values(resourcesOf(json, 'aws_lambda_function')).find((f) => f.function_name === 'acme-test-schema-drift')!;
    expect(fn.vpc_config.subnet_ids).toHaveLength(2);
    const catalog = JSON.parse(fn.environment.variables.LAKEHOUSE_CATALOG as string);
    expect(catalog).toMatchObject({
      kind: 'nessie',
      uri: expect.stringMatching(/^https:\/\/.+\/iceberg$/),
      warehouse: 'warehouse',
      auth: { type: 'oauth2', scope: 'nessie/admin', clientId: expect.stringMatching(/aws_cognito_user_pool_client\.\w*provisioner/) },
    });
    const group = Object.values(resourcesOf(json, 'aws_security_group')).find((g) => g.name === 'acme-test-schema-drift')!;
    expect(group).toBeDefined();
    const ingress = Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).find((r) =>
      String(r.referenced_security_group_id).includes('schema-drift-network'),
    )!;
    expect(ingress).toMatchObject({
      from_port: 443,
      to_port: 443,
      security_group_id: expect.stringMatching(/nessie_load-balancer_security-groups_load-balancer/),
    });
    // The provisioner secret's resource policy lets the drift role read it, through NessieIdentity.grantSecretRead.
    const policy = Object.entries(resourcesOf(json, 'aws_secretsmanager_secret_policy')).find(([k]) => k.includes('provisioner'))![1];
    expect(JSON.stringify(parsePolicy(policy.policy))).toMatch(/aws_iam_role\.lakehouse_schema-drift_role_\w+\.arn/);
    expect(resourcesOf(json, 'aws_cloudwatch_event_rule')).toEqual({});
  });
});
