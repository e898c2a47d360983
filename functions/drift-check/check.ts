/** Loading every expected table through the catalog and comparing it with its template. */
import type { IcebergRestClient } from '../../lib/iceberg-rest/client';
import type { ExpectedTable } from '../../lib/iceberg-rest/drift-check-input';
import { tableDrift, type DriftDifference } from './compare';

export interface TableReport {
  /** `<namespace>.<table>` of the template. */
  readonly table: string;
  /** `unchecked`: the catalog could not be asked (an error other than 404). */
  readonly status: 'in-sync' | 'drifted' | 'unchecked';
  readonly differences: readonly DriftDifference[];
  readonly error?: string;
}

export async function checkTable(client: IcebergRestClient, table: ExpectedTable): Promise<TableReport> {
  try {
    const loaded = await client.loadTableIfExists({ namespace: table.namespace, name: table.name });
    const differences = tableDrift(table, loaded?.metadata);
    return { table: table.key, status: differences.length > 0 ? 'drifted' : 'in-sync', differences };
  } catch (e) {
    return { table: table.key, status: 'unchecked', differences: [], error: e instanceof Error ? e.message : String(e) };
  }
}

/** One table after the other: a lakehouse has tens of tables, and the catalog's rate limits stay far away. */
export async function checkTables(client: IcebergRestClient, tables: readonly ExpectedTable[]): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const table of tables) reports.push(await checkTable(client, table));
  return reports;
}
