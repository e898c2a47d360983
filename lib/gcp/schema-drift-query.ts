import { BigqueryDataTransferConfig } from '@cdktf/provider-google/lib/bigquery-data-transfer-config';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { LoggingMetric } from '@cdktf/provider-google/lib/logging-metric';
import { MonitoringAlertPolicy } from '@cdktf/provider-google/lib/monitoring-alert-policy';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { Fn, Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../errors';
import { compare } from '../model/compare';
import { ensureTimeProvider } from './iam-propagation';
import { notificationChannelProblem, serviceAccountIdProblems } from './rules/names';
import { transferScheduleProblem } from './rules/schedule';
import { schemaDriftSql, type DriftCheckedBigQueryTable } from './schema-drift-sql';

export interface SchemaDriftQueryProps {
  readonly projectId: string;
  /** `<project>-<env>`: service account `<prefix>-drift`, transfer and metric `<prefix>-schema-drift`. */
  readonly prefix: string;
  /** Where the datasets are: the scheduled query runs there. */
  readonly location: string;
  /** The BigQuery-managed tables whose columns are checked (external tables take their schema from a metadata file). */
  readonly tables: readonly DriftCheckedBigQueryTable[];
  /** Dataset ids by dataset name (references, so the grants follow the datasets). */
  readonly datasetIds: Readonly<Record<string, string>>;
  /** A Data Transfer Service schedule (UTC). @default 'every 1 hours' */
  readonly schedule?: string;
  /** `projects/<project>/notificationChannels/<id>` notified by the alert. @default - the alert notifies nobody */
  readonly notificationChannel?: string;
  /** What the transfer waits for (the tables: the first run must find them). @default - none */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * Wait between creating the failed-runs metric and its alert policy. The API's own message says a
 * new metric can take up to 10 minutes; a shorter wait keeps first applies short, and where it is
 * not enough the next apply creates the policy (docs/troubleshooting.md).
 */
export const METRIC_PROPAGATION_DELAY = '180s';
/**
 * The log entries of a failed run of one transfer: the Data Transfer Service logs each run under the
 * monitored resource `bigquery_dts_config` of its transfer ("Monitor and view logs for BigQuery Data
 * Transfer Service"), a failure at severity ERROR.
 */
export function failedRunFilter(configId: string): string {
  return ['resource.type="bigquery_dts_config"', `resource.labels.config_id="${configId}"`, 'severity>=ERROR'].join(' AND ');
}

/**
 * The GCP schema drift check, with no code to host: a BigQuery scheduled query (Data Transfer
 * Service, data source `scheduled_query`) that compares INFORMATION_SCHEMA.COLUMNS of the lakehouse
 * datasets with the columns the templates define and fails with ERROR() when they differ
 * (schema-drift-sql.ts); a log-based metric counting its failed runs; an alert policy on that
 * metric notifying the environment's channel. It runs as its own service account with
 * `roles/bigquery.jobUser` on the project (a query is a job; jobs cannot be granted per dataset)
 * and `roles/bigquery.metadataViewer` on the lakehouse datasets only (INFORMATION_SCHEMA.COLUMNS
 * needs bigquery.tables.get and bigquery.tables.list, "COLUMNS view"), which reads no row of data.
 */
export class SchemaDriftQuery extends Construct {
  readonly serviceAccountEmail: string;
  readonly transferConfigName: string;
  readonly metricName: string;
  readonly alertPolicyName: string;
  /** The query, as scheduled. */
  readonly sql: string;

  constructor(scope: Construct, id: string, props: SchemaDriftQueryProps) {
    super(scope, id);
    const schedule = props.schedule ?? 'every 1 hours';
    const accountId = `${props.prefix}-drift`;
    validate(this, props, accountId, schedule);
    const name = `${props.prefix}-schema-drift`;
    const account = new ServiceAccount(this, 'account', {
      project: props.projectId,
      accountId,
      displayName: `Lakehouse schema drift check (${props.prefix})`,
      description: 'Runs the scheduled query that compares the lakehouse tables with their templates; reads metadata only',
    });
    const grants = this.grant(props, account.member);
    this.sql = schemaDriftSql({ projectId: props.projectId, prefix: props.prefix, tables: props.tables });
    const transfer = new BigqueryDataTransferConfig(this, 'transfer', {
      project: props.projectId,
      location: props.location,
      displayName: name,
      dataSourceId: 'scheduled_query',
      schedule,
      // No destination: the query's only output is its failure.
      params: { query: this.sql },
      serviceAccountName: account.email,
      dependsOn: [...grants, ...(props.dependsOn ?? [])],
    });
    // `name` is projects/<project>/locations/<location>/transferConfigs/<config id>.
    const configId = Fn.element(Fn.split('/', transfer.name), 5);
    const metric = new LoggingMetric(this, 'failed-runs', {
      project: props.projectId,
      name,
      description: `Failed runs of the ${props.prefix} schema drift check (drift, or the query could not run)`,
      filter: failedRunFilter(configId),
      metricDescriptor: { metricKind: 'DELTA', valueType: 'INT64', unit: '1' },
    });
    // Cloud Monitoring knows a new log-based metric only after a while; an alert policy created right
    // after it fails with 404 "Cannot find metric(s) ... could take up to 10 minutes"
    // (hashicorp/terraform-provider-google#11102). Wait once, when the metric is created.
    ensureTimeProvider(this);
    const metricKnown = new Sleep(this, 'metric-propagation', {
      createDuration: METRIC_PROPAGATION_DELAY,
      triggers: { metric: metric.id },
      dependsOn: [metric],
    });
    const policy = this.alert(props, name, metric.name, metricKnown);
    this.serviceAccountEmail = account.email;
    this.transferConfigName = transfer.name;
    this.metricName = metric.name;
    this.alertPolicyName = policy.name;
  }

  private grant(props: SchemaDriftQueryProps, member: string): ITerraformDependable[] {
    const jobs = new ProjectIamMember(this, 'job-user', { project: props.projectId, role: 'roles/bigquery.jobUser', member });
    const datasets = Object.keys(props.datasetIds)
      .sort(compare)
      .map(
        (dataset) =>
          new BigqueryDatasetIamMember(this, `metadata-${dataset}`, {
            project: props.projectId,
            datasetId: props.datasetIds[dataset]!,
            role: 'roles/bigquery.metadataViewer',
            member,
          }),
      );
    return [jobs, ...datasets];
  }

  private alert(props: SchemaDriftQueryProps, name: string, metricName: string, after: Sleep): MonitoringAlertPolicy {
    return new MonitoringAlertPolicy(this, 'alert', {
      dependsOn: [after],
      project: props.projectId,
      displayName: `${props.prefix} schema drift`,
      combiner: 'OR',
      conditions: [
        {
          displayName: `The ${name} scheduled query failed`,
          conditionThreshold: {
            filter: `metric.type="logging.googleapis.com/user/${metricName}" AND resource.type="bigquery_dts_config"`,
            comparison: 'COMPARISON_GT',
            thresholdValue: 0,
            duration: '0s',
            aggregations: [{ alignmentPeriod: '300s', perSeriesAligner: 'ALIGN_SUM' }],
            trigger: { count: 1 },
          },
        },
      ],
      notificationChannels: props.notificationChannel ? [props.notificationChannel] : undefined,
      alertStrategy: { autoClose: '86400s' },
      documentation: {
        mimeType: 'text/markdown',
        content:
          `A live table of lakehouse ${props.prefix} differs from its template, or the check could not run. ` +
          `The failed run of the scheduled query **${name}** (BigQuery > Scheduled queries) names every difference. ` +
          'Intentional change: put it in the template and apply. Unintentional: find who changed the table in the ' +
          'BigQuery audit logs, then revert it. See docs/operations.md of iceberg-lakehouse-cdktf.',
      },
    });
  }
}

function validate(scope: Construct, props: SchemaDriftQueryProps, accountId: string, schedule: string): void {
  const channel = props.notificationChannel;
  throwIfPropsProblems(scope, 'SchemaDriftQuery', [
    ...(Token.isUnresolved(props.prefix) ? [] : serviceAccountIdProblems(accountId).map((p) => `service account id '${accountId}' ${p}`)),
    ...(Token.isUnresolved(schedule)
      ? []
      : [transferScheduleProblem(schedule)].filter((p) => p !== undefined).map((p) => `schedule: ${p}`)),
    ...(channel !== undefined && !Token.isUnresolved(channel)
      ? [notificationChannelProblem(channel)].filter((p) => p !== undefined).map((p) => `notificationChannel: ${p}`)
      : []),
    ...(props.tables.length === 0 ? ['tables: there is nothing to check; give at least one BigQuery-managed table'] : []),
    ...props.tables
      .filter((t) => props.datasetIds[t.dataset] === undefined)
      .map((t) => `datasetIds: no dataset id for '${t.dataset}' (table ${t.key})`),
  ]);
}
