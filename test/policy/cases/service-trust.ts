import { iamServiceTrustConditions } from '../../../lib/policy/rules/iam/iam-service-trust-conditions';
import { ENV, policy, tf } from '../fixtures';
import type { RuleCase } from '../rule-cases';

const ACCOUNT = '${data.aws_caller_identity.caller.account_id}';

const role = (name: string, service: string, condition?: Record<string, unknown>) => ({
  [`aws_iam_role.${name}`]: {
    name,
    assume_role_policy: policy([
      { Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) },
    ]),
  },
});

const trailTo = (roleName: string) => ({
  'aws_cloudtrail.trail': {
    name: 'acme-test-lakehouse-audit',
    s3_bucket_name: 'acme-test-audit-trail',
    cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.trail.arn}:*',
    cloud_watch_logs_role_arn: `\${aws_iam_role.${roleName}.arn}`,
  },
});

export const SERVICE_TRUST_CASES: RuleCase[] = [
  {
    rule: iamServiceTrustConditions,
    name: 'Lambda execution role',
    env: ENV.basic,
    compliant: tf(role('fn', 'lambda.amazonaws.com', { StringEquals: { 'aws:SourceAccount': ACCOUNT } })),
    nonCompliant: tf(role('fn', 'lambda.amazonaws.com')),
    address: 'aws_iam_role.fn',
    message: /The trust of lambda\.amazonaws\.com has no aws:SourceAccount or aws:SourceArn condition/,
  },
  {
    rule: iamServiceTrustConditions,
    name: 'Lake Formation registration: a negated operator does not pin the caller',
    env: ENV.basic,
    compliant: tf(
      role('lf', 'lakeformation.amazonaws.com', { ArnLike: { 'aws:SourceArn': 'arn:aws:lakeformation:eu-west-1:111122223333:*' } }),
    ),
    nonCompliant: tf(role('lf', 'lakeformation.amazonaws.com', { StringNotEquals: { 'aws:SourceAccount': '999999999999' } })),
    address: 'aws_iam_role.lf',
  },
  {
    rule: iamServiceTrustConditions,
    name: 'IfExists counts; every service of the statement is named',
    env: ENV.basic,
    compliant: tf(role('optimizer', 'glue.amazonaws.com', { StringEqualsIfExists: { 'aws:SourceAccount': ACCOUNT } })),
    nonCompliant: tf({
      'aws_iam_role.optimizer': {
        name: 'optimizer',
        assume_role_policy: policy([
          { Effect: 'Allow', Principal: { Service: ['lakeformation.amazonaws.com', 'glue.amazonaws.com'] }, Action: 'sts:AssumeRole' },
        ]),
      },
    }),
    address: 'aws_iam_role.optimizer',
    message: /The trust of glue\.amazonaws\.com, lakeformation\.amazonaws\.com has no/,
  },
  {
    rule: iamServiceTrustConditions,
    name: 'CloudTrail → CloudWatch Logs role, documented not to support the keys, only when a trail uses it',
    env: ENV.basic,
    compliant: tf({ ...role('trail_logs', 'cloudtrail.amazonaws.com'), ...trailTo('trail_logs') }),
    nonCompliant: tf({ ...role('trail_logs', 'cloudtrail.amazonaws.com'), ...role('other', 'lambda.amazonaws.com'), ...trailTo('other') }),
    address: 'aws_iam_role.trail_logs',
    message: /The trust of cloudtrail\.amazonaws\.com has no/,
  },
];
