import { describe, expect, it } from 'vitest';
import { denyWrongEncryptionHeader } from '../../../lib/aws/storage';
import { denyingStatements } from './policy-evaluator';

// The evaluator must model the trap the bucket policy avoids, or the "not denied" tests prove nothing.
describe('policy evaluator', () => {
  const request = { action: 's3:PutObject', resource: 'arn:aws:s3:::b/warehouse/x', keys: {} };

  it('treats a negated operator as true when the key is absent (the classic lock-out)', () => {
    const naive = {
      Statement: [
        {
          Sid: 'RequireKms',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
        },
      ],
    };
    expect(denyingStatements(naive, request)).toEqual(['RequireKms']);
  });

  it('lets the Null guard exempt requests without the header', () => {
    expect(denyingStatements({ Statement: [denyWrongEncryptionHeader('arn:aws:s3:::b') as any] }, request)).toEqual([]);
  });

  it('refuses operators it does not implement', () => {
    const odd = {
      Statement: [
        { Sid: 'X', Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01' } } },
      ],
    };
    expect(() => denyingStatements(odd, request)).toThrow(/unsupported condition operator DateGreaterThan/);
  });
});
