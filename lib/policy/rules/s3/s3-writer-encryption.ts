import { block, type StackIndex, type TerraformResource } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';
import {
  athenaHeaders,
  bucketPolicies,
  cloudTrailHeaders,
  deniedWrite,
  describeHeaders,
  objectKey,
  s3ArnLocation,
  s3Location,
  type BucketPolicy,
  type SseWrite,
} from './sse-writes';

/**
 * Every S3 write a configured writer makes, with the encryption headers it sends: Athena workgroups
 * (results under `output_location`, and table data wherever the stack's Glue catalog and Lake
 * Formation put tables) and CloudTrail trails (log files under `AWSLogs/`).
 */
function writesOf(writer: TerraformResource, stack: StackIndex): SseWrite[] {
  if (writer.type === 'aws_cloudtrail') {
    const bucket = s3Location(`s3://${String(writer.config.s3_bucket_name)}/`, stack)?.bucket;
    if (!bucket) return [];
    const prefix = typeof writer.config.s3_key_prefix === 'string' ? writer.config.s3_key_prefix.replace(/^\/+|\/+$/g, '') : '';
    return [
      {
        bucket,
        objectKey: objectKey(prefix, 'AWSLogs/account/CloudTrail/log.json.gz'),
        what: 'log files',
        headers: cloudTrailHeaders(writer),
      },
    ];
  }
  const headers = athenaHeaders(writer);
  const out: SseWrite[] = [];
  const results = s3Location(block(block(writer.config.configuration).result_configuration).output_location, stack);
  if (results) out.push({ bucket: results.bucket, objectKey: objectKey(results.prefix, 'query-id.csv'), what: 'query results', headers });
  const seen = new Set<string>();
  for (const location of tableLocations(stack)) {
    const id = `${location.bucket.address} ${location.prefix}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      bucket: location.bucket,
      objectKey: objectKey(location.prefix, 'data/file.parquet'),
      what: 'table data (CTAS, INSERT, MERGE)',
      headers,
    });
  }
  return out;
}

/** Where Athena may write table data: Glue table and database locations and Lake Formation registrations. */
function tableLocations(stack: StackIndex): { bucket: TerraformResource; prefix: string }[] {
  const found = [
    ...stack.ofType('aws_glue_catalog_table').map((t) => s3Location(block(t.config.storage_descriptor).location, stack)),
    ...stack.ofType('aws_glue_catalog_database').map((d) => s3Location(d.config.location_uri, stack)),
    ...stack.ofType('aws_lakeformation_resource').map((r) => s3ArnLocation(r.config.arn, stack)),
  ];
  return found.filter((l): l is { bucket: TerraformResource; prefix: string } => l !== undefined);
}

export const s3WriterEncryption: PolicyRule = {
  id: 'LH-S3-009',
  title: 'Writers encrypt the way the bucket policy allows',
  problem: "A writer's server-side encryption setting is denied by the target bucket's policy.",
  rationale:
    'Athena sends its workgroup encryption with every result and every data file it writes, and CloudTrail sends its own with every log file; a bucket policy that denies that header rejects every such write (every query, every log delivery) at run time, after a clean apply.',
  fix: "Make the writer's encryption one the bucket policy allows (an Athena workgroup: SSE_KMS with the bucket's key; a trail: kms_key_id), or change the bucket policy's encryption deny.",
  severity: 'error',
  resourceTypes: ['aws_athena_workgroup', 'aws_cloudtrail'],
  check(writer, { stack }) {
    const writes = writesOf(writer, stack);
    if (writes.length === 0) return 'not-applicable';
    const policies = new Map<string, BucketPolicy[]>();
    const policiesOf = (bucket: TerraformResource): BucketPolicy[] => {
      const known = policies.get(bucket.address) ?? bucketPolicies(bucket, stack);
      policies.set(bucket.address, known);
      return known;
    };
    const denied = writes.map((w) => deniedWrite(w, policiesOf(w.bucket))).filter((d) => d !== undefined);
    if (denied.length === 0) return 'compliant';
    const lines = denied.map(
      (d) =>
        `${d.write.what} to ${d.write.bucket.address} (${describeHeaders(d.headers)}) are denied by statement '${d.statement}' of ${d.policy?.address ?? `${d.write.bucket.address}.policy`}`,
    );
    return fail(`${[...new Set(lines)].join('; ')}.`);
  },
};
