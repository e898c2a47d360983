/**
 * Defaults of the `drift` block: whether the scheduled schema drift check runs, and when. The
 * schedule's syntax belongs to the cloud that runs it and is checked by that cloud's rules
 * (lib/aws/rules/schedule.ts, lib/gcp/rules/schedule.ts).
 */
import type { RawEnvironment } from './check-environment';
import type { Cloud, DriftSettings } from './environment';

/** Hourly, in each cloud's own syntax (EventBridge Scheduler; BigQuery Data Transfer Service). */
export const DEFAULT_DRIFT_SCHEDULES: Readonly<Record<Cloud, string>> = { aws: 'rate(1 hour)', gcp: 'every 1 hours' };

/**
 * On by default where an alarm has somewhere to go. Not on a Nessie catalog whose tokens come from
 * an external issuer: the check authenticates with the stack's own Cognito client.
 */
export function driftSettings(raw: Pick<RawEnvironment, 'cloud' | 'catalog' | 'alarms' | 'drift' | 'nessie'>): DriftSettings {
  const destination = raw.cloud === 'aws' ? raw.alarms?.sns_topic_arn : raw.alarms?.notification_channel;
  const externalTokens = raw.catalog === 'nessie' && raw.nessie?.auth?.mode === 'external';
  return {
    enabled: raw.drift?.enabled ?? (destination !== undefined && !externalTokens),
    schedule: raw.drift?.schedule ?? DEFAULT_DRIFT_SCHEDULES[raw.cloud],
  };
}
