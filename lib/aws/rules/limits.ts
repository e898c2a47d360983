/** Limits of AWS services that the environment and the constructs check alike. */

/** Values CloudWatch Logs accepts for retention (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export function retentionProblem(days: number): string | undefined {
  if (CLOUDWATCH_RETENTION_DAYS.includes(days)) return undefined;
  const shorter = CLOUDWATCH_RETENTION_DAYS.filter((d) => d < days).pop();
  const longer = CLOUDWATCH_RETENTION_DAYS.find((d) => d > days);
  const near = [shorter, longer].filter((d) => d !== undefined).join(' or ');
  return `CloudWatch Logs does not keep logs for ${days} days; the nearest values it accepts are ${near} (all: ${CLOUDWATCH_RETENTION_DAYS.join(', ')})`;
}

/** CPU units Fargate offers for Linux tasks. */
export const FARGATE_CPU_UNITS: readonly number[] = [256, 512, 1024, 2048, 4096, 8192, 16384];

/** Memory sizes (MiB) Fargate offers with `cpu` units; empty for a CPU value it does not offer. */
export function fargateMemoryOptions(cpu: number): number[] {
  const range = (from: number, to: number, step: number): number[] => {
    const out: number[] = [];
    for (let m = from; m <= to; m += step) out.push(m);
    return out;
  };
  switch (cpu) {
    case 256:
      return [512, 1024, 2048];
    case 512:
      return range(1024, 4096, 1024);
    case 1024:
      return range(2048, 8192, 1024);
    case 2048:
      return range(4096, 16384, 1024);
    case 4096:
      return range(8192, 30720, 1024);
    case 8192:
      return range(16384, 61440, 4096);
    case 16384:
      return range(32768, 122880, 8192);
    default:
      return [];
  }
}

/** What is wrong with a Fargate task size, by field; empty when Fargate offers it. */
export function fargateSizeProblems(cpu: number, memory: number): { cpu?: string; memory?: string } {
  const options = fargateMemoryOptions(cpu);
  if (options.length === 0) return { cpu: `Fargate offers no ${cpu} CPU units; use ${FARGATE_CPU_UNITS.join(', ')}` };
  if (!options.includes(memory))
    return { memory: `Fargate does not offer ${memory} MiB with ${cpu} CPU units; allowed: ${options.join(', ')}` };
  return {};
}

/** Most Nessie tasks autoscaling may run (the environment schema's `nessie.max_count` maximum). */
export const NESSIE_MAX_TASKS = 20;

/** Task counts: whole numbers from 1 to NESSIE_MAX_TASKS, min not above max. */
export function taskCountProblems(minCount: number, maxCount: number): { minCount?: string; maxCount?: string } {
  const out: { minCount?: string; maxCount?: string } = {};
  const bad = (n: number): boolean => !Number.isInteger(n) || n < 1 || n > NESSIE_MAX_TASKS;
  if (bad(minCount)) out.minCount = `${minCount} is not a whole number from 1 to ${NESSIE_MAX_TASKS}`;
  if (bad(maxCount)) out.maxCount = `${maxCount} is not a whole number from 1 to ${NESSIE_MAX_TASKS}`;
  if (!out.minCount && !out.maxCount && minCount > maxCount) out.minCount = `min_count ${minCount} is greater than max_count ${maxCount}`;
  return out;
}

/** IAM quotas the generated policies must respect (IAM counts characters without whitespace). */
export const IAM_LIMITS = {
  /** Characters of one customer-managed policy. */
  managedPolicyChars: 6144,
  /** Characters of all inline policies of one role together. */
  inlinePolicyCharsPerRole: 10240,
  /** Characters of a role trust policy (default quota). */
  trustPolicyChars: 2048,
  /** The most characters a role trust policy's quota can be raised to. */
  maxTrustPolicyCharsQuota: 4096,
  /** Managed policies attached to one role (default quota). */
  managedPoliciesPerRole: 10,
  /** The most managed policies per role IAM's quota can be raised to. */
  maxManagedPoliciesPerRoleQuota: 20,
} as const;
