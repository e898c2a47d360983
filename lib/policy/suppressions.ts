/**
 * Suppressions from the environment file (`policy.suppressions`): one rule on one resource, with a
 * reason. They are checked against the pack and the stack so a typo cannot silently hide nothing.
 */
import type { PolicySuppression } from '../model';
import type { StackIndex, TerraformResource } from './terraform-json';
import { STACK_RESOURCE_TYPE } from './types';

export const MIN_SUPPRESSION_REASON_LENGTH = 20;
const PLACEHOLDER_REASON = /^(todo|tbd|n\/a|none|fixme|xxx|wip)\b/i;

export interface ResolvedSuppression {
  readonly suppression: PolicySuppression;
  /** Address of the one resource it targets (the stack name for stack-wide rules). */
  readonly address: string;
}

export interface SuppressionCheck {
  readonly resolved: ResolvedSuppression[];
  /** One message per invalid suppression, saying what to change. */
  readonly problems: string[];
}

/**
 * Resolves each suppression to exactly one resource: by Terraform address (`aws_s3_bucket.x`), by
 * construct path or path suffix (`storage/bucket`), or by the stack name for stack-wide rules.
 */
export function resolveSuppressions(
  suppressions: readonly PolicySuppression[],
  knownRuleIds: ReadonlySet<string>,
  stack: StackIndex,
): SuppressionCheck {
  const resolved: ResolvedSuppression[] = [];
  const problems: string[] = [];
  suppressions.forEach((s, i) => {
    const where = `policy.suppressions[${i}] (rule '${s.rule}', resource '${s.resource}')`;
    const reason = (s.reason ?? '').trim();
    const before = problems.length;
    if (!knownRuleIds.has(s.rule)) {
      problems.push(`${where}: unknown rule id '${s.rule}'; use one of the ids listed in docs/policy.md (e.g. LH-S3-007)`);
    }
    if (reason.length < MIN_SUPPRESSION_REASON_LENGTH || PLACEHOLDER_REASON.test(reason)) {
      problems.push(
        `${where}: reason '${reason}' is not a real reason; say in at least ${MIN_SUPPRESSION_REASON_LENGTH} characters why the finding is acceptable here`,
      );
    }
    const matches = matchResources(s.resource, stack);
    if (matches.length === 0) {
      problems.push(
        `${where}: no resource '${s.resource}' in stack '${stack.stackName}'; use a Terraform address like aws_s3_bucket.<name>, a construct path (suffix), or '${stack.stackName}' for stack-wide rules`,
      );
    } else if (matches.length > 1) {
      problems.push(
        `${where}: '${s.resource}' matches ${matches.length} resources (${matches.join(', ')}); name exactly one by its Terraform address`,
      );
    }
    if (problems.length === before) resolved.push({ suppression: s, address: matches[0]! });
  });
  return { resolved, problems };
}

function matchResources(target: string, stack: StackIndex): string[] {
  const wanted = target.trim();
  if (wanted === stack.stackName || wanted === STACK_RESOURCE_TYPE) return [stack.stackName];
  const byAddress = stack.get(wanted);
  if (byAddress) return [byAddress.address];
  const suffix = (r: TerraformResource): boolean => r.path === wanted || r.path.endsWith(`/${wanted}`);
  return stack.resources.filter((r) => !r.type.startsWith('data.') && suffix(r)).map((r) => r.address);
}
