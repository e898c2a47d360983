import { describe, expect, it } from 'vitest';
import { GlueTableChangeAlarm, glueTableChangePattern, type GlueTableChangeAlarmProps } from '../../../lib/aws/drift';
import { awsTestStack, onlyResource, synthStack, type TfJson } from '../../support/synth';

const WRITER = 'arn:aws:iam::111122223333:role/acme-dev-lakehouse-writer';
const ADMIN = 'arn:aws:iam::111122223333:role/acme-dev-lakehouse-admin';
const FN = { functionArn: 'arn:aws:lambda:eu-west-1:111122223333:function:acme-dev-schema-drift', functionName: 'acme-dev-schema-drift' };

function synth(props: Partial<GlueTableChangeAlarmProps> = {}, more: (a: GlueTableChangeAlarm) => void = () => {}): TfJson {
  const stack = awsTestStack();
  const alarm = new GlueTableChangeAlarm(stack, 'changes', {
    prefix: 'acme-dev',
    databases: ['acme_dev_sales', 'acme_dev_core', 'acme_dev_sales'],
    expectedRoleArns: [WRITER, ADMIN],
    metricNamespace: 'Lakehouse/acme-dev',
    ...FN,
    ...props,
  });
  more(alarm);
  return synthStack(stack);
}

/** EventBridge's matching, for the parts of the pattern used: exact values, anything-but lists, $or, absent fields. */
function matches(pattern: unknown, event: unknown): boolean {
  if (Array.isArray(pattern)) {
    return pattern.some((p) =>
      typeof p === 'object' && p !== null && 'anything-but' in p
        ? event !== undefined && !(p['anything-but'] as unknown[]).includes(event)
        : p === event,
    );
  }
  const p = pattern as Record<string, unknown>;
  const e = (event ?? {}) as Record<string, unknown>;
  return Object.entries(p).every(([key, sub]) =>
    key === '$or' ? (sub as unknown[]).some((alt) => matches(alt, e)) : e[key] !== undefined && matches(sub, e[key]),
  );
}

const record = (eventName: string, identity: Record<string, unknown>, database = 'acme_dev_sales') => ({
  source: 'aws.glue',
  'detail-type': 'AWS API Call via CloudTrail',
  detail: {
    eventSource: 'glue.amazonaws.com',
    eventName,
    userIdentity: identity,
    requestParameters: { databaseName: database, name: 'orders' },
  },
});
const role = (arn: string) => ({
  type: 'AssumedRole',
  arn: `${arn.replace(':iam:', ':sts:').replace(':role/', ':assumed-role/')}/s`,
  sessionContext: { sessionIssuer: { type: 'Role', arn } },
});

describe('GlueTableChangeAlarm', () => {
  const pattern = glueTableChangePattern(['acme_dev_sales'], [WRITER, ADMIN]);

  it.each([
    ['an unexpected role updating a table', record('UpdateTable', role('arn:aws:iam::111122223333:role/analyst')), true],
    ['an IAM user deleting a table', record('DeleteTable', { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/bob' }), true],
    ['the root user', record('BatchDeleteTable', { type: 'Root', arn: 'arn:aws:iam::111122223333:root' }), true],
    ['the writer role committing (Iceberg commits call UpdateTable)', record('UpdateTable', role(WRITER)), false],
    ['the admin role', record('DeleteTable', role(ADMIN)), false],
    ['another database', record('UpdateTable', role('arn:aws:iam::111122223333:role/analyst'), 'other_db'), false],
    ['a read', record('GetTable', role('arn:aws:iam::111122223333:role/analyst')), false],
  ])('%s: matched = %s', (_, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('renders that pattern on the default bus, with later roles added by allow()', () => {
    const LATER = 'arn:aws:iam::111122223333:role/pipeline';
    const rule = onlyResource(
      synth({}, (a) => a.allow(LATER)),
      'aws_cloudwatch_event_rule',
    );
    expect(rule.name).toBe('acme-dev-glue-table-changes');
    expect(rule.event_bus_name).toBeUndefined();
    expect(JSON.parse(rule.event_pattern as string)).toEqual(
      glueTableChangePattern(['acme_dev_core', 'acme_dev_sales'], [WRITER, ADMIN, LATER]),
    );
  });

  it('targets the drift-check function, which only this rule may invoke through this permission', () => {
    const json = synth();
    expect(onlyResource(json, 'aws_cloudwatch_event_target')).toMatchObject({
      arn: FN.functionArn,
      rule: expect.stringMatching(/aws_cloudwatch_event_rule\.\w+\.name/),
    });
    expect(onlyResource(json, 'aws_lambda_permission')).toMatchObject({
      action: 'lambda:InvokeFunction',
      function_name: FN.functionName,
      principal: 'events.amazonaws.com',
      source_arn: expect.stringMatching(/^\$\{aws_cloudwatch_event_rule\.\w+\.arn\}$/),
    });
  });

  it('alarms within a minute of the function publishing UnexpectedTableChanges', () => {
    const topic = 'arn:aws:sns:eu-west-1:111122223333:alerts';
    expect(onlyResource(synth({ snsTopicArn: topic }), 'aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_name: 'acme-dev-glue-table-changes',
      namespace: 'Lakehouse/acme-dev',
      metric_name: 'UnexpectedTableChanges',
      statistic: 'Sum',
      period: 60,
      threshold: 1,
      treat_missing_data: 'notBreaching',
      alarm_actions: [topic],
    });
  });

  it('refuses an empty database or role list', () => {
    expect(() => synth({ databases: [], expectedRoleArns: [] })).toThrow(/databases: give at least one[\s\S]*expectedRoleArns/);
  });
});
