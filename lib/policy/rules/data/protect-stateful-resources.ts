import { block, isFalse, isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

/**
 * Resources holding data or the keys to it; attribute that would let Terraform empty them on destroy.
 * `aws_lambda_invocation`: the table-provisioning function's invocation of a table (lifecycle_scope
 * CRUD), whose destroy drops the table from the catalog.
 */
const STATEFUL: Readonly<Record<string, string | undefined>> = {
  aws_s3_bucket: 'force_destroy',
  aws_dynamodb_table: undefined,
  aws_kms_key: undefined,
  aws_glue_catalog_database: undefined,
  aws_glue_catalog_table: undefined,
  aws_lambda_invocation: undefined,
  aws_s3tables_table_bucket: undefined,
  aws_s3tables_table: undefined,
  google_storage_bucket: 'force_destroy',
  google_bigquery_dataset: 'delete_contents_on_destroy',
  google_bigquery_table: undefined,
  google_kms_key_ring: undefined,
  google_kms_crypto_key: undefined,
};

export const protectStatefulResources: PolicyRule = {
  id: 'LH-DATA-001',
  title: 'Stateful resources protected from destroy when protect_data is on',
  problem: 'protect_data is true but a stateful resource can be destroyed by Terraform.',
  rationale: 'A refactor that renames a construct plans a destroy + create; prevent_destroy turns that data loss into a failed plan.',
  fix: 'Set lifecycle.prevent_destroy = true (and no force_destroy / delete_contents_on_destroy / deletion_protection = false) on the resource.',
  severity: 'error',
  resourceTypes: Object.keys(STATEFUL),
  check(resource, { environment }) {
    if (!environment.protectData) return 'not-applicable';
    const problems: string[] = [];
    if (!isTrue(block(resource.config.lifecycle).prevent_destroy)) problems.push('lifecycle.prevent_destroy is not true');
    const emptying = STATEFUL[resource.type];
    if (emptying && isTrue(resource.config[emptying])) problems.push(`${emptying} is true`);
    if (resource.type === 'google_bigquery_table' && isFalse(resource.config.deletion_protection))
      problems.push('deletion_protection is false');
    return problems.length === 0 ? 'compliant' : fail(`${problems.join('; ')}.`);
  },
};
