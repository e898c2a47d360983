import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/** Output names the lakehouses took in each stack, with the construct that took them. */
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
 * is an error that says so, and so is any other output of the stack under the same name.
 */
export function addLakehouseOutput(scope: Construct, prefix: string, name: string, value: unknown, description: string): void {
  const stack = TerraformStack.of(scope);
  let names = taken.get(stack);
  if (!names) {
    names = new Map<string, string>();
    taken.set(stack, names);
    stack.node.addValidation({ validate: () => duplicateOutputs(stack) });
  }
  const fullName = `${prefix}${name}`;
  const owner = names.get(fullName);
  if (owner !== undefined) {
    const suggestion = `${scope.node.id.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_')}_`;
    throw new Error(
      `${scope.node.path}: stack '${stack.node.id}' already has the output '${fullName}' (from ${owner}); ` +
        `give each lakehouse in one stack its own outputPrefix, e.g. outputPrefix: '${suggestion}'`,
    );
  }
  names.set(fullName, scope.node.path);
  new TerraformOutput(scope, fullName, { value, description }).overrideLogicalId(fullName);
}

/** Every output name the stack declares more than once (a lakehouse's or the app's own). */
function duplicateOutputs(stack: TerraformStack): string[] {
  const byName = new Map<string, string[]>();
  for (const node of stack.node.findAll()) {
    if (!TerraformOutput.isTerraformOutput(node)) continue;
    byName.set(node.friendlyUniqueId, [...(byName.get(node.friendlyUniqueId) ?? []), node.node.path]);
  }
  return [...byName]
    .filter(([, paths]) => paths.length > 1)
    .map(
      ([name, paths]) =>
        `stack '${stack.node.id}' declares the output '${name}' ${paths.length} times (${paths.join(', ')}); Terraform would keep one`,
    );
}
