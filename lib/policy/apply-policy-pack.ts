import { Annotations, type TerraformStack } from 'cdktf';
import type { EnvironmentConfig, LoadedTableTemplate } from '../model';
import { evaluatePolicyPack, formatFinding } from './evaluate';
import type { PolicyReport } from './types';

export interface PolicyPackOptions {
  /** The environment the stack deploys: profile, protect_data, CMK, suppressions. */
  readonly environment: EnvironmentConfig;
  /** Table templates of the stack, enabling column-level rules (LH-BQ-001). @default - column-level rules are not applicable */
  readonly templates?: readonly LoadedTableTemplate[];
  /**
   * Where warnings and applied suppressions go instead of the stack's annotations.
   * @default - cdktf annotations on the stack: warnings (and unused suppressions) as warnings,
   * applied suppressions as info, which `cdktf synth` prints as `WARN [...]` / `INFO [...]`
   */
  readonly log?: (line: string) => void;
}

const applied = new WeakSet<TerraformStack>();
const lastReports = new WeakMap<TerraformStack, PolicyReport>();

/**
 * The policy report of the last validation of `stack` (after `appValidationFailures` or a synth),
 * for callers that present findings themselves (`lakehouse validate`); undefined before.
 */
export function policyReportOf(stack: TerraformStack): PolicyReport | undefined {
  return lastReports.get(stack);
}

/**
 * Runs the policy pack on every synthesis of `stack` (a construct validation, so it sees the final
 * resolved JSON after aspects). Errors fail `cdktf synth` with rule, resource, construct path and fix;
 * warnings and applied suppressions are reported once each. Applying twice to one stack is a no-op.
 */
export function applyPolicyPack(stack: TerraformStack, options: PolicyPackOptions): void {
  if (applied.has(stack)) return;
  applied.add(stack);
  const report = reporter(stack, options.log);
  // Resolving a stack is the costliest step of synthesis (1.6 s at 1,000 tables) and cdktf resolves
  // it again right after the validations. The JSON the rules read is handed to that next call once;
  // any later call resolves afresh, so nothing stale is ever served.
  const resolve = stack.toTerraform.bind(stack);
  let handOver: ReturnType<typeof resolve> | undefined;
  stack.toTerraform = () => {
    const json = handOver ?? resolve();
    handOver = undefined;
    return json;
  };
  stack.node.addValidation({
    validate: () => {
      // toTerraform() resolves every token, so rules see the same JSON cdktf writes to cdk.tf.json.
      const json = resolve();
      handOver = json;
      const result = evaluatePolicyPack(json, options.environment, {
        templates: options.templates,
        stackName: stack.node.id,
      });
      lastReports.set(stack, result);
      reportNonErrors(result, report);
      return result.findings.filter((f) => f.severity === 'error').map((f) => `policy: ${formatFinding(f)}`);
    },
  });
}

type Report = (level: 'warning' | 'info', line: string) => void;

/**
 * Where non-failing findings go. Annotations, not standard error: `cdktf synth` labels everything
 * an app writes to standard error `[ERROR]`, but prints warning annotations as `WARN`. A validation
 * may run more than once on one stack (a test's synth, then the app's); each line is reported once.
 */
function reporter(stack: TerraformStack, log: ((line: string) => void) | undefined): Report {
  const reported = new Set<string>();
  return (level, line) => {
    if (reported.has(line)) return;
    reported.add(line);
    if (log) log(`[${stack.node.id}] ${line}`);
    else if (level === 'warning') Annotations.of(stack).addWarning(line);
    else Annotations.of(stack).addInfo(line);
  };
}

/** Lines name the stack through the annotation's construct path (or a `[stack]` prefix in the log). */
function reportNonErrors(report: PolicyReport, out: Report): void {
  for (const f of report.findings.filter((x) => x.severity === 'warning')) out('warning', `policy warning: ${formatFinding(f)}`);
  for (const s of report.suppressed) out('info', `policy suppressed: ${s.finding.ruleId} on ${s.finding.address} — ${s.reason}`);
  for (const u of report.unusedSuppressions) out('warning', `policy note: unused suppression ${u}`);
}
