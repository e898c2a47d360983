import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';
import { AssetType, dependable, TerraformAsset, Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../../errors';
import { AWS_NAME_LENGTHS, iamRoleNameProblems } from '../rules/names';
import { AwsContext } from '../aws-context';
import { arnProblems, retentionProblems } from '../prop-checks';
import { assumeRolePolicy, policyJson, type PolicyStatement } from '../policy-document';
import { TABLE_PROVISIONER_HANDLER, tableProvisionerPackage, type FunctionPackage } from './function-bundle';
import { duplicateTableKeyProblems, tableKey } from '../../model/duplicate-tables';
import { catalogSettings, desiredTableStates, type ProvisionedTable, type ProvisionerCatalog } from './provisioned-tables';
import { glueDatabasePolicies } from './glue-database-policies';
import { glueCatalogStatements, logStatements, secretStatements, vpcStatements, type ArnContext } from './provisioner-statements';

export interface TableProvisionerProps {
  /** `<project>-<env>`: the function, its role and log group are named `<prefix>-table-provisioner`. */
  readonly prefix: string;
  /** The catalog the tables live in. */
  readonly catalog: ProvisionerCatalog;
  /** One invocation per table; `<namespace>.<name>` must be unique. */
  readonly tables: readonly ProvisionedTable[];
  /** Refuse to drop a table whose template is removed, and `prevent_destroy` on each invocation. @default true */
  readonly protectData?: boolean;
  /** CloudWatch Logs retention of the function's log group (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** Customer-managed key for the log group. @default - CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: string;
  /** Private subnets and security group(s) to run in: required to reach Nessie's internal load balancer. @default - not in a VPC */
  readonly vpc?: { readonly subnetIds: readonly string[]; readonly securityGroupIds: readonly string[] };
  /** Raise to invoke every table again (an update against the live table). @default 0 */
  readonly revision?: number;
  /** Function timeout in seconds (retries with backoff included). @default 180 */
  readonly timeoutSeconds?: number;
  /** @default 256 */
  readonly memorySizeMb?: number;
  /** What every invocation waits for (the Glue databases, Lake Formation grants to the function's role). @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
  /** The deployment package. @default - built from this package (see function-bundle.ts) */
  readonly code?: FunctionPackage;
  /**
   * Managed policies the function's role may carry (`access.max_managed_policies_per_role`): its
   * per-database Glue permissions grow with the namespaces. Raise IAM's quota before raising this.
   * @default 10 (IAM's default quota)
   */
  readonly maxManagedPoliciesPerRole?: number;
}

const NAME_SUFFIX = '-table-provisioner';
/** Tag on the function's role: `lakehouse-tier = provisioner` (docs/access-model.md). */
export const PROVISIONER_TIER_TAG = { key: 'lakehouse-tier', value: 'provisioner' } as const;
const LAMBDA_NAME_MAX = AWS_NAME_LENGTHS.lambdaFunction.max;

/**
 * The table-provisioning function (nodejs22.x) with its role, log group and one
 * `aws_lambda_invocation` per table in `lifecycle_scope = "CRUD"` mode: Terraform creates,
 * updates and drops each table through the catalog's Iceberg REST API at apply time
 * (docs/table-provisioning.md). Invocations are in `<namespace>.<table>` order.
 */
export class TableProvisioner extends Construct {
  readonly functionName: string;
  readonly functionArn: string;
  readonly roleArn: string;
  readonly roleName: string;
  readonly logGroupName: string;
  /** Invocations by `<namespace>.<table>`: depend on one to wait until its table exists. */
  readonly invocations: Readonly<Record<string, LambdaInvocation>>;

  constructor(scope: Construct, id: string, props: TableProvisionerProps) {
    super(scope, id);
    validate(this, props);
    const context = AwsContext.of(this);
    const arns: ArnContext = { partition: context.partition, region: context.region, accountId: context.accountId };
    const name = `${props.prefix}${NAME_SUFFIX}`;
    const protectData = props.protectData ?? true;

    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
      lifecycle: protectData ? { preventDestroy: true } : undefined,
    });
    const role = new IamRole(this, 'role', {
      name,
      description: `Table provisioning for ${props.prefix}: Iceberg REST calls to the ${props.catalog.kind} catalog`,
      // Only Lambda acting for this account can take the role (confused-deputy protection).
      assumeRolePolicy: assumeRolePolicy({ Service: 'lambda.amazonaws.com' }, { StringEquals: { 'aws:SourceAccount': context.accountId } }),
      // The access analysis (lib/policy/access) knows it as the documented service identity that creates and drops tables.
      tags: { [PROVISIONER_TIER_TAG.key]: PROVISIONER_TIER_TAG.value },
    });
    const policy = new IamRolePolicy(this, 'policy', {
      role: role.name,
      name: 'table-provisioning',
      policy: policyJson(this.statements(props, arns, logGroup.arn)),
    });
    // Per-database Glue permissions grow with the namespaces: managed policies, split to fit IAM's limits.
    const databases = [...new Set(props.tables.map((t) => t.namespace))].sort();
    const gluePolicies =
      props.catalog.kind === 'glue'
        ? glueDatabasePolicies(this, name, role.name, arns, databases, !protectData, props.maxManagedPoliciesPerRole)
        : [];
    const fn = this.renderFunction(props, name, role.arn, logGroup, [policy, ...gluePolicies]);
    this.invocations = this.renderInvocations(props, arns, fn, policy, protectData);
    this.functionName = fn.functionName;
    this.functionArn = fn.arn;
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.logGroupName = logGroup.name;
  }

  /**
   * Makes every invocation wait for more resources, e.g. Lake Formation grants to `roleArn`, which
   * can only be declared after this construct exists.
   */
  waitFor(...dependables: ITerraformDependable[]): void {
    for (const invocation of Object.values(this.invocations)) {
      invocation.dependsOn = [...(invocation.dependsOn ?? []), ...dependables.map((d) => dependable(d))];
    }
  }

  private statements(props: TableProvisionerProps, arns: ArnContext, logGroupArn: string): PolicyStatement[] {
    const statements = [...logStatements(logGroupArn)];
    if (props.catalog.kind === 'glue') {
      statements.push(...glueCatalogStatements(arns));
    } else if (props.catalog.oauth2) {
      statements.push(...secretStatements(arns, props.catalog.oauth2.clientSecretArn, props.catalog.oauth2.secretKmsKeyArn));
    }
    if (props.vpc) statements.push(...vpcStatements(arns, props.vpc.subnetIds, props.vpc.securityGroupIds));
    return statements;
  }

  private renderFunction(
    props: TableProvisionerProps,
    name: string,
    roleArn: string,
    logGroup: CloudwatchLogGroup,
    permissions: readonly ITerraformDependable[],
  ) {
    const code = props.code ?? tableProvisionerPackage();
    const asset = new TerraformAsset(this, 'code', { path: code.zipPath, type: AssetType.FILE });
    return new LambdaFunction(this, 'function', {
      functionName: name,
      description: 'Creates, evolves and drops Iceberg tables from their templates (Iceberg REST catalog API)',
      role: roleArn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: TABLE_PROVISIONER_HANDLER,
      filename: asset.path,
      sourceCodeHash: code.sha256Base64,
      timeout: props.timeoutSeconds ?? 180,
      memorySize: props.memorySizeMb ?? 256,
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      // Lambda's default, stated: a trace only when the caller sends a sampled trace header (Terraform does not).
      tracingConfig: { mode: 'PassThrough' },
      ...(props.vpc ? { vpcConfig: { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] } } : {}),
      // The role's permissions and the log group exist before the first invocation.
      dependsOn: [logGroup, ...permissions],
    });
  }

  private renderInvocations(
    props: TableProvisionerProps,
    arns: ArnContext,
    fn: LambdaFunction,
    policy: IamRolePolicy,
    protectData: boolean,
  ): Record<string, LambdaInvocation> {
    const settings = catalogSettings(props.catalog, arns);
    const states = desiredTableStates(props.tables, settings, { protectData, revision: props.revision ?? 0 });
    const functionName = fn.functionName;
    const invocations: Record<string, LambdaInvocation> = {};
    for (const { key, table, state } of states) {
      invocations[key] = new LambdaInvocation(this, `table-${table.namespace}-${table.name}`, {
        functionName,
        input: JSON.stringify(state),
        lifecycleScope: 'CRUD',
        terraformKey: 'tf',
        dependsOn: [fn, policy, ...(props.dependsOn ?? [])],
        // Never `triggers`: a change of them replaces the invocation, and a replacement drops the table.
        lifecycle: protectData ? { preventDestroy: true } : undefined,
      });
    }
    return invocations;
  }
}

function validate(scope: Construct, props: TableProvisionerProps): void {
  const name = `${props.prefix}${NAME_SUFFIX}`;
  const catalog = props.catalog;
  throwIfPropsProblems(scope, 'TableProvisioner', [
    ...(Token.isUnresolved(props.prefix) || name.length <= LAMBDA_NAME_MAX
      ? []
      : [`prefix '${props.prefix}' makes the function name '${name}' longer than Lambda's ${LAMBDA_NAME_MAX} characters`]),
    ...(Token.isUnresolved(props.prefix) ? [] : iamRoleNameProblems(name).map((p) => `role name '${name}' ${p}`)),
    ...duplicateTableKeyProblems(props.tables.map(tableKey)),
    ...retentionProblems('logRetentionDays', props.logRetentionDays),
    ...arnProblems('logKmsKeyArn', props.logKmsKeyArn, 'kmsKey'),
    ...(catalog.kind === 'nessie' && !props.vpc ? ['vpc is required for a Nessie catalog: its load balancer is internal'] : []),
    ...(catalog.kind === 'nessie' && !Token.isUnresolved(catalog.uri) && !/^https?:\/\//.test(catalog.uri)
      ? [`catalog.uri '${catalog.uri}' must be an http(s) URL`]
      : []),
    ...oauthProblems(catalog),
    ...(catalog.kind === 'nessie' &&
    catalog.connectTo !== undefined &&
    !Token.isUnresolved(catalog.uri) &&
    !catalog.uri.startsWith('https://')
      ? [`catalog.connectTo needs an https catalog.uri ('${catalog.uri}'): the connection must prove it reached the URI's host`]
      : []),
    ...(props.vpc && (props.vpc.subnetIds.length === 0 || props.vpc.securityGroupIds.length === 0)
      ? ['vpc needs at least one subnet id and one security group id']
      : []),
    ...(props.revision !== undefined && !(Number.isInteger(props.revision) && props.revision >= 0)
      ? [`revision ${props.revision} must be a whole number >= 0`]
      : []),
  ]);
}

/** Tokens and client secrets must never cross plain HTTP. */
function oauthProblems(catalog: ProvisionerCatalog): string[] {
  if (catalog.kind !== 'nessie' || !catalog.oauth2) return [];
  return [
    ['catalog.uri', catalog.uri],
    ['catalog.oauth2.tokenUri', catalog.oauth2.tokenUri],
  ]
    .filter(([, value]) => !Token.isUnresolved(value) && !value!.startsWith('https://'))
    .map(([prop, value]) => `${prop} '${value}' must use https when OAuth2 is on (a bearer token must never cross plain HTTP)`);
}
