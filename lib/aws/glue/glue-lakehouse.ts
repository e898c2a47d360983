import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../../errors';
import { errorsOf, formatUnlocated, warningsOf } from '../../model/problems';
import { warnProblems } from '../../stack/problem-warnings';
import type { LakehousePlan } from '../../plan';
import { integerProblems } from '../prop-checks';
import { awsLakehouseProblems } from '../rules/aws-checks';
import { glueReaderWorkgroupName, glueWorkgroupName } from '../rules/glue-checks';
import { AwsContext } from '../aws-context';
import { AthenaWorkspace } from './athena-workspace';
import { GlueCatalogTables } from './glue-catalog-tables';
import { LakeFormationAccountSettings } from './lake-formation-settings';
import { LakeFormationRegistration } from './lake-formation-registration';
import type { LakeFormationTierGrants } from './lake-formation-grants';
import type { GrantableRole } from '../grantable-role';
import { LakehouseAccessRoles } from './lakehouse-access-roles';
import type { ArnScope } from './lakehouse-arns';
import { lakehouseLayout, type LakehouseLayout } from './lakehouse-layout';
import { IAM_LIMITS } from './policy-packing';
import { ProvisionerLakeFormationGrants } from './provisioner-grants';
import type { TableProvisioner } from '../provisioning/table-provisioner';
import type { LakehouseStorageRef } from './storage-ref';
import { GlueTableMaintenance } from './table-maintenance';
import { ACCESS_TIERS, tierPrincipals, type AccessTier } from '../../plan/tiers';

export interface GlueLakehouseProps {
  /**
   * The resolved plan of the environment (`planLakehouse(environment, templates)`): tables,
   * names, `protectData`, `access` (Lake Formation administrators, trusted principals, account
   * settings).
   */
  readonly plan: LakehousePlan;
  /** The lakehouse bucket. */
  readonly storage: LakehouseStorageRef;
  /**
   * Managed policies one role may carry; raise IAM's quota before raising this (up to 20).
   * @default 10
   */
  readonly maxManagedPoliciesPerRole?: number;
}

/** Key prefix of Athena query results in the lakehouse bucket. */
export const ATHENA_RESULTS_PREFIX = 'athena-results';

/**
 * The AWS Glue catalog path: Glue databases, the Iceberg tables (created, evolved and dropped by the
 * table-provisioning function through Glue's Iceberg REST endpoint), the Athena workgroups (readers'
 * apart) and named queries, the reader/writer/admin roles with Lake Formation grants (restricted columns
 * excluded for readers), the Lake Formation registration of the warehouse, optional account
 * settings, and Glue table optimizers. See docs/aws-glue.md.
 */
export class GlueLakehouse extends Construct {
  readonly layout: LakehouseLayout;
  readonly settings?: LakeFormationAccountSettings;
  readonly catalog: GlueCatalogTables;
  /** The table-provisioning function and one invocation per table (`catalog.provisioner`). */
  readonly provisioner: TableProvisioner;
  /** Lake Formation permissions of the function's role. */
  readonly provisionerGrants: ProvisionerLakeFormationGrants;
  readonly registration: LakeFormationRegistration;
  readonly workspace: AthenaWorkspace;
  readonly access: LakehouseAccessRoles;
  readonly maintenance?: GlueTableMaintenance;
  /** Glue database names, sorted. */
  readonly databaseNames: readonly string[];
  /** `<database>.<table>` of every table, sorted. */
  readonly tableNames: readonly string[];
  /** Role ARNs by tier. */
  readonly roleArns: Readonly<Record<AccessTier, string>>;
  readonly readerRoleArn: string;
  readonly writerRoleArn: string;
  readonly adminRoleArn: string;
  /** Athena workgroup name (`<prefix>-lakehouse`), used by writers and admins. */
  readonly workgroupName: string;
  /** The reader tier's Athena workgroup (`<prefix>-lakehouse-readers`). */
  readonly readerWorkgroupName: string;
  /** `s3://<bucket>/athena-results/`. */
  readonly resultsLocation: string;
  /** Glue catalog id (the account id) and region, for client settings. */
  readonly catalogId: string;
  readonly region: string;

  constructor(scope: Construct, id: string, props: GlueLakehouseProps) {
    super(scope, id);
    const { plan } = props;
    const env = plan.environment;
    const maxManagedPoliciesPerRole =
      props.maxManagedPoliciesPerRole ?? plan.environment.access.maxManagedPoliciesPerRole ?? IAM_LIMITS.managedPoliciesPerRole;
    const ruleProblems = awsLakehouseProblems(plan);
    warnProblems(this, warningsOf(ruleProblems));
    throwIfPropsProblems(this, 'GlueLakehouse', [
      ...errorsOf(ruleProblems).map(formatUnlocated),
      ...(env.catalog === 'glue' ? [] : [`plan: the environment's catalog is '${env.catalog}'; GlueLakehouse needs catalog: glue`]),
      ...integerProblems('maxManagedPoliciesPerRole', maxManagedPoliciesPerRole, 1, IAM_LIMITS.maxManagedPoliciesPerRoleQuota),
    ]);
    const protectData = env.protectData;
    const manageAccountSettings = env.access.manageAccountSettings;
    const lakeFormationAdmins = env.access.lakeFormationAdmins;
    this.workgroupName = glueWorkgroupName(plan.prefix);
    this.layout = lakehouseLayout(plan, props.storage);

    const ctx = AwsContext.of(this);
    const arnScope = arnScopeOf(ctx, props.storage);
    if (manageAccountSettings) this.settings = new LakeFormationAccountSettings(this, 'account-settings', { admins: lakeFormationAdmins });
    // Without the account settings the account's defaults may give IAMAllowedPrincipals ALL on new
    // tables (Lake Formation then defers to IAM): hybrid access mode keeps it in force for the tiers.
    const hybrid = !manageAccountSettings;
    const after = this.settings ? [this.settings.resource] : undefined;

    const tables = this.tablesAndRegistration(props, arnScope, after, hybrid);
    this.catalog = tables.catalog;
    this.provisioner = tables.catalog.provisioner;
    this.registration = tables.registration;
    this.provisionerGrants = tables.provisionerGrants;
    this.workspace = new AthenaWorkspace(this, 'athena', {
      workgroupName: this.workgroupName,
      layout: this.layout,
      catalog: this.catalog,
      bucketName: props.storage.bucketName,
      resultsPrefix: ATHENA_RESULTS_PREFIX,
      expectedBucketOwner: ctx.accountId,
      kmsKeyArn: props.storage.kmsKeyArn,
      protectData,
    });
    this.access = new LakehouseAccessRoles(this, 'access', {
      prefix: plan.prefix,
      layout: this.layout,
      catalog: this.catalog,
      scope: arnScope,
      workgroupName: this.workgroupName,
      resultsPrefix: ATHENA_RESULTS_PREFIX,
      trust: tierTrust(env.access, ctx.rootArn),
      optIn: hybrid,
      // Opt-ins need the hybrid registration; grants need the settings (the deployer as administrator).
      grantsDependOn: [...(after ?? []), this.registration.resource],
      maxManagedPoliciesPerRole,
    });
    if (GlueTableMaintenance.needed(this.layout)) {
      this.maintenance = new GlueTableMaintenance(this, 'maintenance', {
        prefix: plan.prefix,
        layout: this.layout,
        catalog: this.catalog,
        scope: arnScope,
        grantsDependOn: after,
      });
    }
    this.databaseNames = this.layout.namespaces.map((ns) => ns.database);
    this.tableNames = this.layout.tables.map((t) => t.qualifiedName);
    this.roleArns = this.access.roleArns;
    ({ reader: this.readerRoleArn, writer: this.writerRoleArn, admin: this.adminRoleArn } = this.roleArns);
    this.resultsLocation = this.workspace.resultsLocation;
    this.readerWorkgroupName = glueReaderWorkgroupName(plan.prefix);
    this.catalogId = ctx.accountId;
    this.region = ctx.region;
  }

  /**
   * The databases and the table-provisioning function, the registration of the warehouse with
   * Lake Formation, and the function's Lake Formation grants, which every table's creation waits for.
   */
  private tablesAndRegistration(
    props: GlueLakehouseProps,
    arnScope: ArnScope,
    after: ITerraformDependable[] | undefined,
    hybridAccess: boolean,
  ) {
    const { plan } = props;
    const env = plan.environment;
    const catalog = new GlueCatalogTables(this, 'catalog', {
      layout: this.layout,
      label: `${env.project} ${env.name}`,
      prefix: plan.prefix,
      protectData: env.protectData,
      logRetentionDays: env.logging.retentionDays,
      ...(props.storage.kmsKeyArn !== undefined ? { logKmsKeyArn: props.storage.kmsKeyArn } : {}),
      ...(env.provisioningRevision !== undefined ? { revision: env.provisioningRevision } : {}),
      maxManagedPoliciesPerRole:
        props.maxManagedPoliciesPerRole ?? env.access.maxManagedPoliciesPerRole ?? IAM_LIMITS.managedPoliciesPerRole,
      dependsOn: after,
    });
    const registration = new LakeFormationRegistration(this, 'registration', {
      prefix: plan.prefix,
      scope: arnScope,
      warehousePrefix: plan.storage.warehousePrefix,
      hybridAccess,
      dependsOn: after,
    });
    const provisionerGrants = new ProvisionerLakeFormationGrants(this, 'provisioner-grants', {
      principal: catalog.provisioner.roleArn,
      layout: this.layout,
      catalog,
      dataLocationArn: registration.locationArn,
      protectData: env.protectData,
      dependsOn: after,
    });
    catalog.waitFor(...provisionerGrants.permissions);
    return { catalog, registration, provisionerGrants };
  }

  /** Gives another role the reader permission set. `id` names the grant when `roleName` is a reference. */
  grantRead(role: GrantableRole, id?: string): LakeFormationTierGrants {
    return this.access.grantRead(role, id);
  }

  /** Gives another role the writer permission set. */
  grantWrite(role: GrantableRole, id?: string): LakeFormationTierGrants {
    return this.access.grantWrite(role, id);
  }

  /** Gives another role the admin permission set. */
  grantAdmin(role: GrantableRole, id?: string): LakeFormationTierGrants {
    return this.access.grantAdmin(role, id);
  }
}

/** Each tier's trust list, the account root where the environment lists nobody (IAM decides). */
function tierTrust(access: GlueLakehouseProps['plan']['environment']['access'], rootArn: string): Record<AccessTier, readonly string[]> {
  const listed = tierPrincipals(access);
  return Object.fromEntries(ACCESS_TIERS.map((tier) => [tier, listed[tier].length > 0 ? listed[tier] : [rootArn]])) as Record<
    AccessTier,
    readonly string[]
  >;
}

/** Account, region, partition (references) and the bucket and key every Glue-path ARN is built from. */
function arnScopeOf(ctx: AwsContext, storage: LakehouseStorageRef): ArnScope {
  return {
    partition: ctx.partition,
    region: ctx.region,
    account: ctx.accountId,
    bucketArn: storage.bucketArn,
    ...(storage.kmsKeyArn !== undefined ? { kmsKeyArn: storage.kmsKeyArn } : {}),
  };
}
