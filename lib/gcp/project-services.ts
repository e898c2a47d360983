import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { dependable, TerraformDataSource, TerraformResource } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { compare } from '../model/compare';
import { ensureTimeProvider } from './iam-propagation';

/**
 * The Google Cloud APIs the lakehouse calls, with what needs each. Checked against the Google
 * provider 6.50 resource docs and each product's "before you begin" (Enable the API) section.
 * `google_project_service` itself needs the Service Usage API, which every project has enabled.
 */
export const LAKEHOUSE_APIS = {
  'bigquery.googleapis.com': 'BigQuery: datasets, tables, dataset IAM',
  'bigqueryconnection.googleapis.com': 'BigQuery Connection: the BigLake connection',
  'bigquerydatapolicy.googleapis.com': 'BigQuery Data Policy: masking data policies (only when a restricted column has masking)',
  'bigquerydatatransfer.googleapis.com': "BigQuery Data Transfer: the drift check's scheduled query (only with drift on)",
  'bigquerystorage.googleapis.com':
    'BigQuery Storage: the Read and Write APIs clients use (Spark connector, writeMethod=direct); no resource',
  'cloudkms.googleapis.com': 'Cloud KMS: key ring, key, key IAM (only with encryption.customer_managed_key)',
  'cloudresourcemanager.googleapis.com': 'Resource Manager: project IAM members and Data Access audit configs',
  'datacatalog.googleapis.com': 'Data Catalog: the policy-tag taxonomy and tags',
  'iam.googleapis.com': 'IAM: service accounts and custom roles',
  'logging.googleapis.com': "Cloud Logging: the audit log sink (with audit.enabled), the drift check's failed-run metric",
  'monitoring.googleapis.com': 'Cloud Monitoring: the drift alert policy (only with drift on)',
  'storage.googleapis.com': 'Cloud Storage: buckets, bucket IAM, the Cloud Storage service agent',
} as const;

export type LakehouseApi = keyof typeof LAKEHOUSE_APIS;

/** The API each Terraform type of the lakehouse calls; a resource of the type waits for it. */
export const API_OF_TYPE: Readonly<Record<string, LakehouseApi>> = {
  google_bigquery_connection: 'bigqueryconnection.googleapis.com',
  google_bigquery_connection_iam_member: 'bigqueryconnection.googleapis.com',
  google_bigquery_data_transfer_config: 'bigquerydatatransfer.googleapis.com',
  google_bigquery_dataset: 'bigquery.googleapis.com',
  google_bigquery_dataset_iam_member: 'bigquery.googleapis.com',
  google_bigquery_datapolicy_data_policy: 'bigquerydatapolicy.googleapis.com',
  google_bigquery_datapolicy_data_policy_iam_member: 'bigquerydatapolicy.googleapis.com',
  google_bigquery_table: 'bigquery.googleapis.com',
  google_bigquery_table_iam_member: 'bigquery.googleapis.com',
  google_data_catalog_policy_tag: 'datacatalog.googleapis.com',
  google_data_catalog_policy_tag_iam_member: 'datacatalog.googleapis.com',
  google_data_catalog_taxonomy: 'datacatalog.googleapis.com',
  google_data_catalog_taxonomy_iam_member: 'datacatalog.googleapis.com',
  google_kms_crypto_key: 'cloudkms.googleapis.com',
  google_kms_crypto_key_iam_member: 'cloudkms.googleapis.com',
  google_kms_key_ring: 'cloudkms.googleapis.com',
  google_logging_metric: 'logging.googleapis.com',
  google_logging_project_sink: 'logging.googleapis.com',
  google_monitoring_alert_policy: 'monitoring.googleapis.com',
  google_project_iam_audit_config: 'cloudresourcemanager.googleapis.com',
  google_project_iam_custom_role: 'iam.googleapis.com',
  google_project_iam_member: 'cloudresourcemanager.googleapis.com',
  google_service_account: 'iam.googleapis.com',
  google_service_account_iam_member: 'iam.googleapis.com',
  google_storage_bucket: 'storage.googleapis.com',
  google_storage_bucket_iam_member: 'storage.googleapis.com',
  google_storage_project_service_account: 'storage.googleapis.com',
};

/**
 * How long to wait after enabling APIs before using them. Enabling is eventually consistent: the
 * provider waits for the operation, yet "service activation is not guaranteed by the time the
 * google_project_service resource is done provisioning", and its guide recommends a time_sleep
 * (terraform-provider-google, website/docs/guides/google_project_service.html.markdown, "Newly
 * activated service errors"; its example sleeps 30 s). One minute, once, on the first apply.
 */
export const API_ACTIVATION_DELAY = '60s';

export interface ProjectServicesProps {
  readonly projectId: string;
  /** The APIs to enable (duplicates merged). */
  readonly apis: readonly LakehouseApi[];
  /** @default API_ACTIVATION_DELAY */
  readonly activationDelay?: string;
}

/**
 * Enables the lakehouse's APIs (`google_project_service`, never disabled on destroy: other
 * workloads of the project may use them) and makes every resource of a scope given to
 * `orderResourcesIn` wait for the API it calls and a short activation delay. Terraform creates
 * resources without references between them in parallel, so there is no "first" resource of a
 * service: every resource of a mapped type gets the edge.
 */
export class ProjectServices extends Construct {
  /** Enabled APIs by name, sorted. */
  readonly services: ReadonlyMap<LakehouseApi, ProjectService>;
  /** Created after every API is enabled, plus the activation delay. */
  readonly ready: Sleep;
  /** The depends_on entries per API, made once so adding them twice is recognised. */
  private readonly edges = new Map<LakehouseApi, readonly string[]>();

  constructor(scope: Construct, id: string, props: ProjectServicesProps) {
    super(scope, id);
    const services = new Map<LakehouseApi, ProjectService>();
    for (const api of [...new Set(props.apis)].sort(compare)) {
      services.set(
        api,
        new ProjectService(this, api.split('.')[0]!, {
          project: props.projectId,
          service: api,
          // Other workloads of the project may rely on the API; disabling it is an explicit decision.
          disableOnDestroy: false,
          // Only matters when a destroy disables the service, which never happens here.
          disableDependentServices: false,
        }),
      );
    }
    this.services = services;
    ensureTimeProvider(this);
    this.ready = new Sleep(this, 'activation', {
      createDuration: props.activationDelay ?? API_ACTIVATION_DELAY,
      dependsOn: [...services.values()],
    });
    for (const [api, service] of services) this.edges.set(api, [dependable(service), dependable(this.ready)]);
  }

  /**
   * Adds the edges now: every resource and data source under `scope` whose type calls a managed
   * API depends on it and on the activation delay. Call it again for resources added later. (Not an
   * aspect: the policy pack resolves the stack during validation, before cdktf invokes aspects, and
   * that JSON is what gets written.)
   */
  orderResourcesIn(scope: IConstruct): void {
    for (const node of scope.node.findAll()) {
      if (!(node instanceof TerraformResource) && !(node instanceof TerraformDataSource)) continue;
      const api = API_OF_TYPE[node.terraformResourceType];
      const edges = api === undefined ? undefined : this.edges.get(api);
      if (edges === undefined) continue;
      const present = node.dependsOn ?? [];
      const missing = edges.filter((e) => !present.includes(e));
      if (missing.length > 0) node.dependsOn = [...present, ...missing];
    }
  }
}
