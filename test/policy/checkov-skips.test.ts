import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkovSkipsFor, globalSkipsOf } from '../../lib/policy';
import { awsEnvironment, environmentFromYaml, ROOT } from '../support/synth';

const GLOBAL = globalSkipsOf(readFileSync(resolve(ROOT, '.checkov.yaml'), 'utf8'));

describe('Checkov skip lists', () => {
  it('reads the global skips of .checkov.yaml, each with a reason comment above it', () => {
    expect(GLOBAL).toEqual([
      'CKV_AWS_144',
      'CKV2_AWS_62',
      'CKV_AWS_378',
      'CKV_GCP_78',
      'CKV_GCP_62',
      'CKV_AWS_252',
      'CKV_AWS_67',
      'CKV_GCP_80',
      'CKV_GCP_81',
      'CKV_AWS_115',
      'CKV_AWS_116',
      'CKV_AWS_117',
      'CKV_AWS_272',
      'CKV_AWS_173',
      'CKV2_AWS_57',
      'CKV_AWS_297',
    ]);
    const lines = readFileSync(resolve(ROOT, '.checkov.yaml'), 'utf8').split('\n');
    for (const id of GLOBAL) {
      const at = lines.findIndex((l) => l.trim() === `- ${id}`);
      expect(lines[at - 1]!.trim(), id).toMatch(/^# .{20,}/);
    }
  });

  it('adds nothing for a hardened HIPAA environment', () => {
    const prod = environmentFromYaml(readFileSync(resolve(ROOT, 'environments/prod.yaml'), 'utf8'), 'prod.yaml');
    expect(checkovSkipsFor(prod, GLOBAL)).toEqual([...GLOBAL].sort());
  });

  it('adds the relaxations a development environment states', () => {
    const dev = awsEnvironment(
      'glue',
      'protect_data: false\nencryption:\n  customer_managed_key: false\npolicy:\n  suppressions:\n    - rule: LH-VPC-001\n      path: vpc\n      reason: Short-lived sandbox VPC without traffic worth recording.\n',
    );
    const extra = checkovSkipsFor(dev, GLOBAL).filter((id) => !GLOBAL.includes(id));
    // suppression LH-VPC-001 → CKV2_AWS_11; profile-only LH-PRF-002 → CKV_AWS_338; no CMK; no protect_data; no access logs.
    expect(extra).toEqual(['CKV2_AWS_11', 'CKV_AWS_119', 'CKV_AWS_150', 'CKV_AWS_158', 'CKV_AWS_18', 'CKV_AWS_338']);
  });
});
