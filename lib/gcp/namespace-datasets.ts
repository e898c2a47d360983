import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../errors';
import { namespaceDatabaseName } from '../model/naming';
import { bigQueryDatasetIdProblems } from './rules/names';

export interface NamespaceDatasetsProps {
  readonly projectId: string;
  /** Lakehouse project name (first part of `<project>_<env>_<namespace>`). */
  readonly project: string;
  /** Environment name. */
  readonly environment: string;
  /** Template namespaces; one dataset each (duplicates are merged, order does not matter). */
  readonly namespaces: readonly string[];
  /** Dataset location: the lakehouse bucket's location. */
  readonly location: string;
  /** @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** `prevent_destroy` on the datasets. @default true */
  readonly protectData?: boolean;
}

/**
 * One BigQuery dataset per template namespace, `<project>_<env>_<namespace>`: table names are only
 * unique within a namespace, so a single `<project>_<env>` dataset could hold two tables of the same name.
 */
export class NamespaceDatasets extends Construct {
  /** Namespaces, sorted. */
  readonly namespaces: readonly string[];
  private readonly byNamespace = new Map<string, BigqueryDataset>();
  private readonly ids = new Map<string, string>();

  constructor(scope: Construct, id: string, props: NamespaceDatasetsProps) {
    super(scope, id);
    this.namespaces = [...new Set(props.namespaces)].sort();
    const problems: string[] = [];
    for (const namespace of this.namespaces) {
      const datasetId = namespaceDatabaseName(props.project, props.environment, namespace);
      const rules = bigQueryDatasetIdProblems(datasetId);
      if (rules.length > 0) problems.push(`dataset id '${datasetId}' (namespace '${namespace}'): ${rules.join('; ')}`);
      this.ids.set(namespace, datasetId);
    }
    throwIfPropsProblems(this, 'NamespaceDatasets', problems);
    for (const namespace of this.namespaces) {
      this.byNamespace.set(
        namespace,
        new BigqueryDataset(this, namespace, {
          project: props.projectId,
          datasetId: this.ids.get(namespace)!,
          location: props.location,
          description: `Iceberg tables of namespace ${namespace} (${props.project} ${props.environment})`,
          deleteContentsOnDestroy: false,
          labels: { ...props.labels },
          lifecycle: { preventDestroy: props.protectData ?? true },
        }),
      );
    }
  }

  /** The dataset of a namespace; throws for a namespace no template declared. */
  dataset(namespace: string): BigqueryDataset {
    const dataset = this.byNamespace.get(namespace);
    if (!dataset) throw new Error(`No dataset for namespace '${namespace}'; known: ${this.namespaces.join(', ') || '(none)'}`);
    return dataset;
  }

  /** Literal dataset id of a namespace (no reference), for outputs and client settings. */
  datasetId(namespace: string): string {
    this.dataset(namespace);
    return this.ids.get(namespace)!;
  }

  /** Every dataset, in namespace order. */
  get all(): BigqueryDataset[] {
    return this.namespaces.map((n) => this.byNamespace.get(n)!);
  }
}
