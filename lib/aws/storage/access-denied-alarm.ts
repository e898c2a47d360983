import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';

import { iamRoleNameProblems } from '../rules/names';
import { AwsContext } from '../aws-context';
import { assumeRolePolicy, policyJson } from '../policy-document';
import type { TrailLogDelivery } from './audit-trail';
import type { LakehouseStorageRef } from './lakehouse-storage-ref';
import { defaultTrailLogGroupName, defaultTrailRoleName, logGroupNameProblems } from './storage-names';
import { integerProblems, nameProblems, retentionProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';

export interface AccessDeniedAlarmProps {
  /** `<project>-<env>`: the prefix of every name. */
  readonly prefix: string;
  /** Adds `prevent_destroy` to the log group. @default true */
  readonly protectData?: boolean;
  /** The bucket whose AccessDenied errors are counted. */
  readonly lakehouse: LakehouseStorageRef;
  /** Days CloudWatch Logs keeps the trail's events (a value CloudWatch accepts). @default 365 */
  readonly logRetentionDays?: number;
  /** Customer-managed key for the log group (needs LakehouseKey's CloudWatch Logs statement). @default - CloudWatch Logs' own encryption */
  readonly kmsKeyArn?: string;
  /** SNS topic notified when the alarm fires. @default - the alarm changes state but notifies nobody */
  readonly snsTopicArn?: string;
  /** Denied requests within one period that fire the alarm. @default 1 */
  readonly threshold?: number;
  /** Alarm period in seconds: 10, 20, 30 or a multiple of 60. @default 300 */
  readonly periodSeconds?: number;
  /** Consecutive breaching periods before the alarm fires. @default 1 */
  readonly evaluationPeriods?: number;
  /** @default `/lakehouse/<prefix>/cloudtrail` */
  readonly logGroupName?: string;
  /** Role CloudTrail assumes to write to the log group. @default `<prefix>-trail-to-cloudwatch` */
  readonly roleName?: string;
  /** Where the values come from (e.g. the environment file), named in error messages. @default - not named */
  readonly origin?: string;
}

/**
 * Alerts on failed access to the lakehouse bucket: a CloudWatch Logs group the audit trail
 * delivers to (pass `trailDelivery` to AuditTrail), a metric filter counting AccessDenied errors
 * on the bucket, and an alarm notifying an SNS topic.
 */
export class AccessDeniedAlarm extends Construct {
  /** Give this to `AuditTrailProps.cloudWatchLogs`. */
  readonly trailDelivery: TrailLogDelivery;
  readonly logGroupName: string;
  readonly alarmArn: string;
  readonly alarmName: string;
  readonly metricNamespace: string;
  readonly metricName: string;

  constructor(scope: Construct, id: string, props: AccessDeniedAlarmProps) {
    super(scope, id);
    const settings: AlarmSettings = {
      logGroupName: props.logGroupName ?? defaultTrailLogGroupName(props.prefix),
      roleName: props.roleName ?? defaultTrailRoleName(props.prefix),
      retention: props.logRetentionDays ?? 365,
      threshold: props.threshold ?? 1,
      period: props.periodSeconds ?? 300,
      evaluationPeriods: props.evaluationPeriods ?? 1,
    };
    throwIfPropsProblems(this, 'AccessDeniedAlarm', alarmProblems(settings), props.origin);

    const logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: settings.logGroupName,
      retentionInDays: settings.retention,
      kmsKeyId: props.kmsKeyArn,
      // Metric filters need the STANDARD class (INFREQUENT_ACCESS does not support them).
      logGroupClass: 'STANDARD',
      lifecycle: (props.protectData ?? true) ? { preventDestroy: true } : undefined,
    });
    const { role, rolePolicy } = this.deliveryRole(props.prefix, settings);
    this.trailDelivery = { logGroupArn: `${logGroup.arn}:*`, roleArn: role.arn, dependsOn: [rolePolicy] };

    this.metricNamespace = `Lakehouse/${props.prefix}`;
    this.metricName = 'S3AccessDenied';
    new CloudwatchLogMetricFilter(this, 'filter', {
      name: `${props.prefix}-lakehouse-access-denied`,
      logGroupName: logGroup.name,
      pattern: accessDeniedPattern(props.lakehouse.bucketName),
      metricTransformation: { namespace: this.metricNamespace, name: this.metricName, value: '1', unit: 'Count' },
    });
    const alarm = this.alarm(props, settings);
    this.logGroupName = settings.logGroupName;
    this.alarmArn = alarm.arn;
    this.alarmName = alarm.alarmName;
  }

  /** The role CloudTrail assumes to write this account's CloudTrail streams of the log group. */
  private deliveryRole(prefix: string, settings: AlarmSettings): { role: IamRole; rolePolicy: IamRolePolicy } {
    const context = AwsContext.of(this);
    const role = new IamRole(this, 'role', {
      name: settings.roleName,
      description: `CloudTrail delivery of ${prefix} lakehouse audit events to CloudWatch Logs`,
      // No confused-deputy condition, deliberately: the CloudTrail user guide ("Role policy document
      // for CloudTrail to use CloudWatch Logs for monitoring") states this role supports neither
      // aws:SourceArn nor aws:SourceAccount, and adding either breaks delivery
      // (prowler-cloud/prowler#4714). What protects it instead: CloudTrail accepts only a role of
      // the trail's own account (CreateTrail, CloudWatchLogsRoleArn), and the role may only write
      // this account's CloudTrail streams of one log group. LH-IAM-005 exempts exactly this case.
      assumeRolePolicy: assumeRolePolicy({ Service: 'cloudtrail.amazonaws.com' }),
    });
    // CloudTrail names its streams `<account>_CloudTrail_<region>...`.
    const streams = context.arn('logs', `log-group:${settings.logGroupName}:log-stream:${context.accountId}_CloudTrail_${context.region}*`);
    const rolePolicy = new IamRolePolicy(this, 'role-policy', {
      name: 'cloudtrail-to-cloudwatch-logs',
      role: role.id,
      policy: policyJson([
        { Sid: 'CreateLogStream', Effect: 'Allow', Action: 'logs:CreateLogStream', Resource: streams },
        { Sid: 'PutLogEvents', Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: streams },
      ]),
    });
    return { role, rolePolicy };
  }

  /** The alarm on the AccessDenied count, notifying the SNS topic. */
  private alarm(props: AccessDeniedAlarmProps, settings: AlarmSettings): CloudwatchMetricAlarm {
    return new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: `${props.prefix}-lakehouse-access-denied`,
      alarmDescription: `Requests to the ${props.prefix} lakehouse bucket denied (AccessDenied) in CloudTrail data events`,
      namespace: this.metricNamespace,
      metricName: this.metricName,
      statistic: 'Sum',
      period: settings.period,
      evaluationPeriods: settings.evaluationPeriods,
      threshold: settings.threshold,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      // No denied request means no data point, which is the healthy state.
      treatMissingData: 'notBreaching',
      alarmActions: props.snsTopicArn ? [props.snsTopicArn] : undefined,
    });
  }
}

/** The alarm's names, retention and thresholds with their defaults applied. */
interface AlarmSettings {
  readonly logGroupName: string;
  readonly roleName: string;
  readonly retention: number;
  readonly threshold: number;
  readonly period: number;
  readonly evaluationPeriods: number;
}

/** Periods (seconds) shorter than a minute that CloudWatch alarms accept; longer ones are multiples of 60. */
const SUB_MINUTE_PERIODS: readonly number[] = [10, 20, 30];

function alarmProblems(settings: AlarmSettings): string[] {
  const { period } = settings;
  return [
    ...nameProblems('logGroupName', settings.logGroupName, logGroupNameProblems),
    ...nameProblems('roleName', settings.roleName, iamRoleNameProblems),
    ...retentionProblems('logRetentionDays', settings.retention),
    ...integerProblems('threshold', settings.threshold, 1),
    ...(SUB_MINUTE_PERIODS.includes(period) || (Number.isInteger(period) && period >= 60 && period % 60 === 0)
      ? []
      : [`periodSeconds is ${period}; use ${SUB_MINUTE_PERIODS.join(', ')} or a multiple of 60`]),
    ...integerProblems('evaluationPeriods', settings.evaluationPeriods, 1),
  ];
}

/**
 * CloudWatch Logs JSON filter for CloudTrail S3 events on one bucket whose error code starts with
 * `AccessDenied` (S3 reports `AccessDenied`, also when the KMS key refuses; other services use
 * `AccessDeniedException`).
 */
export function accessDeniedPattern(bucketName: string): string {
  return `{ ($.eventSource = "s3.amazonaws.com") && ($.requestParameters.bucketName = "${bucketName}") && ($.errorCode = "AccessDenied*") }`;
}
