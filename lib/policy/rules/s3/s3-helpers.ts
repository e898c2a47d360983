import { block, blocks, type StackIndex, type TerraformResource } from '../../terraform-json';

/** Split S3 sub-resources (`aws_s3_bucket_*`) whose `bucket` points at the given bucket. */
export function bucketParts(stack: StackIndex, type: string, bucket: TerraformResource): TerraformResource[] {
  return stack.referrers(type, 'bucket', bucket, ['bucket']);
}

export interface SseDefault {
  readonly sseAlgorithm?: unknown;
  readonly kmsMasterKeyId?: unknown;
  readonly bucketKeyEnabled?: unknown;
}

/** Default-encryption rules of a bucket: split resource(s) plus the legacy inline block. */
export function sseDefaults(stack: StackIndex, bucket: TerraformResource): SseDefault[] {
  const rules = [
    ...bucketParts(stack, 'aws_s3_bucket_server_side_encryption_configuration', bucket).flatMap((c) => blocks(c.config.rule)),
    ...blocks(block(bucket.config.server_side_encryption_configuration).rule),
  ];
  return rules.map((r) => {
    const byDefault = block(r.apply_server_side_encryption_by_default);
    return { sseAlgorithm: byDefault.sse_algorithm, kmsMasterKeyId: byDefault.kms_master_key_id, bucketKeyEnabled: r.bucket_key_enabled };
  });
}

export const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];
