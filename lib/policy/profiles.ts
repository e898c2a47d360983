/**
 * Compliance profiles (`compliance: none | soc2 | hipaa` in the environment file): under a profile
 * some warnings become errors, and the profile-only rules in rules/profile/ run.
 */
import type { ComplianceProfile } from '../model';
import type { PolicyRule, Severity } from './types';

export interface ProfileRequirements {
  /** Minimum audit-trail retention in days (HIPAA: 6 years, 45 CFR 164.316(b)(2); SOC2: 1 year). */
  readonly auditRetentionDays: number;
  /** Minimum CloudWatch Logs retention in days (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** Customer-managed keys required. */
  readonly customerManagedKey: boolean;
}

export const PROFILE_REQUIREMENTS: Readonly<Record<Exclude<ComplianceProfile, 'none'>, ProfileRequirements>> = {
  soc2: { auditRetentionDays: 365, logRetentionDays: 365, customerManagedKey: false },
  hipaa: { auditRetentionDays: 2192, logRetentionDays: 2192, customerManagedKey: true },
};

/** Requirements of a profile; undefined under `none`. */
export function profileRequirements(profile: ComplianceProfile): ProfileRequirements | undefined {
  return profile === 'none' ? undefined : PROFILE_REQUIREMENTS[profile];
}

const SOC2_ESCALATIONS = ['LH-CT-004', 'LH-ECS-003', 'LH-ECS-004', 'LH-VPC-001', 'LH-VPC-002'];

/** Warnings that are errors under a profile. */
export const PROFILE_ESCALATIONS: Readonly<Record<ComplianceProfile, readonly string[]>> = {
  none: [],
  soc2: SOC2_ESCALATIONS,
  hipaa: [...SOC2_ESCALATIONS, 'LH-S3-002', 'LH-S3-007', 'LH-SG-002'],
};

export function ruleIsActive(rule: PolicyRule, profile: ComplianceProfile): boolean {
  return rule.profiles === undefined || rule.profiles.includes(profile);
}

export function effectiveSeverity(rule: PolicyRule, profile: ComplianceProfile): Severity {
  return PROFILE_ESCALATIONS[profile].includes(rule.id) ? 'error' : rule.severity;
}
