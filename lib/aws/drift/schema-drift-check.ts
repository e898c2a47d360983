import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AssetType, TerraformAsset, Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DRIFT_CHECK_ENV, DRIFT_METRICS, DRIFT_TABLES_FILE } from '../../iceberg-rest/drift-check-input';
import { throwIfPropsProblems } from '../../errors';
import { compare } from '../../model/compare';
import { duplicateTableKeyProblems } from '../../model/duplicate-tables';
import { AwsContext } from '../aws-context';
import { assumeRolePolicy, policyJson, type PolicyStatement } from '../policy-document';
import { arnProblems, retentionProblems } from '../prop-checks';
import { DRIFT_CHECK, FUNCTION_HANDLER, functionPackage, type FunctionPackage } from '../provisioning/function-bundle';
import { catalogSettings, type ProvisionerCatalog } from '../provisioning/provisioned-tables';
import {
  glueReadStatements,
  logStatements,
  secretStatements,
  vpcStatements,
  type ArnContext,
} from '../provisioning/provisioner-statements';
import { AWS_NAME_LENGTHS, iamRoleNameProblems } from '../rules/names';
import { eventBridgeScheduleProblem } from '../rules/schedule';
import { driftCheckTables, type DriftCheckedTable } from './drift-tables';
import { metricStatements } from './drift-statements';
import { ScheduledInvocation } from './scheduled-invocation';

export interface SchemaDriftCheckProps {
  /** `<project>-<env>`: function, role and log group `<prefix>-schema-drift`, metrics in `Lakehouse/<prefix>`. */
  readonly prefix: string;
  /** The catalog the tables live in (the same settings as the table-provisioning function). */
  readonly catalog: ProvisionerCatalog;
  /** The tables and the Iceberg definition each must have; `key` must be unique. */
  readonly tables: readonly DriftCheckedTable[];
  /** EventBridge Scheduler expression (UTC). @default 'rate(1 hour)' */
  readonly schedule?: string;
  /** SNS topic notified by the alarms. @default - the alarms change state but notify nobody */
  readonly snsTopicArn?: string;
  /** CloudWatch Logs retention of the function's log group (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** Customer-managed key for the log group. @default - CloudWatch Logs' own encryption */
  readonly logKmsKeyArn?: string;
  /** Private subnets and security group(s) to run in: required to reach Nessie's internal load balancer. @default - not in a VPC */
  readonly vpc?: { readonly subnetIds: readonly string[]; readonly securityGroupIds: readonly string[] };
  /**
   * Glue with Lake Formation permissions: the databases (references, so the grants follow them) on
   * which the function's role gets DESCRIBE, with DESCRIBE on all their tables.
   * @default - no Lake Formation grants
   */
  readonly lakeFormation?: {
    /** Database name (a reference) by template namespace. */
    readonly databases: Readonly<Record<string, string>>;
    readonly dependsOn?: readonly ITerraformDependable[];
  };
  /**
   * Attach `secretsmanager:GetSecretValue` on the OAuth2 client secret to the function's role. Set
   * false when the secret's owner grants it (`NessieIdentity.grantSecretRead` also adds the role to
   * the secret's resource policy). @default true
   */
  readonly grantSecretRead?: boolean;
  /** `prevent_destroy` on the log group. @default true */
  readonly protectData?: boolean;
  /** Function timeout in seconds. @default 120 */
  readonly timeoutSeconds?: number;
  /** The deployment package. @default - built from this package with the tables (see function-bundle.ts) */
  readonly code?: FunctionPackage;
}

const NAME_SUFFIX = '-schema-drift';
const LAMBDA_NAME_MAX = AWS_NAME_LENGTHS.lambdaFunction.max;

/**
 * The scheduled schema drift check: the drift-check function (functions/drift-check) with its role,
 * log group and expected tables, an EventBridge Scheduler schedule, and two alarms: `<prefix>-schema-drift`
 * (SchemaDriftTables >= 1) and `<prefix>-schema-drift-check-failed` (the function failed, e.g. the
 * catalog was unreachable). See docs/operations.md.
 */
export class SchemaDriftCheck extends Construct {
  readonly functionName: string;
  readonly functionArn: string;
  readonly roleArn: string;
  readonly roleName: string;
  readonly logGroupName: string;
  /** `Lakehouse/<prefix>`: the only namespace the function may publish to. */
  readonly metricNamespace: string;
  /** Alarm names by key: `drift`, `check-failed`. */
  readonly alarmNames: Readonly<Record<'drift' | 'check-failed', string>>;
  readonly schedule: ScheduledInvocation;

  constructor(scope: Construct, id: string, props: SchemaDriftCheckProps) {
    super(scope, id);
    const name = `${props.prefix}${NAME_SUFFIX}`;
    const schedule = props.schedule ?? 'rate(1 hour)';
    validate(this, props, name, schedule);
    const context = AwsContext.of(this);
    const arns: ArnContext = { partition: context.partition, region: context.region, accountId: context.accountId };
    this.metricNamespace = `Lakehouse/${props.prefix}`;

    const logGroup = new CloudwatchLogGroup(this, 'logs', {
      name: `/aws/lambda/${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logKmsKeyArn,
      lifecycle: (props.protectData ?? true) ? { preventDestroy: true } : undefined,
    });
    const role = new IamRole(this, 'role', {
      name,
      description: `Schema drift check of ${props.prefix}: reads the ${props.catalog.kind} catalog, publishes ${this.metricNamespace} metrics`,
      assumeRolePolicy: assumeRolePolicy({ Service: 'lambda.amazonaws.com' }, { StringEquals: { 'aws:SourceAccount': context.accountId } }),
    });
    const policy = new IamRolePolicy(this, 'policy', {
      role: role.name,
      name: 'schema-drift-check',
      policy: policyJson(this.statements(props, arns, logGroup.arn)),
    });
    if (props.lakeFormation) this.grantDescribe(role.arn, props.lakeFormation);
    const fn = this.renderFunction(props, name, arns, role.arn, logGroup, policy);
    this.schedule = new ScheduledInvocation(this, 'schedule', {
      name: `${name}-scheduler`,
      scheduleExpression: schedule,
      functionArn: fn.arn,
      input: JSON.stringify({ source: 'lakehouse.drift-check', trigger: 'schedule' }),
      description: `Schema drift check of ${props.prefix}`,
    });
    this.alarmNames = this.renderAlarms(props, name, fn.functionName);
    this.functionName = fn.functionName;
    this.functionArn = fn.arn;
    this.roleArn = role.arn;
    this.roleName = role.name;
    this.logGroupName = logGroup.name;
  }

  private statements(props: SchemaDriftCheckProps, arns: ArnContext, logGroupArn: string): PolicyStatement[] {
    const statements = [...logStatements(logGroupArn), ...metricStatements(this.metricNamespace)];
    if (props.catalog.kind === 'glue') {
      statements.push(...glueReadStatements(arns, [...new Set(props.tables.map((t) => t.namespace))].sort()));
    } else if (props.catalog.oauth2 && (props.grantSecretRead ?? true)) {
      statements.push(...secretStatements(arns, props.catalog.oauth2.clientSecretArn, props.catalog.oauth2.secretKmsKeyArn));
    }
    if (props.vpc) statements.push(...vpcStatements(arns, props.vpc.subnetIds, props.vpc.securityGroupIds));
    return statements;
  }

  /** Lake Formation: reading table metadata needs DESCRIBE ("AWS Glue REST APIs for Apache Iceberg specifications"). */
  private grantDescribe(principal: string, lf: NonNullable<SchemaDriftCheckProps['lakeFormation']>): void {
    const dependsOn = lf.dependsOn ? [...lf.dependsOn] : undefined;
    for (const namespace of Object.keys(lf.databases).sort(compare)) {
      const database = lf.databases[namespace]!;
      new LakeformationPermissions(this, `describe-database-${namespace}`, {
        principal,
        permissions: ['DESCRIBE'],
        database: { name: database },
        dependsOn,
      });
      new LakeformationPermissions(this, `describe-tables-${namespace}`, {
        principal,
        permissions: ['DESCRIBE'],
        table: { databaseName: database, wildcard: true },
        dependsOn,
      });
    }
  }

  private renderFunction(
    props: SchemaDriftCheckProps,
    name: string,
    arns: ArnContext,
    roleArn: string,
    logGroup: CloudwatchLogGroup,
    policy: IamRolePolicy,
  ): LambdaFunction {
    const tables = Buffer.from(`${JSON.stringify(driftCheckTables(props.tables), null, 1)}\n`, 'utf8');
    const code = props.code ?? functionPackage(DRIFT_CHECK, { extraFiles: [{ name: DRIFT_TABLES_FILE, data: tables }] });
    const asset = new TerraformAsset(this, 'code', { path: code.zipPath, type: AssetType.FILE });
    return new LambdaFunction(this, 'function', {
      functionName: name,
      description: 'Compares every live Iceberg table with its template (Iceberg REST catalog API) and publishes SchemaDriftTables',
      role: roleArn,
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: FUNCTION_HANDLER,
      filename: asset.path,
      sourceCodeHash: code.sha256Base64,
      timeout: props.timeoutSeconds ?? 120,
      memorySize: 256,
      environment: {
        variables: {
          [DRIFT_CHECK_ENV.catalog]: JSON.stringify(catalogSettings(props.catalog, arns)),
          [DRIFT_CHECK_ENV.metricNamespace]: this.metricNamespace,
          [DRIFT_CHECK_ENV.prefix]: props.prefix,
        },
      },
      loggingConfig: { logFormat: 'Text', logGroup: logGroup.name },
      // Lambda's default, stated: a trace only when the caller sends a sampled trace header (the scheduler does not).
      tracingConfig: { mode: 'PassThrough' },
      ...(props.vpc ? { vpcConfig: { subnetIds: [...props.vpc.subnetIds], securityGroupIds: [...props.vpc.securityGroupIds] } } : {}),
      dependsOn: [logGroup, policy],
    });
  }

  private renderAlarms(props: SchemaDriftCheckProps, name: string, functionName: string): Record<'drift' | 'check-failed', string> {
    const actions = props.snsTopicArn ? [props.snsTopicArn] : undefined;
    new CloudwatchMetricAlarm(this, 'drift-alarm', {
      alarmName: name,
      alarmDescription: `Live Iceberg tables of ${props.prefix} differ from their templates: see the "schema-drift" lines in /aws/lambda/${name} and docs/operations.md`,
      namespace: this.metricNamespace,
      metricName: DRIFT_METRICS.driftedTables,
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      // One data point per run: between runs there is none, and the last run's verdict stands.
      treatMissingData: 'ignore',
      alarmActions: actions,
      okActions: actions,
    });
    new CloudwatchMetricAlarm(this, 'failed-alarm', {
      alarmName: `${name}-check-failed`,
      alarmDescription: `The schema drift check of ${props.prefix} failed (catalog unreachable, a table that could not be loaded): see /aws/lambda/${name}`,
      namespace: 'AWS/Lambda',
      metricName: 'Errors',
      dimensions: { FunctionName: functionName },
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'notBreaching',
      alarmActions: actions,
    });
    return { drift: name, 'check-failed': `${name}-check-failed` };
  }
}

function validate(scope: Construct, props: SchemaDriftCheckProps, name: string, schedule: string): void {
  const catalog = props.catalog;
  const scheduler = `${name}-scheduler`;
  throwIfPropsProblems(scope, 'SchemaDriftCheck', [
    ...(Token.isUnresolved(props.prefix) || name.length <= LAMBDA_NAME_MAX
      ? []
      : [`prefix '${props.prefix}' makes the function name '${name}' longer than Lambda's ${LAMBDA_NAME_MAX} characters`]),
    ...(Token.isUnresolved(props.prefix) ? [] : iamRoleNameProblems(scheduler).map((p) => `role name '${scheduler}' ${p}`)),
    ...duplicateTableKeyProblems(props.tables.map((t) => t.key)),
    ...(props.tables.length === 0 ? ['tables: there is nothing to check; give at least one table'] : []),
    ...(Token.isUnresolved(schedule)
      ? []
      : [eventBridgeScheduleProblem(schedule)].filter((p) => p !== undefined).map((p) => `schedule: ${p}`)),
    ...retentionProblems('logRetentionDays', props.logRetentionDays),
    ...arnProblems('logKmsKeyArn', props.logKmsKeyArn, 'kmsKey'),
    ...arnProblems('snsTopicArn', props.snsTopicArn, 'snsTopic'),
    ...(catalog.kind === 'nessie' && !props.vpc ? ['vpc is required for a Nessie catalog: its load balancer is internal'] : []),
    ...(props.vpc && (props.vpc.subnetIds.length === 0 || props.vpc.securityGroupIds.length === 0)
      ? ['vpc needs at least one subnet id and one security group id']
      : []),
    ...(catalog.kind === 'nessie' && catalog.oauth2 && !Token.isUnresolved(catalog.uri) && !catalog.uri.startsWith('https://')
      ? [`catalog.uri '${catalog.uri}' must use https when OAuth2 is on (a bearer token must never cross plain HTTP)`]
      : []),
  ]);
}
