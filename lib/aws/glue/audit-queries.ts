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

export function auditQueries(table: LakehouseTable): NamedSql[] {
  const from = dmlTable(table);
  const since = (days: number) => `date(event_timestamp) >= current_date - INTERVAL '${days}' DAY`;
  return [
    {
      key: 'gdpr-access-by-user',
      description: 'GDPR art. 30: every read and export of data by one user (parameter: user_id), last 90 days',
      sql: [
        `-- GDPR art. 30 record of processing: what one user read or exported in the last 90 days.`,
        `SELECT user_id, resource_type, resource_name, action_type, count(*) AS events,`,
        `       min(event_timestamp) AS first_access, max(event_timestamp) AS last_access`,
        `FROM ${from}`,
        `WHERE user_id = ? AND action_type IN ('READ', 'EXPORT') AND ${since(90)}`,
        `GROUP BY user_id, resource_type, resource_name, action_type`,
        `ORDER BY last_access DESC`,
      ].join('\n'),
    },
    {
      key: 'failed-access-by-ip',
      description: 'Failed or denied access attempts per source IP, last 30 days',
      sql: [
        `-- Failed and denied access attempts per source IP address in the last 30 days.`,
        `SELECT ip_address, count(*) AS failures, count(DISTINCT user_id) AS users,`,
        `       min(event_timestamp) AS first_seen, max(event_timestamp) AS last_seen`,
        `FROM ${from}`,
        `WHERE action_result IN ('FAILURE', 'DENIED') AND ${since(30)}`,
        `GROUP BY ip_address`,
        `ORDER BY failures DESC`,
        `LIMIT 100`,
      ].join('\n'),
    },
    {
      key: 'failed-logins-by-ip',
      description: 'Source IPs with 5 or more failed logins, last 7 days',
      sql: [
        `-- Source IP addresses with at least 5 failed logins in the last 7 days (brute force, credential stuffing).`,
        `SELECT ip_address, count(*) AS failed_logins, count(DISTINCT user_id) AS users_tried,`,
        `       min(event_timestamp) AS first_attempt, max(event_timestamp) AS last_attempt`,
        `FROM ${from}`,
        `WHERE action_type = 'LOGIN' AND action_result <> 'SUCCESS' AND ${since(7)}`,
        `GROUP BY ip_address`,
        `HAVING count(*) >= 5`,
        `ORDER BY failed_logins DESC`,
      ].join('\n'),
    },
    {
      key: 'sox-permission-changes',
      description: 'SOX: permission grants and revocations, last 90 days',
      sql: [
        `-- SOX access review: every permission grant and revocation in the last 90 days.`,
        `SELECT event_timestamp, user_id, action_type, resource_type, resource_id, resource_name, action_result, details`,
        `FROM ${from}`,
        `WHERE action_type IN ('GRANT', 'REVOKE') AND ${since(90)}`,
        `ORDER BY event_timestamp DESC`,
      ].join('\n'),
    },
    {
      key: 'session-timeline',
      description: 'Everything that happened in one session, in order (parameter: session_id)',
      sql: [
        `-- Timeline of one session (investigations).`,
        `SELECT event_timestamp, user_id, action_type, resource_type, resource_name, action_result, ip_address, user_agent`,
        `FROM ${from}`,
        `WHERE session_id = ?`,
        `ORDER BY event_timestamp`,
      ].join('\n'),
    },
    {
      key: 'exports-by-user',
      description: 'Data exports per user and day, last 30 days',
      sql: [
        `-- Data exports per user and day in the last 30 days (exfiltration review).`,
        `SELECT user_id, date(event_timestamp) AS day, count(*) AS exports, count(DISTINCT resource_name) AS resources`,
        `FROM ${from}`,
        `WHERE action_type = 'EXPORT' AND ${since(30)}`,
        `GROUP BY user_id, date(event_timestamp)`,
        `ORDER BY exports DESC`,
      ].join('\n'),
    },
    {
      key: 'off-hours-access',
      description: 'Data access outside 07:00-19:00 UTC on weekdays, last 30 days',
      sql: [
        `-- Data access outside office hours (before 07:00 or from 19:00 UTC, or on weekends) in the last 30 days.`,
        `SELECT event_timestamp, user_id, action_type, resource_type, resource_name, ip_address`,
        `FROM ${from}`,
        `WHERE action_type IN ('READ', 'WRITE', 'DELETE', 'EXPORT') AND ${since(30)}`,
        `  AND (hour(event_timestamp) < 7 OR hour(event_timestamp) >= 19 OR day_of_week(event_timestamp) IN (6, 7))`,
        `ORDER BY event_timestamp DESC`,
      ].join('\n'),
    },
  ];
}
