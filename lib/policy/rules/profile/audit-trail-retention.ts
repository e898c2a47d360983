import { PROFILE_REQUIREMENTS, profileRequirements } from '../../profiles';
import { asNumber, block, blocks, type StackIndex, type TerraformResource } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail, STACK_RESOURCE_TYPE } from '../../types';

const DAY_SECONDS = 86_400;
const { hipaa, soc2 } = PROFILE_REQUIREMENTS;

/** Expiration days of enabled lifecycle rules on an AWS bucket. */
function awsExpirations(stack: StackIndex, bucket: TerraformResource): number[] {
  return stack
    .referrers('aws_s3_bucket_lifecycle_configuration', 'bucket', bucket, ['bucket'])
    .flatMap((l) => blocks(l.config.rule))
    .filter((r) => (r.status ?? 'Enabled') === 'Enabled')
    .map((r) => asNumber(block(r.expiration).days))
    .filter((d): d is number => d !== undefined);
}

function awsProblems(stack: StackIndex, minDays: number): string[] {
  const trails = stack.ofType('aws_cloudtrail');
  if (trails.length === 0) return ['the stack has no aws_cloudtrail'];
  const buckets = stack.ofType('aws_s3_bucket').filter((b) => trails.some((t) => stack.pointsTo(t.config.s3_bucket_name, b, ['bucket'])));
  return buckets.flatMap((b) =>
    awsExpirations(stack, b)
      .filter((d) => d < minDays)
      .map((d) => `${b.address} expires audit objects after ${d} days`),
  );
}

function gcpProblems(stack: StackIndex, minDays: number): string[] {
  const sinks = stack.ofType('google_logging_project_sink');
  if (sinks.length === 0) return ['the stack has no google_logging_project_sink'];
  const buckets = stack.ofType('google_storage_bucket').filter((b) => sinks.some((s) => stack.pointsTo(s.config.destination, b)));
  return buckets.flatMap((b) => {
    const out: string[] = [];
    const seconds = asNumber(block(b.config.retention_policy).retention_period);
    if (seconds === undefined || seconds < minDays * DAY_SECONDS) out.push(`${b.address} retention_policy is shorter than ${minDays} days`);
    for (const rule of blocks(b.config.lifecycle_rule)) {
      const age = asNumber(block(rule.condition).age);
      if (block(rule.action).type === 'Delete' && age !== undefined && age < minDays)
        out.push(`${b.address} deletes audit objects after ${age} days`);
    }
    return out;
  });
}

export const auditTrailRetention: PolicyRule = {
  id: 'LH-PRF-001',
  title: 'Audit trail on and kept for the profile’s period',
  problem: `The audit trail is off or keeps records for less than the profile requires (HIPAA: ${hipaa.auditRetentionDays} days, SOC2: ${soc2.auditRetentionDays} days).`,
  rationale: 'HIPAA requires documentation and activity records for six years (45 CFR 164.316(b)(2)); SOC2 auditors sample a full year.',
  fix: `Set audit.enabled: true and audit.retention_days to at least ${hipaa.auditRetentionDays} (hipaa) or ${soc2.auditRetentionDays} (soc2); keep the audit trail (aws_cloudtrail or the GCS log sink) in the stack and no lifecycle rule that deletes audit objects earlier.`,
  severity: 'error',
  resourceTypes: [STACK_RESOURCE_TYPE],
  profiles: ['soc2', 'hipaa'],
  check(_stack, { environment, stack }) {
    const required = profileRequirements(environment.compliance)!;
    const problems: string[] = [];
    if (!environment.audit.enabled) return fail('audit.enabled is false.');
    if (environment.audit.retentionDays < required.auditRetentionDays) {
      problems.push(`audit.retention_days is ${environment.audit.retentionDays}, below ${required.auditRetentionDays}`);
    }
    problems.push(
      ...(environment.cloud === 'aws' ? awsProblems(stack, required.auditRetentionDays) : gcpProblems(stack, required.auditRetentionDays)),
    );
    return problems.length === 0 ? 'compliant' : fail(`${problems.join('; ')}.`);
  },
};
