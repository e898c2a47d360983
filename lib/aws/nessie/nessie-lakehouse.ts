import { Construct } from 'constructs';
import type { NessieSettings } from '../../model/environment';
import { NessieAlarms } from './nessie-alarms';
import { nessieClientSettings, type NessieClientSettings } from './nessie-client-settings';
import { NessieLoadBalancer } from './nessie-load-balancer';
import { NessieNetwork } from './nessie-network';
import { NessieService } from './nessie-service';
import { NessieVersionStore } from './nessie-version-store';
import type { LakehouseStorageRef } from './storage-ref';
import type { GrantableRole } from '../grantable-role';
import type { WarehouseAccess, WarehouseDataAccess } from './warehouse-access';

export interface NessieLakehouseProps {
  /** `<project>-<env>`: prefix of every name. */
  readonly prefix: string;
  /** Region of the stack. */
  readonly region: string;
  /** Nessie settings of the environment (all defaults applied, as `EnvironmentConfig.nessie`). */
  readonly nessie: NessieSettings;
  /** The lakehouse bucket; Nessie's warehouse is its warehouse prefix. */
  readonly storage: LakehouseStorageRef;
  /** Deletion protection and `prevent_destroy` on tables, load balancer and log groups. @default true */
  readonly protectData?: boolean;
  /** Days CloudWatch Logs keeps Nessie and flow logs. @default 365 */
  readonly logRetentionDays?: number;
  /** Customer-managed key for DynamoDB and the log groups. @default - AWS managed encryption */
  readonly kmsKeyArn?: string;
  /** Topic for alarm and OK notifications. @default - alarms notify nobody */
  readonly snsTopicArn?: string;
  /** DNS name clients use (covered by the certificate). @default - the load balancer's DNS name */
  readonly hostName?: string;
  /** Let Nessie sign clients' S3 requests with its own role (see NessieServiceProps). @default false */
  readonly s3RequestSigning?: boolean;
}

/**
 * The AWS Nessie catalog path (`catalog: nessie`): network, DynamoDB version store, load balancer,
 * Nessie on ECS Fargate with Iceberg REST, and alarms. See docs/aws-nessie.md.
 */
export class NessieLakehouse extends Construct {
  readonly network: NessieNetwork;
  readonly versionStore: NessieVersionStore;
  readonly loadBalancer: NessieLoadBalancer;
  readonly service: NessieService;
  readonly alarms: NessieAlarms;
  /** `http(s)://<host>`: Nessie's API root. */
  readonly apiUrl: string;
  /** `<apiUrl>/iceberg`. */
  readonly icebergRestUri: string;
  readonly clientSettings: NessieClientSettings;
  readonly vpcId: string;
  readonly publicSubnetIds: readonly string[];
  readonly privateSubnetIds: readonly string[];
  readonly taskRoleArn: string;
  readonly taskRoleName: string;

  constructor(scope: Construct, id: string, props: NessieLakehouseProps) {
    super(scope, id);
    const n = props.nessie;
    const protectData = props.protectData ?? true;
    this.network = new NessieNetwork(this, 'network', {
      prefix: props.prefix,
      vpcCidr: n.vpcCidr,
      natGateways: n.natGateways,
      logRetentionDays: props.logRetentionDays,
      kmsKeyArn: props.kmsKeyArn,
      protectData,
    });
    this.versionStore = new NessieVersionStore(this, 'version-store', {
      tablePrefix: n.tablePrefix,
      kmsKeyArn: props.kmsKeyArn,
      protectData,
    });
    this.loadBalancer = new NessieLoadBalancer(this, 'load-balancer', {
      prefix: props.prefix,
      region: props.region,
      network: this.network,
      internal: n.internal,
      allowedCidrs: n.allowedCidrs,
      certificateArn: n.certificateArn,
      hostName: props.hostName,
      accessLogBucket: n.accessLogBucket,
      protectData,
    });
    this.service = new NessieService(this, 'service', {
      prefix: props.prefix,
      region: props.region,
      imageTag: n.imageTag,
      cpu: n.cpu,
      memory: n.memory,
      minCount: n.minCount,
      maxCount: n.maxCount,
      privateSubnetIds: this.network.privateSubnetIds,
      loadBalancer: this.loadBalancer,
      versionStore: this.versionStore,
      storage: props.storage,
      kmsKeyArn: props.kmsKeyArn,
      logRetentionDays: props.logRetentionDays,
      protectData,
      s3RequestSigning: props.s3RequestSigning,
    });
    this.alarms = new NessieAlarms(this, 'alarms', {
      prefix: props.prefix,
      snsTopicArn: props.snsTopicArn,
      clusterName: this.service.clusterName,
      serviceName: this.service.serviceName,
      loadBalancerArnSuffix: this.loadBalancer.loadBalancerArnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroupArnSuffix,
      tableNames: this.versionStore.tableNames,
    });

    this.apiUrl = this.loadBalancer.apiUrl;
    this.clientSettings = nessieClientSettings(this.apiUrl, props.storage.warehouseLocation);
    this.icebergRestUri = this.clientSettings.icebergRestUri;
    this.vpcId = this.network.vpcId;
    this.publicSubnetIds = this.network.publicSubnetIds;
    this.privateSubnetIds = this.network.privateSubnetIds;
    this.taskRoleArn = this.service.taskRoleArn;
    this.taskRoleName = this.service.taskRoleName;
  }

  /** Gives a client role S3 read or read/write on the warehouse prefix (+ the bucket's CMK). */
  grantDataAccess(role: GrantableRole, access: WarehouseAccess, id?: string): WarehouseDataAccess {
    return this.service.grantDataAccess(role, access, id);
  }
}
