import { asStringList, blocks, type StackIndex, type TerraformResource } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

const S3_OBJECT = 'AWS::S3::Object';

/** The buckets whose object access must be audited: the configured lakehouse bucket, else every bucket but the trail's own. */
function auditedBuckets(stack: StackIndex, trail: TerraformResource, bucketName: string): TerraformResource[] {
  const buckets = stack.ofType('aws_s3_bucket');
  const named = buckets.filter((b) => b.config.bucket === bucketName);
  if (named.length > 0) return named;
  return buckets.filter((b) => !stack.pointsTo(trail.config.s3_bucket_name, b, ['bucket']));
}

/** `arn:aws:s3` / `arn:${partition}:s3:::` select every bucket. */
function isAllBuckets(value: string): boolean {
  return /^arn:[^:]+:s3(:::)?$/.test(value.replace(/\$\{[^}]*\}/g, 'X'));
}

function covers(value: string, bucket: TerraformResource, stack: StackIndex): boolean {
  if (isAllBuckets(value)) return true;
  if (stack.referencesIn(value).has(bucket.address)) return true;
  const name = bucket.config.bucket;
  return typeof name === 'string' && new RegExp(`:s3:::${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$)`).test(value);
}

function coveredBy(trail: TerraformResource, bucket: TerraformResource, stack: StackIndex): boolean {
  const basic = blocks(trail.config.event_selector).some(
    (sel) =>
      (sel.read_write_type ?? 'All') === 'All' &&
      blocks(sel.data_resource).some((d) => d.type === S3_OBJECT && asStringList(d.values).some((v) => covers(v, bucket, stack))),
  );
  const advanced = blocks(trail.config.advanced_event_selector).some((sel) => {
    const fields = blocks(sel.field_selector);
    const field = (name: string): Record<string, unknown> | undefined => fields.find((f) => f.field === name);
    if (!asStringList(field('resources.type')?.equals).includes(S3_OBJECT)) return false;
    if (field('readOnly')) return false; // only reads or only writes: half the access is not audited
    const arn = field('resources.ARN');
    if (!arn) return true;
    return (
      asStringList(arn.starts_with).some((v) => covers(v, bucket, stack)) || asStringList(arn.equals).some((v) => covers(v, bucket, stack))
    );
  });
  return basic || advanced;
}

export const cloudtrailDataEvents: PolicyRule = {
  id: 'LH-CT-002',
  title: 'CloudTrail records S3 data events on the lakehouse bucket',
  problem: 'The trail does not record read and write object-level events for the lakehouse bucket.',
  rationale: 'Management events do not show who read or changed table data; data events are the access record auditors ask for.',
  fix: "Add an event_selector with data_resource { type = 'AWS::S3::Object', values = ['<bucket arn>/'] } and read_write_type 'All' (or an equivalent advanced selector).",
  severity: 'error',
  resourceTypes: ['aws_cloudtrail'],
  check(trail, { stack, environment }) {
    const buckets = auditedBuckets(stack, trail, environment.storage.bucketName);
    if (buckets.length === 0) return 'not-applicable';
    const missing = buckets.filter((b) => !coveredBy(trail, b, stack)).map((b) => b.address);
    return missing.length === 0 ? 'compliant' : fail(`No read+write S3 data event selector covers ${missing.join(', ')}.`);
  },
};
