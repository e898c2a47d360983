/**
 * How `AwsLakehouse` wires the drift checks of `drift.enabled` to its catalog: on Glue the check
 * reads the databases by name with Lake Formation DESCRIBE, and the Glue change alarm expects the
 * writer, admin, provisioning and maintenance roles; on Nessie the check runs in the VPC and signs
 * in as the Cognito `provisioner` client when authentication is on.
 */
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../model/environment';
import type { LakehousePlan, TablePlan } from '../../plan';
import { AwsContext } from '../aws-context';
import type { GlueLakehouse } from '../glue';
import type { NessieLakehouse } from '../nessie';
import { NESSIE_WAREHOUSE_NAME } from '../nessie/nessie-container';
import { NessieFunctionAccess } from '../nessie/nessie-function-access';
import type { DriftCheckedTable } from './drift-tables';
import { GlueTableChangeAlarm } from './glue-table-change-alarm';
import { SchemaDriftCheck, type SchemaDriftCheckProps } from './schema-drift-check';

export interface LakehouseDriftArgs {
  readonly plan: LakehousePlan;
  readonly kmsKeyArn?: string;
  readonly glue?: GlueLakehouse;
  readonly nessie?: NessieLakehouse;
}

export interface LakehouseDrift {
  readonly drift?: SchemaDriftCheck;
  readonly glueChanges?: GlueTableChangeAlarm;
}

/** The drift check (and on Glue the change alarm) in `scope`, when the environment asks for it. */
export function addLakehouseDrift(scope: Construct, args: LakehouseDriftArgs): LakehouseDrift {
  const env = args.plan.environment;
  if (!env.drift.enabled) return {};
  if (args.glue) return glueDrift(scope, args, args.glue);
  return args.nessie ? { drift: nessieDrift(scope, args, args.nessie) } : {};
}

function common(env: EnvironmentConfig, args: LakehouseDriftArgs, namespaceOf: (t: TablePlan) => string) {
  const tables: DriftCheckedTable[] = args.plan.tables.map((t) => ({
    key: t.key,
    namespace: namespaceOf(t),
    name: t.name,
    iceberg: t.iceberg,
  }));
  return {
    prefix: args.plan.prefix,
    tables,
    schedule: env.drift.schedule,
    snsTopicArn: env.snsTopicArn,
    logRetentionDays: env.logging.retentionDays,
    logKmsKeyArn: args.kmsKeyArn,
    protectData: env.protectData,
  } satisfies Partial<SchemaDriftCheckProps>;
}

function glueDrift(scope: Construct, args: LakehouseDriftArgs, glue: GlueLakehouse): LakehouseDrift {
  const { plan } = args;
  const env = plan.environment;
  const drift = new SchemaDriftCheck(scope, 'schema-drift', {
    ...common(env, args, (t) => t.database),
    catalog: { kind: 'glue' },
    lakeFormation: {
      databases: Object.fromEntries(plan.namespaces.map((ns) => [ns.namespace, glue.catalog.databaseName(ns.namespace)])),
      dependsOn: glue.settings ? [glue.settings.resource] : undefined,
    },
  });
  const context = AwsContext.of(scope);
  // The table-provisioning function's role, by its fixed name (TableProvisioner: `<prefix>-table-provisioner`).
  const provisioner = `arn:${context.partition}:iam::${context.accountId}:role/${plan.prefix}-table-provisioner`;
  const maintenance = glue.maintenance ? [glue.maintenance.role.arn] : [];
  const glueChanges = new GlueTableChangeAlarm(scope, 'glue-table-changes', {
    prefix: plan.prefix,
    databases: plan.namespaces.map((ns) => ns.database),
    expectedRoleArns: [glue.writerRoleArn, glue.adminRoleArn, provisioner, ...maintenance],
    functionArn: drift.functionArn,
    functionName: drift.functionName,
    metricNamespace: drift.metricNamespace,
    snsTopicArn: env.snsTopicArn,
  });
  return { drift, glueChanges };
}

function nessieDrift(scope: Construct, args: LakehouseDriftArgs, nessie: NessieLakehouse): SchemaDriftCheck {
  const env = args.plan.environment;
  const network = new NessieFunctionAccess(scope, 'schema-drift-network', {
    name: `${args.plan.prefix}-schema-drift`,
    purpose: 'Schema drift check',
    vpcId: nessie.vpcId,
    loadBalancerGroupId: nessie.loadBalancer.securityGroups.loadBalancerGroupId,
    https: nessie.loadBalancer.https,
  });
  const identity = nessie.identity;
  const client = nessie.provisionerOAuth;
  const oauth2 =
    identity && client
      ? { tokenUri: client.tokenEndpoint, clientId: identity.clientIds.provisioner, clientSecretArn: client.secretArn, scope: client.scope }
      : undefined;
  const drift = new SchemaDriftCheck(scope, 'schema-drift', {
    ...common(env, args, (t) => t.namespace),
    catalog: { kind: 'nessie', uri: nessie.icebergRestUri, warehouse: NESSIE_WAREHOUSE_NAME, oauth2 },
    // NessieIdentity.grantSecretRead grants it, and also lets the role through the secret's resource policy.
    grantSecretRead: false,
    vpc: { subnetIds: nessie.privateSubnetIds, securityGroupIds: [network.securityGroupId] },
  });
  identity?.grantSecretRead({ roleArn: drift.roleArn, roleName: drift.roleName }, 'provisioner', 'schema-drift-secret-read');
  return drift;
}
