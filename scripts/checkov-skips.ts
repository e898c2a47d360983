/**
 * Prints the Checkov skip list of one environment's stack: `npx tsx scripts/checkov-skips.ts <stack name>`.
 * The list is lib/policy/checkov-skips.ts's (global skips of .checkov.yaml, the environment's
 * suppressions and relaxations) plus CI_RELAXATIONS below.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadEnvironments, type EnvironmentConfig } from '../lib/model';
import { checkovSkipsFor, globalSkipsOf } from '../lib/policy/checkov-skips';

/**
 * Checks whose failure follows from an explicit environment setting and that the policy module's
 * ENVIRONMENT_RELAXATIONS does not cover yet (found by the first Checkov baseline of the stacks;
 * they belong next to those relaxations in lib/policy/checkov-skips.ts).
 */
export const CI_RELAXATIONS: readonly {
  readonly checkovId: string;
  readonly applies: (env: EnvironmentConfig) => boolean;
  readonly because: string;
}[] = [
  {
    // The Nessie ALB writes access logs to logging.access_log_bucket when it is set
    // (lib/aws/nessie/nessie-load-balancer.ts), like the buckets' server access logs (CKV_AWS_18).
    checkovId: 'CKV_AWS_91',
    applies: (e) => e.catalog === 'nessie' && e.logging.accessLogBucket === undefined,
    because: 'no logging.access_log_bucket (the Nessie load balancer logs there when it is set)',
  },
  {
    // The audit bucket's retention policy is locked only with audit.object_lock: compliance;
    // locking is irreversible, so governance and none keep it unlocked on purpose.
    checkovId: 'CKV2_GCP_4',
    applies: (e) => e.cloud === 'gcp' && e.audit.enabled && e.audit.objectLock !== 'compliance',
    because: 'audit.object_lock is not compliance (the audit bucket retention policy stays unlocked)',
  },
];

/** The full skip list of one environment, sorted and without duplicates. */
export function ciCheckovSkips(environment: EnvironmentConfig, checkovYaml: string): string[] {
  const ids = new Set(checkovSkipsFor(environment, globalSkipsOf(checkovYaml)));
  for (const r of CI_RELAXATIONS) if (r.applies(environment)) ids.add(r.checkovId);
  return [...ids].sort();
}

function main(): void {
  const stackName = process.argv[2];
  const root = resolve(__dirname, '..');
  const environments = loadEnvironments(process.env.LAKEHOUSE_ENVIRONMENTS ?? resolve(root, 'environments'));
  const environment = environments.find((e) => e.name === stackName);
  if (!stackName || !environment) {
    process.stderr.write(`usage: checkov-skips <stack name>; known: ${environments.map((e) => e.name).join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(`${ciCheckovSkips(environment, readFileSync(resolve(root, '.checkov.yaml'), 'utf8')).join(',')}\n`);
}

if (require.main === module) main();
