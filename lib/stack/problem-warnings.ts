import { Annotations, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { locateProblems } from '../model/locate';
import { formatProblem, type SourcedProblem } from '../model/problems';

const emitted = new WeakMap<TerraformStack, Set<string>>();

/**
 * Reports rule warnings of a composite as synthesis warnings, located like `lakehouse validate`
 * prints them (`warning: <file>:<line>:<col>: <field>: <message>`; `cdktf synth` shows them). A
 * warning already reported in the stack (a composite inside another runs the same rules) is not
 * repeated.
 */
export function warnProblems(scope: IConstruct, warnings: readonly SourcedProblem[]): void {
  if (warnings.length === 0) return;
  const stack = TerraformStack.of(scope);
  const seen = emitted.get(stack) ?? new Set<string>();
  emitted.set(stack, seen);
  for (const p of locateProblems(warnings)) {
    const line = `warning: ${formatProblem(p)}`;
    if (seen.has(line)) continue;
    seen.add(line);
    Annotations.of(scope).addWarning(line);
  }
}
