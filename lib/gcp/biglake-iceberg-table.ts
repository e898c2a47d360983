import { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { bigQueryTableMode, checkBigQueryCompatibility } from './rules/bigquery-compat';
import { formatPath } from '../model/problems';
import type { LoadedTableTemplate } from '../model/table-template';
import { bigQuerySchemaFor, type PolicyTagResolver } from './bigquery-table-schema';
import { bigQueryClustering, type BigQueryClustering } from '../model/mappings/bigquery-clustering';

export interface BigLakeIcebergTableProps {
  readonly template: LoadedTableTemplate;
  readonly projectId: string;
  /** Dataset id of the template's namespace (a reference, so the table follows the dataset). */
  readonly datasetId: string;
  /** Literal dataset id, for `tableRef`. */
  readonly datasetIdLiteral: string;
  /** BigLake connection name (`projects/.../connections/...`). */
  readonly connectionName: string;
  /**
   * Empty folder owned by this table (`gs://<bucket>/<prefix>/<namespace>/<table>/`) for
   * BigQuery-managed tables; unused for external tables, which read `gcp.metadata_uri`.
   */
  readonly storageUri: string;
  /** Policy tag for restricted columns; required when the template has restricted columns. @default - no column carries a tag */
  readonly policyTagFor?: PolicyTagResolver;
  /** Grants the connection needs before BigQuery touches the bucket. @default [] */
  readonly dependsOn?: ITerraformDependable[];
  /** `deletion_protection` and `prevent_destroy`: a schema change forcing replacement stops the plan. @default true */
  readonly protectData?: boolean;
  /**
   * The environment acknowledges that BigQuery cannot enforce `append_only` (`gcp.accept_unenforced_append_only`):
   * an append-only managed table then carries the label {@link APPEND_ONLY_LABEL}, which the access
   * report reads to list its row deletes as an accepted limitation.
   * @default false
   */
  readonly unenforcedAppendOnly?: boolean;
}

/** Label of an append-only managed table whose environment accepts that BigQuery cannot enforce it. */
export const APPEND_ONLY_LABEL = { key: 'lakehouse-append-only', value: 'unenforced-accepted' } as const;

/**
 * One table template as a BigQuery table, declared with `google_bigquery_table` (no DDL jobs):
 * a BigQuery-managed Iceberg table (`biglake_configuration`, schema from the template, policy tags
 * on restricted columns, clustering on the template's partition and sort columns) or, with `gcp.metadata_uri`, an Iceberg external table reading that snapshot.
 */
export class BigLakeIcebergTable extends Construct {
  readonly table: BigqueryTable;
  readonly mode: 'managed' | 'external';
  /** `<project>.<dataset>.<table>` */
  readonly tableRef: string;
  /** The managed table's folder (as given; unused by external tables). */
  readonly storageUri: string;
  /** Managed tables: the clustering derived from the template's partition and sort columns, and what was left out. */
  readonly clustering?: BigQueryClustering;

  constructor(scope: Construct, id: string, props: BigLakeIcebergTableProps) {
    super(scope, id);
    const t = props.template;
    const problems = checkBigQueryCompatibility(t).map((p) => `${formatPath(p.path)}: ${p.message}`);
    this.mode = bigQueryTableMode(t);
    const restricted = t.parsedColumns.some((c) => c.accessLevel === 'restricted');
    if (this.mode === 'managed' && restricted && !props.policyTagFor) {
      problems.push('has restricted columns but no policyTagFor was given: every restricted column must carry a policy tag');
    }
    if (this.mode === 'managed' && !/^gs:\/\/[^/]+\/(.+\/)?$/.test(props.storageUri)) {
      problems.push(`storageUri '${props.storageUri}' must be a gs://<bucket>/<folder>/ prefix ending in '/'`);
    }
    if (problems.length > 0) {
      throw new Error(
        `Table template ${t.file} (${t.namespace}.${t.name}) cannot become a BigQuery table:\n  - ${problems.join('\n  - ')}`,
      );
    }

    const protectData = props.protectData ?? true;
    const common = {
      project: props.projectId,
      datasetId: props.datasetId,
      tableId: t.name,
      description: t.description,
      labels: {
        ...t.tags,
        ...(props.unenforcedAppendOnly && t.append_only && this.mode === 'managed'
          ? { [APPEND_ONLY_LABEL.key]: APPEND_ONLY_LABEL.value }
          : {}),
      },
      deletionProtection: protectData,
      dependsOn: props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined,
      lifecycle: { preventDestroy: protectData },
    };
    // BigQuery applies no Iceberg partition spec or sort order to a managed table; it clusters instead.
    this.clustering = this.mode === 'managed' ? bigQueryClustering(t) : undefined;
    const clustering = this.clustering && this.clustering.columns.length > 0 ? { clustering: [...this.clustering.columns] } : {};
    this.table =
      this.mode === 'managed'
        ? new BigqueryTable(this, 'table', {
            ...common,
            ...clustering,
            schema: JSON.stringify(bigQuerySchemaFor(t, props.policyTagFor ?? noTag)),
            biglakeConfiguration: {
              connectionId: props.connectionName,
              storageUri: props.storageUri,
              fileFormat: 'PARQUET',
              tableFormat: 'ICEBERG',
            },
          })
        : new BigqueryTable(this, 'table', {
            ...common,
            // The schema comes from the metadata file: BigQuery refuses a declared one for ICEBERG.
            externalDataConfiguration: {
              autodetect: true,
              sourceFormat: 'ICEBERG',
              sourceUris: [t.gcp!.metadata_uri!],
              connectionId: props.connectionName,
            },
          });
    this.tableRef = `${props.projectId}.${props.datasetIdLiteral}.${t.name}`;
    this.storageUri = props.storageUri;
  }
}

function noTag(): string {
  throw new Error('unreachable: restricted columns are checked before the schema is built');
}
