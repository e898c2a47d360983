import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_RULES } from '../../lib/policy';
import { AWS_CORE_CASES } from './cases/aws-core';
import { GCP_CASES } from './cases/gcp';
import { IAM_NETWORK_CASES } from './cases/iam-network';
import { NESSIE_CASES } from './cases/nessie';
import { PROFILE_CASES, PROFILE_ENV_CASES } from './cases/profile';
import { S3_CASES } from './cases/s3';
import { SERVICE_TRUST_CASES } from './cases/service-trust';
import { WRITER_CASES } from './cases/writers';
import { ROOT } from '../support/synth';
import { findingsOf } from './fixtures';
import { describeRuleCases } from './rule-case-runner';

describeRuleCases('S3 rules', S3_CASES);
describeRuleCases('KMS, CloudTrail, DynamoDB and CloudWatch Logs rules', AWS_CORE_CASES);
describeRuleCases('IAM, security group and VPC rules', IAM_NETWORK_CASES);
describeRuleCases('ALB and ECS rules', NESSIE_CASES);
describeRuleCases('Google Cloud rules', GCP_CASES);
describeRuleCases('Data protection and profile rules', PROFILE_CASES);
describeRuleCases('Writer encryption against bucket policies', WRITER_CASES);
describeRuleCases('Service trust conditions', SERVICE_TRUST_CASES);

describe('stack-wide profile rules judge the environment', () => {
  for (const c of PROFILE_ENV_CASES) {
    it(`${c.rule.id}: ${c.message.source}`, () => {
      expect(findingsOf(c.rule, c.json, c.good())).toEqual([]);
      const findings = findingsOf(c.rule, c.json, c.bad());
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({ ruleId: c.rule.id, address: 'test', severity: 'error' });
      expect(findings[0]!.message).toMatch(c.message);
    });
  }
});

describe('the pack', () => {
  const covered = new Set(
    [
      ...S3_CASES,
      ...AWS_CORE_CASES,
      ...IAM_NETWORK_CASES,
      ...NESSIE_CASES,
      ...GCP_CASES,
      ...PROFILE_CASES,
      ...PROFILE_ENV_CASES,
      ...WRITER_CASES,
      ...SERVICE_TRUST_CASES,
    ].map((c) => c.rule.id),
  );

  it('has at least 25 rules with unique ids of the form LH-<AREA>-<NNN>', () => {
    expect(POLICY_RULES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(POLICY_RULES.map((r) => r.id)).size).toBe(POLICY_RULES.length);
    for (const r of POLICY_RULES) expect(r.id).toMatch(/^LH-[A-Z0-9]+-[0-9]{3}$/);
  });

  it('tests every rule with a compliant and a non-compliant fixture', () => {
    expect(POLICY_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('documents every rule (title, problem, rationale, fix, resource types)', () => {
    for (const r of POLICY_RULES) {
      for (const text of [r.title, r.problem, r.rationale, r.fix]) expect(text.length, r.id).toBeGreaterThan(10);
      expect(r.resourceTypes.length, r.id).toBeGreaterThan(0);
      if (r.checkovId) expect(r.checkovId).toMatch(/^CKV2?_(AWS|GCP)_[0-9]+$/);
    }
  });

  it('is listed in docs/policy.md with its severity and Checkov id', () => {
    const doc = readFileSync(resolve(ROOT, 'docs/policy.md'), 'utf8');
    for (const r of POLICY_RULES) {
      const row = doc.split('\n').find((l) => l.startsWith(`| ${r.id} |`));
      expect(row, r.id).toBeDefined();
      const [, , severity, checkov] = row!.split('|').map((c) => c.trim());
      expect(severity!.startsWith(r.profiles ? 'error' : r.severity), r.id).toBe(true);
      expect(checkov, r.id).toBe(r.checkovId ?? '—');
    }
  });
});
