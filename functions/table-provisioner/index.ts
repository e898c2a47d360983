/**
 * Table-provisioning Lambda handler (nodejs22.x, bundled by lib/aws/provisioning/function-bundle.ts).
 * One invocation = one table: Terraform's aws_lambda_invocation (lifecycle_scope CRUD) sends the
 * table's desired state and the action; see event.ts for the event and docs/table-provisioning.md.
 * The result is returned to Terraform; a failure throws, which fails the apply with the message.
 */
import { connectCatalog, type RuntimeDeps } from '../shared/catalog';
import { parseInvocationEvent } from './event';
import {
  FAILED_UPDATE_NOTE,
  ProvisioningError,
  provisionTable,
  refuseProtectedDelete,
  tableName,
  type ProvisioningResult,
} from './provision';

export function createHandler(deps: RuntimeDeps = {}, log: (line: string) => void = (line) => console.log(line)) {
  return async (event: unknown): Promise<ProvisioningResult> => {
    const request = parseInvocationEvent(event);
    const name = tableName(request.desired);
    const note = (message: string) => log(JSON.stringify({ table: name, action: request.action, message }));
    try {
      refuseProtectedDelete(request);
      const client = await connectCatalog(request.desired.catalog, deps);
      const result = await provisionTable(client, request, note);
      log(JSON.stringify(result));
      return result;
    } catch (e) {
      // Refusals already name the table and say what to do; catalog and network errors get both here.
      const detail = e instanceof Error ? e.message : String(e);
      const retryNote = request.action === 'update' ? `\n${FAILED_UPDATE_NOTE}` : '';
      const message = e instanceof ProvisioningError ? detail : `table ${name}: ${request.action} failed: ${detail}${retryNote}`;
      note(`failed: ${message}`);
      throw new Error(message);
    }
  };
}

export const handler = createHandler();
