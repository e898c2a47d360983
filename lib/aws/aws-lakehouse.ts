import { Construct } from 'constructs';
import { CLIENT_OUTPUTS, engineSettings } from '../clients';
import { addLakehouseOutput, outputPrefixProblem } from '../clients/stack-outputs';
import type { EnvironmentConfig } from '../model/environment';
import { throwIfPropsProblems } from '../errors';
import { warnWithoutDefaultTags } from '../stack/default-tags-check';
import { errorsOf, formatUnlocated, warningsOf } from '../model/problems';
import { warnProblems } from '../stack/problem-warnings';
import { planLakehouse, type LakehousePlan } from '../plan';
import { tierPrincipals } from '../plan/tiers';
import { awsLakehouseProblems } from './rules/aws-checks';
import type { LoadedTableTemplate } from '../model/table-template';
import { GlueLakehouse } from './glue';
import type { GrantableRole } from './grantable-role';
import { NessieLakehouse } from './nessie';
import { AccessDeniedAlarm, AuditTrail, LakehouseBucket, LakehouseKey } from './storage';
import { addLakehouseDrift, type GlueTableChangeAlarm, type SchemaDriftCheck } from './drift';

export interface AwsLakehouseProps {
  /** The environment (from an environment file, or `defineEnvironment()` in code); `cloud` must be `aws`. */
  readonly environment: EnvironmentConfig;
  /** Validated table templates (`loadTableTemplates()` or `defineTableTemplates()`). */
  readonly templates: readonly LoadedTableTemplate[];
  /**
   * Put in front of every stack output name; needed only when one stack holds two lakehouses,
   * because output names must be unique in a stack.
   * @default '' (outputs are named `lakehouse_*`)
   */
  readonly outputPrefix?: string;
}

/**
 * The whole AWS lakehouse of one environment: the encryption key (when a CMK is asked for), the
 * lakehouse bucket, the audit trail and access alerts, and the catalog (`glue` or `nessie`), with
 * the stack outputs clients need. Attach your own roles to the tiers with the `grant*` methods.
 */
export class AwsLakehouse extends Construct {
  /** Everything resolved from the environment and templates: names, tables, locations, tiers. */
  readonly plan: LakehousePlan;
  readonly key?: LakehouseKey;
  readonly bucket: LakehouseBucket;
  readonly audit?: AuditTrail;
  readonly alerts?: AccessDeniedAlarm;
  readonly glue?: GlueLakehouse;
  readonly nessie?: NessieLakehouse;
  /** The scheduled schema drift check (`drift.enabled`). */
  readonly drift?: SchemaDriftCheck;
  /** The alarm on Glue table changes by unexpected principals (`drift.enabled` with `catalog: glue`). */
  readonly glueChanges?: GlueTableChangeAlarm;

  constructor(scope: Construct, id: string, props: AwsLakehouseProps) {
    super(scope, id);
    const env = props.environment;
    const outputPrefix = props.outputPrefix ?? '';
    const prefixProblem = outputPrefixProblem(outputPrefix);
    this.plan = planLakehouse(env, props.templates);
    const ruleProblems = awsLakehouseProblems(this.plan);
    throwIfPropsProblems(this, 'AwsLakehouse', [
      ...errorsOf(ruleProblems).map(formatUnlocated),
      ...(prefixProblem ? [`outputPrefix: ${prefixProblem}`] : []),
    ]);
    warnProblems(this, warningsOf(ruleProblems));
    warnWithoutDefaultTags(this, env, 'aws');
    const prefix = this.plan.prefix;
    const common = { prefix, protectData: env.protectData, origin: env.file };

    this.key = env.customerManagedKey ? new LakehouseKey(this, 'key', common) : undefined;
    const kmsKeyArn = this.key?.keyArn;
    this.bucket = new LakehouseBucket(this, 'bucket', {
      ...common,
      bucketName: env.storage.bucketName,
      warehousePrefix: this.plan.storage.warehousePrefix,
      kmsKeyArn,
      versioning: env.storage.versioning,
      abortIncompleteMultipartDays: env.storage.abortIncompleteMultipartDays,
      tiering: env.storage.tiering,
      infrequentAccessDays: env.storage.infrequentAccessDays,
      noncurrentExpirationDays: env.storage.noncurrentExpirationDays,
      accessLogBucket: env.logging.accessLogBucket,
    });
    if (env.audit.enabled) {
      this.alerts = env.audit.accessAlerts
        ? new AccessDeniedAlarm(this, 'access-alerts', {
            ...common,
            lakehouse: this.bucket,
            logRetentionDays: env.logging.retentionDays,
            kmsKeyArn,
            snsTopicArn: env.snsTopicArn,
          })
        : undefined;
      this.audit = new AuditTrail(this, 'audit', {
        ...common,
        lakehouse: this.bucket,
        kmsKeyArn,
        retentionDays: env.audit.retentionDays,
        objectLock: env.audit.objectLock,
        cloudWatchLogs: this.alerts?.trailDelivery,
        accessLogBucket: env.logging.accessLogBucket,
        // The Glue change alarm's CloudTrail records reach EventBridge only while a trail logs them.
        includeWriteManagementEvents: env.drift.enabled && env.catalog === 'glue',
      });
    }

    if (env.catalog === 'glue') {
      this.glue = new GlueLakehouse(this, 'glue', { plan: this.plan, storage: this.bucket });
    } else {
      this.nessie = new NessieLakehouse(this, 'nessie', {
        prefix,
        region: env.region,
        nessie: env.nessie,
        storage: this.bucket,
        protectData: env.protectData,
        logRetentionDays: env.logging.retentionDays,
        kmsKeyArn,
        snsTopicArn: env.snsTopicArn,
        hostName: env.nessie.hostName,
        tables: this.plan.tables,
        tierTrust: tierPrincipals(env.access),
        ...(env.access.maxManagedPoliciesPerRole !== undefined ? { maxManagedPoliciesPerRole: env.access.maxManagedPoliciesPerRole } : {}),
        ...(env.provisioningRevision !== undefined ? { provisioningRevision: env.provisioningRevision } : {}),
      });
    }
    const drift = addLakehouseDrift(this, { plan: this.plan, kmsKeyArn, glue: this.glue, nessie: this.nessie });
    this.drift = drift.drift;
    this.glueChanges = drift.glueChanges;
    this.createOutputs(env, props.templates, outputPrefix);
  }

  /**
   * Gives a role of your stack the reader tier: the same policies (and, on Glue, Lake Formation
   * grants) as the reader role. Nessie: S3 read of the tables without restricted columns only.
   */
  grantRead(role: GrantableRole, id?: string): Construct {
    return this.glue ? this.glue.grantRead(role, id) : this.nessie!.grantRead(role, id);
  }

  /** Gives a role of your stack the writer tier (Nessie: read and write, no delete, on the warehouse). */
  grantWrite(role: GrantableRole, id?: string): Construct {
    this.glueChanges?.allow(role.roleArn);
    return this.glue ? this.glue.grantWrite(role, id) : this.nessie!.grantWrite(role, id);
  }

  /** Gives a role of your stack the admin tier (Nessie: read, write and delete on the warehouse, except append-only tables). */
  grantAdmin(role: GrantableRole, id?: string): Construct {
    this.glueChanges?.allow(role.roleArn);
    return this.glue ? this.glue.grantAdmin(role, id) : this.nessie!.grantAdmin(role, id);
  }

  private createOutputs(env: EnvironmentConfig, templates: readonly LoadedTableTemplate[], outputPrefix: string): void {
    const output = (name: string, value: unknown, description: string): void =>
      addLakehouseOutput(this, outputPrefix, name, value, description);
    output('lakehouse_bucket_name', this.bucket.bucketName, 'Lakehouse S3 bucket');
    output('lakehouse_bucket_arn', this.bucket.bucketArn, 'Lakehouse S3 bucket ARN');
    output('lakehouse_warehouse_location', this.bucket.warehouseLocation, 'Iceberg warehouse location');
    output('lakehouse_kms_key_arn', this.key?.keyArn ?? 'aws/s3 (AWS managed key)', 'KMS key encrypting the lakehouse');
    if (this.audit) {
      output('lakehouse_audit_bucket_name', this.audit.bucketName, 'CloudTrail audit bucket');
      output('lakehouse_audit_trail_arn', this.audit.trailArn, 'CloudTrail trail recording lakehouse data events');
    }
    if (this.glue) {
      output('lakehouse_glue_databases', this.glue.databaseNames, 'Glue databases, one per template namespace');
      output('lakehouse_glue_tables', this.glue.tableNames, 'Glue Iceberg tables as <database>.<table>');
      output('lakehouse_role_arns', this.glue.roleArns, 'Reader, writer and admin role ARNs');
      output(
        'lakehouse_athena_workgroup',
        this.glue.workgroupName,
        'Athena workgroup of writers and admins (engine v3, enforced configuration)',
      );
      output(
        'lakehouse_athena_reader_workgroup',
        this.glue.readerWorkgroupName,
        'Athena workgroup of the reader tier (results kept apart)',
      );
    }
    if (this.nessie) {
      output('lakehouse_role_arns', this.nessie.roleArns, 'Reader, writer and admin role ARNs (S3 access per tier)');
      output(CLIENT_OUTPUTS.nessieApiUrl, this.nessie.apiUrl, 'Nessie API root URL');
      output('lakehouse_nessie_iceberg_rest_uri', this.nessie.icebergRestUri, 'Iceberg REST catalog URI');
      output('lakehouse_vpc_id', this.nessie.vpcId, 'VPC of the Nessie service');
      output('lakehouse_private_subnet_ids', this.nessie.privateSubnetIds, 'Private subnets (tasks, internal ALB)');
      output('lakehouse_public_subnet_ids', this.nessie.publicSubnetIds, 'Public subnets (NAT, public ALB)');
      const identity = this.nessie.identity;
      if (identity) {
        output('lakehouse_nessie_oauth_token_endpoint', identity.tokenEndpoint, 'OAuth2 token endpoint of the Nessie clients');
        output(
          'lakehouse_nessie_oauth_secret_arns',
          identity.secretArns,
          'Secrets Manager ARNs of the Nessie OAuth2 clients (no secret values)',
        );
      }
    }
    const settings = engineSettings(this.plan, { bucketName: this.bucket.bucketName, nessieApiUrl: this.nessie?.apiUrl });
    output(CLIENT_OUTPUTS.engineSettings, settings, 'PyIceberg, Spark and Trino settings (same as `lakehouse export`)');
    output(CLIENT_OUTPUTS.identifiers, settings.identifiers, 'Engine identifiers of every table');
  }
}
