import type { TerraformStack } from 'cdktf';
import type { EnvironmentConfig, LoadedTableTemplate } from '../model';
import { evaluatePolicyPack, formatFinding } from './evaluate';
import type { PolicyReport } from './types';

export interface PolicyPackOptions {
  /** The environment the stack deploys: profile, protect_data, CMK, suppressions. */
  readonly environment: EnvironmentConfig;
  /** Table templates of the stack, enabling column-level rules (LH-BQ-001). @default - column-level rules are not applicable */
  readonly templates?: readonly LoadedTableTemplate[];
  /** Where warnings and applied suppressions are printed. @default - standard error */
  readonly log?: (line: string) => void;
}

const applied = new WeakSet<TerraformStack>();

/**
 * Runs the policy pack on every synthesis of `stack` (a construct validation, so it sees the final
 * resolved JSON after aspects). Errors fail `cdktf synth` with rule, resource, construct path and fix;
 * warnings and applied suppressions are printed. Applying twice to one stack is a no-op.
 */
export function applyPolicyPack(stack: TerraformStack, options: PolicyPackOptions): void {
  if (applied.has(stack)) return;
  applied.add(stack);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
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
      const report = evaluatePolicyPack(json, options.environment, {
        templates: options.templates,
        stackName: stack.node.id,
      });
      printReport(stack.node.id, report, log);
      return report.findings.filter((f) => f.severity === 'error').map((f) => `policy: ${formatFinding(f)}`);
    },
  });
}

function printReport(stackName: string, report: PolicyReport, log: (line: string) => void): void {
  for (const f of report.findings.filter((x) => x.severity === 'warning')) log(`[${stackName}] policy warning: ${formatFinding(f)}`);
  for (const s of report.suppressed) log(`[${stackName}] policy suppressed: ${s.finding.ruleId} on ${s.finding.address} — ${s.reason}`);
  for (const u of report.unusedSuppressions) log(`[${stackName}] policy note: unused suppression ${u}`);
}
