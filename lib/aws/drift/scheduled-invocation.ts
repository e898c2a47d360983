import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { Construct } from 'constructs';
import { AwsContext } from '../aws-context';
import { assumeRolePolicy, policyJson } from '../policy-document';
import { invokeStatements } from './drift-statements';

export interface ScheduledInvocationProps {
  /** Name of the schedule and of its role. */
  readonly name: string;
  /** An EventBridge Scheduler `rate(...)` or `cron(...)` expression (UTC), checked by the caller. */
  readonly scheduleExpression: string;
  readonly functionArn: string;
  /** The event the function receives. */
  readonly input: string;
  readonly description: string;
}

/**
 * An EventBridge Scheduler schedule invoking one Lambda function, with the role Scheduler assumes
 * to do so (only `lambda:InvokeFunction` on that function; trusted by scheduler.amazonaws.com
 * for this account only). Scheduler rather than a scheduled rule: AWS documents scheduled rules as
 * the legacy way ("Setting a schedule pattern for scheduled rules (legacy)").
 */
export class ScheduledInvocation extends Construct {
  readonly scheduleArn: string;
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: ScheduledInvocationProps) {
    super(scope, id);
    const context = AwsContext.of(this);
    const role = new IamRole(this, 'role', {
      name: props.name,
      description: `EventBridge Scheduler: ${props.description}`,
      assumeRolePolicy: assumeRolePolicy(
        { Service: 'scheduler.amazonaws.com' },
        { StringEquals: { 'aws:SourceAccount': context.accountId } },
      ),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      role: role.name,
      name: 'invoke-function',
      policy: policyJson(invokeStatements(props.functionArn)),
    });
    const schedule = new SchedulerSchedule(this, 'schedule', {
      name: props.name,
      description: props.description,
      scheduleExpression: props.scheduleExpression,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: { arn: props.functionArn, roleArn: role.arn, input: props.input },
      dependsOn: [policy],
    });
    this.scheduleArn = schedule.arn;
    this.roleArn = role.arn;
  }
}
