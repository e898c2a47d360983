import { describe, expect, it } from 'vitest';
import { AwsLakehouse } from '../../lib/aws/aws-lakehouse';
import { NessieTierRoles } from '../../lib/aws/nessie';
import { awsEnvironment, awsTestStack, gcpEnvironment, resourcesOf, shippedTemplates, synthStack } from '../support/synth';

const NESSIE = 'nessie:\n  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc\n  host_name: nessie.example.com\n';

function build(catalog: 'glue' | 'nessie', max?: number): () => AwsLakehouse {
  const extra = `${catalog === 'nessie' ? NESSIE : ''}${max === undefined ? '' : `access:\n  max_managed_policies_per_role: ${max}\n`}`;
  return () =>
    new AwsLakehouse(awsTestStack(), 'lakehouse', { environment: awsEnvironment(catalog, extra), templates: shippedTemplates() });
}

describe('access.max_managed_policies_per_role', () => {
  it.each(['glue', 'nessie'] as const)('limits the managed policies of each tier role on %s, and the error names the key', (catalog) => {
    // The admin tier carries its access policy and the append-only deny: two policies.
    expect(build(catalog, 1)).toThrow(/may carry 1|maxManagedPoliciesPerRole is 1/);
    expect(build(catalog, 1)).toThrow(/then access\.max_managed_policies_per_role \(maxManagedPoliciesPerRole in code; up to 20\)/);
    const json = synthStack(build(catalog, 2)().node.scope as never);
    expect(Object.keys(resourcesOf(json, 'aws_iam_policy')).length).toBeGreaterThan(0);
  });

  it('is range-checked by NessieTierRoles for code that uses it directly', () => {
    const stack = awsTestStack();
    const storage = { bucketName: 'b', bucketArn: 'arn:aws:s3:::b', warehousePrefix: 'warehouse', warehouseLocation: 's3://b/warehouse/' };
    expect(() => new NessieTierRoles(stack, 'tiers', { prefix: 'acme-test', storage, tables: [], maxManagedPoliciesPerRole: 21 })).toThrow(
      /Invalid NessieTierRoles props[\s\S]*maxManagedPoliciesPerRole/,
    );
  });

  it('defaults to IAM’s default quota of 10', () => {
    expect(awsEnvironment('glue').access.maxManagedPoliciesPerRole).toBeUndefined();
    expect(build('glue')).not.toThrow();
  });

  it('is refused outside 1 to 20, and on Google Cloud', () => {
    expect(() => awsEnvironment('glue', 'access:\n  max_managed_policies_per_role: 21\n')).toThrow(
      /access\.max_managed_policies_per_role: 21 is not allowed: it must be <= 20/,
    );
    expect(() => gcpEnvironment('access:\n  max_managed_policies_per_role: 12\n')).toThrow(
      /access: the 'access' block only applies to cloud: aws/,
    );
  });
});
