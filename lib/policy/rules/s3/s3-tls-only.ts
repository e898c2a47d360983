import { policyStatements } from '../../iam-policy';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import { bucketParts } from './s3-helpers';

export const s3TlsOnly: PolicyRule = {
  id: 'LH-S3-004',
  title: 'S3 bucket policy denies requests without TLS',
  problem: 'No bucket policy statement denies requests made without TLS.',
  rationale: 'Without the deny, a misconfigured client can send data and credentials-signed requests over plain HTTP.',
  fix: "Add a Deny statement for s3:* on the bucket and bucket/* to Principal '*' with Condition Bool aws:SecureTransport = false.",
  severity: 'error',
  checkovId: 'CKV_AWS_379',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, { stack }) {
    const policies = [...bucketParts(stack, 'aws_s3_bucket_policy', bucket).map((p) => p.config.policy), bucket.config.policy];
    const statements = policies.flatMap((p) => policyStatements(p, stack));
    if (statements.length === 0) return fail('No aws_s3_bucket_policy refers to this bucket.');
    const denies = statements.filter(
      (s) =>
        s.effect === 'Deny' &&
        s.actions.some((a) => a === 's3:*' || a === '*') &&
        (s.principals ?? []).some((p) => p.values.includes('*')) &&
        (s.condition.Bool?.['aws:SecureTransport'] ?? []).includes('false'),
    );
    if (denies.length === 0) return 'non-compliant';
    const resources = denies.flatMap((s) => s.resources);
    // The bucket ARN by reference (`${aws_s3_bucket.x.arn}`) or literally (`arn:aws:s3:::<name>`).
    const isThisBucket = (r: string): boolean =>
      stack.referencesIn(r).has(bucket.address) || r.endsWith(`:::${String(bucket.config.bucket)}`);
    const coversBucket = resources.some((r) => !r.endsWith('/*') && isThisBucket(r));
    const coversObjects = resources.some((r) => r.endsWith('/*') && isThisBucket(r.slice(0, -2)));
    return coversBucket && coversObjects
      ? 'compliant'
      : fail('The TLS deny statement does not cover both the bucket ARN and its objects (bucket/*).');
  },
};
