import { policyJson, type PolicyStatement } from '../policy-document';
import { worstCaseScope, type ArnScope } from './lakehouse-arns';

import { IAM_LIMITS } from '../rules/limits';

export { IAM_LIMITS };

/** Renders the statements of one policy holding `items`; `first` marks the policy that carries the fixed statements. */
export type StatementRenderer<T> = (items: readonly T[], scope: ArnScope, first: boolean) => PolicyStatement[];

/** Length IAM will count for these statements, with every reference at its longest value. */
export function worstCaseLength<T>(render: StatementRenderer<T>, items: readonly T[], scope: ArnScope, first: boolean): number {
  return policyJson(render(items, worstCaseScope(scope), first)).length;
}

/**
 * Splits `items` into as few policy documents as fit `limit` characters each (greedy, order
 * kept), so policies grow in number instead of past IAM's size limit. Returns the real
 * statements of each document; throws when one item alone cannot fit.
 */
export function packPolicies<T>(
  what: string,
  items: readonly T[],
  render: StatementRenderer<T>,
  scope: ArnScope,
  limit: number = IAM_LIMITS.managedPolicyChars,
): PolicyStatement[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    const first = chunks.length === 0;
    const candidate = [...current, item];
    if (worstCaseLength(render, candidate, scope, first) <= limit) {
      current = candidate;
      continue;
    }
    if (current.length === 0 || worstCaseLength(render, [item], scope, false) > limit) {
      throw new Error(
        `${what}: one entry (${JSON.stringify(item)}) alone makes a policy longer than ${limit} characters; shorten the names involved`,
      );
    }
    chunks.push(current);
    current = [item];
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks.map((chunk, i) => render(chunk, scope, i === 0)).filter((statements) => statements.length > 0);
}
