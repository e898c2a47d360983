import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkovSkipsFor, globalSkipsOf } from '../../lib/policy';
import { CI_RELAXATIONS, ciCheckovSkips } from '../../scripts/checkov-skips';
import { shippedEnvironment } from '../clients/fixtures';
import { awsEnvironment, gcpEnvironment, ROOT } from '../support/synth';

const CONFIG = readFileSync(resolve(ROOT, '.checkov.yaml'), 'utf8');
/** What CI adds on top of lib/policy's list for one environment. */
const added = (env: Parameters<typeof ciCheckovSkips>[0]): string[] => {
  const base = checkovSkipsFor(env, globalSkipsOf(CONFIG));
  return ciCheckovSkips(env, CONFIG).filter((id) => !base.includes(id));
};

describe('Checkov skips CI adds per environment (scripts/checkov-skips.ts)', () => {
  it('skips ALB access logs only for a Nessie environment without logging.access_log_bucket', () => {
    expect(added(shippedEnvironment('staging'))).toEqual(['CKV_AWS_91']);
    expect(added(awsEnvironment('nessie', 'logging:\n  access_log_bucket: acme-access-logs\n'))).toEqual([]);
    expect(added(shippedEnvironment('dev'))).toEqual([]);
    expect(added(shippedEnvironment('prod'))).toEqual([]);
  });

  it('skips the locked log-bucket check only while the GCP audit bucket is not locked (object_lock other than compliance)', () => {
    expect(added(shippedEnvironment('gcp-dev'))).toEqual(['CKV2_GCP_4']);
    expect(added(gcpEnvironment('audit:\n  object_lock: governance\n'))).toEqual(['CKV2_GCP_4']);
    expect(added(gcpEnvironment('audit:\n  object_lock: compliance\n'))).toEqual([]);
  });

  it('gives every relaxation a reason and keeps the list sorted and unique', () => {
    for (const r of CI_RELAXATIONS) expect(r.because.length, r.checkovId).toBeGreaterThan(20);
    const all = ciCheckovSkips(shippedEnvironment('staging'), CONFIG);
    expect(all).toEqual([...new Set(all)].sort());
  });
});
