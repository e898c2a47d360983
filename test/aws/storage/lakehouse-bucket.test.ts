import { TerraformOutput } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { LakehouseBucket, LakehouseKey } from '../../../lib/aws/storage';
import { awsTestStack, onlyResource, parsePolicy, resourcesOf, synthStack, type TfJson } from '../../support/synth';
import { denyingStatements, type Request } from './policy-evaluator';
import { ref } from './refs';

const ALL_OBJECTS = [{ prefix: '' }];

describe('LakehouseBucket with a customer-managed key', () => {
  let json: TfJson;
  let bucket: LakehouseBucket;
  let key: LakehouseKey;
  let bucketArn: string;
  let policy: { Statement: Array<Record<string, any>> };
  beforeAll(() => {
    const stack = awsTestStack();
    key = new LakehouseKey(stack, 'key', { prefix: 'acme-prod', protectData: true });
    bucket = new LakehouseBucket(stack, 'lakehouse', {
      prefix: 'acme-prod',
      protectData: true,
      kmsKeyArn: key.keyArn,
      accessLogBucket: 'acme-prod-s3-access-logs',
    });
    // Outputs render the exposed tokens as Terraform references.
    new TerraformOutput(stack, 'warehouse', { value: bucket.warehouseLocation });
    new TerraformOutput(stack, 'bucket_arn', { value: bucket.bucketArn });
    json = synthStack(stack);
    bucketArn = ref(json, 'aws_s3_bucket', 'lakehouse', 'arn');
    policy = parsePolicy(onlyResource(json, 'aws_s3_bucket_policy').policy);
  });

  it('names the bucket <prefix>-lakehouse and protects it from destroy', () => {
    const b = onlyResource(json, 'aws_s3_bucket');
    expect(b.bucket).toBe('acme-prod-lakehouse');
    expect(b.lifecycle).toEqual({ prevent_destroy: true });
    expect(b.object_lock_enabled).toBeUndefined();
  });

  it('enables versioning', () => {
    expect(onlyResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
  });

  it('encrypts with SSE-KMS, the CMK and a Bucket Key, and blocks SSE-C', () => {
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: ref(json, 'aws_kms_key', 'key', 'arn') },
        bucket_key_enabled: true,
        blocked_encryption_types: ['SSE-C'],
      },
    ]);
  });

  it('turns on all four public access block settings', () => {
    const pab = onlyResource(json, 'aws_s3_bucket_public_access_block');
    expect(pab).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('disables ACLs (BucketOwnerEnforced)', () => {
    expect(onlyResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  it('orders the bucket policy after the public access block', () => {
    const pabName = Object.keys(resourcesOf(json, 'aws_s3_bucket_public_access_block'))[0];
    expect(onlyResource(json, 'aws_s3_bucket_policy').depends_on).toContain(`aws_s3_bucket_public_access_block.${pabName}`);
  });

  it('denies non-TLS requests on the bucket and its objects', () => {
    expect(policy.Statement.find((s) => s.Sid === 'DenyInsecureTransport')).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [bucketArn, `${bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  const put = (keys: Record<string, string>): Request => ({
    action: 's3:PutObject',
    resource: `${bucketArn}/warehouse/sales/orders/data/00000-0.parquet`,
    keys: { 'aws:SecureTransport': 'true', ...keys },
  });

  it('does not deny a PutObject that sends no encryption header (Iceberg writers rely on default encryption)', () => {
    expect(denyingStatements(policy, put({}))).toEqual([]);
  });

  it('does not deny an explicit SSE-KMS header', () => {
    expect(denyingStatements(policy, put({ 's3:x-amz-server-side-encryption': 'aws:kms' }))).toEqual([]);
  });

  it('denies an explicitly wrong encryption header and plain-HTTP requests', () => {
    expect(denyingStatements(policy, put({ 's3:x-amz-server-side-encryption': 'AES256' }))).toEqual(['DenyExplicitNonKmsEncryption']);
    expect(
      denyingStatements(policy, { action: 's3:GetObject', resource: `${bucketArn}/warehouse/x`, keys: { 'aws:SecureTransport': 'false' } }),
    ).toEqual(['DenyInsecureTransport']);
  });

  it('has exactly the three lifecycle rules with the default days, applying to the whole bucket; live files go to Intelligent-Tiering', () => {
    const lifecycle = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule).toEqual([
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: ALL_OBJECTS,
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
      // Queries over old partitions read live Iceberg files; Intelligent-Tiering has no retrieval
      // fee, where STANDARD_IA charges for every byte read after 90 days.
      {
        id: 'current-to-intelligent-tiering',
        status: 'Enabled',
        filter: ALL_OBJECTS,
        transition: [{ days: 0, storage_class: 'INTELLIGENT_TIERING' }],
      },
      {
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: ALL_OBJECTS,
        noncurrent_version_expiration: [{ noncurrent_days: 30 }],
        expiration: [{ expired_object_delete_marker: true }],
      },
    ]);
    const versioningName = Object.keys(resourcesOf(json, 'aws_s3_bucket_versioning'))[0];
    expect(lifecycle.depends_on).toEqual([`aws_s3_bucket_versioning.${versioningName}`]);
  });

  it('sends server access logs to the given bucket under <bucket>/', () => {
    expect(onlyResource(json, 'aws_s3_bucket_logging')).toMatchObject({
      target_bucket: 'acme-prod-s3-access-logs',
      target_prefix: 'acme-prod-lakehouse/',
    });
  });

  it('exposes the storage reference fields', () => {
    expect(bucket.kmsKeyArn).toBe(key.keyArn);
    expect(bucket.warehousePrefix).toBe('warehouse');
    expect(json.output?.warehouse?.value).toBe(`s3://${ref(json, 'aws_s3_bucket', 'lakehouse', 'bucket')}/warehouse`);
    expect(json.output?.bucket_arn?.value).toBe(bucketArn);
  });
});

describe('LakehouseBucket without a customer-managed key, unprotected, custom lifecycle', () => {
  let json: TfJson;
  let bucket: LakehouseBucket;
  beforeAll(() => {
    const stack = awsTestStack();
    bucket = new LakehouseBucket(stack, 'lakehouse', {
      prefix: 'acme-dev',
      protectData: false,
      bucketName: 'acme-dev-tables',
      warehousePrefix: 'iceberg/warehouse',
      abortIncompleteMultipartDays: 3,
      tiering: 'infrequent_access',
      infrequentAccessDays: 45,
      noncurrentExpirationDays: 10,
    });
    json = synthStack(stack);
  });

  it('uses SSE-KMS with the AWS-managed key (no key id) and a Bucket Key', () => {
    expect(onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' },
        bucket_key_enabled: true,
        blocked_encryption_types: ['SSE-C'],
      },
    ]);
    expect(bucket.kmsKeyArn).toBeUndefined();
  });

  it('has no prevent_destroy and no access logging', () => {
    const b = onlyResource(json, 'aws_s3_bucket');
    expect(b.bucket).toBe('acme-dev-tables');
    expect(b.lifecycle).toBeUndefined();
    expect(resourcesOf(json, 'aws_s3_bucket_logging')).toEqual({});
  });

  it('keeps the STANDARD_IA transition when asked, with the configured lifecycle days', () => {
    const rules = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration').rule as Array<Record<string, any>>;
    expect(rules.map((r) => r.id)).toEqual(['abort-incomplete-multipart-uploads', 'current-to-standard-ia', 'expire-noncurrent-versions']);
    expect(rules[0]!.abort_incomplete_multipart_upload).toEqual([{ days_after_initiation: 3 }]);
    expect(rules[1]!.transition).toEqual([{ days: 45, storage_class: 'STANDARD_IA' }]);
    expect(rules[2]!.noncurrent_version_expiration).toEqual([{ noncurrent_days: 10 }]);
  });

  it('keeps the configured warehouse prefix', () => {
    expect(bucket.warehousePrefix).toBe('iceberg/warehouse');
    expect(bucket.warehouseLocation).toMatch(/^s3:\/\/.+\/iceberg\/warehouse$/);
  });
});

describe('LakehouseBucket options', () => {
  it('without versioning creates no versioning resource and no noncurrent rule', () => {
    const stack = awsTestStack();
    new LakehouseBucket(stack, 'lakehouse', { prefix: 'acme-dev', protectData: false, versioning: false });
    const json = synthStack(stack);
    expect(resourcesOf(json, 'aws_s3_bucket_versioning')).toEqual({});
    const lifecycle = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule.map((r: any) => r.id)).toEqual(['abort-incomplete-multipart-uploads', 'current-to-intelligent-tiering']);
    expect(lifecycle.depends_on).toBeUndefined();
  });

  it('with tiering none leaves current objects in STANDARD', () => {
    const stack = awsTestStack();
    new LakehouseBucket(stack, 'lakehouse', { prefix: 'acme-dev', protectData: false, tiering: 'none' });
    const rules = onlyResource(synthStack(stack), 'aws_s3_bucket_lifecycle_configuration').rule as Array<Record<string, any>>;
    expect(rules.map((r) => r.id)).toEqual(['abort-incomplete-multipart-uploads', 'expire-noncurrent-versions']);
    expect(rules.flatMap((r) => r.transition ?? [])).toEqual([]);
  });

  it('can leave out the wrong-encryption deny, keeping the TLS deny', () => {
    const stack = awsTestStack();
    new LakehouseBucket(stack, 'lakehouse', { prefix: 'acme-dev', protectData: false, denyNonKmsEncryptionHeader: false });
    const policy = parsePolicy(onlyResource(synthStack(stack), 'aws_s3_bucket_policy').policy);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['DenyInsecureTransport']);
  });
});

describe('LakehouseBucket validation', () => {
  const build =
    (props: Partial<ConstructorParameters<typeof LakehouseBucket>[2]>): (() => void) =>
    () =>
      new LakehouseBucket(awsTestStack(), 'lakehouse', { prefix: 'acme-dev', protectData: false, ...props });

  it('rejects a derived name that is too long, naming the prop, the value, the rule and the origin', () => {
    const prefix = 'a-very-long-project-name-for-the-lakehouse-production-env';
    expect(build({ prefix, origin: 'environments/prod.yaml' })).toThrow(
      `Invalid LakehouseBucket props at test/lakehouse (environments/prod.yaml):\n  - bucketName '${prefix}-lakehouse' must be 3 to 63 characters long (is 67) (derived from prefix '${prefix}'; shorten the project or environment name, or set bucketName)`,
    );
  });

  it('reports every problem at once', () => {
    let message = '';
    try {
      build({
        bucketName: 'Acme_Lake',
        infrequentAccessDays: 10,
        warehousePrefix: '/warehouse/',
        abortIncompleteMultipartDays: 0,
        tiering: 'glacier' as never,
      })();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("bucketName 'Acme_Lake' may contain only lowercase letters, digits and hyphens");
    expect(message).toContain('infrequentAccessDays is 10; it must be a whole number of at least 30');
    expect(message).toContain("warehousePrefix '/warehouse/' must not begin or end with a slash");
    expect(message).toContain('abortIncompleteMultipartDays is 0; it must be a whole number of at least 1');
    expect(message).toContain("bucketName 'Acme_Lake' must begin and end with a letter or digit");
    expect(message).toContain("tiering is 'glacier'; use 'automatic', 'infrequent_access', 'none'");
    expect(message.split('\n  - ')).toHaveLength(7);
  });

  it('accepts the defaults', () => {
    expect(build({})).not.toThrow();
  });
});
