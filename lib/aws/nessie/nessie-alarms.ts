import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Construct } from 'constructs';
import { NESSIE_TABLE_SUFFIXES, type NessieTableSuffix } from './nessie-version-store';
import { arnProblems, integerProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';

export interface NessieAlarmsProps {
  /** `<project>-<env>`: alarms are named `<prefix>-nessie-<what>`. */
  readonly prefix: string;
  /** Topic notified when an alarm fires and when it clears. @default - alarms change state but notify nobody */
  readonly snsTopicArn?: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** `app/<name>/<id>` (`NessieLoadBalancer.loadBalancerArnSuffix`). */
  readonly loadBalancerArnSuffix: string;
  /** `targetgroup/<name>/<id>` (`NessieLoadBalancer.targetGroupArnSuffix`). */
  readonly targetGroupArnSuffix: string;
  /** Version store table names by suffix. */
  readonly tableNames: Readonly<Record<NessieTableSuffix, string>>;
  /** Average service CPU (%) over 5 minutes that fires the CPU alarm. @default 80 */
  readonly cpuThresholdPercent?: number;
  /** Average service memory (%) over 5 minutes that fires the memory alarm. @default 80 */
  readonly memoryThresholdPercent?: number;
  /** 5xx responses from Nessie within 5 minutes that fire the 5xx alarm. @default 5 */
  readonly target5xxThreshold?: number;
  /**
   * 4xx responses from Nessie within 5 minutes that fire the `auth-failures` alarm (rejected or
   * missing tokens, denied operations). Set it when authentication is on.
   * @default - no such alarm
   */
  readonly target4xxThreshold?: number;
}

/** One alarm as created, for callers and tests. */
export interface NessieAlarmSpec {
  readonly key: string;
  readonly metricName: string;
  readonly namespace: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: 'Sum' | 'Average' | 'Maximum';
  readonly threshold: number;
  readonly comparison: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly description: string;
}

/** How long a condition must last before an alarm fires. */
interface AlarmWindow {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

/** One 5-minute period. */
const FIVE_MINUTES_ONCE: AlarmWindow = { periodSeconds: 300, evaluationPeriods: 1 };
/** Two consecutive 5-minute periods. */
const FIVE_MINUTES_TWICE: AlarmWindow = { periodSeconds: 300, evaluationPeriods: 2 };
/** Three consecutive 1-minute periods. */
const ONE_MINUTE_THRICE: AlarmWindow = { periodSeconds: 60, evaluationPeriods: 3 };

/** `<n> minutes`: the time a window covers, for alarm descriptions. */
function duration(window: AlarmWindow): string {
  const minutes = (window.periodSeconds * window.evaluationPeriods) / 60;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * A burst of 4xx answers from Nessie: 401 (missing, expired or foreign tokens) and 403 (an operation
 * the caller's tier may not do) are what credential stuffing or a misconfigured client produce. The
 * ALB publishes no per-status metric (`HTTPCode_Target_4XX_Count` counts 400-499 returned by the
 * targets; `HTTPCode_ELB_4XX_Count` only the load balancer's own), so this counts every 4xx: a
 * normal 404 (a client probing whether a table exists) or 409 (a commit conflict) also counts, hence
 * a threshold well above routine traffic.
 */
function authFailureSpec(alb: Record<string, string>, threshold: number): NessieAlarmSpec {
  return {
    key: 'auth-failures',
    metricName: 'HTTPCode_Target_4XX_Count',
    namespace: 'AWS/ApplicationELB',
    dimensions: alb,
    statistic: 'Sum',
    threshold,
    comparison: 'GreaterThanOrEqualToThreshold',
    ...FIVE_MINUTES_ONCE,
    description: `Nessie answered ${threshold} or more requests with 4xx (401/403: bad tokens or denied operations) within ${duration(FIVE_MINUTES_ONCE)}`,
  };
}

/**
 * CloudWatch alarms of the Nessie path, each with alarm and OK actions to the SNS topic:
 * unhealthy targets, service CPU and memory, read and write throttling on each version store
 * table (`ReadThrottleEvents`/`WriteThrottleEvents` are published for on-demand tables too, per
 * table; `ThrottledRequests` only per operation), 5xx responses from the targets, and (with authentication) bursts of 4xx.
 */
export class NessieAlarms extends Construct {
  readonly specs: readonly NessieAlarmSpec[];
  /** Alarm names by key (`unhealthy-targets`, `cpu-high`, `memory-high`, `target-5xx`, `<table>-read-throttles`, ...). */
  readonly alarmNames: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: NessieAlarmsProps) {
    super(scope, id);
    const cpu = props.cpuThresholdPercent ?? 80;
    const memory = props.memoryThresholdPercent ?? 80;
    const errors = props.target5xxThreshold ?? 5;
    throwIfPropsProblems(this, 'NessieAlarms', [
      ...arnProblems('snsTopicArn', props.snsTopicArn, 'snsTopic'),
      ...integerProblems('cpuThresholdPercent', cpu, 1, 100),
      ...integerProblems('memoryThresholdPercent', memory, 1, 100),
      ...integerProblems('target5xxThreshold', errors, 1),
      ...(props.target4xxThreshold !== undefined ? integerProblems('target4xxThreshold', props.target4xxThreshold, 1) : []),
    ]);

    const alb = { LoadBalancer: props.loadBalancerArnSuffix, TargetGroup: props.targetGroupArnSuffix };
    const ecs = { ClusterName: props.clusterName, ServiceName: props.serviceName };
    const specs: NessieAlarmSpec[] = [
      ...serviceSpecs(alb, ecs, cpu, memory),
      ...throttleSpecs(props.tableNames),
      target5xxSpec(alb, errors),
      ...(props.target4xxThreshold !== undefined ? [authFailureSpec(alb, props.target4xxThreshold)] : []),
    ];

    const actions = props.snsTopicArn ? [props.snsTopicArn] : undefined;
    const names: Record<string, string> = {};
    for (const spec of specs) {
      const name = `${props.prefix}-nessie-${spec.key}`;
      new CloudwatchMetricAlarm(this, spec.key, {
        alarmName: name,
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: { ...spec.dimensions },
        statistic: spec.statistic,
        period: spec.periodSeconds,
        evaluationPeriods: spec.evaluationPeriods,
        threshold: spec.threshold,
        comparisonOperator: spec.comparison,
        // Count metrics are only published when something happened; no data means all is well.
        treatMissingData: 'notBreaching',
        alarmActions: actions,
        okActions: actions,
      });
      names[spec.key] = name;
    }
    this.specs = specs;
    this.alarmNames = names;
  }
}

/** Unhealthy targets, and the service's CPU and memory. */
function serviceSpecs(alb: Record<string, string>, ecs: Record<string, string>, cpu: number, memory: number): NessieAlarmSpec[] {
  return [
    {
      key: 'unhealthy-targets',
      metricName: 'UnHealthyHostCount',
      namespace: 'AWS/ApplicationELB',
      dimensions: alb,
      statistic: 'Maximum',
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      ...ONE_MINUTE_THRICE,
      description: `A Nessie task has failed its readiness check for ${duration(ONE_MINUTE_THRICE)}`,
    },
    {
      key: 'cpu-high',
      metricName: 'CPUUtilization',
      namespace: 'AWS/ECS',
      dimensions: ecs,
      statistic: 'Average',
      threshold: cpu,
      comparison: 'GreaterThanThreshold',
      ...FIVE_MINUTES_TWICE,
      description: `Nessie service CPU above ${cpu}% for ${duration(FIVE_MINUTES_TWICE)} (autoscaling at its maximum?)`,
    },
    {
      key: 'memory-high',
      metricName: 'MemoryUtilization',
      namespace: 'AWS/ECS',
      dimensions: ecs,
      statistic: 'Average',
      threshold: memory,
      comparison: 'GreaterThanThreshold',
      ...FIVE_MINUTES_TWICE,
      description: `Nessie service memory above ${memory}% for ${duration(FIVE_MINUTES_TWICE)}`,
    },
  ];
}

/** Read and write throttling on each version store table. */
function throttleSpecs(tableNames: Readonly<Record<NessieTableSuffix, string>>): NessieAlarmSpec[] {
  return NESSIE_TABLE_SUFFIXES.flatMap((table) =>
    (['Read', 'Write'] as const).map((op): NessieAlarmSpec => ({
      key: `${table}-${op.toLowerCase()}-throttles`,
      metricName: `${op}ThrottleEvents`,
      namespace: 'AWS/DynamoDB',
      dimensions: { TableName: tableNames[table] },
      statistic: 'Sum',
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      ...FIVE_MINUTES_ONCE,
      description: `DynamoDB throttled ${op.toLowerCase()}s on the Nessie ${table} table`,
    })),
  );
}

/** 5xx answers from Nessie. */
function target5xxSpec(alb: Record<string, string>, threshold: number): NessieAlarmSpec {
  return {
    key: 'target-5xx',
    metricName: 'HTTPCode_Target_5XX_Count',
    namespace: 'AWS/ApplicationELB',
    dimensions: alb,
    statistic: 'Sum',
    threshold,
    comparison: 'GreaterThanOrEqualToThreshold',
    ...FIVE_MINUTES_ONCE,
    description: `Nessie answered ${threshold} or more requests with 5xx within ${duration(FIVE_MINUTES_ONCE)}`,
  };
}
