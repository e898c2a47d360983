import { policyStatements } from '../../iam-policy';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

const ACCOUNT_ROOT = /^arn:[^:]+:iam::[^:]+:root$/;

/** The account root in any of its spellings: ARN (tokens allowed), bare account id, or the caller-identity token. */
function isAccountRoot(value: string): boolean {
  return ACCOUNT_ROOT.test(value.replace(/\$\{[^}]*\}/g, 'X')) || /^[0-9]{12}$/.test(value) || /^\$\{[^}]*account_id\}$/.test(value);
}

const TIER_ROLE = /-lakehouse-(reader|writer|admin)$/;
const TIER_KEY = { reader: 'readers', writer: 'writers', admin: 'admins' } as const;

export const iamTrustConfiguredPrincipals: PolicyRule = {
  id: 'LH-IAM-004',
  title: 'Role trust limited to the configured principals',
  problem:
    "A role trust policy lets principals assume the role that the environment does not list (a tier role: its tier's access.readers, access.writers or access.admins).",
  rationale:
    'The trust policy decides who can become a reader, writer or admin; anything beyond the configured list widens data access silently, and a principal trusted by two tiers can pick the stronger one.',
  fix: "Trust only AWS services, roles of this stack, and the tier's own list (access.readers, access.writers, access.admins; the account root only when that list is empty); never '*'.",
  severity: 'error',
  checkovId: 'CKV_AWS_60',
  resourceTypes: ['aws_iam_role'],
  check(role, { stack, environment }) {
    const a = environment.access;
    const tier = TIER_ROLE.exec(typeof role.config.name === 'string' ? role.config.name : '')?.[1] as keyof typeof TIER_KEY | undefined;
    const trusted = tier ? a[TIER_KEY[tier]] : [...a.readers, ...a.writers, ...a.admins];
    // A tier role trusts the account root when its own list is empty; any other role only when no principal is configured at all.
    const rootAllowed = trusted.length === 0;
    const where = tier ? `access.${TIER_KEY[tier]}` : 'access.readers, access.writers and access.admins';
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
          else if (rootAllowed && isAccountRoot(value)) continue;
          else problems.push(`AWS principal ${value}`);
        }
      }
    }
    return problems.length === 0 ? 'compliant' : fail(`Trusts principals outside ${where}: ${[...new Set(problems)].join(', ')}.`);
  },
};
