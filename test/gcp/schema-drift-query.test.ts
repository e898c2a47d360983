import { describe, expect, it } from 'vitest';
import { METRIC_PROPAGATION_DELAY, SchemaDriftQuery, type SchemaDriftQueryProps } from '../../lib/gcp/schema-drift-query';
import { schemaDriftSql } from '../../lib/gcp/schema-drift-sql';
import { evaluatePolicyPack } from '../../lib/policy/evaluate';
import { gcpEnvironment, gcpTestStack, onlyResource, resourcesOf, shippedTemplates, synthStack, type TfJson } from '../support/synth';
import { synthLakehouse, templateFromYaml } from './helpers';

const CHANNEL = 'projects/acme-test-1/notificationChannels/1234567890';
const tables = () =>
  shippedTemplates().map((t) => ({ key: `${t.namespace}.${t.name}`, dataset: `acme_test_${t.namespace}`, table: t.name, template: t }));
const datasetIds = () => Object.fromEntries(tables().map((t) => [t.dataset, `\${google_bigquery_dataset.${t.dataset}.dataset_id}`]));

function synth(props: Partial<SchemaDriftQueryProps> = {}): TfJson {
  const stack = gcpTestStack();
  new SchemaDriftQuery(stack, 'drift', {
    projectId: 'acme-test-1',
    prefix: 'acme-test',
    location: 'europe-west1',
    tables: tables(),
    datasetIds: datasetIds(),
    notificationChannel: CHANNEL,
    ...props,
  });
  return synthStack(stack);
}
const ACCOUNT_MEMBER = expect.stringMatching(/^\$\{google_service_account\.drift_account_\w+\.member\}$/);

describe('SchemaDriftQuery', () => {
  it('schedules the query as the Data Transfer Service scheduled_query, with no destination, as its own service account', () => {
    const json = synth();
    const transfer = onlyResource(json, 'google_bigquery_data_transfer_config');
    expect(transfer).toMatchObject({
      project: 'acme-test-1',
      location: 'europe-west1',
      display_name: 'acme-test-schema-drift',
      data_source_id: 'scheduled_query',
      schedule: 'every 1 hours',
      service_account_name: expect.stringMatching(/^\$\{google_service_account\.drift_account_\w+\.email\}$/),
    });
    expect(transfer.destination_dataset_id).toBeUndefined();
    expect(transfer.params).toEqual({ query: schemaDriftSql({ projectId: 'acme-test-1', prefix: 'acme-test', tables: tables() }) });
    expect(onlyResource(json, 'google_service_account')).toMatchObject({ account_id: 'acme-test-drift', project: 'acme-test-1' });
    expect(onlyResource(synth({ schedule: 'every day 06:30' }), 'google_bigquery_data_transfer_config').schedule).toBe('every day 06:30');
  });

  it('grants its service account job creation on the project and metadata reads on the lakehouse datasets, nothing else', () => {
    const json = synth();
    expect(Object.values(resourcesOf(json, 'google_project_iam_member'))).toEqual([
      { project: 'acme-test-1', role: 'roles/bigquery.jobUser', member: ACCOUNT_MEMBER },
    ]);
    const datasets = Object.values(resourcesOf(json, 'google_bigquery_dataset_iam_member'));
    expect(datasets.map((d) => [d.dataset_id, d.role, d.member])).toEqual(
      Object.values(datasetIds())
        .filter((v, i, all) => all.indexOf(v) === i)
        .sort()
        .map((id) => [id, 'roles/bigquery.metadataViewer', ACCOUNT_MEMBER]),
    );
    for (const type of ['google_bigquery_dataset_iam_binding', 'google_project_iam_binding', 'google_storage_bucket_iam_member']) {
      expect(resourcesOf(json, type)).toEqual({});
    }
    // The transfer starts after the grants, or its first run would fail.
    expect(onlyResource(json, 'google_bigquery_data_transfer_config').depends_on).toHaveLength(1 + datasets.length);
  });

  it('counts the failed runs of this transfer in a log-based metric and alerts the channel on any', () => {
    const json = synth();
    const metric = onlyResource(json, 'google_logging_metric');
    expect(metric).toMatchObject({
      name: 'acme-test-schema-drift',
      metric_descriptor: { metric_kind: 'DELTA', value_type: 'INT64', unit: '1' },
    });
    expect(metric.filter).toBe(
      'resource.type="bigquery_dts_config" AND ' +
        'resource.labels.config_id="${element(split("/", google_bigquery_data_transfer_config.drift_transfer_' +
        (metric.filter as string).match(/drift_transfer_(\w+)\.name/)![1] +
        '.name), 5)}" AND severity>=ERROR',
    );
    const policy = onlyResource(json, 'google_monitoring_alert_policy');
    expect(policy).toMatchObject({
      display_name: 'acme-test schema drift',
      combiner: 'OR',
      notification_channels: [CHANNEL],
      conditions: [
        {
          condition_threshold: {
            filter: expect.stringMatching(
              /^metric\.type="logging\.googleapis\.com\/user\/\$\{google_logging_metric\.drift_failed-runs_\w+\.name\}" AND resource\.type="bigquery_dts_config"$/,
            ),
            comparison: 'COMPARISON_GT',
            threshold_value: 0,
          },
        },
      ],
    });
    expect(policy.documentation.content).toMatch(/docs\/operations\.md/);
    expect(onlyResource(synth({ notificationChannel: undefined }), 'google_monitoring_alert_policy').notification_channels).toBeUndefined();
  });

  it('creates the alert policy only after a wait for the new metric (Monitoring answers 404 for a metric it does not know yet)', () => {
    const json = synth();
    const [sleepId, sleep] = Object.entries(resourcesOf(json, 'time_sleep'))[0]!;
    expect(sleep.create_duration).toBe(METRIC_PROPAGATION_DELAY);
    const metricId = Object.keys(resourcesOf(json, 'google_logging_metric'))[0]!;
    expect(sleep.depends_on).toEqual([`google_logging_metric.${metricId}`]);
    expect(sleep.triggers).toEqual({ metric: `\${google_logging_metric.${metricId}.id}` });
    expect(onlyResource(json, 'google_monitoring_alert_policy').depends_on).toEqual([`time_sleep.${sleepId}`]);
    expect(Object.keys(json.provider as Record<string, unknown>)).toContain('time');
  });

  it('passes the policy pack', () => {
    const findings = evaluatePolicyPack(synth() as never, gcpEnvironment()).findings.filter((f) => f.resourceType.startsWith('google_'));
    expect(findings).toEqual([]);
  });

  it('refuses props that cannot work, all at once', () => {
    expect(() =>
      synth({ schedule: 'rate(1 hour)', notificationChannel: 'alerts', prefix: 'a-very-long-project-name-x', datasetIds: {} }),
    ).toThrow(
      /service account id 'a-very-long-project-name-x-drift'[\s\S]*schedule: 'rate\(1 hour\)'[\s\S]*notificationChannel: 'alerts'[\s\S]*datasetIds: no dataset id/,
    );
    expect(() => synth({ tables: [] })).toThrow(/nothing to check/);
  });
});

describe('drift in GcpLakehouse', () => {
  const external = templateFromYaml(`name: clicks
namespace: analytics
columns:
  - { name: id, type: long }
gcp:
  metadata_uri: gs://acme-test-lakehouse/external/clicks/metadata/00001-x.metadata.json
`);

  it('none without a notification channel (drift.enabled defaults to false)', () => {
    const { json, lakehouse } = synthLakehouse(gcpEnvironment(), shippedTemplates());
    expect(lakehouse.drift).toBeUndefined();
    expect(resourcesOf(json, 'google_bigquery_data_transfer_config')).toEqual({});
  });

  it('with a channel: one query over the BigQuery-managed tables, not the external ones, after the tables exist', () => {
    const env = gcpEnvironment(`alarms:\n  notification_channel: ${CHANNEL}\ndrift:\n  schedule: every 6 hours\n`);
    const { json, lakehouse } = synthLakehouse(env, [...shippedTemplates(), external]);
    const transfer = onlyResource(json, 'google_bigquery_data_transfer_config');
    expect(transfer.schedule).toBe('every 6 hours');
    expect(transfer.params.query).toContain("'analytics.event_stream'");
    expect(transfer.params.query).not.toContain("'clicks'");
    expect(transfer.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_bigquery_table\./)]));
    expect(lakehouse.drift!.sql).toBe(transfer.params.query);
    expect(onlyResource(json, 'google_monitoring_alert_policy').notification_channels).toEqual([CHANNEL]);
    const grants = Object.values(resourcesOf(json, 'google_bigquery_dataset_iam_member')).filter(
      (g) => g.role === 'roles/bigquery.metadataViewer',
    );
    expect(grants.map((g) => g.dataset_id).sort()).toEqual(
      [...new Set(shippedTemplates().map((t) => `\${google_bigquery_dataset.lakehouse_datasets_${t.namespace}_`))]
        .sort()
        .map((p) => expect.stringContaining(p)),
    );
  });
});
