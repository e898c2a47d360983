/**
 * The pure core of the pack: Terraform JSON + environment in, findings out. The synth-time
 * validation (apply-policy-pack.ts) and the tests both go through here.
 */
import { compare } from '../model/compare';
import type { EnvironmentConfig, LoadedTableTemplate } from '../model';
import { effectiveSeverity, ruleIsActive } from './profiles';
import { POLICY_RULES } from './registry';
import { covers, resolveSuppressions } from './suppressions';
import { formatPath } from '../model/problems';
import { StackIndex, type TerraformJson, type TerraformResource } from './terraform-json';
import {
  outcomeStatus,
  STACK_RESOURCE_TYPE,
  type AppliedSuppression,
  type Finding,
  type PolicyReport,
  type PolicyRule,
  type RuleContext,
} from './types';

/** Finding id for a rule that threw: a bug in the rule or an uninspectable resource, never a crash. */
export const RULE_ERROR_ID = 'LH-RULE-ERROR';
/** Finding id for an invalid entry in `policy.suppressions`. */
export const SUPPRESSION_ERROR_ID = 'LH-SUPPRESSION';

export interface EvaluateOptions {
  /** Templates of the stack, for column-level rules (LH-BQ-001). @default - those rules are not applicable */
  readonly templates?: readonly LoadedTableTemplate[];
  /** @default - `//.metadata.stackName` of the JSON, else the environment name */
  readonly stackName?: string;
  /** @default POLICY_RULES */
  readonly rules?: readonly PolicyRule[];
}

export function evaluatePolicyPack(json: TerraformJson, environment: EnvironmentConfig, options: EvaluateOptions = {}): PolicyReport {
  const metaName = (json['//'] as { metadata?: { stackName?: unknown } } | undefined)?.metadata?.stackName;
  const stackName = options.stackName ?? (typeof metaName === 'string' ? metaName : environment.name);
  const stack = new StackIndex(json, stackName);
  const rules = options.rules ?? POLICY_RULES;
  const context: RuleContext = { environment, stack, templates: options.templates ?? [] };
  const stackResource: TerraformResource = { type: STACK_RESOURCE_TYPE, name: stackName, address: stackName, path: stackName, config: {} };

  const raw: Finding[] = [];
  for (const rule of rules) {
    if (!ruleIsActive(rule, environment.compliance)) continue;
    const targets = rule.resourceTypes.includes(STACK_RESOURCE_TYPE) ? [stackResource] : stack.ofType(...rule.resourceTypes);
    for (const resource of targets) raw.push(...runRule(rule, resource, context));
  }

  const { resolved, problems } = resolveSuppressions(environment.suppressions, new Set(rules.map((r) => r.id)), stack);
  const suppressed: AppliedSuppression[] = [];
  const used = new Set<number>();
  const findings = raw.filter((finding) => {
    if (finding.ruleId === RULE_ERROR_ID) return true;
    const index = resolved.findIndex((s) => s.suppression.rule === finding.ruleId && covers(s.constructPath, finding.constructPath));
    if (index < 0) return true;
    used.add(index);
    suppressed.push({ finding, reason: resolved[index]!.suppression.reason.trim() });
    return false;
  });
  for (const problem of problems) {
    findings.push({
      ruleId: SUPPRESSION_ERROR_ID,
      severity: 'error',
      title: 'Invalid suppression',
      address: environment.file,
      resourceType: 'policy.suppressions',
      constructPath: stackName,
      message: `${formatPath(problem.path)}: ${problem.message}`,
      fix: 'Correct or remove the suppression in the environment file.',
      location: { file: environment.file, path: problem.path },
    });
  }
  const unusedSuppressions = resolved
    .filter((_, i) => !used.has(i))
    .map(
      (s) => `policy.suppressions[${s.index}]: ${s.suppression.rule} on ${s.suppression.path}: no such finding (remove the suppression)`,
    );
  return { findings: findings.sort(compareFindings), suppressed, unusedSuppressions };
}

function runRule(rule: PolicyRule, resource: TerraformResource, context: RuleContext): Finding[] {
  const base = { address: resource.address, resourceType: resource.type, constructPath: resource.path };
  try {
    const outcome = rule.check(resource, context);
    if (outcomeStatus(outcome) !== 'non-compliant') return [];
    return [
      {
        ...base,
        ruleId: rule.id,
        severity: effectiveSeverity(rule, context.environment.compliance),
        title: rule.title,
        message: typeof outcome === 'string' ? rule.problem : outcome.message,
        fix: rule.fix,
        ...(rule.checkovId ? { checkovId: rule.checkovId } : {}),
      },
    ];
  } catch (e) {
    return [
      {
        ...base,
        ruleId: RULE_ERROR_ID,
        severity: 'error',
        title: `Rule ${rule.id} could not check this resource`,
        message: `${rule.id} (${rule.title}) threw: ${e instanceof Error ? e.message : String(e)}`,
        fix: 'Make the resource inspectable (plain JSON policies, literal values) or report the rule bug.',
      },
    ];
  }
}

function compareFindings(a: Finding, b: Finding): number {
  const sev = (f: Finding): number => (f.severity === 'error' ? 0 : 1);
  return sev(a) - sev(b) || compare(a.ruleId, b.ruleId) || compare(a.address, b.address) || compare(a.message, b.message);
}

/** One line per finding: rule, severity, resource, construct path, what is wrong, the fix. */
export function formatFinding(f: Finding): string {
  return `${f.ruleId} (${f.severity}) ${f.address} [${f.constructPath}]: ${f.message} Fix: ${f.fix}`;
}
