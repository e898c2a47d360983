/**
 * Create, update and delete of one table against an Iceberg REST catalog, as Terraform's
 * `aws_lambda_invocation` (lifecycle_scope CRUD) asks. The live table is always the reference:
 * an update is planned against what the catalog holds now, not against the previous input.
 */
import type { IcebergRestClient } from '../../lib/iceberg-rest/client';
import type { DesiredTableState } from '../../lib/iceberg-rest/desired-table';
import { IcebergRestError } from '../../lib/iceberg-rest/errors';
import type { TableIdentifier, TableMetadata } from '../../lib/iceberg-rest/types';
import { planEvolution, type Difference, type EvolutionPlan } from './evolution-plan';
import { hasSnapshots, liveDefinition } from '../shared/live-table';
import { keepGlueCreatedColumns, type KeptAsStored } from './glue-created-tables';

export type TerraformAction = 'create' | 'update' | 'delete';

export interface ProvisioningRequest {
  readonly action: TerraformAction;
  /** The table's desired state (on delete: the state Terraform last applied). */
  readonly desired: DesiredTableState;
  /** The input of the previous invocation, when there was one. */
  readonly previous?: DesiredTableState;
}

export type Outcome = 'created' | 'unchanged' | 'updated' | 'adopted' | 'dropped' | 'absent';

/** Returned to Terraform (the invocation's `result`) and logged. */
export interface ProvisioningResult {
  readonly action: TerraformAction;
  readonly table: string;
  readonly outcome: Outcome;
  readonly tableUuid?: string;
  /** One sentence per change applied. */
  readonly changes: readonly string[];
  /**
   * Glue only: columns kept as an earlier version's Glue CREATE stored them, one sentence each
   * (glue-created-tables.ts). Absent when there are none.
   */
  readonly keptAsStored?: readonly string[];
}

/** A refusal or a failure whose message is complete (table, what, why, what to do). */
export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
}

/** Commits retried after a 409 (a concurrent commit moved the table): reload, plan again, commit again. */
const COMMIT_ATTEMPTS = 3;

/** Where Terraform keeps a failed update's input anyway (hashicorp/terraform-provider-aws#43447). */
export const FAILED_UPDATE_NOTE =
  "Terraform records this invocation's new input even though it failed (hashicorp/terraform-provider-aws#43447), so the next apply does not retry it by itself: fix the cause, then raise provisioning_revision in the environment file (TableProvisioner's revision) and apply, which checks every table again; or revert the template change, apply, and apply it again.";

interface Context {
  readonly client: IcebergRestClient;
  readonly request: ProvisioningRequest;
  readonly id: TableIdentifier;
  readonly name: string;
  readonly log: (message: string) => void;
}

export function tableName(desired: DesiredTableState): string {
  return `${desired.namespace.join('.')}.${desired.table.name}`;
}

/** Deleting needs no catalog when the table is protected: refuse before connecting. */
export function refuseProtectedDelete(request: ProvisioningRequest): void {
  if (request.action !== 'delete' || !request.desired.protectData) return;
  throw new ProvisioningError(
    `refusing to drop table ${tableName(request.desired)}: protect_data is on for it. To remove the table, set protect_data to false, ` +
      'apply, then remove its template and apply again; the catalog entry is dropped and the data files stay in the bucket.',
  );
}

export async function provisionTable(
  client: IcebergRestClient,
  request: ProvisioningRequest,
  log: (m: string) => void,
): Promise<ProvisioningResult> {
  const { desired } = request;
  const ctx: Context = { client, request, id: { namespace: desired.namespace, name: desired.table.name }, name: tableName(desired), log };
  switch (request.action) {
    case 'create':
      return create(ctx);
    case 'update':
      return update(ctx);
    case 'delete':
      refuseProtectedDelete(request);
      return drop(ctx);
  }
}

async function create(ctx: Context): Promise<ProvisioningResult> {
  await ensureNamespace(ctx);
  const existing = await ctx.client.loadTableIfExists(ctx.id);
  if (existing) return reconcileExisting(ctx, existing.metadata);
  try {
    const created = await ctx.client.createTable(ctx.id.namespace, ctx.request.desired.table);
    return result(ctx, 'created', created.metadata['table-uuid'], []);
  } catch (e) {
    // Created meanwhile (409), or our own create whose answer was lost: judge what is there now.
    if (!(e instanceof IcebergRestError) || !(e.isConflict || e.outcomeUnknown)) throw e;
    const now = await ctx.client.loadTableIfExists(ctx.id);
    if (!now) throw e;
    ctx.log(`create answered ${e.status ?? 'nothing'}; the table exists now, comparing it with the template`);
    return reconcileExisting(ctx, now.metadata);
  }
}

async function ensureNamespace(ctx: Context): Promise<void> {
  const { namespace, catalog } = ctx.request.desired;
  if (await ctx.client.namespaceExists(namespace)) return;
  if (!catalog.createNamespaces) {
    throw new ProvisioningError(
      `namespace ${namespace.join('.')} does not exist in the ${catalog.kind} catalog, and this stack creates it with Terraform ` +
        `(aws_glue_catalog_database): the invocation for table ${ctx.name} must depend on it`,
    );
  }
  try {
    await ctx.client.createNamespace({ namespace: [...namespace] });
    ctx.log(`created namespace ${namespace.join('.')}`);
  } catch (e) {
    if (!(e instanceof IcebergRestError && e.isConflict)) throw e; // created concurrently by another invocation
  }
}

/**
 * An existing table with the template's definition is success (a re-run, an import). One that was
 * never written and differs only in partition spec, sort order or properties is brought in line
 * (safe before the first write). On Glue, a table at the template's own location is the template's
 * table created by an earlier version of this library: every safe difference is applied, whether or
 * not it holds data. Anything else is refused, naming every difference.
 */
async function reconcileExisting(ctx: Context, metadata: TableMetadata): Promise<ProvisioningResult> {
  const desired = desiredFor(ctx, metadata);
  const plan = planEvolution(metadata, desired.table);
  // Column docs alone do not make another table (a catalog may not keep them); an update applies them.
  if (plan.changes.every((c) => c.kind === 'doc-changed')) return result(ctx, 'unchanged', metadata['table-uuid'], [], desired.kept);
  const layoutOnly = plan.changes.every((c) => /^(partition|sort|property)-/.test(c.kind));
  if (plan.breaking.length === 0 && ((layoutOnly && !hasSnapshots(metadata)) || isEarlierGlueTable(ctx, metadata))) {
    return evolve(ctx, metadata, 'adopted', []);
  }
  throw new ProvisioningError(
    `table ${ctx.name} already exists in the catalog and differs from its template:\n${bullets(plan.changes)}\n` +
      'Nothing was changed. Make the template describe the existing table, or drop the table (its data files stay) and apply again.',
  );
}

/**
 * The template as this live table can hold it: on Glue, columns an earlier version's Glue CREATE could
 * only store differently are taken as stored (glue-created-tables.ts); elsewhere the template as is.
 */
function desiredFor(ctx: Context, metadata: TableMetadata): KeptAsStored {
  const table = ctx.request.desired.table;
  if (ctx.request.desired.catalog.kind !== 'glue') return { table, kept: [] };
  return keepGlueCreatedColumns(liveDefinition(metadata).schema, table);
}

/** A Glue table at the template's location: the same table, created by Terraform in an earlier version of this library. */
function isEarlierGlueTable(ctx: Context, metadata: TableMetadata): boolean {
  const trim = (s: string | undefined) => s?.replace(/\/+$/, '');
  const wanted = ctx.request.desired.table.location;
  return ctx.request.desired.catalog.kind === 'glue' && wanted !== undefined && trim(metadata.location) === trim(wanted);
}

async function update(ctx: Context): Promise<ProvisioningResult> {
  const { desired, previous } = ctx.request;
  if (previous && tableName(previous) !== ctx.name) {
    throw new ProvisioningError(
      `the invocation for table ${tableName(previous)} now describes ${ctx.name}: a table is renamed by removing its template and adding a new one`,
    );
  }
  const loaded = await ctx.client.loadTableIfExists(ctx.id);
  if (!loaded) {
    ctx.log(`table ${ctx.name} is missing from the catalog (dropped outside Terraform?): creating it`);
    return create(ctx);
  }
  const before = Object.keys(previous?.table.properties ?? {});
  const removed = before.filter((k) => !(k in (desired.table.properties ?? {})));
  return evolve(ctx, loaded.metadata, 'updated', removed);
}

async function evolve(
  ctx: Context,
  metadata: TableMetadata,
  outcome: Outcome,
  removedPropertyKeys: readonly string[],
): Promise<ProvisioningResult> {
  for (let attempt = 1; ; attempt++) {
    const desired = desiredFor(ctx, metadata);
    const plan = planEvolution(metadata, desired.table, { removedPropertyKeys });
    if (plan.breaking.length > 0) {
      throw new ProvisioningError(
        `table ${ctx.name}: the template change cannot be applied safely:\n${bullets(plan.breaking)}\n` +
          `Nothing was changed. Revert these parts of the template (a new column must be optional).\n${FAILED_UPDATE_NOTE}`,
      );
    }
    if (!plan.commit) return result(ctx, 'unchanged', metadata['table-uuid'], [], desired.kept);
    try {
      const committed = await ctx.client.commitTable(ctx.id, plan.commit);
      return result(
        ctx,
        outcome,
        committed.metadata['table-uuid'],
        plan.changes.map((c) => c.message),
        desired.kept,
      );
    } catch (e) {
      if (e instanceof IcebergRestError && e.isConflict && attempt < COMMIT_ATTEMPTS) {
        ctx.log(`commit to ${ctx.name} conflicted (${e.message}); reloading and planning again`);
        metadata = (await ctx.client.loadTable(ctx.id)).metadata;
        continue;
      }
      if (e instanceof IcebergRestError && e.outcomeUnknown) return confirmUnknownCommit(ctx, plan, e, outcome, removedPropertyKeys);
      throw e;
    }
  }
}

/** CommitStateUnknown: reload, and succeed only if the table now is what the template wants. */
async function confirmUnknownCommit(
  ctx: Context,
  plan: EvolutionPlan,
  error: IcebergRestError,
  outcome: Outcome,
  removedPropertyKeys: readonly string[],
): Promise<ProvisioningResult> {
  const reloaded = await ctx.client.loadTable(ctx.id);
  const desired = desiredFor(ctx, reloaded.metadata);
  if (planEvolution(reloaded.metadata, desired.table, { removedPropertyKeys }).changes.length === 0) {
    ctx.log(`commit to ${ctx.name} answered with an unknown outcome; reloading shows it was applied`);
    return result(
      ctx,
      outcome,
      reloaded.metadata['table-uuid'],
      plan.changes.map((c) => c.message),
      desired.kept,
    );
  }
  throw new ProvisioningError(
    `table ${ctx.name}: the catalog answered the commit with an unknown outcome (${error.message}), and reloading the table shows ` +
      `the change is not there. Iceberg commits are atomic, so nothing is half-applied; apply again.\n${FAILED_UPDATE_NOTE}`,
  );
}

async function drop(ctx: Context): Promise<ProvisioningResult> {
  try {
    await ctx.client.dropTable(ctx.id, { purgeRequested: false });
    return result(ctx, 'dropped', undefined, ['catalog entry dropped; data and metadata files kept (purgeRequested=false)']);
  } catch (e) {
    if (e instanceof IcebergRestError && e.isNotFound) return result(ctx, 'absent', undefined, []);
    if (e instanceof IcebergRestError && e.outcomeUnknown && !(await ctx.client.tableExists(ctx.id))) {
      return result(ctx, 'dropped', undefined, ['catalog entry dropped (confirmed by checking after an unknown outcome); data files kept']);
    }
    throw e;
  }
}

function result(
  ctx: Context,
  outcome: Outcome,
  tableUuid: string | undefined,
  changes: readonly string[],
  kept: readonly string[] = [],
): ProvisioningResult {
  return {
    action: ctx.request.action,
    table: ctx.name,
    outcome,
    ...(tableUuid ? { tableUuid } : {}),
    changes,
    ...(kept.length > 0 ? { keptAsStored: kept } : {}),
  };
}

function bullets(changes: readonly Difference[]): string {
  return changes.map((c) => `  - ${c.message}`).join('\n');
}
