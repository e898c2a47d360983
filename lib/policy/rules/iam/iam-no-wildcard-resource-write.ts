import { IDENTITY_POLICY_TYPES } from '../../iam-policy';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { identityStatements, isWriteAction, RESOURCE_STAR_ONLY_ACTIONS } from './iam-helpers';

export const iamNoWildcardResourceWrite: PolicyRule = {
  id: 'LH-IAM-002',
  title: "No write action on Resource '*'",
  problem: "An identity policy allows write actions on Resource '*'.",
  rationale: 'Write access must be scoped to the lakehouse resources; on * it reaches every bucket, table and key in the account.',
  fix: 'Scope the statement to the ARNs it needs (bucket/prefix, Glue catalog/database/table, key ARN).',
  severity: 'error',
  checkovId: 'CKV_AWS_290',
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(resource, { stack }) {
    const statements = identityStatements(resource, stack);
    if (statements.length === 0) return 'not-applicable';
    const offending = statements
      .filter((s) => s.effect === 'Allow' && (s.resources.includes('*') || s.notResources !== undefined))
      .flatMap((s) =>
        s.actions.filter((a) => isWriteAction(a) && !RESOURCE_STAR_ONLY_ACTIONS.some((x) => x.toLowerCase() === a.toLowerCase())),
      );
    const unique = [...new Set(offending)].sort();
    return unique.length === 0 ? 'compliant' : fail(`Write actions on Resource '*': ${unique.join(', ')}.`);
  },
};
