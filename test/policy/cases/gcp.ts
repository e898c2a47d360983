import { bigqueryRestrictedColumns } from '../../../lib/policy/rules/gcp/bigquery-restricted-columns';
import { cloudKmsRotation } from '../../../lib/policy/rules/gcp/cloud-kms-rotation';
import { gcpNoPrimitiveRoles } from '../../../lib/policy/rules/gcp/gcp-no-primitive-roles';
import { gcsAuditRetention } from '../../../lib/policy/rules/gcs/gcs-audit-retention';
import { gcsCmek } from '../../../lib/policy/rules/gcs/gcs-cmek';
import { gcsPublicAccessPrevention } from '../../../lib/policy/rules/gcs/gcs-public-access-prevention';
import { gcsUniformAccess } from '../../../lib/policy/rules/gcs/gcs-uniform-access';
import { gcpEnvironment, shippedTemplates } from '../../support/synth';
import { tf } from '../fixtures';
import type { RuleCase } from '../rule-cases';

const env = () => gcpEnvironment('encryption:\n  customer_managed_key: true\naudit:\n  enabled: true\n  retention_days: 400\n');
const bucket = (overrides: Record<string, unknown> = {}) => ({
  'google_storage_bucket.data': {
    name: 'acme-test-lakehouse',
    location: 'EUROPE-WEST1',
    uniform_bucket_level_access: true,
    public_access_prevention: 'enforced',
    encryption: { default_kms_key_name: '${google_kms_crypto_key.key.id}' },
    ...overrides,
  },
});
const audit = (retention: Record<string, unknown> | undefined) => ({
  'google_storage_bucket.audit': { name: 'audit-logs-x', retention_policy: retention },
  'google_logging_project_sink.audit': { name: 'audit', destination: 'storage.googleapis.com/${google_storage_bucket.audit.name}' },
});

const schema = (fields: Record<string, unknown>[]) => JSON.stringify(fields);
const TAG = { policyTags: { names: ['${google_data_catalog_policy_tag.restricted.id}'] } };
const eventTable = (fields: Record<string, unknown>[] | undefined) => ({
  'google_bigquery_dataset.analytics': { dataset_id: 'acme_test_analytics' },
  'google_bigquery_table.event_stream': {
    dataset_id: '${google_bigquery_dataset.analytics.dataset_id}',
    table_id: 'event_stream',
    ...(fields ? { schema: schema(fields) } : {}),
  },
});

export const GCP_CASES: RuleCase[] = [
  {
    rule: gcsUniformAccess,
    env,
    compliant: tf(bucket()),
    nonCompliant: tf(bucket({ uniform_bucket_level_access: false })),
    address: 'google_storage_bucket.data',
  },
  {
    rule: gcsPublicAccessPrevention,
    env,
    compliant: tf(bucket()),
    nonCompliant: tf(bucket({ public_access_prevention: 'inherited' })),
    address: 'google_storage_bucket.data',
    message: /'inherited'/,
  },
  {
    rule: gcsCmek,
    env,
    compliant: tf(bucket()),
    nonCompliant: tf(bucket({ encryption: undefined })),
    address: 'google_storage_bucket.data',
  },
  {
    rule: gcsAuditRetention,
    env,
    compliant: tf(audit({ retention_period: 400 * 86_400, is_locked: false })),
    nonCompliant: tf(audit({ retention_period: 30 * 86_400 })),
    address: 'google_storage_bucket.audit',
    message: /less than audit.retention_days/,
  },
  {
    rule: cloudKmsRotation,
    env,
    compliant: tf({ 'google_kms_crypto_key.key': { name: 'k', key_ring: 'r', rotation_period: '7776000s' } }),
    nonCompliant: tf({ 'google_kms_crypto_key.key': { name: 'k', key_ring: 'r', rotation_period: '31536000s' } }),
    address: 'google_kms_crypto_key.key',
    message: /31536000s/,
  },
  {
    rule: bigqueryRestrictedColumns,
    env,
    templates: shippedTemplates,
    compliant: tf(
      eventTable([
        { name: 'event_id', type: 'STRING' },
        { name: 'user_id', type: 'STRING', ...TAG },
        { name: 'ip_address', type: 'STRING', ...TAG },
      ]),
    ),
    nonCompliant: tf(
      eventTable([
        { name: 'user_id', type: 'STRING', ...TAG },
        { name: 'ip_address', type: 'STRING' },
      ]),
    ),
    address: 'google_bigquery_table.event_stream',
    message: /without a policy tag: ip_address/,
  },
  {
    rule: bigqueryRestrictedColumns,
    name: 'no schema in Terraform',
    env,
    templates: shippedTemplates,
    compliant: tf(
      eventTable([
        { name: 'user_id', type: 'STRING', ...TAG },
        { name: 'ip_address', type: 'STRING', ...TAG },
      ]),
    ),
    nonCompliant: tf(eventTable(undefined)),
    address: 'google_bigquery_table.event_stream',
    message: /user_id, ip_address cannot carry policy tags/,
  },
  {
    rule: gcpNoPrimitiveRoles,
    env,
    compliant: tf({
      'google_project_iam_member.reader': {
        project: 'p',
        role: 'roles/bigquery.dataViewer',
        member: 'serviceAccount:r@p.iam.gserviceaccount.com',
      },
    }),
    nonCompliant: tf({
      'google_project_iam_member.reader': { project: 'p', role: 'roles/editor', member: 'serviceAccount:r@p.iam.gserviceaccount.com' },
    }),
    address: 'google_project_iam_member.reader',
    message: /roles\/editor/,
  },
];
