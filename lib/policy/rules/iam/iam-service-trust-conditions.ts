import { compare } from '../../../model/compare';
import { actionMatches, policyStatements, type Statement } from '../../iam-policy';
import type { StackIndex, TerraformResource } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

/** Global condition keys that tie a service's request to a resource, account or organization of yours. */
const CONFUSED_DEPUTY_KEYS = ['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths'];

/**
 * Whether a statement conditions on one of those keys with a positive operator (`StringEquals`,
 * `ArnLike`, ... and their `IfExists` forms). Negated operators and `Null` do not pin the caller.
 */
function pinsTheCaller(s: Statement): boolean {
  return Object.entries(s.condition).some(
    ([operator, keys]) => !/Not|^Null$/.test(operator) && Object.keys(keys).some((key) => CONFUSED_DEPUTY_KEYS.includes(key.toLowerCase())),
  );
}

/**
 * The one documented exception: CloudTrail's role for CloudWatch Logs delivery supports neither
 * aws:SourceArn nor aws:SourceAccount (CloudTrail user guide, "Role policy document for CloudTrail
 * to use CloudWatch Logs for monitoring"). Exempt only a statement trusting nothing but CloudTrail,
 * on a role a trail of this stack uses as its `cloud_watch_logs_role_arn`.
 */
function cloudTrailLogsRole(role: TerraformResource, services: readonly string[], stack: StackIndex): boolean {
  if (services.length !== 1 || services[0] !== 'cloudtrail.amazonaws.com') return false;
  return stack.referrers('aws_cloudtrail', 'cloud_watch_logs_role_arn', role, ['arn']).length > 0;
}

export const iamServiceTrustConditions: PolicyRule = {
  id: 'LH-IAM-005',
  title: 'Service trust pinned to this account (confused deputy)',
  problem: 'A role trusts an AWS service principal without an aws:SourceAccount or aws:SourceArn condition.',
  rationale:
    'A service principal is shared by every AWS customer: without a source condition, the service could be made to assume the role on behalf of another account’s resource (the cross-service confused deputy).',
  fix: 'Add aws:SourceAccount (the account) and, where the service documents it, aws:SourceArn (the resources that may use the role) to the trust statement; for a service documented not to send them, suppress LH-IAM-005 for the role with that source as the reason.',
  severity: 'error',
  resourceTypes: ['aws_iam_role'],
  check(role, { stack }) {
    const open: string[] = [];
    let trustsServices = false;
    for (const s of policyStatements(role.config.assume_role_policy, stack)) {
      if (s.effect !== 'Allow' || !s.actions.some((a) => actionMatches(a, 'sts:AssumeRole'))) continue;
      const services = (s.principals ?? []).filter((p) => p.type === 'Service').flatMap((p) => p.values);
      if (services.length === 0) continue;
      trustsServices = true;
      if (pinsTheCaller(s) || cloudTrailLogsRole(role, services, stack)) continue;
      open.push(...services);
    }
    if (!trustsServices) return 'not-applicable';
    return open.length === 0
      ? 'compliant'
      : fail(`The trust of ${[...new Set(open)].sort(compare).join(', ')} has no aws:SourceAccount or aws:SourceArn condition.`);
  },
};
