import { identityPolicies, policyStatements, RESOURCE_POLICY_ATTRIBUTES, type Statement } from '../../iam-policy';
import type { StackIndex, TerraformResource } from '../../terraform-json';

/** Identity-policy statements of an IAM resource. */
export function identityStatements(resource: TerraformResource, stack: StackIndex): Statement[] {
  return identityPolicies(resource.type, resource.config).flatMap((p) => policyStatements(p, stack));
}

/** Resource-policy statements (bucket, key, topic, queue, log resource policies). */
export function resourceStatements(resource: TerraformResource, stack: StackIndex): Statement[] {
  const attribute = RESOURCE_POLICY_ATTRIBUTES[resource.type];
  return attribute ? policyStatements(resource.config[attribute], stack) : [];
}

/**
 * Actions AWS only authorizes against `Resource: "*"` (no resource-level permissions), per the
 * Service Authorization Reference: granting them on "*" is the only way to grant them at all.
 */
export const RESOURCE_STAR_ONLY_ACTIONS = [
  'cloudwatch:PutMetricData',
  'ecr:GetAuthorizationToken',
  'lakeformation:GetDataAccess',
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:UpdateLogDelivery',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
];

const READ_VERBS = /^(Get|List|Describe|Head|BatchGet|Query|Scan|Search|Lookup|Select|View|Check)/;

/** Whether an action (pattern) can change something: anything but read verbs; wildcards count as write. */
export function isWriteAction(action: string): boolean {
  if (action === '*') return true;
  const verb = action.split(':')[1] ?? '';
  if (verb === '' || verb === '*') return true;
  return !READ_VERBS.test(verb);
}
