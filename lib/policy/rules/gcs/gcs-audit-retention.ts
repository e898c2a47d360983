import { lakehouseNames } from '../../../model';
import { asNumber, block } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

const DAY_SECONDS = 86_400;

export const gcsAuditRetention: PolicyRule = {
  id: 'LH-GCS-004',
  title: 'Audit log bucket has a retention policy',
  problem: 'The bucket receiving audit logs has no retention policy covering audit.retention_days.',
  rationale: 'A retention policy stops anyone, including project owners, from deleting audit records before their time.',
  fix: 'Set retention_policy { retention_period = audit.retention_days × 86400 } on the audit bucket (lock it once reviewed).',
  severity: 'error',
  resourceTypes: ['google_storage_bucket'],
  check(bucket, { stack, environment }) {
    if (!environment.audit.enabled) return 'not-applicable';
    const isSinkTarget = stack
      .ofType('google_logging_project_sink')
      .some(
        (s) =>
          stack.pointsTo(s.config.destination, bucket) || s.config.destination === `storage.googleapis.com/${String(bucket.config.name)}`,
      );
    const named = bucket.config.name === lakehouseNames(environment.project, environment.name).auditBucket;
    if (!isSinkTarget && !named) return 'not-applicable';
    const seconds = asNumber(block(bucket.config.retention_policy).retention_period);
    if (seconds === undefined) return fail('The audit bucket has no retention_policy.');
    const wanted = environment.audit.retentionDays * DAY_SECONDS;
    return seconds >= wanted ? 'compliant' : fail(`retention_period is ${seconds} s, less than audit.retention_days (${wanted} s).`);
  },
};
