/**
 * Suppressions from the environment file (`policy.suppressions`): one rule on one construct (and
 * everything beneath it), by construct path as cdk-nag does, with a reason. Construct paths survive
 * a refactor of resource ids; Terraform addresses (with their hashes) do not, so they are refused.
 * Each suppression is checked against the pack and the stack, so a typo cannot silently hide nothing.
 */
import type { PolicySuppression } from '../model';
import { nearest } from '../model/nearest';
import type { PathSegment } from '../model/problems';
import type { StackIndex } from './terraform-json';

/** A reason shorter than this is not a reason. */
export const MIN_SUPPRESSION_REASON_LENGTH = 20;
const PLACEHOLDER_REASON = /^(todo|tbd|n\/a|none|fixme|xxx|wip)\b/i;
const TERRAFORM_ADDRESS = /^(data\.)?[a-z0-9]+_[a-z0-9_]+\.[A-Za-z0-9_-]+$/;

export interface ResolvedSuppression {
  readonly suppression: PolicySuppression;
  /** Index in `policy.suppressions`. */
  readonly index: number;
  /** `<stack>/<path>`: findings on resources at or beneath it are suppressed; the stack name for stack-wide rules. */
  readonly constructPath: string;
}

/** A suppression that cannot be applied, at the key of the environment file to change. */
export interface SuppressionProblem {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

export interface SuppressionCheck {
  readonly resolved: ResolvedSuppression[];
  readonly problems: SuppressionProblem[];
}

/** Whether a finding on a resource at `resourcePath` is covered by a suppression of `constructPath`. */
export function covers(constructPath: string, resourcePath: string): boolean {
  return resourcePath === constructPath || resourcePath.startsWith(`${constructPath}/`);
}

/** Checks every suppression and resolves it to a construct path of the stack. */
export function resolveSuppressions(
  suppressions: readonly PolicySuppression[],
  knownRuleIds: ReadonlySet<string>,
  stack: StackIndex,
): SuppressionCheck {
  const resolved: ResolvedSuppression[] = [];
  const problems: SuppressionProblem[] = [];
  suppressions.forEach((s, index) => {
    const at = (key: string, message: string): number => problems.push({ path: ['policy', 'suppressions', index, key], message });
    const before = problems.length;
    if (!knownRuleIds.has(s.rule)) {
      at('rule', `unknown rule id '${s.rule}'${nearest(s.rule, [...knownRuleIds])} (every id: docs/policy.md)`);
    }
    const reason = (s.reason ?? '').trim();
    if (reason.length < MIN_SUPPRESSION_REASON_LENGTH || PLACEHOLDER_REASON.test(reason)) {
      at(
        'reason',
        `'${reason}' is not a real reason; say in at least ${MIN_SUPPRESSION_REASON_LENGTH} characters why the finding is acceptable here`,
      );
    }
    const constructPath = resolvePath(s.path, stack, (message) => at('path', message));
    if (problems.length === before && constructPath !== undefined) resolved.push({ suppression: s, index, constructPath });
  });
  return { resolved, problems };
}

function resolvePath(path: string, stack: StackIndex, report: (message: string) => void): string | undefined {
  const wanted = path.trim().replace(/^\/+|\/+$/g, '');
  if (wanted === stack.stackName) return stack.stackName;
  const byAddress = stack.get(wanted);
  if (byAddress || TERRAFORM_ADDRESS.test(wanted)) {
    const hint = byAddress ? `; its construct path is '${relative(byAddress.path, stack.stackName)}'` : '';
    report(`'${wanted}' is a Terraform address, which changes when code is refactored; give the construct path instead${hint}`);
    return undefined;
  }
  const full = wanted.startsWith(`${stack.stackName}/`) ? wanted : `${stack.stackName}/${wanted}`;
  const paths = stack.resources.filter((r) => !r.type.startsWith('data.')).map((r) => r.path);
  if (paths.some((p) => covers(full, p))) return full;
  const candidates = constructPaths(paths).map((p) => relative(p, stack.stackName));
  report(
    `no construct '${wanted}' in stack '${stack.stackName}'${nearest(wanted, candidates)}; give a construct path relative to the stack (as in the finding's [brackets]), or '${stack.stackName}' for stack-wide rules`,
  );
  return undefined;
}

/** Every construct path holding a resource, the resources' own included. */
function constructPaths(resourcePaths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of resourcePaths) {
    const parts = p.split('/');
    for (let i = 2; i <= parts.length; i++) out.add(parts.slice(0, i).join('/'));
  }
  return [...out];
}

function relative(path: string, stackName: string): string {
  return path.startsWith(`${stackName}/`) ? path.slice(stackName.length + 1) : path;
}
