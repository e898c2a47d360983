import { policyStatements } from '../../iam-policy';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

const ACCOUNT_ROOT = /^arn:[^:]+:iam::[^:]+:root$/;

/** The account root in any of its spellings: ARN (tokens allowed), bare account id, or the caller-identity token. */
function isAccountRoot(value: string): boolean {
  return ACCOUNT_ROOT.test(value.replace(/\$\{[^}]*\}/g, 'X')) || /^[0-9]{12}$/.test(value) || /^\$\{[^}]*account_id\}$/.test(value);
}

export const iamTrustConfiguredPrincipals: PolicyRule = {
  id: 'LH-IAM-004',
  title: 'Role trust limited to the configured principals',
  problem: 'A role trust policy lets principals assume the role that access.trusted_principals does not list.',
  rationale:
    'The trust policy decides who can become a reader, writer or admin; anything beyond the configured list widens data access silently.',
  fix: "Trust only AWS services, roles of this stack, and the ARNs in access.trusted_principals (the account root only when that list is empty); never '*'.",
  severity: 'error',
  checkovId: 'CKV_AWS_60',
  resourceTypes: ['aws_iam_role'],
  check(role, { stack, environment }) {
    const trusted = environment.access.trustedPrincipals;
    const problems: string[] = [];
    for (const s of policyStatements(role.config.assume_role_policy, stack)) {
      if (s.effect !== 'Allow') continue;
      for (const p of s.principals ?? []) {
        if (p.type === 'Service') continue;
        for (const value of p.values) {
          if (value === '*') problems.push(`${p.type} '*'`);
          else if (p.type !== 'AWS') problems.push(`${p.type} principal ${value}`);
          else if (trusted.includes(value)) continue;
          else if (stack.resolve(value).some((r) => r.type === 'aws_iam_role')) continue;
          else if (trusted.length === 0 && isAccountRoot(value)) continue;
          else problems.push(`AWS principal ${value}`);
        }
      }
    }
    return problems.length === 0
      ? 'compliant'
      : fail(`Trusts principals outside access.trusted_principals: ${[...new Set(problems)].join(', ')}.`);
  },
};
