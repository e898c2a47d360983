import { block, isTrue } from '../../terraform-json';
import type { PolicyRule } from '../../types';

export const dynamodbPointInTimeRecovery: PolicyRule = {
  id: 'LH-DDB-001',
  title: 'DynamoDB point-in-time recovery enabled',
  problem: 'The DynamoDB table has no point-in-time recovery.',
  rationale: 'The Nessie version store is the catalog: losing or corrupting it loses every table pointer.',
  fix: 'Set point_in_time_recovery { enabled = true } on the aws_dynamodb_table.',
  severity: 'error',
  checkovId: 'CKV_AWS_28',
  resourceTypes: ['aws_dynamodb_table'],
  check(table) {
    return isTrue(block(table.config.point_in_time_recovery).enabled) ? 'compliant' : 'non-compliant';
  },
};
