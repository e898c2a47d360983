import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { NESSIE_DYNAMODB_ACTIONS, NessieService, type NessieServiceProps } from '../../../lib/aws/nessie';
import { awsTestStack, onlyResource, parsePolicy, resourcesOf } from '../../support/synth';
import { byId, KMS_KEY, ref, rolePolicy, STORAGE, synthNessie, type Synthesized } from './nessie-fixtures';

const containers = (s: Synthesized) => JSON.parse(onlyResource(s.json, 'aws_ecs_task_definition').container_definitions as string);
const envOf = (s: Synthesized) =>
  Object.fromEntries(containers(s)[0].environment.map((e: { name: string; value: string }) => [e.name, e.value]));

describe('NessieService defaults', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie();
  });

  it('runs the pinned Nessie image on Fargate with the API and management ports', () => {
    const task = onlyResource(s.json, 'aws_ecs_task_definition');
    expect(task.family).toBe('acme-test-nessie');
    expect(task.requires_compatibilities).toEqual(['FARGATE']);
    expect(task.network_mode).toBe('awsvpc');
    expect(task.cpu).toBe('1024');
    expect(task.memory).toBe('2048');
    expect(task.runtime_platform).toEqual({ operating_system_family: 'LINUX', cpu_architecture: 'X86_64' });
    expect(task.task_role_arn).toBe(ref(s.json, 'aws_iam_role', 'task', 'arn'));
    expect(task.execution_role_arn).toBe(ref(s.json, 'aws_iam_role', 'execution', 'arn'));
    const [c, ...others] = containers(s);
    expect(others).toHaveLength(0);
    expect(c.name).toBe('nessie');
    expect(c.image).toBe('ghcr.io/projectnessie/nessie:0.108.4');
    expect(c.image).not.toMatch(/:latest$/);
    expect(c.essential).toBe(true);
    expect(c.portMappings).toEqual([
      { name: 'api', containerPort: 19120, protocol: 'tcp' },
      { name: 'management', containerPort: 9000, protocol: 'tcp' },
    ]);
  });

  it('configures the DYNAMODB2 store, its table prefix and region, and the Iceberg REST warehouse', () => {
    expect(envOf(s)).toEqual({
      AWS_REGION: 'eu-west-1',
      NESSIE_CATALOG_DEFAULT_WAREHOUSE: 'warehouse',
      NESSIE_CATALOG_SERVICE_S3_DEFAULT_OPTIONS_AUTH_TYPE: 'APPLICATION_GLOBAL',
      NESSIE_CATALOG_SERVICE_S3_DEFAULT_OPTIONS_REGION: 'eu-west-1',
      NESSIE_CATALOG_SERVICE_S3_DEFAULT_OPTIONS_REQUEST_SIGNING_ENABLED: 'false',
      NESSIE_CATALOG_WAREHOUSES_WAREHOUSE_LOCATION: 's3://acme-test-lakehouse/warehouse',
      NESSIE_VERSION_STORE_PERSIST_DYNAMODB_TABLE_PREFIX: 'acme_test_nessie',
      NESSIE_VERSION_STORE_TYPE: 'DYNAMODB2',
      QUARKUS_DYNAMODB_AWS_REGION: 'eu-west-1',
    });
    const names = containers(s)[0].environment.map((e: { name: string }) => e.name);
    expect(names).toEqual([...names].sort());
  });

  it('sends logs to its own log group with retention', () => {
    expect(containers(s)[0].logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': ref(s.json, 'aws_cloudwatch_log_group', 'logs', 'name'),
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'nessie',
      },
    });
    const group = byId(s.json, 'aws_cloudwatch_log_group')['logs']!;
    expect(group.name).toBe('/lakehouse/acme-test/nessie');
    expect(group.retention_in_days).toBe(365);
    expect(group.kms_key_id).toBeUndefined();
  });

  it('gives the task role exactly the DynamoDB actions on the two version store tables', () => {
    const statements = rolePolicy(s.json, 'nessie-version-store');
    expect(statements).toEqual([
      {
        Sid: 'VersionStoreTables',
        Effect: 'Allow',
        Action: [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:DeleteItem',
          'dynamodb:DescribeTable',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:Scan',
          'dynamodb:UpdateItem',
        ],
        Resource: [ref(s.json, 'aws_dynamodb_table', 'refs', 'arn'), ref(s.json, 'aws_dynamodb_table', 'objs', 'arn')],
      },
    ]);
    expect([...NESSIE_DYNAMODB_ACTIONS]).toEqual(statements[0]!.Action);
    const policy = byId(s.json, 'aws_iam_role_policy')['version-store']!;
    expect(policy.role).toBe(ref(s.json, 'aws_iam_role', 'task', 'name'));
  });

  it('gives the task role read/write on the warehouse prefix only, plus HeadBucket for readiness', () => {
    expect(rolePolicy(s.json, 'nessie-warehouse')).toEqual([
      {
        Sid: 'ReadWriteWarehouseObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:AbortMultipartUpload', 's3:DeleteObject', 's3:ListMultipartUploadParts', 's3:PutObject'],
        Resource: 'arn:aws:s3:::acme-test-lakehouse/warehouse/*',
      },
      {
        Sid: 'ListWarehousePrefix',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::acme-test-lakehouse',
        Condition: { StringLike: { 's3:prefix': ['warehouse', 'warehouse/*'] } },
      },
      {
        Sid: 'HeadWarehouseBucket',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::acme-test-lakehouse',
        Condition: { Null: { 's3:prefix': 'true' } },
      },
    ]);
  });

  it('lets only ECS tasks of this account assume the roles; the execution role has the managed ECS policy', () => {
    const roles = byId(s.json, 'aws_iam_role');
    expect(roles['task']!.name).toBe('acme-test-nessie-task');
    expect(roles['execution']!.name).toBe('acme-test-nessie-execution');
    const taskTrust = parsePolicy(roles['task']!.assume_role_policy).Statement;
    expect(taskTrust).toHaveLength(1);
    expect(taskTrust[0]!.Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
    expect(taskTrust[0]!.Action).toBe('sts:AssumeRole');
    expect(taskTrust[0]!.Condition.StringEquals['aws:SourceAccount']).toMatch(/caller_identity/);
    expect(taskTrust[0]!.Condition.ArnLike['aws:SourceArn']).toMatch(/:ecs:.*:\*$/);
    const execTrust = parsePolicy(roles['execution']!.assume_role_policy).Statement;
    expect(execTrust[0]!.Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
    const execution = ref(s.json, 'aws_iam_role', 'execution', 'name');
    const attachments = Object.values(resourcesOf(s.json, 'aws_iam_role_policy_attachment')).filter((a) => a.role === execution);
    expect(attachments).toHaveLength(1);
    const attachment = attachments[0]!;
    expect(attachment.policy_arn).toMatch(
      /^arn:\$\{data\.aws_partition\.[^}]+\}:iam::aws:policy\/service-role\/AmazonECSTaskExecutionRolePolicy$/,
    );
    const inlineRoles = Object.values(resourcesOf(s.json, 'aws_iam_role_policy')).map((p) => p.role);
    expect(inlineRoles).not.toContain(ref(s.json, 'aws_iam_role', 'execution', 'name'));
  });

  it('runs the service in the private subnets without public IPs, behind the target group', () => {
    const service = onlyResource(s.json, 'aws_ecs_service');
    expect(service.name).toBe('nessie');
    expect(service.cluster).toBe(ref(s.json, 'aws_ecs_cluster', 'cluster', 'arn'));
    expect(service.launch_type).toBe('FARGATE');
    expect(service.network_configuration).toEqual({
      subnets: [ref(s.json, 'aws_subnet', 'private-a'), ref(s.json, 'aws_subnet', 'private-b')],
      security_groups: [ref(s.json, 'aws_security_group', 'tasks')],
      assign_public_ip: false,
    });
    expect(service.load_balancer).toEqual([
      { target_group_arn: ref(s.json, 'aws_lb_target_group', 'targets', 'arn'), container_name: 'nessie', container_port: 19120 },
    ]);
    expect(service.depends_on).toEqual([expect.stringMatching(/^aws_lb_listener\.nessie_load-balancer_http_/)]);
    expect(service.availability_zone_rebalancing).toBe('ENABLED');
  });

  it('rolls back failed deployments and leaves the task count to autoscaling', () => {
    const service = onlyResource(s.json, 'aws_ecs_service');
    expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(service.desired_count).toBe(2);
    expect(service.lifecycle).toEqual({ ignore_changes: ['desired_count'] });
    const target = onlyResource(s.json, 'aws_appautoscaling_target');
    expect(target).toMatchObject({
      service_namespace: 'ecs',
      scalable_dimension: 'ecs:service:DesiredCount',
      min_capacity: 2,
      max_capacity: 4,
    });
    expect(target.resource_id).toBe(
      `service/${ref(s.json, 'aws_ecs_cluster', 'cluster', 'name')}/${ref(s.json, 'aws_ecs_service', 'service', 'name')}`,
    );
    const policy = onlyResource(s.json, 'aws_appautoscaling_policy');
    expect(policy.policy_type).toBe('TargetTrackingScaling');
    expect(policy.resource_id).toBe(ref(s.json, 'aws_appautoscaling_target', 'scaling-target', 'resource_id'));
    expect(policy.target_tracking_scaling_policy_configuration).toEqual({
      predefined_metric_specification: { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
      target_value: 60,
      scale_out_cooldown: 60,
      scale_in_cooldown: 300,
    });
  });

  it('enables Container Insights on the cluster', () => {
    const cluster = onlyResource(s.json, 'aws_ecs_cluster');
    expect(cluster.name).toBe('acme-test-nessie');
    expect(cluster.setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
  });
});

describe('NessieService with a customer-managed key and a CMK-encrypted bucket', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie({
      kmsKeyArn: KMS_KEY,
      storage: { ...STORAGE, kmsKeyArn: KMS_KEY },
      logRetentionDays: 2192,
      nessie: { imageTag: '0.108.4', cpu: 2048, memory: 8192, minCount: 3, maxCount: 6 },
    });
  });

  it('encrypts the log group and lets the task use the key only through DynamoDB and S3', () => {
    const group = byId(s.json, 'aws_cloudwatch_log_group')['logs']!;
    expect(group.kms_key_id).toBe(KMS_KEY);
    expect(group.retention_in_days).toBe(2192);
    expect(rolePolicy(s.json, 'nessie-version-store')[1]).toEqual({
      Sid: 'VersionStoreKeyThroughDynamoDb',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      Resource: KMS_KEY,
      Condition: { StringEquals: { 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' } },
    });
    expect(rolePolicy(s.json, 'nessie-warehouse').find((st) => st.Sid === 'UseBucketKeyThroughS3')).toEqual({
      Sid: 'UseBucketKeyThroughS3',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: KMS_KEY,
      Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
  });

  it('uses the configured image, size and task counts', () => {
    expect(containers(s)[0].image).toBe('ghcr.io/projectnessie/nessie:0.108.4');
    const task = onlyResource(s.json, 'aws_ecs_task_definition');
    expect([task.cpu, task.memory]).toEqual(['2048', '8192']);
    expect(onlyResource(s.json, 'aws_ecs_service').desired_count).toBe(3);
    expect(onlyResource(s.json, 'aws_appautoscaling_target')).toMatchObject({ min_capacity: 3, max_capacity: 6 });
  });
});

describe('NessieService validation', () => {
  const base = (): NessieServiceProps => ({
    prefix: 'acme-test',
    region: 'eu-west-1',
    imageTag: '0.108.4',
    privateSubnetIds: ['subnet-a', 'subnet-b'],
    loadBalancer: {
      targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/x/1',
      taskSecurityGroupId: 'sg-1',
      listeners: [],
    },
    versionStore: { tablePrefix: 'acme_test_nessie', tableArns: { refs: 'arn:refs', objs: 'arn:objs' } },
    storage: STORAGE,
  });

  it('refuses unpinned images, sizes Fargate does not offer and inverted task counts, all at once', () => {
    const build = (props: Partial<NessieServiceProps>) => () =>
      new NessieService(awsTestStack(Testing.app()), 'svc', { ...base(), ...props });
    expect(build({ imageTag: 'latest', cpu: 1024, memory: 1024, minCount: 5, maxCount: 2 })).toThrow(
      /Invalid NessieService props at test\/svc:\n {2}- imageTag 'latest' is not pinned.*\n {2}- memory: Fargate does not offer 1024 MiB with 1024 CPU units; allowed: 2048, 3072.*\n {2}- minCount: min_count 5 is greater than max_count 2/,
    );
    expect(build({ cpu: 300 })).toThrow(/cpu: Fargate offers no 300 CPU units; use 256, 512/);
    expect(build({ imageTag: 'not a tag' })).toThrow(/imageTag 'not a tag' is not a valid image tag/);
    expect(build({ minCount: 0 })).toThrow(/minCount: 0 is not a whole number from 1 to 20/);
    expect(build({ privateSubnetIds: ['subnet-a'] })).toThrow(/privateSubnetIds needs subnets in two availability zones/);
    expect(build({ logRetentionDays: 10 })).toThrow(/logRetentionDays: CloudWatch Logs does not keep logs for 10 days/);
  });
});
