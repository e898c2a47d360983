import { TerraformStack, type App } from 'cdktf';

/** One failed construct validation (a policy-pack error, a cross-construct check). */
export interface ValidationFailure {
  readonly stack: string;
  readonly constructPath: string;
  readonly message: string;
}

/**
 * Synthesis refused: every failed validation of every stack, collected before anything is
 * written. `stacks/main.ts` prints it without a stack trace; `lakehouse validate` reports the
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
  return stacks.flatMap((stack) =>
    stack.node
      .findAll()
      .flatMap((c) => c.node.validate().map((message) => ({ stack: stack.node.id, constructPath: c.node.path, message }))),
  );
}
