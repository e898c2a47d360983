import { AthenaNamedQuery } from '@cdktf/provider-aws/lib/athena-named-query';
import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { createHash } from 'node:crypto';
import { Construct } from 'constructs';
import { timeTravelTimestampSql, timeTravelVersionSql } from './athena-ddl';
import { auditQueries, isAuditTable, type NamedSql } from './audit-queries';
import { afterTable, type CatalogRefs } from './catalog-refs';
import type { LakehouseLayout, LakehouseTable } from './lakehouse-layout';
import { tierWorkgroup } from './tier-policies';
import { awsManagedS3KeyArn } from '../storage/aws-managed-s3-key';

export interface AthenaWorkspaceProps {
  /** Workgroup name (`<project>-<env>-lakehouse`). */
  readonly workgroupName: string;
  readonly layout: LakehouseLayout;
  readonly catalog: CatalogRefs;
  /** Bucket receiving query results. */
  readonly bucketName: string;
  /** Key prefix of the results, without slashes (`athena-results`). */
  readonly resultsPrefix: string;
  /** The account that must own the results bucket (Athena refuses to write elsewhere). */
  readonly expectedBucketOwner: string;
  /**
   * Customer-managed key for SSE-KMS results and for the data Athena writes (CTAS, INSERT, MERGE).
   * @default - SSE-KMS with the AWS-managed key `aws/s3`, looked up by its alias
   */
  readonly kmsKeyArn?: string;
  /** Keep the workgroup from being deleted with its named queries (`force_destroy = false`). @default true */
  readonly protectData?: boolean;
}

export const ATHENA_ENGINE_VERSION = 'Athena engine version 3';
/** Athena's limit on named query names. */
const NAMED_QUERY_NAME_CHARS = 128;

/** `<namespace>.<table> <what>`, shortened with a stable hash when longer than Athena allows. */
export function namedQueryName(table: LakehouseTable, what: string): string {
  const full = `${table.namespace}.${table.name} ${what}`;
  if (full.length <= NAMED_QUERY_NAME_CHARS) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const keep = NAMED_QUERY_NAME_CHARS - what.length - hash.length - 3;
  return `${`${table.namespace}.${table.name}`.slice(0, keep)}~${hash} ${what}`;
}

/** Every named query of one table: time travel, and compliance queries for audit logs. */
export function tableQueries(table: LakehouseTable): NamedSql[] {
  return [
    { key: 'time-travel-timestamp', description: 'Iceberg time travel: FOR TIMESTAMP AS OF', sql: timeTravelTimestampSql(table) },
    { key: 'time-travel-version', description: 'Iceberg time travel: FOR VERSION AS OF a snapshot id', sql: timeTravelVersionSql(table) },
    ...(isAuditTable(table) ? auditQueries(table) : []),
  ];
}

/**
 * The lakehouse's Athena workgroups (engine version 3, settings enforced on every query, results
 * encrypted under `s3://<bucket>/<resultsPrefix>/`): one for writers and admins holding a library
 * of named queries per table, and one for readers whose results stay apart from theirs.
 */
export class AthenaWorkspace extends Construct {
  readonly workgroup: AthenaWorkgroup;
  /** The reader tier's own workgroup (`<workgroupName>-readers`, results under `<resultsPrefix>/readers/`). */
  readonly readerWorkgroup: AthenaWorkgroup;
  /** Named queries by `<database>.<table>` and query key (`time-travel-timestamp`, `time-travel-version`, compliance queries). */
  readonly namedQueries: Readonly<Record<string, Readonly<Record<string, AthenaNamedQuery>>>>;
  /** `s3://<bucket>/<resultsPrefix>/`. */
  readonly resultsLocation: string;

  constructor(scope: Construct, id: string, props: AthenaWorkspaceProps) {
    super(scope, id);
    this.resultsLocation = `s3://${props.bucketName}/${props.resultsPrefix}/`;
    // Athena sends the workgroup's encryption as the SSE header of every object it writes, results
    // and table data alike, and the lakehouse bucket policy denies any SSE header other than
    // aws:kms: so always SSE-KMS, with the bucket's own key. SSE_KMS needs a key ARN (the console
    // and the user guide ask for one), hence the lookup of aws/s3 when there is no CMK.
    const kmsKeyArn = props.kmsKeyArn ?? awsManagedS3KeyArn(this);
    const workgroup = (id: string, name: string, outputLocation: string, description: string): AthenaWorkgroup =>
      new AthenaWorkgroup(this, id, {
        name,
        description,
        state: 'ENABLED',
        forceDestroy: !(props.protectData ?? true),
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
          resultConfiguration: {
            outputLocation,
            expectedBucketOwner: props.expectedBucketOwner,
            encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn },
          },
        },
      });
    this.workgroup = workgroup(
      'workgroup',
      props.workgroupName,
      this.resultsLocation,
      'Lakehouse queries: engine version 3, enforced settings, encrypted results',
    );
    const readers = tierWorkgroup('reader', { workgroupName: props.workgroupName, resultsPrefix: props.resultsPrefix });
    this.readerWorkgroup = workgroup(
      'reader-workgroup',
      readers.workgroupName,
      `s3://${props.bucketName}/${readers.resultsPrefix}/`,
      'Reader tier queries: results kept apart from writers and admins, whose results may hold restricted columns',
    );
    const libraryWorkgroup = this.workgroup.name;
    const namedQueries: Record<string, Record<string, AthenaNamedQuery>> = {};
    for (const table of props.layout.tables) {
      const queries: Record<string, AthenaNamedQuery> = {};
      // The SQL names the table: saved once the table exists, removed before it is dropped.
      const dependsOn = afterTable(undefined, props.catalog.table(table.qualifiedName));
      for (const q of tableQueries(table)) {
        queries[q.key] = new AthenaNamedQuery(this, `${table.namespace}-${table.name}-${q.key}`, {
          name: namedQueryName(table, q.key),
          description: q.description,
          workgroup: libraryWorkgroup,
          database: props.catalog.databaseName(table.namespace),
          query: q.sql,
          dependsOn,
        });
      }
      namedQueries[table.qualifiedName] = queries;
    }
    this.namedQueries = namedQueries;
  }
}
