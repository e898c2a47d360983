import type { ComplianceProfile, EnvironmentConfig, LoadedTableTemplate } from '../model';
import type { PathSegment } from '../model/problems';
import type { StackIndex, TerraformResource } from './terraform-json';

export type Severity = 'error' | 'warning';
export type RuleStatus = 'compliant' | 'non-compliant' | 'not-applicable';

/** What a rule returns: a bare status, or a status with a message naming the exact problem. */
export type RuleOutcome = RuleStatus | { readonly status: RuleStatus; readonly message: string };

/** Everything a rule may look at besides the resource itself. Read-only: rules are pure. */
export interface RuleContext {
  readonly environment: EnvironmentConfig;
  /** The whole synthesized stack, with reference resolution. */
  readonly stack: StackIndex;
  /** Table templates of the stack (column access levels); empty when the caller did not pass them. */
  readonly templates: readonly LoadedTableTemplate[];
}

/** Resource type a stack-scoped rule is called with: one synthetic resource standing for the whole stack. */
export const STACK_RESOURCE_TYPE = 'terraform_stack';

/** One check of the pack: metadata for people plus a pure check function. */
export interface PolicyRule {
  /** `LH-<AREA>-<NNN>`, stable: suppressions and docs refer to it. */
  readonly id: string;
  readonly title: string;
  /** What is wrong when the rule fails. */
  readonly problem: string;
  /** Why it matters. */
  readonly rationale: string;
  /** What to change. */
  readonly fix: string;
  /** Severity under the `none` profile; profiles may raise it (see profiles.ts). */
  readonly severity: Severity;
  /** The corresponding Checkov check, when one exists. */
  readonly checkovId?: string;
  /** Terraform resource types the rule inspects, or [STACK_RESOURCE_TYPE] for a stack-wide rule. */
  readonly resourceTypes: readonly string[];
  /** Profiles under which the rule runs at all. @default - every profile */
  readonly profiles?: readonly ComplianceProfile[];
  check(resource: TerraformResource, context: RuleContext): RuleOutcome;
}

/** A rule that did not pass on one resource. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  /** Terraform address `<type>.<name>`, or the stack name for stack-wide rules. */
  readonly address: string;
  readonly resourceType: string;
  /** Construct path from `//.metadata.path`, or the address when absent. */
  readonly constructPath: string;
  readonly message: string;
  readonly fix: string;
  readonly checkovId?: string;
  /** Where in the environment file to fix it, when the finding is about the file (a suppression). */
  readonly location?: { readonly file: string; readonly path: readonly PathSegment[] };
}

export interface AppliedSuppression {
  readonly finding: Finding;
  readonly reason: string;
}

export interface PolicyReport {
  /** Findings left after suppressions, errors first, then by rule id and address. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly AppliedSuppression[];
  /** Suppressions that matched a resource but no finding (stale: remove them). */
  readonly unusedSuppressions: readonly string[];
}

export function outcomeStatus(outcome: RuleOutcome): RuleStatus {
  return typeof outcome === 'string' ? outcome : outcome.status;
}

/** Shorthand for a failing outcome with a message. */
export function fail(message: string): RuleOutcome {
  return { status: 'non-compliant', message };
}
