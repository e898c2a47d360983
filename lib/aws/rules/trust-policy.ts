import type { SourcedProblem } from '../../model/problems';
import type { LakehousePlan } from '../../plan';
import { ACCESS_TIERS, tierPrincipals } from '../../plan/tiers';
import { assumeRolePolicy } from '../policy-document';
import { IAM_LIMITS } from './limits';

const LIST_KEY = { reader: 'readers', writer: 'writers', admin: 'admins' } as const;

/**
 * A tier role's trust policy lists that tier's principals; IAM refuses a trust policy over its
 * size quota at CreateRole/UpdateAssumeRolePolicy ("ACLSizePerRole"), after everything before it
 * was applied. The policy is the one LakehouseAccessRoles and NessieTierRoles write, measured as
 * IAM counts it (no whitespace).
 */
export function trustPolicyProblems(plan: LakehousePlan): SourcedProblem[] {
  const env = plan.environment;
  const listed = tierPrincipals(env.access);
  return ACCESS_TIERS.flatMap((tier) => {
    const principals = [...new Set(listed[tier])];
    if (principals.length === 0) return [];
    const length = assumeRolePolicy({ AWS: principals.length === 1 ? principals[0]! : principals }).length;
    if (length <= IAM_LIMITS.trustPolicyChars) return [];
    const raisable = length <= IAM_LIMITS.maxTrustPolicyCharsQuota;
    const size = `the ${tier} role's trust policy would have ${length} characters`;
    return [
      {
        file: env.file,
        path: ['access', LIST_KEY[tier]],
        severity: raisable ? ('warning' as const) : ('error' as const),
        message: raisable
          ? `${size}, over IAM's default quota of ${IAM_LIMITS.trustPolicyChars}: the apply fails unless the account's "Role trust policy length" quota was raised (up to ${IAM_LIMITS.maxTrustPolicyCharsQuota}); or list fewer principals (a role or an account root stands for many)`
          : `${size}, over the ${IAM_LIMITS.maxTrustPolicyCharsQuota} IAM allows at most; list fewer principals (a role or an account root stands for many)`,
      },
    ];
  });
}
