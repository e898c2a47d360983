/**
 * Schema drift check (nodejs22.x, bundled by lib/aws/provisioning/function-bundle.ts with the
 * expected tables as `drift-tables.json`). Two triggers:
 * - the schedule (any event that is not a CloudTrail record, e.g. EventBridge Scheduler's input or
 *   a manual `{}`): every table is loaded through the Iceberg REST catalog and compared with its
 *   template; one JSON log line per difference; `SchemaDriftTables` = the number of tables that
 *   differ or are missing. A table that could not be checked fails the run after publishing.
 * - a Glue UpdateTable/DeleteTable made outside the expected roles (EventBridge rule on CloudTrail):
 *   who did what is logged, `UnexpectedTableChanges` = 1, and the tables named are checked at once.
 * See docs/operations.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DRIFT_METRICS,
  DRIFT_TABLES_FILE,
  driftCheckSettings,
  driftCheckTablesProblems,
  type DriftCheckSettings,
  type DriftCheckTables,
} from '../../lib/iceberg-rest/drift-check-input';
import { connectCatalog, type RuntimeDeps } from '../shared/catalog';
import { checkTables, type TableReport } from './check';
import { isCloudTrailEvent, parseTableChange } from './cloudtrail-event';
import { putMetricData } from './metrics';

export interface DriftCheckDeps extends RuntimeDeps {
  /** @default read from drift-tables.json next to this file */
  readonly tables?: DriftCheckTables;
  /** @default a raw line on standard output */
  readonly log?: (line: string) => void;
}

export interface DriftCheckResult {
  readonly trigger: 'schedule' | 'table-change';
  /** Tables checked in this run. */
  readonly checked: number;
  /** Keys of the tables that differ from their template (or are missing). */
  readonly drifted: readonly string[];
  /** Keys of the tables the catalog could not be asked about. */
  readonly unchecked: readonly string[];
}

function loadTables(): DriftCheckTables {
  const value: unknown = JSON.parse(readFileSync(join(__dirname, DRIFT_TABLES_FILE), 'utf8'));
  const problems = driftCheckTablesProblems(value);
  if (problems.length > 0) throw new Error(`the drift check's expected tables are invalid:\n  - ${problems.join('\n  - ')}`);
  return value as DriftCheckTables;
}

export function createHandler(deps: DriftCheckDeps = {}) {
  // Raw lines, not console.log: Lambda's text format would put a timestamp and request id in front
  // of the JSON, and CloudWatch Logs Insights only discovers the fields of an event that is JSON.
  const log = deps.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  let tables = deps.tables;
  return async (event: unknown): Promise<DriftCheckResult> => {
    const settings = driftCheckSettings(deps.env ?? process.env);
    tables ??= loadTables();
    const emit = (fields: Record<string, unknown>) => log(JSON.stringify({ lakehouse: settings.prefix, ...fields }));
    if (isCloudTrailEvent(event)) return onTableChange(event, settings, tables, deps, emit);
    const client = await connectCatalog(settings.catalog, deps);
    const reports = await checkTables(client, tables.tables);
    const result = summarize('schedule', reports, emit);
    await putMetricData(
      settings.metricNamespace,
      [{ name: DRIFT_METRICS.driftedTables, value: result.drifted.length, unit: 'Count' }],
      deps,
    );
    if (result.unchecked.length > 0) {
      throw new Error(
        `drift check incomplete: ${result.unchecked.length} table(s) could not be loaded (${result.unchecked.join(', ')}); see the log lines with "event":"drift-check-failed"`,
      );
    }
    return result;
  };
}

async function onTableChange(
  event: unknown,
  settings: DriftCheckSettings,
  tables: DriftCheckTables,
  deps: DriftCheckDeps,
  emit: (fields: Record<string, unknown>) => void,
): Promise<DriftCheckResult> {
  const change = parseTableChange(event);
  emit({ level: 'warn', event: 'unexpected-table-change', ...change });
  // Published before the catalog is asked anything: the alarm must not depend on the catalog being up.
  await putMetricData(settings.metricNamespace, [{ name: DRIFT_METRICS.unexpectedChanges, value: 1, unit: 'Count' }], deps);
  const named = tables.tables.filter((t) => t.namespace[0] === change.database && change.tables.includes(t.name));
  if (named.length === 0) return { trigger: 'table-change', checked: 0, drifted: [], unchecked: [] };
  try {
    const client = await connectCatalog(settings.catalog, deps);
    return summarize('table-change', await checkTables(client, named), emit);
  } catch (e) {
    // The scheduled run reports drift; this one only adds detail, so a catalog failure is logged, not thrown.
    emit({
      level: 'error',
      event: 'drift-check-failed',
      tables: named.map((t) => t.key),
      message: e instanceof Error ? e.message : String(e),
    });
    return { trigger: 'table-change', checked: 0, drifted: [], unchecked: named.map((t) => t.key) };
  }
}

function summarize(
  trigger: DriftCheckResult['trigger'],
  reports: readonly TableReport[],
  emit: (fields: Record<string, unknown>) => void,
): DriftCheckResult {
  for (const report of reports) {
    for (const d of report.differences) emit({ level: 'warn', event: 'schema-drift', table: report.table, ...d });
    if (report.status === 'unchecked') emit({ level: 'error', event: 'drift-check-failed', table: report.table, message: report.error });
  }
  const result: DriftCheckResult = {
    trigger,
    checked: reports.length,
    drifted: reports.filter((r) => r.status === 'drifted').map((r) => r.table),
    unchecked: reports.filter((r) => r.status === 'unchecked').map((r) => r.table),
  };
  emit({ level: result.drifted.length > 0 ? 'warn' : 'info', event: 'drift-check', ...result });
  return result;
}

export const handler = createHandler();
