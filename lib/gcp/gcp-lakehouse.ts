import { Construct } from 'constructs';
import { addLakehouseOutput, outputPrefixProblem } from '../clients/stack-outputs';
import { bigQueryTableMode } from './rules/bigquery-compat';
import { gcpLakehouseProblems } from './rules/gcp-checks';
import { bigLakeConnectionId } from './rules/names';
import type { EnvironmentConfig } from '../model/environment';
import { throwIfPropsProblems } from '../errors';
import { warnWithoutDefaultTags } from '../stack/default-tags-check';
import { underscorePrefix } from '../model/naming';
import { errorsOf, formatUnlocated, warningsOf } from '../model/problems';
import { warnProblems } from '../stack/problem-warnings';
import { planLakehouse, type LakehousePlan } from '../plan';
import type { LoadedTableTemplate, MaskingKind } from '../model/table-template';
import { BigLakeConnection } from './biglake-connection';
import { BigLakeIcebergTable } from './biglake-iceberg-table';
import { gcpClientSettings, type GcpClientSettings } from './client-settings';
import { ColumnSecurity } from './column-security';
import type { AccessTier } from '../plan/tiers';
import { LakehouseAccessGrant } from './lakehouse-access-grant';
import { LakehouseCustomRoles } from './lakehouse-custom-roles';
import { LakehouseBucket } from './lakehouse-bucket';
import { LakehouseEncryptionKey } from './lakehouse-encryption-key';
import { LakehouseServiceAccounts } from './lakehouse-service-accounts';
import { NamespaceDatasets } from './namespace-datasets';
import { ProjectServices, type LakehouseApi } from './project-services';
import { SchemaDriftQuery } from './schema-drift-query';
import { StorageAuditTrail } from './storage-audit-trail';

export interface GcpLakehouseProps {
  /** A `cloud: gcp`, `catalog: biglake` environment with every default applied. */
  readonly environment: EnvironmentConfig;
  /** Table templates; each becomes one BigQuery table in its namespace's dataset. */
  readonly templates: readonly LoadedTableTemplate[];
  /**
   * Put in front of every stack output name; needed only when one stack holds two lakehouses,
   * because output names must be unique in a stack.
   * @default '' (outputs are named `lakehouse_*`)
   */
  readonly outputPrefix?: string;
}

/**
 * The whole Google Cloud lakehouse of one environment: optional CMEK, the lakehouse bucket, the
 * audit trail, one dataset per namespace, the BigLake connection, column security, one table per
 * template, three service accounts and the outputs clients read.
 */
export class GcpLakehouse extends Construct {
  /** Everything resolved from the environment and templates: names, tables, locations, tiers. */
  readonly plan: LakehousePlan;
  readonly encryptionKey?: LakehouseEncryptionKey;
  readonly bucket: LakehouseBucket;
  readonly audit?: StorageAuditTrail;
  readonly datasets: NamespaceDatasets;
  readonly connection: BigLakeConnection;
  readonly columnSecurity: ColumnSecurity;
  /** One per template, sorted by `<namespace>.<name>`. */
  readonly tables: readonly BigLakeIcebergTable[];
  readonly serviceAccounts: LakehouseServiceAccounts;
  /** The writer and admin tiers' BigQuery custom roles. */
  readonly customRoles: LakehouseCustomRoles;
  readonly clientSettings: GcpClientSettings;
  /** The enabled APIs every resource waits for; absent with `gcp.manage_apis: false`. */
  readonly apis?: ProjectServices;
  /** The scheduled schema drift query and its alert (`drift.enabled`, BigQuery-managed tables only). */
  readonly drift?: SchemaDriftQuery;
  private readonly env: EnvironmentConfig;
  private readonly datasetRefs: Record<string, string>;
  private readonly granted = new Set<string>();

  constructor(scope: Construct, id: string, props: GcpLakehouseProps) {
    super(scope, id);
    const env = props.environment;
    const outputPrefix = props.outputPrefix ?? '';
    this.plan = planLakehouse(env, props.templates);
    this.checkProps(outputPrefix);
    warnWithoutDefaultTags(this, env, 'google');
    const gcp = env.gcp!;
    this.env = env;
    const names = this.plan.names;
    const protectData = env.protectData;
    const templates = this.plan.tables.map((t) => t.template);
    const managed = templates.filter((t) => bigQueryTableMode(t) === 'managed');
    const external = templates.filter((t) => bigQueryTableMode(t) === 'external');

    this.encryptionKey = env.customerManagedKey
      ? new LakehouseEncryptionKey(this, 'encryption-key', {
          projectId: gcp.projectId,
          storageLocation: gcp.location,
          keyRingName: `${names.prefix}-lakehouse`,
          protectData,
        })
      : undefined;
    this.bucket = this.createBucket(managed.length > 0);
    this.audit = env.audit.enabled ? this.createAuditTrail() : undefined;
    this.datasets = new NamespaceDatasets(this, 'datasets', {
      projectId: gcp.projectId,
      project: env.project,
      environment: env.name,
      namespaces: templates.map((t) => t.namespace),
      location: gcp.location,
      labels: { component: 'lakehouse-tables' },
      protectData,
    });
    this.datasetRefs = Object.fromEntries(this.datasets.namespaces.map((ns) => [ns, this.datasets.dataset(ns).datasetId]));
    this.connection = this.createConnection(managed, external);
    this.columnSecurity = this.createColumnSecurity(managed);
    this.tables = this.createTables();
    this.customRoles = new LakehouseCustomRoles(this, 'custom-roles', {
      projectId: gcp.projectId,
      rolePrefix: underscorePrefix(env.project, env.name),
    });
    this.serviceAccounts = new LakehouseServiceAccounts(this, 'service-accounts', {
      projectId: gcp.projectId,
      prefix: names.prefix,
      bucketName: this.bucket.bucketName,
      datasetIds: this.datasetRefs,
      columnSecurity: this.columnSecurity,
      customRoles: this.customRoles.roleNames,
    });
    this.drift = env.drift.enabled ? this.driftQuery(env) : undefined;
    this.clientSettings = this.createClientSettings(templates);
    this.createOutputs(outputPrefix);
    if (gcp.manageApis) this.apis = this.enableApis();
  }

  /** Runs the GCP rules on the plan (the same ones `lakehouse validate` runs): errors throw, warnings annotate. */
  private checkProps(outputPrefix: string): void {
    const prefixProblem = outputPrefixProblem(outputPrefix);
    const ruleProblems = gcpLakehouseProblems(this.plan);
    throwIfPropsProblems(this, 'GcpLakehouse', [
      ...errorsOf(ruleProblems).map(formatUnlocated),
      ...(prefixProblem ? [`outputPrefix: ${prefixProblem}`] : []),
    ]);
    warnProblems(this, warningsOf(ruleProblems));
  }

  /** The lakehouse bucket, with the storage settings of the environment. */
  private createBucket(bigQueryManagedTables: boolean): LakehouseBucket {
    const env = this.env;
    return new LakehouseBucket(this, 'bucket', {
      projectId: env.gcp!.projectId,
      bucketName: this.plan.names.lakehouseBucket,
      location: env.gcp!.location,
      versioning: env.storage.versioning,
      bigQueryManagedTables,
      tiering: env.storage.tiering,
      infrequentAccessDays: env.storage.infrequentAccessDays,
      abortIncompleteMultipartDays: env.storage.abortIncompleteMultipartDays,
      noncurrentExpirationDays: env.storage.noncurrentExpirationDays,
      encryptionKey: this.encryptionKey,
      labels: { component: 'lakehouse-data' },
      protectData: env.protectData,
    });
  }

  /** Data access logs of the lakehouse bucket and the namespace datasets, kept in their own bucket. */
  private createAuditTrail(): StorageAuditTrail {
    const env = this.env;
    const names = this.plan.names;
    return new StorageAuditTrail(this, 'audit', {
      projectId: env.gcp!.projectId,
      auditedBucketName: names.lakehouseBucket,
      bigQueryDatasets: this.plan.namespaces.map((n) => n.database),
      bucketName: names.auditBucket,
      location: env.gcp!.location,
      retentionDays: env.audit.retentionDays,
      objectLock: env.audit.objectLock,
      sinkName: `${names.prefix}-lakehouse-data-access`,
      encryptionKey: this.encryptionKey,
      labels: { component: 'lakehouse-audit' },
      protectData: env.protectData,
    });
  }

  /** The BigLake connection, with read access to the buckets of external tables' metadata. */
  private createConnection(managed: readonly LoadedTableTemplate[], external: readonly LoadedTableTemplate[]): BigLakeConnection {
    const names = this.plan.names;
    const otherBuckets = external
      .map((t) => /^gs:\/\/([^/]+)\//.exec(t.gcp!.metadata_uri!)![1]!)
      .filter((b) => b !== names.lakehouseBucket);
    return new BigLakeConnection(this, 'biglake', {
      projectId: this.env.gcp!.projectId,
      connectionId: bigLakeConnectionId(names.prefix),
      location: this.env.gcp!.location,
      bucketName: this.bucket.bucketName,
      managedTables: managed.length > 0,
      externalTables: external.length > 0,
      externalBuckets: otherBuckets,
    });
  }

  /** The policy tag taxonomy with one data policy per masking kind the managed tables' restricted columns use. */
  private createColumnSecurity(managed: readonly LoadedTableTemplate[]): ColumnSecurity {
    const env = this.env;
    const maskingKinds = managed.flatMap((t) =>
      t.parsedColumns.filter((c) => c.accessLevel === 'restricted' && c.masking).map((c) => c.masking!),
    );
    return new ColumnSecurity(this, 'column-security', {
      projectId: env.gcp!.projectId,
      taxonomyName: `${this.plan.names.prefix}-lakehouse`,
      location: env.gcp!.location,
      maskingKinds: [...new Set<MaskingKind>(maskingKinds)],
      dataPolicyIdPrefix: underscorePrefix(env.project, env.name),
      protectData: env.protectData,
    });
  }

  /** One BigQuery Iceberg table per planned table, at its planned location. */
  private createTables(): BigLakeIcebergTable[] {
    const gcp = this.env.gcp!;
    return this.plan.tables.map(
      ({ template: t, location }) =>
        new BigLakeIcebergTable(this, `table-${t.namespace}-${t.name}`, {
          template: t,
          projectId: gcp.projectId,
          datasetId: this.datasetRefs[t.namespace]!,
          datasetIdLiteral: this.datasets.datasetId(t.namespace),
          connectionName: this.connection.connectionName,
          storageUri: location,
          policyTagFor: (masking) => this.columnSecurity.tagNameFor(masking),
          dependsOn: this.connection.grantsPropagated,
          protectData: this.env.protectData,
          unenforcedAppendOnly: gcp.acceptUnenforcedAppendOnly,
        }),
    );
  }

  /** What BigQuery, Spark and PyIceberg clients need, per table in template order. */
  private createClientSettings(templates: readonly LoadedTableTemplate[]): GcpClientSettings {
    const gcp = this.env.gcp!;
    return gcpClientSettings({
      projectId: gcp.projectId,
      location: gcp.location,
      bucket: this.plan.names.lakehouseBucket,
      connectionRef: this.connection.connectionRef,
      datasets: Object.fromEntries(this.datasets.namespaces.map((ns) => [ns, this.datasets.datasetId(ns)])),
      tables: templates.map((t, i) => ({
        namespace: t.namespace,
        name: t.name,
        tableRef: this.tables[i]!.tableRef,
        mode: this.tables[i]!.mode,
        storageUri: this.tables[i]!.storageUri,
        metadataUri: t.gcp?.metadata_uri,
      })),
    });
  }

  /** The drift query over the BigQuery-managed tables (external tables read their schema from a metadata file). */
  private driftQuery(env: EnvironmentConfig): SchemaDriftQuery | undefined {
    const managed = this.plan.tables.filter((t) => bigQueryTableMode(t.template) === 'managed');
    if (managed.length === 0) return undefined;
    return new SchemaDriftQuery(this, 'schema-drift', {
      projectId: env.gcp!.projectId,
      prefix: this.plan.prefix,
      location: env.gcp!.location,
      tables: managed.map((t) => ({ key: t.key, dataset: t.database, table: t.name, template: t.template })),
      datasetIds: Object.fromEntries(this.datasets.namespaces.map((ns) => [this.datasets.datasetId(ns), this.datasetRefs[ns]!])),
      schedule: env.drift.schedule,
      notificationChannel: env.notificationChannel,
      dependsOn: this.tables.map((t) => t.table),
    });
  }

  /** Gives an identity (`serviceAccount:...`, `group:...`) the reader tier: masked restricted columns, no bucket access. */
  grantRead(member: string): LakehouseAccessGrant {
    return this.grant('reader', member);
  }

  /** Gives an identity the writer tier, including unmasked restricted columns. */
  grantWrite(member: string): LakehouseAccessGrant {
    return this.grant('writer', member);
  }

  /** Gives an identity the admin tier (object read, the admin custom role, unmasked restricted columns). */
  grantAdmin(member: string): LakehouseAccessGrant {
    return this.grant('admin', member);
  }

  private grant(tier: AccessTier, member: string): LakehouseAccessGrant {
    const key = `${tier} ${member}`;
    if (this.granted.has(key)) throw new Error(`'${member}' already has the ${tier} tier of this lakehouse; grant each tier once`);
    this.granted.add(key);
    const grant = new LakehouseAccessGrant(this, `grant-${tier}-${member.replace(/[^A-Za-z0-9_-]/g, '-')}`, {
      tier,
      member,
      projectId: this.env.gcp!.projectId,
      bucketName: this.bucket.bucketName,
      datasetIds: this.datasetRefs,
      columnSecurity: this.columnSecurity,
      customRoles: this.customRoles.roleNames,
    });
    // Created after the constructor ordered its resources after their APIs: order this one too.
    this.apis?.orderResourcesIn(grant);
    return grant;
  }

  /** The APIs this lakehouse's resources call (see LAKEHOUSE_APIS); every resource created so far waits for its API. */
  private enableApis(): ProjectServices {
    const env = this.env;
    const apis: LakehouseApi[] = [
      'bigquery.googleapis.com',
      'bigqueryconnection.googleapis.com',
      'bigquerystorage.googleapis.com',
      'cloudresourcemanager.googleapis.com',
      'datacatalog.googleapis.com',
      'iam.googleapis.com',
      'storage.googleapis.com',
    ];
    if (env.customerManagedKey) apis.push('cloudkms.googleapis.com');
    if (env.audit.enabled) apis.push('logging.googleapis.com');
    if (this.columnSecurity.maskedTags.length > 0) apis.push('bigquerydatapolicy.googleapis.com');
    if (this.drift) apis.push('bigquerydatatransfer.googleapis.com', 'logging.googleapis.com', 'monitoring.googleapis.com');
    const services = new ProjectServices(this, 'apis', { projectId: env.gcp!.projectId, apis });
    services.orderResourcesIn(this);
    return services;
  }

  private createOutputs(outputPrefix: string): void {
    const output = (name: string, value: unknown, description: string): void =>
      addLakehouseOutput(this, outputPrefix, name, value, description);
    output('lakehouse_bucket', this.bucket.bucketName, 'Lakehouse bucket name');
    output('lakehouse_datasets', this.clientSettings.datasets, 'Namespace to <project>.<dataset>');
    output('lakehouse_connection_id', this.connection.connectionName, 'BigLake connection (projects/.../connections/...)');
    output(
      'lakehouse_tables',
      Object.fromEntries(Object.entries(this.clientSettings.tables).map(([k, t]) => [k, t.bigquery_table])),
      '<namespace>.<table> to <project>.<dataset>.<table>',
    );
    output('lakehouse_service_accounts', this.serviceAccounts.emails, 'Service account email per tier');
    output('lakehouse_client_settings', this.clientSettings, 'Settings for BigQuery, Spark and PyIceberg clients');
  }
}
