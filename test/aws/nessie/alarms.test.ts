import { compareBy } from '../../../lib/model/compare';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf } from '../../support/synth';
import { ref, synthNessie, TOPIC, type Synthesized } from './nessie-fixtures';

const alarmsByName = (s: Synthesized) =>
  Object.fromEntries(Object.values(resourcesOf(s.json, 'aws_cloudwatch_metric_alarm')).map((a) => [a.alarm_name as string, a]));

describe('NessieAlarms with an SNS topic', () => {
  let s: Synthesized;
  let alb: Record<string, string>;
  let ecs: Record<string, string>;
  beforeAll(() => {
    s = synthNessie({ snsTopicArn: TOPIC });
    alb = {
      LoadBalancer: ref(s.json, 'aws_lb', 'alb', 'arn_suffix'),
      TargetGroup: ref(s.json, 'aws_lb_target_group', 'targets', 'arn_suffix'),
    };
    ecs = {
      ClusterName: ref(s.json, 'aws_ecs_cluster', 'cluster', 'name'),
      ServiceName: ref(s.json, 'aws_ecs_service', 'service', 'name'),
    };
  });

  it('creates exactly these alarms, with metric, namespace, dimensions and threshold', () => {
    const rows = Object.entries(alarmsByName(s))
      .map(([name, a]) => ({
        name,
        metric: `${a.namespace}/${a.metric_name}`,
        dimensions: a.dimensions,
        rule: `${a.statistic} ${a.comparison_operator} ${a.threshold} over ${a.evaluation_periods}x${a.period}s`,
      }))
      .sort(compareBy((a) => a.name));
    const table = (suffix: string) => ({ TableName: ref(s.json, 'aws_dynamodb_table', suffix, 'name') });
    expect(rows).toEqual([
      {
        name: 'acme-test-nessie-cpu-high',
        metric: 'AWS/ECS/CPUUtilization',
        dimensions: ecs,
        rule: 'Average GreaterThanThreshold 80 over 2x300s',
      },
      {
        name: 'acme-test-nessie-memory-high',
        metric: 'AWS/ECS/MemoryUtilization',
        dimensions: ecs,
        rule: 'Average GreaterThanThreshold 80 over 2x300s',
      },
      {
        name: 'acme-test-nessie-objs-read-throttles',
        metric: 'AWS/DynamoDB/ReadThrottleEvents',
        dimensions: table('objs'),
        rule: 'Sum GreaterThanOrEqualToThreshold 1 over 1x300s',
      },
      {
        name: 'acme-test-nessie-objs-write-throttles',
        metric: 'AWS/DynamoDB/WriteThrottleEvents',
        dimensions: table('objs'),
        rule: 'Sum GreaterThanOrEqualToThreshold 1 over 1x300s',
      },
      {
        name: 'acme-test-nessie-refs-read-throttles',
        metric: 'AWS/DynamoDB/ReadThrottleEvents',
        dimensions: table('refs'),
        rule: 'Sum GreaterThanOrEqualToThreshold 1 over 1x300s',
      },
      {
        name: 'acme-test-nessie-refs-write-throttles',
        metric: 'AWS/DynamoDB/WriteThrottleEvents',
        dimensions: table('refs'),
        rule: 'Sum GreaterThanOrEqualToThreshold 1 over 1x300s',
      },
      {
        name: 'acme-test-nessie-target-5xx',
        metric: 'AWS/ApplicationELB/HTTPCode_Target_5XX_Count',
        dimensions: alb,
        rule: 'Sum GreaterThanOrEqualToThreshold 5 over 1x300s',
      },
      {
        name: 'acme-test-nessie-unhealthy-targets',
        metric: 'AWS/ApplicationELB/UnHealthyHostCount',
        dimensions: alb,
        rule: 'Maximum GreaterThanOrEqualToThreshold 1 over 3x60s',
      },
    ]);
  });

  it('notifies the topic when an alarm fires and when it clears; no data is not a breach', () => {
    for (const a of Object.values(alarmsByName(s))) {
      expect(a.alarm_actions).toEqual([TOPIC]);
      expect(a.ok_actions).toEqual([TOPIC]);
      expect(a.treat_missing_data).toBe('notBreaching');
      expect(a.alarm_description.length).toBeGreaterThan(20);
    }
    expect(Object.keys(s.lakehouse.alarms.alarmNames).sort()).toEqual([
      'cpu-high',
      'memory-high',
      'objs-read-throttles',
      'objs-write-throttles',
      'refs-read-throttles',
      'refs-write-throttles',
      'target-5xx',
      'unhealthy-targets',
    ]);
  });
});

describe('NessieAlarms without a topic', () => {
  it('creates the alarms without actions', () => {
    const s = synthNessie();
    const alarms = Object.values(alarmsByName(s));
    expect(alarms).toHaveLength(8);
    for (const a of alarms) {
      expect(a.alarm_actions).toBeUndefined();
      expect(a.ok_actions).toBeUndefined();
    }
  });

  it('refuses a topic that is not an SNS ARN', () => {
    expect(() => synthNessie({ snsTopicArn: 'lakehouse-alerts' })).toThrow(
      /snsTopicArn: 'lakehouse-alerts' is not an SNS topic ARN \(arn:aws:sns/,
    );
  });
});
