import { beforeAll, describe, expect, it } from 'vitest';
import { LakehouseKey } from '../../../lib/aws/storage';
import { awsTestStack, onlyResource, parsePolicy, synthStack, type TfJson } from '../../support/synth';
import { contextRefs, ref } from './refs';

describe('LakehouseKey (protected)', () => {
  let json: TfJson;
  let statements: Array<Record<string, any>>;
  let c: ReturnType<typeof contextRefs>;
  beforeAll(() => {
    const stack = awsTestStack();
    new LakehouseKey(stack, 'key', { prefix: 'acme-prod', protectData: true });
    json = synthStack(stack);
    statements = parsePolicy(onlyResource(json, 'aws_kms_key').policy).Statement;
    c = contextRefs(json);
  });

  it('rotates, waits 30 days before deletion and is protected from destroy', () => {
    const key = onlyResource(json, 'aws_kms_key');
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(30);
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
  });

  it('has the alias alias/<prefix>-lakehouse on the key', () => {
    const alias = onlyResource(json, 'aws_kms_alias');
    expect(alias.name).toBe('alias/acme-prod-lakehouse');
    expect(alias.target_key_id).toBe(ref(json, 'aws_kms_key', 'key', 'key_id'));
  });

  it('has exactly four statements, in order', () => {
    expect(statements.map((s) => s.Sid)).toEqual([
      'EnableIamPolicies',
      'AllowCloudTrailEncryptLogs',
      'AllowCloudTrailDescribeKey',
      'AllowCloudWatchLogs',
    ]);
  });

  it('lets the account root administer and use the key (IAM policies decide who else)', () => {
    expect(statements[0]).toEqual({
      Sid: 'EnableIamPolicies',
      Effect: 'Allow',
      Principal: { AWS: `arn:${c.partition}:iam::${c.account}:root` },
      Action: 'kms:*',
      Resource: '*',
    });
  });

  it("lets CloudTrail generate data keys only for this account's trails and only from the audit trail", () => {
    expect(statements[1]).toEqual({
      Sid: 'AllowCloudTrailEncryptLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${c.partition}:cloudtrail:*:${c.account}:trail/*` },
        StringEquals: { 'aws:SourceArn': `arn:${c.partition}:cloudtrail:${c.region}:${c.account}:trail/acme-prod-lakehouse-audit` },
      },
    });
  });

  it('lets CloudTrail describe the key', () => {
    expect(statements[2]).toEqual({
      Sid: 'AllowCloudTrailDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
    });
  });

  it("lets CloudWatch Logs of this region use the key for this account's log groups only", () => {
    expect(statements[3]).toEqual({
      Sid: 'AllowCloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: `logs.${c.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${c.partition}:logs:${c.region}:${c.account}:log-group:*` } },
    });
  });
});

describe('LakehouseKey options', () => {
  it('without protection has no prevent_destroy; custom alias, window and trail name are used', () => {
    const stack = awsTestStack();
    const key = new LakehouseKey(stack, 'key', {
      prefix: 'acme-dev',
      protectData: false,
      aliasName: 'alias/acme/dev-data',
      deletionWindowDays: 7,
      trailName: 'acme-dev-data-trail',
    });
    const json = synthStack(stack);
    const kms = onlyResource(json, 'aws_kms_key');
    expect(kms.lifecycle).toBeUndefined();
    expect(kms.deletion_window_in_days).toBe(7);
    expect(onlyResource(json, 'aws_kms_alias').name).toBe('alias/acme/dev-data');
    expect(key.aliasName).toBe('alias/acme/dev-data');
    const trailStatement = parsePolicy(kms.policy).Statement[1]!;
    expect(trailStatement.Condition.StringEquals['aws:SourceArn']).toMatch(/:trail\/acme-dev-data-trail$/);
  });

  it('rejects a bad alias, trail name and deletion window in one error', () => {
    expect(
      () =>
        new LakehouseKey(awsTestStack(), 'key', {
          prefix: 'acme-dev',
          protectData: false,
          aliasName: 'alias/aws/lake',
          trailName: 'my--trail',
          deletionWindowDays: 45,
          origin: 'environments/dev.yaml',
        }),
    ).toThrow(
      [
        'Invalid LakehouseKey props at test/key (environments/dev.yaml):',
        "  - aliasName 'alias/aws/lake' must not start with 'alias/aws/' (reserved for AWS managed keys)",
        "  - trailName 'my--trail' must not contain adjacent periods, underscores or hyphens",
        '  - deletionWindowDays is 45; it must be a whole number from 7 to 30',
      ].join('\n'),
    );
  });

  it("rejects an alias without the 'alias/' prefix", () => {
    expect(() => new LakehouseKey(awsTestStack(), 'key', { prefix: 'acme-dev', protectData: false, aliasName: 'lakehouse' })).toThrow(
      "aliasName 'lakehouse' must be 'alias/' followed by letters, digits, '/', '_' or '-'",
    );
  });
});
