/**
 * The IAM side of the three access tiers, as pure statement builders. Resources are scoped per
 * Glue database (`table/<db>/*`) and per namespace prefix, never per table, so a policy grows
 * with namespaces; Lake Formation grants do the per-table (and per-column) work.
 */
import type { PolicyStatement } from '../policy-document';
import {
  athenaDataCatalogArn,
  athenaWorkgroupArn,
  glueCatalogArn,
  glueDatabaseArn,
  glueTablesArn,
  s3ObjectsArn,
  type ArnScope,
} from './lakehouse-arns';
import type { AccessTier } from '../../plan/tiers';
import { READER_WORKGROUP_SUFFIX } from '../rules/glue-checks';
import type { LakehouseNamespace, LakehouseTable } from './lakehouse-layout';

export const GLUE_READ_ACTIONS = [
  'glue:BatchGetPartition',
  'glue:GetDatabase',
  'glue:GetDatabases',
  'glue:GetPartition',
  'glue:GetPartitions',
  'glue:GetTable',
  'glue:GetTableVersion',
  'glue:GetTableVersions',
  'glue:GetTables',
] as const;
/** An Iceberg commit through Glue swaps `metadata_location` with UpdateTable. */
export const GLUE_WRITE_ACTIONS = [...GLUE_READ_ACTIONS, 'glue:UpdateTable'].sort();
export const GLUE_ADMIN_ACTIONS = [
  ...GLUE_WRITE_ACTIONS,
  'glue:BatchDeleteTable',
  'glue:BatchDeleteTableVersion',
  'glue:CreateTable',
  'glue:DeleteTable',
  'glue:DeleteTableVersion',
  'glue:UpdateDatabase',
].sort();

export const ATHENA_QUERY_ACTIONS = [
  'athena:BatchGetNamedQuery',
  'athena:BatchGetQueryExecution',
  'athena:GetNamedQuery',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:GetQueryResultsStream',
  'athena:GetQueryRuntimeStatistics',
  'athena:GetWorkGroup',
  'athena:ListNamedQueries',
  'athena:ListQueryExecutions',
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
] as const;
/** Reading the shared named-query library, without seeing anyone's query executions or results. */
export const ATHENA_NAMED_QUERY_READ_ACTIONS = [
  'athena:BatchGetNamedQuery',
  'athena:GetNamedQuery',
  'athena:GetWorkGroup',
  'athena:ListNamedQueries',
] as const;

/** The workgroup and results prefix a tier runs its queries in. */
export function tierWorkgroup(tier: AccessTier, ctx: TierPolicyContext): { workgroupName: string; resultsPrefix: string } {
  return tier === 'reader'
    ? { workgroupName: `${ctx.workgroupName}-${READER_WORKGROUP_SUFFIX}`, resultsPrefix: `${ctx.resultsPrefix}/${READER_WORKGROUP_SUFFIX}` }
    : { workgroupName: ctx.workgroupName, resultsPrefix: ctx.resultsPrefix };
}

export const ATHENA_ADMIN_ACTIONS = [
  ...ATHENA_QUERY_ACTIONS,
  'athena:CreateNamedQuery',
  'athena:DeleteNamedQuery',
  'athena:UpdateNamedQuery',
].sort();
/** Lets the Athena console and JDBC/ODBC drivers browse the Glue catalog. */
export const ATHENA_CATALOG_ACTIONS = [
  'athena:GetDataCatalog',
  'athena:GetDatabase',
  'athena:GetTableMetadata',
  'athena:ListDatabases',
  'athena:ListTableMetadata',
] as const;

export const RESULTS_OBJECT_ACTIONS = ['s3:AbortMultipartUpload', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject'] as const;
export const TABLE_DATA_ACTIONS = [
  's3:AbortMultipartUpload',
  's3:DeleteObject',
  's3:GetObject',
  's3:ListMultipartUploadParts',
  's3:PutObject',
] as const;
export const KMS_DATA_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'] as const;
/** Denied on append-only tables; DeleteObjectVersion too, so versioned history cannot be purged either. */
export const APPEND_ONLY_DENIED_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectVersion'] as const;
/** `lakeformation:GetDataAccess` supports no resource-level scoping: its resource must be `*`. */
export const LAKE_FORMATION_DATA_ACCESS = 'lakeformation:GetDataAccess';

/** What every tier policy refers to besides the namespaces. */
export interface TierPolicyContext {
  readonly workgroupName: string;
  /** Key prefix of Athena query results, without slashes (`athena-results`). */
  readonly resultsPrefix: string;
}

const GLUE_ACTIONS: Record<AccessTier, readonly string[]> = {
  reader: GLUE_READ_ACTIONS,
  writer: GLUE_WRITE_ACTIONS,
  admin: GLUE_ADMIN_ACTIONS,
};

/** Statements of one tier policy holding `namespaces`; the first policy also carries the fixed statements. */
export function tierStatements(
  tier: AccessTier,
  ctx: TierPolicyContext,
  namespaces: readonly LakehouseNamespace[],
  s: ArnScope,
  first: boolean,
): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const writes = tier !== 'reader';
  const own = tierWorkgroup(tier, ctx);
  if (first) {
    out.push(
      { Sid: 'LakeFormationDataAccess', Effect: 'Allow', Action: LAKE_FORMATION_DATA_ACCESS, Resource: '*' },
      {
        Sid: 'AthenaWorkgroup',
        Effect: 'Allow',
        Action: tier === 'admin' ? ATHENA_ADMIN_ACTIONS : [...ATHENA_QUERY_ACTIONS],
        Resource: athenaWorkgroupArn(s, own.workgroupName),
      },
      ...(tier === 'reader'
        ? [
            {
              Sid: 'AthenaNamedQueries',
              Effect: 'Allow' as const,
              Action: [...ATHENA_NAMED_QUERY_READ_ACTIONS],
              Resource: athenaWorkgroupArn(s, ctx.workgroupName),
            },
          ]
        : []),
      { Sid: 'AthenaCatalog', Effect: 'Allow', Action: [...ATHENA_CATALOG_ACTIONS], Resource: athenaDataCatalogArn(s) },
      { Sid: 'QueryResults', Effect: 'Allow', Action: [...RESULTS_OBJECT_ACTIONS], Resource: s3ObjectsArn(s, own.resultsPrefix) },
      { Sid: 'BucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: s.bucketArn },
    );
    if (s.kmsKeyArn !== undefined) {
      out.push({ Sid: 'DataKey', Effect: 'Allow', Action: [...KMS_DATA_KEY_ACTIONS], Resource: s.kmsKeyArn });
    }
  }
  if (namespaces.length > 0) {
    out.push({
      Sid: 'GlueCatalog',
      Effect: 'Allow',
      Action: [...GLUE_ACTIONS[tier]],
      Resource: [glueCatalogArn(s), ...namespaces.flatMap((ns) => [glueDatabaseArn(s, ns.database), glueTablesArn(s, ns.database)])],
    });
  }
  if (writes && namespaces.length > 0) {
    out.push({
      Sid: 'TableData',
      Effect: 'Allow',
      Action: [...TABLE_DATA_ACTIONS],
      Resource: namespaces.map((ns) => s3ObjectsArn(s, ns.keyPrefix)),
    });
  }
  const prefixes = [...(first ? [own.resultsPrefix] : []), ...(writes ? namespaces.map((ns) => ns.keyPrefix) : [])].flatMap((p) => [
    p,
    `${p}/*`,
  ]);
  if (prefixes.length > 0) out.push(listPrefixes(s, prefixes));
  return out;
}

/** ListBucket limited to the given key prefixes (readers cannot even list table data). */
export function listPrefixes(s: ArnScope, prefixes: readonly string[]): PolicyStatement {
  return {
    Sid: 'ListPrefixes',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: s.bucketArn,
    Condition: { StringLike: { 's3:prefix': [...prefixes] } },
  };
}

/** One key prefix whose objects must never be deleted. */
export interface AppendOnlyTarget {
  readonly keyPrefix: string;
}

/**
 * Prefixes to protect: a whole namespace when all its tables are append-only (one entry instead
 * of many), otherwise each append-only table.
 */
export function appendOnlyTargets(namespaces: readonly LakehouseNamespace[]): AppendOnlyTarget[] {
  return namespaces.flatMap((ns) =>
    ns.allAppendOnly
      ? [{ keyPrefix: ns.keyPrefix }]
      : ns.tables.filter((t: LakehouseTable) => t.template.append_only).map((t) => ({ keyPrefix: t.keyPrefix })),
  );
}

export function appendOnlyDenyStatements(targets: readonly AppendOnlyTarget[], s: ArnScope): PolicyStatement[] {
  if (targets.length === 0) return [];
  return [
    {
      Sid: 'AppendOnlyNoDelete',
      Effect: 'Deny',
      Action: [...APPEND_ONLY_DENIED_ACTIONS],
      Resource: targets.map((t) => s3ObjectsArn(s, t.keyPrefix)),
    },
  ];
}
