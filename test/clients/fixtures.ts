import { join } from 'node:path';
import { loadEnvironments, type EnvironmentConfig } from '../../lib/model';
import { ENVIRONMENTS_DIR } from '../support/synth';

/** One shipped environment (environments/<name>.yaml), every default applied. */
export function shippedEnvironment(name: 'dev' | 'prod' | 'staging' | 'gcp-dev'): EnvironmentConfig {
  return loadEnvironments(join(ENVIRONMENTS_DIR, `${name}.yaml`))[0]!;
}

/** The six shipped tables, as `<namespace>.<table>` in code-point order. */
export const SHIPPED_TABLE_KEYS = [
  'analytics.event_stream',
  'compliance.audit_trail',
  'core.customer_dim',
  'ml.customer_features',
  'pg_archive_sync.primary_postgresql_logs',
  'pg_archive_sync.replica_postgresql_logs',
];

export const SHIPPED_NAMESPACES = ['analytics', 'compliance', 'core', 'ml', 'pg_archive_sync'];
