import { asStringList } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

/** AWS managed policies that grant administration or a whole service. */
const ADMIN_POLICY = /^arn:[^:]+:iam::aws:policy\/(.*\/)?(AdministratorAccess|PowerUserAccess|IAMFullAccess|[A-Za-z0-9]*FullAccess)$/;

const ATTRIBUTES: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'policy_arn',
  aws_iam_user_policy_attachment: 'policy_arn',
  aws_iam_group_policy_attachment: 'policy_arn',
  aws_iam_policy_attachment: 'policy_arn',
  aws_iam_role_policy_attachments_exclusive: 'policy_arns',
  aws_iam_user_policy_attachments_exclusive: 'policy_arns',
  aws_iam_group_policy_attachments_exclusive: 'policy_arns',
  aws_iam_role: 'managed_policy_arns',
};

export const iamNoAdminPolicies: PolicyRule = {
  id: 'LH-IAM-003',
  title: 'No administrator or full-access managed policies',
  problem: 'An AWS managed administrator or *FullAccess policy is attached.',
  rationale: 'These policies grant far more than a lakehouse role needs (every bucket, every table, IAM itself).',
  fix: 'Attach a customer policy with the exact actions and ARNs instead.',
  severity: 'error',
  checkovId: 'CKV_AWS_274',
  resourceTypes: Object.keys(ATTRIBUTES),
  check(resource) {
    const arns = asStringList(resource.config[ATTRIBUTES[resource.type]!]);
    if (arns.length === 0) return 'not-applicable';
    // The partition may be a token (arn:${data.aws_partition.x.partition}:iam::aws:policy/...).
    const bad = arns.filter((a) => ADMIN_POLICY.test(a.replace(/\$\{[^}]*\}/g, 'aws')));
    return bad.length === 0 ? 'compliant' : fail(`Attaches ${bad.join(', ')}.`);
  },
};
