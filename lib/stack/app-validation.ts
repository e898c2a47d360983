import { TerraformStack, type App } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';

/** One failed construct validation (a policy-pack error, a cross-construct check). */
export interface ValidationFailure {
  readonly stack: string;
  readonly constructPath: string;
  readonly message: string;
}

/**
 * Synthesis refused: every failed validation of every stack, collected before anything is
 * written. `stacks/synth.cjs` (through `stacks/app.ts`) prints it without a stack trace; `lakehouse validate` reports the
 * same failures.
 */
export class LakehouseSynthesisError extends Error {
  constructor(readonly failures: readonly ValidationFailure[]) {
    super(
      `${failures.length} validation error${failures.length === 1 ? '' : 's'}; nothing was synthesized:\n` +
        failures.map((f) => `  [${f.constructPath}] ${f.message}`).join('\n'),
    );
    this.name = 'LakehouseSynthesisError';
  }
}

/**
 * Runs every construct validation of every stack of `app`, as cdktf does during `synth()`, and
 * returns the failures instead of throwing on the first stack. An app built with
 * `skipValidation: true` then synthesizes without running them a second time.
 */
export function appValidationFailures(app: App): ValidationFailure[] {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  // As cdktf's synthesis does before validating: aspects first, so validations (the policy pack
  // among them) see, and hand over, the final tree. cdktf visits them again when it writes, so
  // aspects must be idempotent (a tagging aspect is; one adding constructs is not).
  for (const stack of stacks) invokeAspects(stack);
  return stacks.flatMap((stack) =>
    stack.node
      .findAll()
      .flatMap((c) => c.node.validate().map((message) => ({ stack: stack.node.id, constructPath: c.node.path, message }))),
  );
}
