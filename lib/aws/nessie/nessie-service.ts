import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { fargateSizeProblems, taskCountProblems } from '../rules/limits';
import { iamRoleNameProblems } from '../rules/names';
import { NESSIE_CONTAINER_NAME, NESSIE_IMAGE_REPOSITORY, nessieContainerDefinitions } from './nessie-container';
import { NESSIE_API_PORT } from './nessie-ports';
import { NessieTaskRoles } from './nessie-task-roles';
import type { NessieTableSuffix } from './nessie-version-store';
import { arnProblems, integerProblems, nameProblems, retentionProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';
import { NESSIE_DEFAULT_IMAGE_TAG, NESSIE_DEFAULTS } from '../../model/environment';
import type { LakehouseStorageRef } from './storage-ref';

export interface NessieServiceProps {
  /** `<project>-<env>`: cluster and task family `<prefix>-nessie`, roles `<prefix>-nessie-task|execution`. */
  readonly prefix: string;
  /** Region of the stack: DynamoDB and S3 clients, log driver, `kms:ViaService`. */
  readonly region: string;
  /** Nessie release to run, e.g. `0.108.4`; never `latest`. */
  readonly imageTag: string;
  /** Fargate CPU units per task. @default 1024 */
  readonly cpu?: number;
  /** Memory per task in MiB (a size Fargate offers for `cpu`). @default 2048 */
  readonly memory?: number;
  /** Fewest running tasks; 2 or more keeps Nessie up when a task or an AZ fails. @default 2 */
  readonly minCount?: number;
  /** Most running tasks under load. @default 4 */
  readonly maxCount?: number;
  /** Average CPU utilization (%) autoscaling keeps the service at. @default 60 */
  readonly cpuTargetPercent?: number;
  /** Private subnets of the tasks (two AZs). */
  readonly privateSubnetIds: readonly string[];
  /** Target group, tasks' security group and the listeners the service must wait for. */
  readonly loadBalancer: {
    readonly targetGroupArn: string;
    readonly taskSecurityGroupId: string;
    readonly listeners: readonly ITerraformDependable[];
  };
  /** The version store tables (`NessieVersionStore` satisfies it). */
  readonly versionStore: { readonly tablePrefix: string; readonly tableArns: Readonly<Record<NessieTableSuffix, string>> };
  /** The warehouse bucket and prefix. */
  readonly storage: LakehouseStorageRef;
  /** Customer-managed key of the log group and the version store tables. @default - AWS managed encryption */
  readonly kmsKeyArn?: string;
  /** Days CloudWatch Logs keeps Nessie's logs. @default 365 */
  readonly logRetentionDays?: number;
  /** `prevent_destroy` on the log group. @default true */
  readonly protectData?: boolean;
  /**
   * Let Nessie sign clients' S3 requests with its task role. On, anyone who can reach Nessie can
   * read and write the warehouse; off, clients need their own IAM access (the tier roles, or
   * NessieLakehouse.grantRead/grantWrite/grantAdmin).
   * @default false
   */
  readonly s3RequestSigning?: boolean;
  /** More environment variables of the Nessie container (authentication, forwarded headers). @default {} */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * Nessie on ECS Fargate: a cluster with Container Insights, the log group, task and execution
 * roles, the task definition with the pinned image, and a service in the private subnets without
 * public IPs behind the target group, with a rolling-back circuit breaker and CPU target-tracking
 * autoscaling between `minCount` and `maxCount`. Fargate spreads a service's tasks over the AZs
 * of its subnets (and AZ rebalancing restores the spread after a failure), so two subnets in two
 * AZs put the tasks in both.
 */
export class NessieService extends Construct {
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly serviceName: string;
  readonly taskDefinitionArn: string;
  readonly roles: NessieTaskRoles;
  readonly taskRoleArn: string;
  readonly taskRoleName: string;
  readonly executionRoleArn: string;
  readonly logGroupName: string;
  readonly image: string;
  /** The ECS service; Terraform waits for its steady state, so resources depending on it find Nessie answering. */
  readonly ready: ITerraformDependable;

  constructor(scope: Construct, id: string, props: NessieServiceProps) {
    super(scope, id);
    const settings: ServiceSettings = {
      cpu: props.cpu ?? NESSIE_DEFAULTS.cpu,
      memory: props.memory ?? NESSIE_DEFAULTS.memory,
      minCount: props.minCount ?? NESSIE_DEFAULTS.minCount,
      maxCount: props.maxCount ?? NESSIE_DEFAULTS.maxCount,
      cpuTarget: props.cpuTargetPercent ?? 60,
      retention: props.logRetentionDays ?? 365,
    };
    throwIfPropsProblems(this, 'NessieService', serviceProblems(props, settings));

    this.image = `${NESSIE_IMAGE_REPOSITORY}:${props.imageTag}`;
    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/lakehouse/${props.prefix}/nessie`,
      retentionInDays: settings.retention,
      kmsKeyId: props.kmsKeyArn,
      lifecycle: (props.protectData ?? true) ? { preventDestroy: true } : undefined,
    });
    this.roles = new NessieTaskRoles(this, 'roles', {
      prefix: props.prefix,
      region: props.region,
      tableArns: props.versionStore.tableArns,
      tableKmsKeyArn: props.kmsKeyArn,
      storage: props.storage,
    });
    const cluster = new EcsCluster(this, 'cluster', {
      name: `${props.prefix}-nessie`,
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    const task = this.taskDefinition(props, settings, logGroup.name);
    const service = this.service(props, settings.minCount, cluster, task);
    this.autoscaling(props.prefix, settings, cluster, service);

    this.ready = service;
    this.clusterName = cluster.name;
    this.clusterArn = cluster.arn;
    this.serviceName = service.name;
    this.taskDefinitionArn = task.arn;
    this.taskRoleArn = this.roles.taskRoleArn;
    this.taskRoleName = this.roles.taskRoleName;
    this.executionRoleArn = this.roles.executionRoleArn;
    this.logGroupName = logGroup.name;
  }

  /** The Fargate task: the pinned Nessie container with its roles, size and log group. */
  private taskDefinition(props: NessieServiceProps, settings: ServiceSettings, logGroupName: string): EcsTaskDefinition {
    return new EcsTaskDefinition(this, 'task', {
      family: `${props.prefix}-nessie`,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: String(settings.cpu),
      memory: String(settings.memory),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
      taskRoleArn: this.roles.taskRoleArn,
      executionRoleArn: this.roles.executionRoleArn,
      containerDefinitions: nessieContainerDefinitions({
        imageTag: props.imageTag,
        region: props.region,
        tablePrefix: props.versionStore.tablePrefix,
        warehouseLocation: props.storage.warehouseLocation,
        s3RequestSigning: props.s3RequestSigning ?? false,
        logGroupName,
        extraEnvironment: props.environment,
      }),
    });
  }

  /** The service in the private subnets behind the target group, rolling back failed deployments. */
  private service(props: NessieServiceProps, minCount: number, cluster: EcsCluster, task: EcsTaskDefinition): EcsService {
    return new EcsService(this, 'service', {
      name: 'nessie',
      cluster: cluster.arn,
      taskDefinition: task.arn,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      desiredCount: minCount,
      networkConfiguration: {
        subnets: [...props.privateSubnetIds],
        securityGroups: [props.loadBalancer.taskSecurityGroupId],
        assignPublicIp: false,
      },
      loadBalancer: [
        { targetGroupArn: props.loadBalancer.targetGroupArn, containerName: NESSIE_CONTAINER_NAME, containerPort: NESSIE_API_PORT },
      ],
      // The JVM and the version store check need time before readiness turns green.
      healthCheckGracePeriodSeconds: 120,
      deploymentMinimumHealthyPercent: 100,
      deploymentMaximumPercent: 200,
      deploymentCircuitBreaker: { enable: true, rollback: true },
      availabilityZoneRebalancing: 'ENABLED',
      enableEcsManagedTags: true,
      propagateTags: 'SERVICE',
      // The apply waits until the tasks are healthy (and fails when a deployment rolls back), so the
      // table-provisioning invocations that follow find Nessie answering.
      waitForSteadyState: true,
      // Autoscaling owns the task count after creation.
      lifecycle: { ignoreChanges: ['desired_count'] },
      dependsOn: [...props.loadBalancer.listeners],
    });
  }

  /** CPU target tracking between `minCount` and `maxCount` tasks. */
  private autoscaling(prefix: string, settings: ServiceSettings, cluster: EcsCluster, service: EcsService): void {
    const target = new AppautoscalingTarget(this, 'scaling-target', {
      serviceNamespace: 'ecs',
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${cluster.name}/${service.name}`,
      minCapacity: settings.minCount,
      maxCapacity: settings.maxCount,
    });
    new AppautoscalingPolicy(this, 'cpu-scaling', {
      name: `${prefix}-nessie-cpu`,
      policyType: 'TargetTrackingScaling',
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
      targetTrackingScalingPolicyConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        targetValue: settings.cpuTarget,
        scaleOutCooldown: 60,
        scaleInCooldown: 300,
      },
    });
  }
}

/** The service's sizes, counts and retention with their defaults applied. */
interface ServiceSettings {
  readonly cpu: number;
  readonly memory: number;
  readonly minCount: number;
  readonly maxCount: number;
  readonly cpuTarget: number;
  readonly retention: number;
}

/** Longest image tag: the tag rule of distribution/reference (reference.go) is `[\w][\w.-]{0,127}`. */
const MAX_IMAGE_TAG_LENGTH = 128;
const IMAGE_TAG = new RegExp(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,${MAX_IMAGE_TAG_LENGTH - 1}}$`);

function serviceProblems(props: NessieServiceProps, settings: ServiceSettings): string[] {
  const { cpu, memory, minCount, maxCount } = settings;
  const size = Token.isUnresolved(cpu) || Token.isUnresolved(memory) ? {} : fargateSizeProblems(cpu, memory);
  const counts = taskCountProblems(minCount, maxCount);
  return [
    ...(Token.isUnresolved(props.imageTag) || IMAGE_TAG.test(props.imageTag)
      ? []
      : [`imageTag '${props.imageTag}' is not a valid image tag (letters, digits, '_', '.', '-', up to ${MAX_IMAGE_TAG_LENGTH})`]),
    ...(props.imageTag === 'latest' ? [`imageTag 'latest' is not pinned; use a Nessie release such as ${NESSIE_DEFAULT_IMAGE_TAG}`] : []),
    ...(size.cpu ? [`cpu: ${size.cpu}`] : []),
    ...(size.memory ? [`memory: ${size.memory}`] : []),
    ...(counts.minCount ? [`minCount: ${counts.minCount}`] : []),
    ...(counts.maxCount ? [`maxCount: ${counts.maxCount}`] : []),
    ...integerProblems('cpuTargetPercent', settings.cpuTarget, 10, 90),
    ...(props.privateSubnetIds.length < 2 ? ['privateSubnetIds needs subnets in two availability zones'] : []),
    ...retentionProblems('logRetentionDays', settings.retention),
    ...arnProblems('kmsKeyArn', props.kmsKeyArn, 'kmsKey'),
    ...['task', 'execution'].flatMap((r) => nameProblems('prefix', `${props.prefix}-nessie-${r}`, iamRoleNameProblems)),
  ];
}
