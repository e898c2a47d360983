import { Construct } from 'constructs';
import type { NessieSettings } from '../../model/environment';
import type { NessieProvisionerClient } from '../../model/nessie-auth';
import type { OAuth2ClientSettings } from '../provisioning/provisioned-tables';
import { NessieAlarms } from './nessie-alarms';
import { nessieAuthEnvironment, nessieProxyEnvironment, nessieSecretReaders } from './nessie-auth-settings';
import { nessieClientSettings, type NessieClientSettings } from './nessie-client-settings';
import { NessieLoadBalancer } from './nessie-load-balancer';
import { NessieNetwork } from './nessie-network';
import { NessieDnsRecord } from './nessie-dns-record';
import { NessieIdentity, type NessieOAuthClientRef } from './nessie-identity';
import { NessieService } from './nessie-service';
import { throwIfPropsProblems } from '../../errors';
import { NessieVersionStore } from './nessie-version-store';
import type { LakehouseStorageRef } from './storage-ref';
import type { GrantableRole } from '../grantable-role';
import type { WarehouseAccess } from './warehouse-access';
import { NessieTierRoles } from './nessie-tier-roles';
import { ACCESS_TIERS, type AccessTier } from '../../plan/tiers';
import type { TablePlan } from '../../plan';
import type { TableProvisioner } from '../provisioning/table-provisioner';
import { NessieTableProvisioning } from './nessie-table-provisioning';

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
  /** 4xx answers within 5 minutes that fire the `auth-failures` alarm when authentication is on. @default 100 */
  readonly authFailureAlarmThreshold?: number;
  /**
   * The templates' tables (the plan's `tables`): each becomes an Iceberg table in Nessie, created and
   * evolved through its Iceberg REST API at apply time by the table-provisioning function; the
   * reader tier reads those without restricted columns, admins may not delete append-only ones.
   * @default [] (no tables, no function; readers read no table)
   */
  readonly tables?: readonly TablePlan[];
  /**
   * Principals allowed to assume each tier's role, and only that role (`access.readers`, ...).
   * @default - the account root for every tier (IAM decides)
   */
  readonly tierTrust?: Partial<Readonly<Record<AccessTier, readonly string[]>>>;
  /**
   * Managed policies one tier role may carry (`access.max_managed_policies_per_role`); raise IAM's
   * quota before raising this.
   * @default 10 (IAM's default quota)
   */
  readonly maxManagedPoliciesPerRole?: number;
  /** Raise to re-run every table's provisioning as an update against the live table. @default 0 */
  readonly provisioningRevision?: number;
}

/** `nessie.auth.provisioner_client` as the function's OAuth2 settings (the secret by ARN only). */
function externalClient(c: NessieProvisionerClient): OAuth2ClientSettings {
  return {
    tokenUri: c.tokenEndpoint,
    clientId: c.clientId,
    clientSecretArn: c.clientSecretArn,
    ...(c.scope !== undefined ? { scope: c.scope } : {}),
  };
}

/** What an authenticated deployment needs: HTTPS for tokens, an https issuer, a host name for the DNS record and the certificate. */
function accessProblems(n: NessieSettings, hostName: string | undefined): string[] {
  return [
    ...(n.auth.mode !== 'none' && !n.certificateArn
      ? [`nessie.auth.mode '${n.auth.mode}' needs nessie.certificate_arn (tokens must never cross plain HTTP)`]
      : []),
    ...(n.auth.mode === 'external' && !/^https:\/\//.test(n.auth.issuerUrl ?? '')
      ? [`nessie.auth.issuer_url '${n.auth.issuerUrl ?? ''}' must be an https:// URL`]
      : []),
    ...(n.route53ZoneId && !hostName ? ['nessie.route53_zone_id needs a host name (nessie.host_name) for the record'] : []),
    ...(n.certificateArn && !hostName
      ? ['nessie.certificate_arn needs a host name (nessie.host_name, or the hostName prop): clients verify the certificate against it']
      : []),
  ];
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
  /** The Cognito user pool and clients (`nessie.auth.mode: cognito`). */
  readonly identity?: NessieIdentity;
  /** The Route 53 alias record (`nessie.route53_zone_id`). */
  readonly dnsRecord?: NessieDnsRecord;
  /** Token endpoint, scope and secret of the `provisioner` client (admin tier), for the provisioning and drift functions. */
  readonly provisionerOAuth?: NessieOAuthClientRef;
  /** The table-provisioning function, its network access and one invocation per table (when there are tables). */
  readonly tableProvisioning?: NessieTableProvisioning;
  /** `tableProvisioning.provisioner`. */
  readonly provisioner?: TableProvisioner;
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
  /** The reader, writer and admin roles (S3 access per tier; with Cognito, each reads its tier's client secret). */
  readonly tiers: NessieTierRoles;
  /** Role ARNs by tier. */
  readonly roleArns: Readonly<Record<AccessTier, string>>;

  constructor(scope: Construct, id: string, props: NessieLakehouseProps) {
    super(scope, id);
    const n = props.nessie;
    const protectData = props.protectData ?? true;
    const hostName = props.hostName ?? n.hostName;
    throwIfPropsProblems(this, 'NessieLakehouse', accessProblems(n, hostName));
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
    const access = this.accessControl(props, protectData);
    ({ tiers: this.tiers, identity: this.identity } = access);
    this.roleArns = this.tiers.roleArns;
    this.provisionerOAuth = access.identity?.clientRef('provisioner');
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
      environment: access.environment,
    });
    if (n.route53ZoneId && hostName)
      this.dnsRecord = new NessieDnsRecord(this, 'dns', { zoneId: n.route53ZoneId, hostName, loadBalancer: this.loadBalancer });
    this.tableProvisioning = (props.tables ?? []).length > 0 ? this.provisionTables(props, hostName, protectData) : undefined;
    this.provisioner = this.tableProvisioning?.provisioner;
    this.alarms = new NessieAlarms(this, 'alarms', {
      prefix: props.prefix,
      snsTopicArn: props.snsTopicArn,
      clusterName: this.service.clusterName,
      serviceName: this.service.serviceName,
      loadBalancerArnSuffix: this.loadBalancer.loadBalancerArnSuffix,
      targetGroupArnSuffix: this.loadBalancer.targetGroupArnSuffix,
      tableNames: this.versionStore.tableNames,
      target4xxThreshold: n.auth.mode !== 'none' ? (props.authFailureAlarmThreshold ?? 100) : undefined,
    });
    this.apiUrl = this.loadBalancer.apiUrl;
    // The reader tier by default: least privilege for whoever copies these settings.
    const reader = this.identity?.clientRef('reader');
    const readerOAuth = reader && { ...reader, region: props.region };
    this.clientSettings = nessieClientSettings(this.apiUrl, props.storage.warehouseLocation, 'nessie', readerOAuth);
    this.icebergRestUri = this.clientSettings.icebergRestUri;
    this.vpcId = this.network.vpcId;
    this.publicSubnetIds = this.network.publicSubnetIds;
    this.privateSubnetIds = this.network.privateSubnetIds;
    this.taskRoleArn = this.service.taskRoleArn;
    this.taskRoleName = this.service.taskRoleName;
  }

  /**
   * The tier roles, the Cognito identity (mode `cognito`; each tier role reads its own tier's
   * client secret) and the task's environment for authentication, authorization and, behind the
   * HTTPS listener, forwarded headers.
   */
  private accessControl(
    props: NessieLakehouseProps,
    protectData: boolean,
  ): { tiers: NessieTierRoles; identity?: NessieIdentity; environment: Record<string, string> } {
    const n = props.nessie;
    const auth = n.auth;
    const tiers = new NessieTierRoles(this, 'tiers', {
      prefix: props.prefix,
      storage: props.storage,
      tables: props.tables ?? [],
      trust: props.tierTrust,
      ...(props.maxManagedPoliciesPerRole !== undefined ? { maxManagedPoliciesPerRole: props.maxManagedPoliciesPerRole } : {}),
    });
    const cognito =
      auth.mode === 'cognito'
        ? new NessieIdentity(this, 'identity', {
            prefix: props.prefix,
            region: props.region,
            cognitoDomain: auth.cognitoDomain,
            secretReaders: nessieSecretReaders(auth, props.tierTrust ?? {}),
            kmsKeyArn: props.kmsKeyArn,
            protectData,
          })
        : undefined;
    // Each tier role reads its own tier's client secret: assuming it gives both the S3 access and the token.
    for (const tier of ACCESS_TIERS) {
      const role = tiers.roles[tier];
      cognito?.grantSecretRead({ roleName: role.name, roleArn: role.arn }, tier, `${tier}-tier-secret-read`);
    }
    const environment = {
      ...(n.certificateArn ? nessieProxyEnvironment(n.vpcCidr) : {}),
      ...nessieAuthEnvironment({
        mode: auth.mode,
        issuerUrl: cognito ? cognito.issuerUrl : (auth.issuerUrl ?? ''),
        // Cognito access tokens carry no `aud`; their client is in `client_id`, their tier in `scope`.
        audience: cognito ? undefined : auth.audience,
        principalClaim: cognito ? 'client_id' : auth.principalClaim,
        rolesClaim: cognito ? 'scope' : auth.rolesClaim,
        tierRoles: cognito ? cognito.tierRoles : auth.tierRoles,
        writerBranches: auth.writerBranches,
      }),
    };
    return { tiers, identity: cognito, environment };
  }

  /** The table-provisioning function in the private subnets, after the service is steady. */
  private provisionTables(props: NessieLakehouseProps, hostName: string | undefined, protectData: boolean): NessieTableProvisioning {
    const client = props.nessie.auth.provisionerClient;
    return new NessieTableProvisioning(this, 'tables', {
      prefix: props.prefix,
      vpcId: this.network.vpcId,
      privateSubnetIds: this.network.privateSubnetIds,
      loadBalancer: {
        https: this.loadBalancer.https,
        dnsName: this.loadBalancer.dnsName,
        securityGroupId: this.loadBalancer.securityGroups.loadBalancerGroupId,
      },
      ...(hostName !== undefined ? { hostName } : {}),
      ...(this.identity ? { identity: this.identity } : {}),
      ...(props.nessie.auth.mode === 'external' && client ? { oauth2: externalClient(client) } : {}),
      // Nessie's namespaces are the template namespaces. No location: Nessie 0.108 ignores the one a
      // CreateTableRequest carries and places the table at <warehouse>/<namespace>/<name>_<uuid>
      // (IcebergApiV1TableResource.createTable adds no SetLocation), which the tier policies match.
      // Sending one would make every later update see a "moved" table and refuse it.
      tables: (props.tables ?? []).map((t) => ({ namespace: t.namespace, name: t.name, iceberg: t.iceberg })),
      protectData,
      logRetentionDays: props.logRetentionDays ?? 365,
      ...(props.kmsKeyArn !== undefined ? { kmsKeyArn: props.kmsKeyArn } : {}),
      ...(props.provisioningRevision !== undefined ? { revision: props.provisioningRevision } : {}),
      dependsOn: [this.service.ready],
    });
  }

  /** Gives a role the reader tier's policies: S3 read of the tables without restricted columns. */
  grantRead(role: GrantableRole, id?: string): Construct {
    return this.tiers.grant('reader', role, id);
  }

  /** Gives a role the writer tier's policies: read and write (no delete) on the warehouse. */
  grantWrite(role: GrantableRole, id?: string): Construct {
    return this.tiers.grant('writer', role, id);
  }

  /** Gives a role the admin tier's policies: read, write, delete on the warehouse, no deletes on append-only tables. */
  grantAdmin(role: GrantableRole, id?: string): Construct {
    return this.tiers.grant('admin', role, id);
  }

  /**
   * The reader (`'read'`) or writer (`'write'`) tier's policies, as `grantRead` / `grantWrite`.
   * @deprecated use grantRead, grantWrite or grantAdmin
   */
  grantDataAccess(role: GrantableRole, access: WarehouseAccess, id?: string): Construct {
    if (access !== 'read' && access !== 'write') throw new Error(`grantDataAccess: access is '${String(access)}'; use 'read' or 'write'`);
    return access === 'read' ? this.grantRead(role, id) : this.grantWrite(role, id);
  }
}
