/**
 * The event Terraform sends. `aws_lambda_invocation` with `lifecycle_scope = "CRUD"` (AWS provider
 * 6.25, internal/service/lambda/invocation.go, `buildInput`) invokes the function with the
 * resource's `input` object plus one key, `terraform_key` (default `tf`):
 *
 *   { ...input, "tf": { "action": "create" | "update" | "delete", "prev_input": <previous input object or null> } }
 *
 * `prev_input` is null on create; on delete both the input and `prev_input` are the input Terraform
 * last applied (its state). A function error (an exception) fails the apply with its message.
 */
import { desiredTableStateProblems, type DesiredTableState } from '../../lib/iceberg-rest/desired-table';
import type { ProvisioningRequest, TerraformAction } from './provision';

export const TERRAFORM_KEY = 'tf';
const ACTIONS: readonly TerraformAction[] = ['create', 'update', 'delete'];

export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

export function parseInvocationEvent(event: unknown): ProvisioningRequest {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new InvalidEventError('the event must be a JSON object');
  const { [TERRAFORM_KEY]: tf, ...input } = event as Record<string, unknown>;
  if (typeof tf !== 'object' || tf === null) {
    throw new InvalidEventError(
      `the event has no "${TERRAFORM_KEY}" object: invoke this function from aws_lambda_invocation with lifecycle_scope = "CRUD"`,
    );
  }
  const { action, prev_input: prevInput } = tf as Record<string, unknown>;
  if (!ACTIONS.includes(action as TerraformAction)) {
    throw new InvalidEventError(`${TERRAFORM_KEY}.action must be one of ${ACTIONS.join(', ')} (got ${JSON.stringify(action)})`);
  }
  const problems = desiredTableStateProblems(input);
  if (problems.length > 0)
    throw new InvalidEventError(`the invocation input is not a table's desired state:\n  - ${problems.join('\n  - ')}`);
  // An earlier release's input is only used for property removals; one that does not parse is ignored.
  const previous = prevInput && desiredTableStateProblems(prevInput).length === 0 ? (prevInput as DesiredTableState) : undefined;
  return { action: action as TerraformAction, desired: input as unknown as DesiredTableState, ...(previous ? { previous } : {}) };
}
