import { GlueCatalogTableOptimizer } from '@cdktf/provider-aws/lib/glue-catalog-table-optimizer';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyJson, type PolicyStatement } from '../policy-document';
import { afterTable, type CatalogRefs } from './catalog-refs';
import { glueCatalogArn, glueDatabaseArn, glueTablesArn, logGroupArn, s3ObjectsArn, type ArnScope } from './lakehouse-arns';
import type { LakehouseLayout, LakehouseNamespace } from './lakehouse-layout';
import { maintenancePlan } from './maintenance-plan';
import { packPolicies } from './policy-packing';
import { KMS_DATA_KEY_ACTIONS, LAKE_FORMATION_DATA_ACCESS, listPrefixes } from './tier-policies';

/** Log groups the Glue optimizers write to (fixed names chosen by Glue). */
export const OPTIMIZER_LOG_GROUPS = [
  '/aws-glue/iceberg-compaction/logs',
  '/aws-glue/iceberg-orphan-file-deletion/logs',
  '/aws-glue/iceberg-retention/logs',
] as const;
/** Lake Formation permissions the optimizer needs on each table it maintains. */
export const OPTIMIZER_TABLE_PERMISSIONS = ['ALTER', 'DELETE', 'DESCRIBE', 'INSERT', 'SELECT'] as const;

export interface GlueTableMaintenanceProps {
  /** `<project>-<env>`: the role is `<prefix>-lakehouse-optimizer`. */
  readonly prefix: string;
  readonly layout: LakehouseLayout;
  readonly catalog: CatalogRefs;
  readonly scope: ArnScope;
  /**
   * Resources the Lake Formation grants must wait for.
   * @default - none
   */
  readonly grantsDependOn?: readonly ITerraformDependable[];
}

function optimizerStatements(namespaces: readonly LakehouseNamespace[], s: ArnScope, first: boolean): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  if (first) {
    out.push(
      { Sid: 'LakeFormationDataAccess', Effect: 'Allow', Action: LAKE_FORMATION_DATA_ACCESS, Resource: '*' },
      {
        Sid: 'OptimizerLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: OPTIMIZER_LOG_GROUPS.map((g) => logGroupArn(s, g)),
      },
      { Sid: 'BucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: s.bucketArn },
      ...(s.kmsKeyArn !== undefined
        ? [{ Sid: 'DataKey', Effect: 'Allow' as const, Action: [...KMS_DATA_KEY_ACTIONS], Resource: s.kmsKeyArn }]
        : []),
    );
  }
  if (namespaces.length === 0) return out;
  out.push(
    {
      Sid: 'GlueTables',
      Effect: 'Allow',
      Action: ['glue:GetTable', 'glue:UpdateTable'],
      Resource: [glueCatalogArn(s), ...namespaces.flatMap((ns) => [glueDatabaseArn(s, ns.database), glueTablesArn(s, ns.database)])],
    },
    {
      Sid: 'TableFiles',
      Effect: 'Allow',
      Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      Resource: namespaces.map((ns) => s3ObjectsArn(s, ns.keyPrefix)),
    },
    listPrefixes(
      s,
      namespaces.flatMap((ns) => [ns.keyPrefix, `${ns.keyPrefix}/*`]),
    ),
  );
  return out;
}

/**
 * Glue table optimizers (compaction, snapshot retention, orphan file deletion) for the tables
 * whose {@link maintenancePlan} asks for them, run by a role of their own: IAM scoped to the
 * namespaces holding maintained tables, Lake Formation grants on exactly those tables.
 */
export class GlueTableMaintenance extends Construct {
  readonly role: IamRole;
  /** Optimizers by `<database>.<table>` and type. */
  readonly optimizers: Readonly<Record<string, Readonly<Record<string, GlueCatalogTableOptimizer>>>>;

  /** True when at least one template needs an optimizer. */
  static needed(layout: LakehouseLayout): boolean {
    return layout.tables.some((t) => maintenancePlan(t.template) !== undefined);
  }

  constructor(scope: Construct, id: string, props: GlueTableMaintenanceProps) {
    super(scope, id);
    const s = props.scope;
    const namespaces = props.layout.namespaces
      .map((ns) => ({ ...ns, tables: ns.tables.filter((t) => maintenancePlan(t.template) !== undefined) }))
      .filter((ns) => ns.tables.length > 0);
    this.role = new IamRole(this, 'role', {
      name: `${props.prefix}-lakehouse-optimizer`,
      description: 'Runs Glue table optimizers (compaction, snapshot retention, orphan file deletion) on lakehouse tables',
      // Glue does not document whether it sends aws:SourceAccount when it assumes an optimizer role,
      // and a plain StringEquals on an absent key would deny it (every optimizer run would fail).
      // IfExists enforces this account whenever the key is sent and cannot break the optimizers.
      assumeRolePolicy: assumeRolePolicy({ Service: 'glue.amazonaws.com' }, { StringEqualsIfExists: { 'aws:SourceAccount': s.account } }),
    });
    const docs = packPolicies('optimizer policy', namespaces, optimizerStatements, s);
    const ready: ITerraformDependable[] = docs.map((statements, i) => {
      const policy = new IamPolicy(this, `policy-${i + 1}`, {
        name: `${props.prefix}-lakehouse-optimizer-${i + 1}`,
        description: `Glue table optimizers of the lakehouse (part ${i + 1} of ${docs.length})`,
        policy: policyJson(statements),
      });
      return new IamRolePolicyAttachment(this, `attachment-${i + 1}`, { role: this.role.name, policyArn: policy.arn });
    });
    const roleArn = this.role.arn;
    const grantsDependOn = props.grantsDependOn ? [...props.grantsDependOn] : undefined;
    const byTable: Record<string, Record<string, GlueCatalogTableOptimizer>> = {};
    for (const ns of namespaces) {
      for (const table of ns.tables) {
        const plan = maintenancePlan(table.template)!;
        const ref = props.catalog.table(table.qualifiedName);
        const grant = new LakeformationPermissions(this, `grant-${ns.namespace}-${table.name}`, {
          principal: roleArn,
          permissions: [...OPTIMIZER_TABLE_PERMISSIONS],
          table: { databaseName: ref.databaseName, name: ref.name },
          dependsOn: afterTable(grantsDependOn, ref),
        });
        // Optimizers name the table: created after it, removed before it is dropped.
        const base = {
          catalogId: s.account,
          databaseName: ref.databaseName,
          tableName: ref.name,
          dependsOn: [...ready, grant, ...(ref.ready ? [ref.ready] : [])],
        };
        const config = { enabled: true, roleArn };
        const optimizers: Record<string, GlueCatalogTableOptimizer> = {};
        const add = (type: string, extra: object) => {
          optimizers[type] = new GlueCatalogTableOptimizer(this, `${ns.namespace}-${table.name}-${type}`, {
            ...base,
            type,
            configuration: [{ ...config, ...extra }],
          });
        };
        if (plan.compaction) add('compaction', {});
        if (plan.retention) add('retention', { retentionConfiguration: [{ icebergConfiguration: [{ ...plan.retention }] }] });
        if (plan.orphanFileDeletion) {
          add('orphan_file_deletion', { orphanFileDeletionConfiguration: [{ icebergConfiguration: [{ ...plan.orphanFileDeletion }] }] });
        }
        byTable[table.qualifiedName] = optimizers;
      }
    }
    this.optimizers = byTable;
  }
}
