import { block, isSet, isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail } from '../../types';

export const dynamodbEncryption: PolicyRule = {
  id: 'LH-DDB-002',
  title: 'DynamoDB encrypted with a KMS key you can audit',
  problem: 'The table uses the AWS owned key, or not the customer-managed key the environment asks for.',
  rationale: 'With a KMS key (AWS managed or customer managed) every access is logged in CloudTrail and the key policy can be reviewed.',
  fix: 'Set server_side_encryption { enabled = true, kms_key_arn = <CMK arn when customer_managed_key is true> }.',
  severity: 'error',
  checkovId: 'CKV_AWS_119',
  resourceTypes: ['aws_dynamodb_table'],
  check(table, { environment }) {
    const sse = block(table.config.server_side_encryption);
    if (!isTrue(sse.enabled)) return fail('server_side_encryption is not enabled (AWS owned key).');
    if (environment.customerManagedKey && !isSet(sse.kms_key_arn))
      return fail('encryption.customer_managed_key is true but kms_key_arn is not set.');
    return 'compliant';
  },
};
