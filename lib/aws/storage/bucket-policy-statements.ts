import type { PolicyStatement } from '../policy-document';

/** Deny every request that does not use TLS, on the bucket and on its objects. */
export function denyInsecureTransport(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * Deny uploads that *explicitly* ask for a server-side encryption other than SSE-KMS.
 *
 * Iceberg writers (S3FileIO, PyIceberg, Nessie) send no encryption header and rely on the
 * bucket's default encryption, so a policy that *requires* the header would lock them out.
 * `StringNotEquals` is true when the key is absent, hence the `Null: false` guard: the statement
 * only matches requests that carry the header with another value (e.g. `AES256`). SSE-C is not
 * expressed by this header; it is blocked by the encryption configuration instead.
 */
export function denyWrongEncryptionHeader(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyExplicitNonKmsEncryption',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:PutObject',
    Resource: `${bucketArn}/*`,
    Condition: {
      Null: { 's3:x-amz-server-side-encryption': 'false' },
      StringNotEquals: { 's3:x-amz-server-side-encryption': ['aws:kms', 'aws:kms:dsse'] },
    },
  };
}

/**
 * The two statements AWS documents for a CloudTrail log bucket, each limited to one trail by
 * `aws:SourceArn` (confused-deputy protection). Log files land under `AWSLogs/<account>/`.
 */
export function cloudTrailDeliveryStatements(bucketArn: string, trailArn: string, accountId: string): PolicyStatement[] {
  return [
    {
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: bucketArn,
      Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
    },
    {
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
    },
  ];
}
