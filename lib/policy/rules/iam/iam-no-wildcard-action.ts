import { IDENTITY_POLICY_TYPES, RESOURCE_POLICY_ATTRIBUTES } from '../../iam-policy';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { identityStatements, resourceStatements } from './iam-helpers';

export const iamNoWildcardAction: PolicyRule = {
  id: 'LH-IAM-001',
  title: "No policy allows Action '*'",
  problem: "A policy statement allows every action ('*' or NotAction).",
  rationale: "Action '*' grants every current and future API of every service: one leaked credential becomes full control.",
  fix: 'List the exact actions the principal needs (named constants in the construct), never * or NotAction with Allow.',
  severity: 'error',
  checkovId: 'CKV_AWS_63',
  resourceTypes: [...IDENTITY_POLICY_TYPES, ...Object.keys(RESOURCE_POLICY_ATTRIBUTES)],
  check(resource, { stack }) {
    const statements = [...identityStatements(resource, stack), ...resourceStatements(resource, stack)];
    if (statements.length === 0) return 'not-applicable';
    const bad = statements.filter((s) => s.effect === 'Allow' && (s.actions.includes('*') || s.notActions !== undefined));
    if (bad.length === 0) return 'compliant';
    return fail(`${bad.length} Allow statement(s) grant every action${bad.some((s) => s.notActions) ? ' (via NotAction)' : ''}.`);
  },
};
