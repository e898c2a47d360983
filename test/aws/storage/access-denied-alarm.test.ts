import { beforeAll, describe, expect, it } from 'vitest';
import {
  AccessDeniedAlarm,
  LakehouseBucket,
  LakehouseKey,
  accessDeniedPattern,
  type AccessDeniedAlarmProps,
} from '../../../lib/aws/storage';
import { awsTestStack, onlyResource, parsePolicy, synthStack, type TfJson } from '../../support/synth';
import { matchesFilterPattern } from './filter-pattern';
import { contextRefs, ref } from './refs';

const TOPIC = 'arn:aws:sns:eu-west-1:111122223333:lakehouse-alerts';

function synthAlarm(props: Partial<AccessDeniedAlarmProps> & { cmk?: boolean } = {}): TfJson {
  const stack = awsTestStack();
  const { cmk, ...alarmProps } = props;
  const key = cmk ? new LakehouseKey(stack, 'key', { prefix: 'acme-prod', protectData: true }) : undefined;
  const lakehouse = new LakehouseBucket(stack, 'lakehouse', { prefix: 'acme-prod', protectData: true });
  new AccessDeniedAlarm(stack, 'alerts', { prefix: 'acme-prod', protectData: true, lakehouse, kmsKeyArn: key?.keyArn, ...alarmProps });
  return synthStack(stack);
}

describe('AccessDeniedAlarm with a CMK and an SNS topic', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthAlarm({ cmk: true, snsTopicArn: TOPIC, logRetentionDays: 2192 });
  });

  it('creates a KMS-encrypted STANDARD log group with the given retention, protected from destroy', () => {
    expect(onlyResource(json, 'aws_cloudwatch_log_group')).toEqual({
      name: '/lakehouse/acme-prod/cloudtrail',
      retention_in_days: 2192,
      kms_key_id: ref(json, 'aws_kms_key', 'key', 'arn'),
      log_group_class: 'STANDARD',
      lifecycle: { prevent_destroy: true },
    });
  });

  it('creates the role <prefix>-trail-to-cloudwatch trusted by CloudTrail only', () => {
    const role = onlyResource(json, 'aws_iam_role');
    expect(role.name).toBe('acme-prod-trail-to-cloudwatch');
    expect(parsePolicy(role.assume_role_policy).Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  it("lets the role create streams and put events only in CloudTrail's streams of the group", () => {
    const c = contextRefs(json);
    const streams = `arn:${c.partition}:logs:${c.region}:${c.account}:log-group:/lakehouse/acme-prod/cloudtrail:log-stream:${c.account}_CloudTrail_${c.region}*`;
    const rolePolicy = onlyResource(json, 'aws_iam_role_policy');
    expect(rolePolicy.role).toBe(ref(json, 'aws_iam_role', 'alerts', 'id'));
    expect(parsePolicy(rolePolicy.policy).Statement).toEqual([
      { Sid: 'CreateLogStream', Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: streams },
      { Sid: 'PutLogEvents', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: streams },
    ]);
  });

  it('counts AccessDenied errors on the lakehouse bucket with a JSON filter', () => {
    const filter = onlyResource(json, 'aws_cloudwatch_log_metric_filter');
    expect(filter.log_group_name).toBe(ref(json, 'aws_cloudwatch_log_group', 'alerts', 'name'));
    expect(filter.pattern).toBe(
      `{ ($.eventSource = "s3.amazonaws.com") && ($.requestParameters.bucketName = "${ref(json, 'aws_s3_bucket', 'lakehouse', 'bucket')}") && ($.errorCode = "AccessDenied*") }`,
    );
    expect(filter.metric_transformation).toEqual({ namespace: 'Lakehouse/acme-prod', name: 'S3AccessDenied', value: '1', unit: 'Count' });
  });

  it('alarms on the filtered metric and notifies the SNS topic; no data is not breaching', () => {
    expect(onlyResource(json, 'aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_name: 'acme-prod-lakehouse-access-denied',
      namespace: 'Lakehouse/acme-prod',
      metric_name: 'S3AccessDenied',
      statistic: 'Sum',
      period: 300,
      evaluation_periods: 1,
      threshold: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: [TOPIC],
    });
  });
});

describe('accessDeniedPattern on CloudTrail events', () => {
  const pattern = accessDeniedPattern('acme-prod-lakehouse');
  const event = (over: Record<string, unknown>) => ({
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    requestParameters: { bucketName: 'acme-prod-lakehouse', key: 'warehouse/sales/orders/data/x.parquet' },
    ...over,
  });

  it('matches AccessDenied (and AccessDenied-prefixed codes) on the lakehouse bucket', () => {
    expect(matchesFilterPattern(pattern, event({ errorCode: 'AccessDenied' }))).toBe(true);
    expect(matchesFilterPattern(pattern, event({ errorCode: 'AccessDeniedException' }))).toBe(true);
  });

  it('ignores successful requests, other errors, other buckets and other services', () => {
    expect(matchesFilterPattern(pattern, event({}))).toBe(false);
    expect(matchesFilterPattern(pattern, event({ errorCode: 'NoSuchKey' }))).toBe(false);
    expect(matchesFilterPattern(pattern, event({ errorCode: 'AccessDenied', requestParameters: { bucketName: 'other' } }))).toBe(false);
    expect(matchesFilterPattern(pattern, event({ errorCode: 'AccessDenied', eventSource: 'kms.amazonaws.com' }))).toBe(false);
  });
});

describe('AccessDeniedAlarm defaults and validation', () => {
  it('without a topic or key: no alarm actions, no KMS, 365-day retention; unprotected has no prevent_destroy', () => {
    const json = synthAlarm({ protectData: false, threshold: 5, periodSeconds: 60, evaluationPeriods: 3 });
    const group = onlyResource(json, 'aws_cloudwatch_log_group');
    expect(group.kms_key_id).toBeUndefined();
    expect(group.retention_in_days).toBe(365);
    expect(group.lifecycle).toBeUndefined();
    const alarm = onlyResource(json, 'aws_cloudwatch_metric_alarm');
    expect(alarm.alarm_actions).toBeUndefined();
    expect(alarm).toMatchObject({ threshold: 5, period: 60, evaluation_periods: 3 });
  });

  it('rejects a retention CloudWatch does not accept, a bad period and a too-long role name', () => {
    let message = '';
    try {
      synthAlarm({ logRetentionDays: 42, periodSeconds: 90, roleName: 'r'.repeat(65), origin: 'environments/prod.yaml' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Invalid AccessDeniedAlarm props at test\/\S+ \(environments\/prod\.yaml\):/);
    expect(message).toContain(
      'logRetentionDays: CloudWatch Logs does not keep logs for 42 days; the nearest values it accepts are 30 or 60',
    );
    expect(message).toContain('periodSeconds is 90; use 10, 20, 30 or a multiple of 60');
    expect(message).toContain(`roleName '${'r'.repeat(65)}' must be 1 to 64 characters long (is 65)`);
  });
});
