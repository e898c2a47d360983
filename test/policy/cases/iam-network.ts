import { iamNoAdminPolicies } from '../../../lib/policy/rules/iam/iam-no-admin-policies';
import { iamNoWildcardAction } from '../../../lib/policy/rules/iam/iam-no-wildcard-action';
import { iamNoWildcardResourceWrite } from '../../../lib/policy/rules/iam/iam-no-wildcard-resource-write';
import { iamTrustConfiguredPrincipals } from '../../../lib/policy/rules/iam/iam-trust-configured-principals';
import { securityGroupDescriptions } from '../../../lib/policy/rules/network/security-group-descriptions';
import { securityGroupOpenIngress } from '../../../lib/policy/rules/network/security-group-open-ingress';
import { vpcDefaultSecurityGroupClosed } from '../../../lib/policy/rules/network/vpc-default-security-group';
import { vpcFlowLogs } from '../../../lib/policy/rules/network/vpc-flow-logs';
import { awsEnvironment } from '../../support/synth';
import { ENV, policy, tf } from '../fixtures';
import type { RuleCase } from '../rule-cases';

const READER = 'arn:aws:iam::111122223333:role/analytics-readers';
const ETL = 'arn:aws:iam::111122223333:role/etl';
const trustedEnv = () => awsEnvironment('glue', `access:\n  readers:\n    - ${READER}\n  writers:\n    - ${ETL}\n`);
const trust = (principal: unknown) => policy([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }]);
const ROOT = 'arn:${data.aws_partition.p.partition}:iam::${data.aws_caller_identity.c.account_id}:root';
const context = { 'data.aws_partition.p': {}, 'data.aws_caller_identity.c': {} };

const sg = (ingress: Record<string, unknown>[]) => ({
  'aws_security_group.alb': {
    name: 'alb',
    description: 'Nessie ALB: HTTPS from allowed CIDRs',
    vpc_id: '${aws_vpc.vpc.id}',
    ingress,
    egress: [],
  },
});

export const IAM_NETWORK_CASES: RuleCase[] = [
  {
    rule: iamNoWildcardAction,
    env: ENV.basic,
    compliant: tf({
      'aws_iam_role_policy.reader': {
        role: 'r',
        policy: policy([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['${aws_s3_bucket.data.arn}/*'] }]),
      },
    }),
    nonCompliant: tf({
      'aws_iam_role_policy.reader': {
        role: 'r',
        policy: policy([{ Effect: 'Allow', Action: '*', Resource: '${aws_s3_bucket.data.arn}' }]),
      },
    }),
    address: 'aws_iam_role_policy.reader',
  },
  {
    rule: iamNoWildcardAction,
    name: 'policy document data source and NotAction',
    env: ENV.basic,
    compliant: tf({
      'data.aws_iam_policy_document.doc': { statement: [{ effect: 'Allow', actions: ['glue:GetTable'], resources: ['*'] }] },
      'aws_iam_policy.p': { policy: '${data.aws_iam_policy_document.doc.json}' },
    }),
    nonCompliant: tf({ 'aws_iam_policy.p': { policy: policy([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]) } }),
    address: 'aws_iam_policy.p',
    message: /NotAction/,
  },
  {
    rule: iamNoWildcardResourceWrite,
    env: ENV.basic,
    compliant: tf({
      'aws_iam_role_policy.writer': {
        role: 'w',
        policy: policy([
          { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: '${aws_s3_bucket.data.arn}/warehouse/*' },
          { Effect: 'Allow', Action: ['glue:GetDatabases', 'lakeformation:GetDataAccess', 'cloudwatch:PutMetricData'], Resource: '*' },
        ]),
      },
    }),
    nonCompliant: tf({
      'aws_iam_role_policy.writer': {
        role: 'w',
        policy: policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 'glue:*'], Resource: '*' }]),
      },
    }),
    address: 'aws_iam_role_policy.writer',
    message: /glue:\*, s3:PutObject/,
  },
  {
    rule: iamNoAdminPolicies,
    env: ENV.basic,
    compliant: tf({
      'aws_iam_role_policy_attachment.a': { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSGlueServiceRole' },
    }),
    nonCompliant: tf({
      'aws_iam_role_policy_attachment.a': {
        role: 'r',
        policy_arn: 'arn:${data.aws_partition.p.partition}:iam::aws:policy/AdministratorAccess',
      },
    }),
    address: 'aws_iam_role_policy_attachment.a',
    message: /AdministratorAccess/,
  },
  {
    rule: iamTrustConfiguredPrincipals,
    env: trustedEnv,
    compliant: tf({
      'aws_iam_role.reader': { assume_role_policy: trust({ AWS: [READER] }) },
      'aws_iam_role.task': { assume_role_policy: trust({ Service: 'ecs-tasks.amazonaws.com' }) },
    }),
    nonCompliant: tf({ ...context, 'aws_iam_role.reader': { assume_role_policy: trust({ AWS: [READER, ROOT] }) } }),
    address: 'aws_iam_role.reader',
    message: /:root/,
  },
  {
    rule: iamTrustConfiguredPrincipals,
    name: "a tier role trusts only its own tier's list",
    env: trustedEnv,
    compliant: tf({
      'aws_iam_role.reader': { name: 'acme-dev-lakehouse-reader', assume_role_policy: trust({ AWS: [READER] }) },
      'aws_iam_role.writer': { name: 'acme-dev-lakehouse-writer', assume_role_policy: trust({ AWS: [ETL] }) },
      // admins is empty: the admin role trusts the account root (IAM decides).
      'aws_iam_role.admin': { name: 'acme-dev-lakehouse-admin', assume_role_policy: trust({ AWS: '111122223333' }) },
    }),
    nonCompliant: tf({ 'aws_iam_role.reader': { name: 'acme-dev-lakehouse-reader', assume_role_policy: trust({ AWS: [READER, ETL] }) } }),
    address: 'aws_iam_role.reader',
    message: /outside access\.readers: AWS principal arn:aws:iam::111122223333:role\/etl/,
  },
  {
    rule: iamTrustConfiguredPrincipals,
    name: 'account root when no principals are configured; wildcard never',
    env: ENV.basic,
    compliant: tf({ ...context, 'aws_iam_role.reader': { assume_role_policy: trust({ AWS: ROOT }) } }),
    nonCompliant: tf({ 'aws_iam_role.reader': { assume_role_policy: trust('*') } }),
    address: 'aws_iam_role.reader',
    message: /\* '\*'/,
  },
  {
    rule: securityGroupOpenIngress,
    env: ENV.basic,
    compliant: tf(
      sg([{ description: 'HTTPS from the corporate network', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] }]),
    ),
    nonCompliant: tf(
      sg([{ description: 'HTTPS from anywhere', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }]),
    ),
    address: 'aws_security_group.alb',
    message: /0\.0\.0\.0\/0/,
  },
  {
    rule: securityGroupOpenIngress,
    name: 'separate ingress rule, IPv6',
    env: ENV.basic,
    compliant: tf({
      'aws_vpc_security_group_ingress_rule.https': { security_group_id: 'sg', cidr_ipv4: '10.0.0.0/8', ip_protocol: 'tcp' },
    }),
    nonCompliant: tf({ 'aws_vpc_security_group_ingress_rule.https': { security_group_id: 'sg', cidr_ipv6: '::/0', ip_protocol: 'tcp' } }),
    address: 'aws_vpc_security_group_ingress_rule.https',
  },
  {
    rule: securityGroupDescriptions,
    env: ENV.basic,
    compliant: tf(sg([{ description: 'HTTPS', from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] }])),
    nonCompliant: tf(sg([{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['10.0.0.0/8'] }])),
    address: 'aws_security_group.alb',
    message: /1 inline rule/,
  },
  {
    rule: vpcFlowLogs,
    env: ENV.basic,
    compliant: tf({
      'aws_vpc.vpc': { cidr_block: '10.0.0.0/16' },
      'aws_flow_log.flow': { vpc_id: '${aws_vpc.vpc.id}', traffic_type: 'ALL' },
    }),
    nonCompliant: tf({ 'aws_vpc.vpc': { cidr_block: '10.0.0.0/16' } }),
    address: 'aws_vpc.vpc',
  },
  {
    rule: vpcDefaultSecurityGroupClosed,
    env: ENV.basic,
    compliant: tf({
      'aws_vpc.vpc': { cidr_block: '10.0.0.0/16' },
      'aws_default_security_group.default': { vpc_id: '${aws_vpc.vpc.id}', ingress: [], egress: [] },
    }),
    nonCompliant: tf({
      'aws_vpc.vpc': { cidr_block: '10.0.0.0/16' },
      'aws_default_security_group.default': {
        vpc_id: '${aws_vpc.vpc.id}',
        egress: [{ from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'] }],
      },
    }),
    address: 'aws_vpc.vpc',
    message: /still has ingress or egress/,
  },
];
