import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { NessieVersionStore } from '../../../lib/aws/nessie';
import { awsTestStack } from '../../support/synth';
import { byId, KMS_KEY, synthNessie, type Synthesized } from './nessie-fixtures';

describe('NessieVersionStore with protectData on (default)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie({ nessie: { tablePrefix: 'acme_test_catalog' }, kmsKeyArn: KMS_KEY });
  });

  it('creates the refs and objs tables with hash key k (string), on demand, PITR and the CMK', () => {
    const tables = byId(s.json, 'aws_dynamodb_table');
    expect(Object.keys(tables).sort()).toEqual(['objs', 'refs']);
    for (const suffix of ['refs', 'objs']) {
      expect(tables[suffix]).toEqual({
        name: `acme_test_catalog_${suffix}`,
        billing_mode: 'PAY_PER_REQUEST',
        hash_key: 'k',
        attribute: [{ name: 'k', type: 'S' }],
        point_in_time_recovery: { enabled: true },
        server_side_encryption: { enabled: true, kms_key_arn: KMS_KEY },
        deletion_protection_enabled: true,
        lifecycle: { prevent_destroy: true },
      });
    }
  });
});

describe('NessieVersionStore with protectData off', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie({ protectData: false });
  });

  it('uses the AWS managed key and allows destroy', () => {
    for (const table of Object.values(byId(s.json, 'aws_dynamodb_table'))) {
      expect(table.server_side_encryption).toEqual({ enabled: true });
      expect(table.deletion_protection_enabled).toBe(false);
      expect(table.lifecycle).toBeUndefined();
      expect(table.name).toMatch(/^acme_test_nessie_(refs|objs)$/);
    }
  });
});

describe('NessieVersionStore validation', () => {
  const build = (tablePrefix: string, kmsKeyArn?: string) => () =>
    new NessieVersionStore(awsTestStack(Testing.app()), 'store', { tablePrefix, kmsKeyArn });

  it('refuses names DynamoDB rejects and malformed key ARNs', () => {
    expect(build('acme test')).toThrow(/tablePrefix 'acme test' may contain only letters, digits, '_', '-' and '\.'/);
    expect(build('a'.repeat(251))).toThrow(/tablePrefix is 251 characters; with '_refs' it must fit DynamoDB's 255/);
    expect(build('ok', 'key-1')).toThrow(/kmsKeyArn: 'key-1' is not a KMS key ARN \(arn:aws:kms/);
    expect(build('a'.repeat(250))).not.toThrow();
  });
});
