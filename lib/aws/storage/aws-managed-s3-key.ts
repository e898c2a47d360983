import { DataAwsKmsKey } from '@cdktf/provider-aws/lib/data-aws-kms-key';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/** The alias of the AWS-managed key S3 uses for SSE-KMS when no key is named. */
export const AWS_MANAGED_S3_KEY_ALIAS = 'alias/aws/s3';

const ID = 'lakehouse-aws-managed-s3-key';

/**
 * ARN of the account's AWS-managed S3 key (`aws/s3`), looked up once per stack.
 *
 * For writers that must name a key to use SSE-KMS (Athena's `SSE_KMS` result encryption takes a
 * key ARN) when the environment has no customer-managed key. `data.aws_kms_key` calls KMS
 * DescribeKey, which creates the AWS-managed key when the predefined alias has none yet (KMS API
 * reference, DescribeKey), so a fresh account or region resolves too. The key policy of `aws/s3`
 * lets every principal of the account use it through S3, so no IAM grant is needed.
 */
export function awsManagedS3KeyArn(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ID);
  const key = existing instanceof DataAwsKmsKey ? existing : new DataAwsKmsKey(stack, ID, { keyId: AWS_MANAGED_S3_KEY_ALIAS });
  return key.arn;
}
