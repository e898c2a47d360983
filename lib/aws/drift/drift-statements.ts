import type { PolicyStatement } from '../policy-document';

/**
 * Publishing metrics in one namespace only. PutMetricData has no resource-level permissions
 * (Resource must be "*"); the `cloudwatch:namespace` condition key limits it to the namespace
 * (Amazon CloudWatch User Guide, "Using condition keys to limit access to CloudWatch namespaces").
 */
export function metricStatements(namespace: string): PolicyStatement[] {
  return [
    {
      Sid: 'PublishDriftMetrics',
      Effect: 'Allow',
      Action: 'cloudwatch:PutMetricData',
      Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': namespace } },
    },
  ];
}

/** Invoking one function: the EventBridge Scheduler role's only permission. */
export function invokeStatements(functionArn: string): PolicyStatement[] {
  return [{ Sid: 'InvokeDriftCheck', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: functionArn }];
}
