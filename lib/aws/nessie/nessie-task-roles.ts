import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { AwsContext } from '../aws-context';
import { assumeRolePolicy, policyJson, type PolicyStatement } from '../policy-document';
import type { NessieTableSuffix } from './nessie-version-store';
import type { LakehouseStorageRef } from './storage-ref';
import { warehouseStatements } from './warehouse-access';

/** Exactly the DynamoDB calls of Nessie's DYNAMODB2 store (start-up check, references, objects, scans). */
export const NESSIE_DYNAMODB_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Scan',
  'dynamodb:UpdateItem',
] as const;

/** What DynamoDB asks KMS for on the caller's behalf when a table uses a customer-managed key. */
export const NESSIE_DYNAMODB_KMS_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey*',
  'kms:ReEncrypt*',
] as const;

export interface NessieTaskRolesProps {
  /** `<project>-<env>`: roles are `<prefix>-nessie-task` and `<prefix>-nessie-execution`. */
  readonly prefix: string;
  /** Region of the stack (`kms:ViaService` conditions). */
  readonly region: string;
  /** ARNs of the version store tables. */
  readonly tableArns: Readonly<Record<NessieTableSuffix, string>>;
  /** Key encrypting the tables. @default - AWS managed key (no KMS statement needed) */
  readonly tableKmsKeyArn?: string;
  /** The warehouse Nessie writes table metadata to. */
  readonly storage: LakehouseStorageRef;
}

/**
 * The task role (what Nessie itself may do: its two DynamoDB tables and the warehouse prefix) and
 * the execution role (what ECS needs to start the task: the AWS managed execution policy).
 */
export class NessieTaskRoles extends Construct {
  readonly taskRoleArn: string;
  readonly taskRoleName: string;
  readonly executionRoleArn: string;
  readonly executionRoleName: string;

  constructor(scope: Construct, id: string, props: NessieTaskRolesProps) {
    super(scope, id);
    const context = AwsContext.of(this);
    const ecsTasks = { Service: 'ecs-tasks.amazonaws.com' };
    const task = new IamRole(this, 'task', {
      name: `${props.prefix}-nessie-task`,
      description: `Nessie server of ${props.prefix}: version store tables and warehouse prefix`,
      // Only ECS tasks of this account and region can take the role (confused-deputy protection).
      assumeRolePolicy: assumeRolePolicy(ecsTasks, {
        StringEquals: { 'aws:SourceAccount': context.accountId },
        ArnLike: { 'aws:SourceArn': context.arn('ecs', '*') },
      }),
    });
    const tableArns = [props.tableArns.refs, props.tableArns.objs];
    const store: PolicyStatement[] = [
      { Sid: 'VersionStoreTables', Effect: 'Allow', Action: [...NESSIE_DYNAMODB_ACTIONS], Resource: tableArns },
    ];
    if (props.tableKmsKeyArn) {
      store.push({
        Sid: 'VersionStoreKeyThroughDynamoDb',
        Effect: 'Allow',
        Action: [...NESSIE_DYNAMODB_KMS_ACTIONS],
        Resource: props.tableKmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${props.region}.amazonaws.com` } },
      });
    }
    new IamRolePolicy(this, 'version-store', { role: task.name, name: 'nessie-version-store', policy: policyJson(store) });
    new IamRolePolicy(this, 'warehouse', {
      role: task.name,
      name: 'nessie-warehouse',
      policy: policyJson([
        ...warehouseStatements(props.storage, 'write', props.region),
        {
          // Nessie's readiness check pings each warehouse with HeadBucket, which IAM authorizes as
          // s3:ListBucket without a prefix; without this the tasks never turn healthy.
          Sid: 'HeadWarehouseBucket',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: props.storage.bucketArn,
          Condition: { Null: { 's3:prefix': 'true' } },
        },
      ]),
    });

    const execution = new IamRole(this, 'execution', {
      name: `${props.prefix}-nessie-execution`,
      description: `ECS agent starting ${props.prefix} Nessie tasks: log streams`,
      assumeRolePolicy: assumeRolePolicy(ecsTasks, { StringEquals: { 'aws:SourceAccount': context.accountId } }),
    });
    new IamRolePolicyAttachment(this, 'execution-policy', {
      role: execution.name,
      policyArn: `arn:${context.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    });

    this.taskRoleArn = task.arn;
    this.taskRoleName = task.name;
    this.executionRoleArn = execution.arn;
    this.executionRoleName = execution.name;
  }
}
