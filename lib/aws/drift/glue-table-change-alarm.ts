import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { DRIFT_METRICS } from '../../iceberg-rest/drift-check-input';
import { compare } from '../../model/compare';
import { throwIfPropsProblems } from '../../errors';
import { arnProblems } from '../prop-checks';

export interface GlueTableChangeAlarmProps {
  /** `<project>-<env>`: rule and alarm `<prefix>-glue-table-changes`. */
  readonly prefix: string;
  /** The lakehouse's Glue databases (literal names: they go into the event pattern). */
  readonly databases: readonly string[];
  /**
   * Roles whose table changes are expected (writer and admin roles, the provisioning function, table
   * maintenance); more can be added with {@link GlueTableChangeAlarm.allow}.
   */
  readonly expectedRoleArns: readonly string[];
  /** The drift-check function: it logs who changed what, publishes the metric and re-checks the table. */
  readonly functionArn: string;
  readonly functionName: string;
  /** Where the function publishes `UnexpectedTableChanges` (`SchemaDriftCheck.metricNamespace`). */
  readonly metricNamespace: string;
  /** SNS topic the alarm notifies. @default - the alarm changes state but notifies nobody */
  readonly snsTopicArn?: string;
}

/** Glue calls that change or remove a table (Glue API: UpdateTable, DeleteTable, BatchDeleteTable). */
export const GLUE_TABLE_CHANGE_EVENTS = ['BatchDeleteTable', 'DeleteTable', 'UpdateTable'] as const;

/**
 * An alarm within minutes of a Glue table change made outside the expected roles. An EventBridge
 * rule on the default bus matches the CloudTrail records ("AWS API Call via CloudTrail", which
 * EventBridge only receives while a trail logs the account's management events) of
 * UpdateTable/DeleteTable/BatchDeleteTable on the lakehouse databases whose caller is an assumed
 * role other than the expected ones (`anything-but` on `userIdentity.sessionContext.sessionIssuer.arn`),
 * an IAM user or the root user. Its target is the drift-check function, which logs the caller and
 * publishes `UnexpectedTableChanges`; the alarm on that metric notifies the topic. The function in
 * between keeps the topic's policy as it is: EventBridge could only publish to it directly with a
 * topic policy statement for events.amazonaws.com, which an external topic rarely has.
 */
export class GlueTableChangeAlarm extends Construct {
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly alarmName: string;
  private readonly expected: string[];

  constructor(scope: Construct, id: string, props: GlueTableChangeAlarmProps) {
    super(scope, id);
    throwIfPropsProblems(this, 'GlueTableChangeAlarm', [
      ...(props.databases.length === 0 ? ['databases: give at least one Glue database'] : []),
      ...(props.expectedRoleArns.length === 0 ? ['expectedRoleArns: give at least the writer and admin roles'] : []),
      ...arnProblems('snsTopicArn', props.snsTopicArn, 'snsTopic'),
    ]);
    this.expected = [...props.expectedRoleArns];
    const databases = [...new Set(props.databases)].sort(compare);
    const name = `${props.prefix}-glue-table-changes`;
    const rule = new CloudwatchEventRule(this, 'rule', {
      name,
      description: `Glue table changes on ${props.prefix}'s databases by principals other than its writer, admin and provisioning roles`,
      eventPattern: Lazy.stringValue({ produce: () => JSON.stringify(glueTableChangePattern(databases, this.expected)) }),
    });
    const permission = new LambdaPermission(this, 'invoke', {
      statementId: 'glue-table-changes',
      action: 'lambda:InvokeFunction',
      functionName: props.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });
    new CloudwatchEventTarget(this, 'target', { rule: rule.name, arn: props.functionArn, dependsOn: [permission] });
    new CloudwatchMetricAlarm(this, 'alarm', {
      alarmName: name,
      alarmDescription: `A Glue table of ${props.prefix} was changed or deleted by an unexpected principal: the "unexpected-table-change" lines in /aws/lambda/${props.functionName} name it (docs/operations.md)`,
      namespace: props.metricNamespace,
      metricName: DRIFT_METRICS.unexpectedChanges,
      statistic: 'Sum',
      period: 60,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: props.snsTopicArn ? [props.snsTopicArn] : undefined,
    });
    this.ruleName = name;
    this.ruleArn = rule.arn;
    this.alarmName = name;
  }

  /** Expects table changes from one more role (e.g. one given the writer or admin tier). */
  allow(roleArn: string): void {
    if (!this.expected.includes(roleArn)) this.expected.push(roleArn);
  }
}

/** The rule's event pattern (EventBridge content filtering: `anything-but` lists, `$or`). */
export function glueTableChangePattern(databases: readonly string[], expectedRoleArns: readonly string[]): Record<string, unknown> {
  return {
    source: ['aws.glue'],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: ['glue.amazonaws.com'],
      eventName: [...GLUE_TABLE_CHANGE_EVENTS],
      requestParameters: { databaseName: [...databases] },
      // A pattern only matches fields that exist: IAM users and the root user have no session issuer.
      $or: [
        { userIdentity: { sessionContext: { sessionIssuer: { arn: [{ 'anything-but': [...expectedRoleArns] }] } } } },
        { userIdentity: { type: ['IAMUser', 'Root'] } },
      ],
    },
  };
}
