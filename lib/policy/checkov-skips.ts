/**
 * Checkov cannot read per-resource suppressions from cdktf's JSON, so each stack directory is
 * scanned with its own skip list: the global skips of .checkov.yaml plus the Checkov ids that this
 * environment relaxes on purpose (its suppressions, profile rules it does not run, settings that
 * make a check not apply). CI calls: `npx tsx scripts/checkov-skips.ts <stack name>`.
 */
import { parse } from 'yaml';
import type { EnvironmentConfig } from '../model';
import { ruleIsActive } from './profiles';
import { POLICY_RULES } from './registry';

/** Checkov checks whose failure follows from an explicit environment setting, with that setting. */
export const ENVIRONMENT_RELAXATIONS: readonly {
  readonly checkovId: string;
  readonly applies: (env: EnvironmentConfig) => boolean;
  readonly because: string;
}[] = [
  { checkovId: 'CKV_AWS_158', applies: (e) => !e.customerManagedKey, because: 'encryption.customer_managed_key: false' },
  { checkovId: 'CKV_AWS_119', applies: (e) => !e.customerManagedKey, because: 'encryption.customer_managed_key: false' },
  { checkovId: 'CKV_AWS_150', applies: (e) => !e.protectData, because: 'protect_data: false' },
  { checkovId: 'CKV_AWS_18', applies: (e) => e.logging.accessLogBucket === undefined, because: 'no logging.access_log_bucket' },
];

/** Skip list for one environment's stack directory, sorted and without duplicates. */
export function checkovSkipsFor(environment: EnvironmentConfig, globalSkips: readonly string[]): string[] {
  const ids = new Set(globalSkips);
  for (const s of environment.suppressions) {
    const id = POLICY_RULES.find((r) => r.id === s.rule)?.checkovId;
    if (id) ids.add(id);
  }
  for (const rule of POLICY_RULES) if (rule.checkovId && !ruleIsActive(rule, environment.compliance)) ids.add(rule.checkovId);
  for (const r of ENVIRONMENT_RELAXATIONS) if (r.applies(environment)) ids.add(r.checkovId);
  return [...ids].sort();
}

/** `skip-check` entries of a Checkov config file (`ID` or `ID: comment` strings). */
export function globalSkipsOf(checkovYaml: string): string[] {
  const config = (parse(checkovYaml) ?? {}) as { 'skip-check'?: unknown };
  const list = Array.isArray(config['skip-check']) ? config['skip-check'] : [];
  return list.map((s) => String(s).split(/[\s:]/)[0]!).filter((s) => s !== '');
}
