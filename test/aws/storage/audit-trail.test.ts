import { beforeAll, describe, expect, it } from 'vitest';
import {
  AccessDeniedAlarm,
  AuditTrail,
  LakehouseBucket,
  LakehouseKey,
  MINIMUM_STORAGE_DAYS,
  type AuditTrailProps,
} from '../../../lib/aws/storage';
import { awsTestStack, onlyResource, parsePolicy, resourcesOf, synthStack, type TfJson } from '../../support/synth';
import { allowingStatements, denyingStatements } from './policy-evaluator';
import { contextRefs, ref, resourceNamed } from './refs';

const ALL_OBJECTS = [{ prefix: '' }];

/** A stack with a lakehouse bucket (and a CMK when asked) plus the audit trail under test. */
function synthAudit(props: Partial<AuditTrailProps> & { cmk?: boolean; alerts?: boolean } = {}): TfJson {
  const stack = awsTestStack();
  const { cmk, alerts, ...trailProps } = props;
  const key = cmk ? new LakehouseKey(stack, 'key', { prefix: 'acme-prod', protectData: true }) : undefined;
  const lakehouse = new LakehouseBucket(stack, 'lakehouse', { prefix: 'acme-prod', protectData: true, kmsKeyArn: key?.keyArn });
  const alarm = alerts ? new AccessDeniedAlarm(stack, 'alerts', { prefix: 'acme-prod', protectData: true, lakehouse }) : undefined;
  new AuditTrail(stack, 'audit', {
    prefix: 'acme-prod',
    protectData: true,
    lakehouse,
    kmsKeyArn: key?.keyArn,
    cloudWatchLogs: alarm?.trailDelivery,
    ...trailProps,
  });
  return synthStack(stack);
}

describe('AuditTrail with a customer-managed key and CloudWatch delivery', () => {
  let json: TfJson;
  let trail: Record<string, any>;
  let auditArn: string;
  let trailArn: string;
  let policy: { Statement: Array<Record<string, any>> };
  beforeAll(() => {
    json = synthAudit({ cmk: true, alerts: true });
    trail = onlyResource(json, 'aws_cloudtrail');
    auditArn = ref(json, 'aws_s3_bucket', 'audit', 'arn');
    const c = contextRefs(json);
    trailArn = `arn:${c.partition}:cloudtrail:${c.region}:${c.account}:trail/acme-prod-lakehouse-audit`;
    policy = parsePolicy(resourceNamed(json, 'aws_s3_bucket_policy', 'audit').policy);
  });

  it('creates the audit bucket <prefix>-audit-trail, versioned, private, ACLs off, protected', () => {
    const bucket = resourceNamed(json, 'aws_s3_bucket', 'audit');
    expect(bucket.bucket).toBe('acme-prod-audit-trail');
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(resourceNamed(json, 'aws_s3_bucket_versioning', 'audit').versioning_configuration).toEqual({ status: 'Enabled' });
    expect(resourceNamed(json, 'aws_s3_bucket_public_access_block', 'audit')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(resourceNamed(json, 'aws_s3_bucket_ownership_controls', 'audit').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  it('encrypts the audit bucket with the CMK and no Bucket Key, SSE-C blocked', () => {
    expect(resourceNamed(json, 'aws_s3_bucket_server_side_encryption_configuration', 'audit').rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: ref(json, 'aws_kms_key', 'key', 'arn') },
        bucket_key_enabled: false,
        blocked_encryption_types: ['SSE-C'],
      },
    ]);
  });

  it('has the TLS deny and the two CloudTrail statements, each limited to the trail by aws:SourceArn', () => {
    const c = contextRefs(json);
    expect(policy.Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [auditArn, `${auditArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: auditArn,
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `${auditArn}/AWSLogs/${c.account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
      },
    ]);
  });

  it("allows the trail's log delivery and nothing from another trail", () => {
    const c = contextRefs(json);
    const delivery = {
      action: 's3:PutObject',
      resource: `${auditArn}/AWSLogs/${c.account}/CloudTrail/eu-west-1/2026/01/01/x.json.gz`,
      keys: { 'aws:SecureTransport': 'true', 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn },
    };
    expect(allowingStatements(policy, delivery)).toEqual(['AWSCloudTrailWrite']);
    expect(denyingStatements(policy, delivery)).toEqual([]);
    expect(allowingStatements(policy, { ...delivery, keys: { ...delivery.keys, 'aws:SourceArn': `${trailArn}-other` } })).toEqual([]);
  });

  it('uses the same trail ARN in the key policy and the bucket policy as the trail name', () => {
    const keyStatement = parsePolicy(onlyResource(json, 'aws_kms_key').policy).Statement.find(
      (s) => s.Sid === 'AllowCloudTrailEncryptLogs',
    )!;
    expect(keyStatement.Condition.StringEquals['aws:SourceArn']).toBe(trailArn);
    expect(trail.name).toBe('acme-prod-lakehouse-audit');
  });

  it('records read and write data events for exactly the lakehouse bucket, without management events', () => {
    expect(trail.event_selector).toEqual([
      {
        read_write_type: 'All',
        include_management_events: false,
        data_resource: [{ type: 'AWS::S3::Object', values: [`${ref(json, 'aws_s3_bucket', 'lakehouse', 'arn')}/`] }],
      },
    ]);
    expect(trail.advanced_event_selector).toBeUndefined();
  });

  it('validates log files, stays single-region, writes to the audit bucket with the CMK', () => {
    expect(trail.enable_log_file_validation).toBe(true);
    expect(trail.is_multi_region_trail).toBe(false);
    expect(trail.include_global_service_events).toBe(false);
    expect(trail.s3_bucket_name).toBe(ref(json, 'aws_s3_bucket', 'audit', 'bucket'));
    expect(trail.kms_key_id).toBe(ref(json, 'aws_kms_key', 'key', 'arn'));
  });

  it('delivers to the CloudWatch Logs group (ARN ending :*) through the role, after the role policy and bucket policy', () => {
    expect(trail.cloud_watch_logs_group_arn).toBe(`${ref(json, 'aws_cloudwatch_log_group', 'alerts', 'arn')}:*`);
    expect(trail.cloud_watch_logs_role_arn).toBe(ref(json, 'aws_iam_role', 'alerts', 'arn'));
    const policyName = Object.keys(resourcesOf(json, 'aws_s3_bucket_policy')).find((n) => n.includes('audit'));
    const rolePolicyName = Object.keys(resourcesOf(json, 'aws_iam_role_policy'))[0];
    expect(trail.depends_on).toEqual([`aws_s3_bucket_policy.${policyName}`, `aws_iam_role_policy.${rolePolicyName}`]);
  });

  it('moves logs to STANDARD_IA at 90 days, GLACIER at 365, expires them at 2557, and cleans up', () => {
    expect(resourceNamed(json, 'aws_s3_bucket_lifecycle_configuration', 'audit').rule).toEqual([
      {
        id: 'archive-and-expire-logs',
        status: 'Enabled',
        filter: ALL_OBJECTS,
        transition: [
          { days: 90, storage_class: 'STANDARD_IA' },
          { days: 365, storage_class: 'GLACIER' },
        ],
        expiration: [{ days: 2557 }],
      },
      {
        id: 'expire-noncurrent-versions',
        status: 'Enabled',
        filter: ALL_OBJECTS,
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      },
      {
        id: 'abort-incomplete-multipart-uploads',
        status: 'Enabled',
        filter: ALL_OBJECTS,
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
  });

  it.each([
    // [retention, transitions]: GLACIER only when a file then stays there ≥ 90 days, STANDARD_IA ≥ 30.
    [2557, ['STANDARD_IA@90', 'GLACIER@365']],
    [455, ['STANDARD_IA@90', 'GLACIER@365']],
    [454, ['STANDARD_IA@90']],
    [400, ['STANDARD_IA@90']],
    [120, ['STANDARD_IA@90']],
    [119, []],
    [30, []],
  ])('keeps logs for %i days with transitions %j, paying no minimum storage duration', (retentionDays, expected) => {
    // Short retentions used to fail synthesis (retention had to exceed the GLACIER day) or, between
    // 366 and 454 days, paid GLACIER's 90-day minimum for files deleted sooner.
    const rules = resourceNamed(synthAudit({ retentionDays }), 'aws_s3_bucket_lifecycle_configuration', 'audit').rule;
    const archive = rules.find((r: { id: string }) => r.id === 'archive-and-expire-logs');
    const transitions = (archive.transition ?? []) as { days: number; storage_class: string }[];
    expect(transitions.map((t) => `${t.storage_class}@${t.days}`)).toEqual(expected);
    expect(archive.expiration).toEqual([{ days: retentionDays }]);
    for (const t of transitions) {
      const until = transitions.find((n) => n.days > t.days)?.days ?? retentionDays;
      expect(until - t.days).toBeGreaterThanOrEqual(MINIMUM_STORAGE_DAYS[t.storage_class as keyof typeof MINIMUM_STORAGE_DAYS]);
    }
  });

  it('has no Object Lock unless asked', () => {
    expect(resourceNamed(json, 'aws_s3_bucket', 'audit').object_lock_enabled).toBeUndefined();
    expect(resourcesOf(json, 'aws_s3_bucket_object_lock_configuration')).toEqual({});
  });
});

describe('AuditTrail without a customer-managed key, unprotected', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthAudit({ protectData: false, includeManagementEvents: true });
  });

  it('uses SSE-S3 for the audit bucket and no KMS key on the trail', () => {
    expect(resourceNamed(json, 'aws_s3_bucket_server_side_encryption_configuration', 'audit').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, blocked_encryption_types: ['SSE-C'] },
    ]);
    const trail = onlyResource(json, 'aws_cloudtrail');
    expect(trail.kms_key_id).toBeUndefined();
    expect(trail.cloud_watch_logs_group_arn).toBeUndefined();
    expect(trail.depends_on).toHaveLength(1);
  });

  it('has no prevent_destroy on the audit bucket', () => {
    expect(resourceNamed(json, 'aws_s3_bucket', 'audit').lifecycle).toBeUndefined();
  });

  it('records management (and global service) events when asked', () => {
    const trail = onlyResource(json, 'aws_cloudtrail');
    expect(trail.event_selector[0].include_management_events).toBe(true);
    expect(trail.include_global_service_events).toBe(true);
  });
});

describe('AuditTrail Object Lock', () => {
  it('governance: enabled at bucket creation with the default retention of the audit retention', () => {
    const json = synthAudit({ objectLock: 'governance' });
    expect(resourceNamed(json, 'aws_s3_bucket', 'audit').object_lock_enabled).toBe(true);
    const lock = onlyResource(json, 'aws_s3_bucket_object_lock_configuration');
    expect(lock.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 2557 } });
    expect(lock.bucket).toBe(ref(json, 'aws_s3_bucket', 'audit', 'id'));
  });

  it('compliance with a custom retention uses that retention for the lock and the expiration', () => {
    const json = synthAudit({ objectLock: 'compliance', retentionDays: 3653 });
    expect(onlyResource(json, 'aws_s3_bucket_object_lock_configuration').rule).toEqual({
      default_retention: { mode: 'COMPLIANCE', days: 3653 },
    });
    const rules = resourceNamed(json, 'aws_s3_bucket_lifecycle_configuration', 'audit').rule;
    expect(rules[0].expiration).toEqual([{ days: 3653 }]);
  });
});

describe('AuditTrail validation', () => {
  const build = (props: Partial<AuditTrailProps>) => () => synthAudit({ origin: 'environments/prod.yaml', ...props });

  it('rejects lifecycle days S3 would refuse, all in one error', () => {
    expect(build({ infrequentAccessDays: 90, glacierDays: 100, retentionDays: 50, objectLock: 'strict' as never })).toThrow(
      [
        'Invalid AuditTrail props at test/audit (environments/prod.yaml):',
        '  - glacierDays (100) must be at least infrequentAccessDays + 30 (120)',
        "  - objectLock is 'strict'; use 'none', 'governance' or 'compliance'",
      ].join('\n'),
    );
  });

  it('rejects an unknown Object Lock mode and a bad trail name', () => {
    expect(build({ objectLock: 'strict' as never, trailName: '-trail' })).toThrow(
      /trailName '-trail' must begin and end with a letter or digit[\s\S]*objectLock is 'strict'; use 'none', 'governance' or 'compliance'/,
    );
  });

  it('rejects a log group ARN without the :* suffix', () => {
    expect(
      build({ cloudWatchLogs: { logGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:x', roleArn: 'r', dependsOn: [] } }),
    ).toThrow("cloudWatchLogs.logGroupArn 'arn:aws:logs:eu-west-1:111122223333:log-group:x' must end with ':*'");
  });

  it('rejects an audit bucket name that is too long', () => {
    expect(build({ bucketName: 'x'.repeat(64) })).toThrow(`bucketName '${'x'.repeat(64)}' must be 3 to 63 characters long (is 64)`);
  });
});
