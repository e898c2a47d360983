import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/** Output names already taken in each stack, with the construct that took them. */
const taken = new WeakMap<TerraformStack, Map<string, string>>();

/** A Terraform output name: a letter or underscore, then letters, digits, underscores or hyphens. */
export function outputPrefixProblem(prefix: string): string | undefined {
  if (prefix === '' || /^[A-Za-z_][A-Za-z0-9_-]*$/.test(prefix)) return undefined;
  return `outputPrefix '${prefix}' cannot start a Terraform output name: use letters, digits, '_' and '-', starting with a letter or '_'`;
}

/**
 * Adds the stack output `<prefix><name>` (its name is fixed, so `cdktf output` and other stacks
 * can rely on it). Output names must be unique in a stack and cdktf would silently keep only the
 * last of two equal ones, so a second lakehouse in the same stack without its own `outputPrefix`
 * is an error that says so.
 */
export function addLakehouseOutput(scope: Construct, prefix: string, name: string, value: unknown, description: string): void {
  const stack = TerraformStack.of(scope);
  const names = taken.get(stack) ?? new Map<string, string>();
  taken.set(stack, names);
  const fullName = `${prefix}${name}`;
  const owner = names.get(fullName);
  if (owner !== undefined) {
    throw new Error(
      `${scope.node.path}: stack '${stack.node.id}' already has the output '${fullName}' (from ${owner}); ` +
        `give each lakehouse in one stack its own outputPrefix, e.g. outputPrefix: '${scope.node.id.replace(/[^A-Za-z0-9_]/g, '_')}_'`,
    );
  }
  names.set(fullName, scope.node.path);
  new TerraformOutput(scope, fullName, { value, description }).overrideLogicalId(fullName);
}
