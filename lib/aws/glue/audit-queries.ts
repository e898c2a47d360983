/**
 * Compliance queries for tables tagged `log_type: audit` (the shipped `audit_trail`). They read
 * restricted columns (ip_address), so they are meant for writers, admins or a compliance role:
 * a reader's Lake Formation grant hides those columns and the queries fail for them by design.
 * `?` marks an Athena execution parameter (the console asks for it).
 */
import { dmlTable } from './athena-ddl';
import type { LakehouseTable } from './lakehouse-layout';

/** Columns the queries read; an audit template without them is rejected at synth time. */
export const AUDIT_COLUMNS = [
  'action_result',
  'action_type',
  'details',
  'event_timestamp',
  'ip_address',
  'resource_id',
  'resource_name',
  'resource_type',
  'session_id',
  'user_agent',
  'user_id',
] as const;

export interface NamedSql {
  /** Short key, unique per table: becomes part of the named query's name. */
  readonly key: string;
  readonly description: string;
  readonly sql: string;
}

export function isAuditTable(table: LakehouseTable): boolean {
  return table.template.tags?.log_type === 'audit';
}

/** Audit columns a template lacks (empty when the compliance queries can run). */
export function missingAuditColumns(table: LakehouseTable): string[] {
  const names = new Set(table.template.columns.map((c) => c.name));
  return AUDIT_COLUMNS.filter((c) => !names.has(c));
}

/** How one compliance query reads the audit table, given its `FROM` clause and a time-window filter. */
interface AuditQuery {
  readonly key: string;
  /** Days the query looks back; undefined when it takes a parameter instead. */
  readonly days?: number;
  readonly description: (days: number) => string;
  readonly sql: (from: string, since: string, days: number) => readonly string[];
}

/** Failed logins from one address at which it counts as brute force or credential stuffing. */
const FAILED_LOGIN_THRESHOLD = 5;
/** Office hours (UTC) outside which data access is reported. */
const OFFICE_HOURS = { from: 7, to: 19 } as const;

const AUDIT_QUERIES: readonly AuditQuery[] = [
  {
    key: 'gdpr-access-by-user',
    days: 90,
    description: (d) => `GDPR art. 30: every read and export of data by one user (parameter: user_id), last ${d} days`,
    sql: (from, since, d) => [
      `-- GDPR art. 30 record of processing: what one user read or exported in the last ${d} days.`,
      `SELECT user_id, resource_type, resource_name, action_type, count(*) AS events,`,
      `       min(event_timestamp) AS first_access, max(event_timestamp) AS last_access`,
      `FROM ${from}`,
      `WHERE user_id = ? AND action_type IN ('READ', 'EXPORT') AND ${since}`,
      `GROUP BY user_id, resource_type, resource_name, action_type`,
      `ORDER BY last_access DESC`,
    ],
  },
  {
    key: 'failed-access-by-ip',
    days: 30,
    description: (d) => `Failed or denied access attempts per source IP, last ${d} days`,
    sql: (from, since, d) => [
      `-- Failed and denied access attempts per source IP address in the last ${d} days.`,
      `SELECT ip_address, count(*) AS failures, count(DISTINCT user_id) AS users,`,
      `       min(event_timestamp) AS first_seen, max(event_timestamp) AS last_seen`,
      `FROM ${from}`,
      `WHERE action_result IN ('FAILURE', 'DENIED') AND ${since}`,
      `GROUP BY ip_address`,
      `ORDER BY failures DESC`,
      `LIMIT 100`,
    ],
  },
  {
    key: 'failed-logins-by-ip',
    days: 7,
    description: (d) => `Source IPs with ${FAILED_LOGIN_THRESHOLD} or more failed logins, last ${d} days`,
    sql: (from, since, d) => [
      `-- Source IP addresses with at least ${FAILED_LOGIN_THRESHOLD} failed logins in the last ${d} days (brute force, credential stuffing).`,
      `SELECT ip_address, count(*) AS failed_logins, count(DISTINCT user_id) AS users_tried,`,
      `       min(event_timestamp) AS first_attempt, max(event_timestamp) AS last_attempt`,
      `FROM ${from}`,
      `WHERE action_type = 'LOGIN' AND action_result <> 'SUCCESS' AND ${since}`,
      `GROUP BY ip_address`,
      `HAVING count(*) >= ${FAILED_LOGIN_THRESHOLD}`,
      `ORDER BY failed_logins DESC`,
    ],
  },
  {
    key: 'sox-permission-changes',
    days: 90,
    description: (d) => `SOX: permission grants and revocations, last ${d} days`,
    sql: (from, since, d) => [
      `-- SOX access review: every permission grant and revocation in the last ${d} days.`,
      `SELECT event_timestamp, user_id, action_type, resource_type, resource_id, resource_name, action_result, details`,
      `FROM ${from}`,
      `WHERE action_type IN ('GRANT', 'REVOKE') AND ${since}`,
      `ORDER BY event_timestamp DESC`,
    ],
  },
  {
    key: 'session-timeline',
    description: () => 'Everything that happened in one session, in order (parameter: session_id)',
    sql: (from) => [
      `-- Timeline of one session (investigations).`,
      `SELECT event_timestamp, user_id, action_type, resource_type, resource_name, action_result, ip_address, user_agent`,
      `FROM ${from}`,
      `WHERE session_id = ?`,
      `ORDER BY event_timestamp`,
    ],
  },
  {
    key: 'exports-by-user',
    days: 30,
    description: (d) => `Data exports per user and day, last ${d} days`,
    sql: (from, since, d) => [
      `-- Data exports per user and day in the last ${d} days (exfiltration review).`,
      `SELECT user_id, date(event_timestamp) AS day, count(*) AS exports, count(DISTINCT resource_name) AS resources`,
      `FROM ${from}`,
      `WHERE action_type = 'EXPORT' AND ${since}`,
      `GROUP BY user_id, date(event_timestamp)`,
      `ORDER BY exports DESC`,
    ],
  },
  {
    key: 'off-hours-access',
    days: 30,
    description: (d) => `Data access outside ${pad(OFFICE_HOURS.from)}:00-${pad(OFFICE_HOURS.to)}:00 UTC on weekdays, last ${d} days`,
    sql: (from, since, d) => [
      `-- Data access outside office hours (before ${pad(OFFICE_HOURS.from)}:00 or from ${pad(OFFICE_HOURS.to)}:00 UTC, or on weekends) in the last ${d} days.`,
      `SELECT event_timestamp, user_id, action_type, resource_type, resource_name, ip_address`,
      `FROM ${from}`,
      `WHERE action_type IN ('READ', 'WRITE', 'DELETE', 'EXPORT') AND ${since}`,
      `  AND (hour(event_timestamp) < ${OFFICE_HOURS.from} OR hour(event_timestamp) >= ${OFFICE_HOURS.to} OR day_of_week(event_timestamp) IN (6, 7))`,
      `ORDER BY event_timestamp DESC`,
    ],
  },
];

function pad(hour: number): string {
  return String(hour).padStart(2, '0');
}

export function auditQueries(table: LakehouseTable): NamedSql[] {
  const from = dmlTable(table);
  return AUDIT_QUERIES.map((q) => {
    const days = q.days ?? 0;
    const since = `date(event_timestamp) >= current_date - INTERVAL '${days}' DAY`;
    return { key: q.key, description: q.description(days), sql: q.sql(from, since, days).join('\n') };
  });
}
