import { cloudtrailCloudWatch } from '../../../lib/policy/rules/cloudtrail/cloudtrail-cloudwatch';
import { cloudtrailDataEvents } from '../../../lib/policy/rules/cloudtrail/cloudtrail-data-events';
import { cloudtrailEncryption } from '../../../lib/policy/rules/cloudtrail/cloudtrail-encryption';
import { cloudtrailLogValidation } from '../../../lib/policy/rules/cloudtrail/cloudtrail-log-validation';
import { dynamodbEncryption } from '../../../lib/policy/rules/dynamodb/dynamodb-encryption';
import { dynamodbPointInTimeRecovery } from '../../../lib/policy/rules/dynamodb/dynamodb-pitr';
import { kmsKeyRotation } from '../../../lib/policy/rules/kms/kms-key-rotation';
import { logGroupKms } from '../../../lib/policy/rules/logs/log-group-kms';
import { logGroupRetention } from '../../../lib/policy/rules/logs/log-group-retention';
import { ENV, tf } from '../fixtures';
import type { RuleCase } from '../rule-cases';

const trail = (overrides: Record<string, unknown> = {}) => ({
  'aws_s3_bucket.data': { bucket: 'acme-test-lakehouse' },
  'aws_s3_bucket.audit': { bucket: 'acme-test-audit-trail' },
  'aws_cloudtrail.trail': {
    name: 'acme-test-trail',
    s3_bucket_name: '${aws_s3_bucket.audit.id}',
    enable_log_file_validation: true,
    kms_key_id: '${aws_kms_key.key.arn}',
    cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.trail.arn}:*',
    cloud_watch_logs_role_arn: '${aws_iam_role.trail.arn}',
    event_selector: [
      {
        read_write_type: 'All',
        include_management_events: true,
        data_resource: [{ type: 'AWS::S3::Object', values: ['${aws_s3_bucket.data.arn}/'] }],
      },
    ],
    ...overrides,
  },
});

const table = (overrides: Record<string, unknown> = {}) => ({
  'aws_dynamodb_table.refs': {
    name: 'acme_test_nessie_refs',
    hash_key: 'k',
    point_in_time_recovery: { enabled: true },
    server_side_encryption: { enabled: true, kms_key_arn: '${aws_kms_key.key.arn}' },
    ...overrides,
  },
});

export const AWS_CORE_CASES: RuleCase[] = [
  {
    rule: kmsKeyRotation,
    env: ENV.basic,
    compliant: tf({
      'aws_kms_key.key': { enable_key_rotation: true },
      'aws_kms_key.signing': { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY' },
    }),
    nonCompliant: tf({ 'aws_kms_key.key': { description: 'no rotation' } }),
    address: 'aws_kms_key.key',
  },
  {
    rule: cloudtrailLogValidation,
    env: ENV.basic,
    compliant: tf(trail()),
    nonCompliant: tf(trail({ enable_log_file_validation: false })),
    address: 'aws_cloudtrail.trail',
  },
  {
    rule: cloudtrailDataEvents,
    env: ENV.basic,
    compliant: tf(trail()),
    nonCompliant: tf(
      trail({
        event_selector: [
          { read_write_type: 'WriteOnly', data_resource: [{ type: 'AWS::S3::Object', values: ['${aws_s3_bucket.data.arn}/'] }] },
        ],
      }),
    ),
    address: 'aws_cloudtrail.trail',
    message: /aws_s3_bucket\.data/,
  },
  {
    rule: cloudtrailDataEvents,
    name: 'advanced selectors',
    env: ENV.basic,
    compliant: tf(
      trail({
        event_selector: undefined,
        advanced_event_selector: [
          {
            name: 'lakehouse objects',
            field_selector: [
              { field: 'eventCategory', equals: ['Data'] },
              { field: 'resources.type', equals: ['AWS::S3::Object'] },
              { field: 'resources.ARN', starts_with: ['${aws_s3_bucket.data.arn}/'] },
            ],
          },
        ],
      }),
    ),
    nonCompliant: tf(
      trail({
        event_selector: [
          { read_write_type: 'All', data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::some-other-bucket/'] }] },
        ],
      }),
    ),
    address: 'aws_cloudtrail.trail',
  },
  {
    rule: cloudtrailEncryption,
    env: ENV.basic,
    compliant: tf(trail()),
    nonCompliant: tf(trail({ kms_key_id: undefined })),
    address: 'aws_cloudtrail.trail',
  },
  {
    rule: cloudtrailCloudWatch,
    env: ENV.basic,
    compliant: tf(trail()),
    nonCompliant: tf(trail({ cloud_watch_logs_role_arn: undefined })),
    address: 'aws_cloudtrail.trail',
  },
  {
    rule: dynamodbPointInTimeRecovery,
    env: ENV.basic,
    compliant: tf(table()),
    nonCompliant: tf(table({ point_in_time_recovery: undefined })),
    address: 'aws_dynamodb_table.refs',
  },
  {
    rule: dynamodbEncryption,
    env: ENV.cmk,
    compliant: tf(table()),
    nonCompliant: tf(table({ server_side_encryption: { enabled: true } })),
    address: 'aws_dynamodb_table.refs',
    message: /kms_key_arn is not set/,
  },
  {
    rule: dynamodbEncryption,
    name: 'AWS owned key',
    env: ENV.basic,
    compliant: tf(table({ server_side_encryption: { enabled: true } })),
    nonCompliant: tf(table({ server_side_encryption: undefined })),
    address: 'aws_dynamodb_table.refs',
    message: /AWS owned key/,
  },
  {
    rule: logGroupRetention,
    env: ENV.basic,
    compliant: tf({ 'aws_cloudwatch_log_group.logs': { name: '/lakehouse/test', retention_in_days: 365 } }),
    nonCompliant: tf({ 'aws_cloudwatch_log_group.logs': { name: '/lakehouse/test', retention_in_days: 42 } }),
    address: 'aws_cloudwatch_log_group.logs',
    message: /42 is not a value CloudWatch accepts/,
  },
  {
    rule: logGroupRetention,
    name: 'never expires',
    env: ENV.basic,
    compliant: tf({ 'aws_cloudwatch_log_group.logs': { retention_in_days: 30 } }),
    nonCompliant: tf({ 'aws_cloudwatch_log_group.logs': { name: '/lakehouse/test' } }),
    address: 'aws_cloudwatch_log_group.logs',
  },
  {
    rule: logGroupKms,
    env: ENV.cmk,
    compliant: tf({ 'aws_cloudwatch_log_group.logs': { retention_in_days: 365, kms_key_id: '${aws_kms_key.key.arn}' } }),
    nonCompliant: tf({ 'aws_cloudwatch_log_group.logs': { retention_in_days: 365 } }),
    address: 'aws_cloudwatch_log_group.logs',
  },
];
