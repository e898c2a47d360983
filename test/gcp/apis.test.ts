import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLakehouseApp, synthesizeLakehouseApp } from '../../stacks/app';
import { GcpLakehouse } from '../../lib/gcp';
import { API_OF_TYPE, API_ACTIVATION_DELAY, LAKEHOUSE_APIS } from '../../lib/gcp/project-services';
import {
  dataOf,
  ENVIRONMENTS_DIR,
  gcpEnvironment,
  gcpTestStack,
  resourcesOf,
  shippedTemplates,
  synthStack,
  TEMPLATES_DIR,
  type TfJson,
} from '../support/synth';
import { useTempDirs } from '../support/temp-dirs';
import { addressOf, apiEdges, synthLakehouse } from './helpers';

const ALWAYS = [
  'bigquery.googleapis.com',
  'bigqueryconnection.googleapis.com',
  'bigquerystorage.googleapis.com',
  'cloudresourcemanager.googleapis.com',
  'datacatalog.googleapis.com',
  'iam.googleapis.com',
  'storage.googleapis.com',
];

function enabledApis(json: TfJson): string[] {
  return Object.values(resourcesOf(json, 'google_project_service')).map((s) => s.service as string);
}

/** Every resource and data source of the stack with its Terraform type. */
function everything(json: TfJson): Array<{ type: string; name: string; config: Record<string, any> }> {
  const of = (blocks: TfJson['resource']) =>
    Object.entries(blocks ?? {}).flatMap(([type, byName]) => Object.entries(byName).map(([name, config]) => ({ type, name, config })));
  return [...of(json.resource), ...of(json.data)];
}

describe('APIs (gcp.manage_apis, default true)', () => {
  let json: TfJson;
  let withKey: TfJson;
  let withDrift: TfJson;
  beforeAll(() => {
    withDrift = synthLakehouse(
      gcpEnvironment('alarms:\n  notification_channel: projects/acme-test-1/notificationChannels/123\n'),
      shippedTemplates(),
    ).json;
    json = synthLakehouse(gcpEnvironment(), shippedTemplates(), (l) => l.grantRead('group:analysts@example.com')).json;
    withKey = synthLakehouse(gcpEnvironment('encryption:\n  customer_managed_key: true\n'), shippedTemplates()).json;
  });

  it('enables the APIs the configuration uses, never disabling them on destroy', () => {
    expect(enabledApis(json)).toEqual([...ALWAYS, 'bigquerydatapolicy.googleapis.com', 'logging.googleapis.com'].sort());
    expect(enabledApis(withKey)).toContain('cloudkms.googleapis.com');
    for (const service of Object.values(resourcesOf(json, 'google_project_service'))) {
      expect(service).toEqual({
        project: 'acme-test-1',
        service: service.service,
        disable_on_destroy: false,
        disable_dependent_services: false,
      });
    }
    const noAudit = synthLakehouse(gcpEnvironment('audit:\n  enabled: false\n'), shippedTemplates()).json;
    expect(enabledApis(noAudit)).not.toContain('logging.googleapis.com');
    for (const api of enabledApis(withKey)) expect(Object.keys(LAKEHOUSE_APIS)).toContain(api);
  });

  it('enables the scheduled query, logging and monitoring APIs for the drift check, and orders its resources after them', () => {
    expect(resourcesOf(withDrift, 'google_bigquery_data_transfer_config')).not.toEqual({});
    expect(enabledApis(withDrift)).toEqual(
      expect.arrayContaining(['bigquerydatatransfer.googleapis.com', 'logging.googleapis.com', 'monitoring.googleapis.com']),
    );
    expect(enabledApis(json)).not.toContain('bigquerydatatransfer.googleapis.com');
    for (const type of ['google_bigquery_data_transfer_config', 'google_logging_metric', 'google_monitoring_alert_policy']) {
      for (const [name, r] of Object.entries(resourcesOf(withDrift, type))) {
        expect(r.depends_on, `${type}.${name}`).toEqual(expect.arrayContaining(apiEdges(withDrift, API_OF_TYPE[type]!)));
      }
    }
  });

  it('waits a documented activation delay after every API is enabled', () => {
    const sleep = resourcesOf(json, 'time_sleep')[addressOf(json, 'time_sleep', 'apis_activation').split('.')[1]!]!;
    expect(sleep.create_duration).toBe(API_ACTIVATION_DELAY);
    expect([...sleep.depends_on].sort()).toEqual(
      Object.keys(resourcesOf(json, 'google_project_service')).map((n) => `google_project_service.${n}`),
    );
  });

  it.each([
    ['google_storage_bucket', 'storage.googleapis.com'],
    ['google_bigquery_dataset', 'bigquery.googleapis.com'],
    ['google_bigquery_table', 'bigquery.googleapis.com'],
    ['google_bigquery_connection', 'bigqueryconnection.googleapis.com'],
    ['google_data_catalog_taxonomy', 'datacatalog.googleapis.com'],
    ['google_bigquery_datapolicy_data_policy', 'bigquerydatapolicy.googleapis.com'],
    ['google_service_account', 'iam.googleapis.com'],
    ['google_project_iam_member', 'cloudresourcemanager.googleapis.com'],
    ['google_project_iam_audit_config', 'cloudresourcemanager.googleapis.com'],
    ['google_logging_project_sink', 'logging.googleapis.com'],
  ])('every %s waits for %s', (type, api) => {
    const resources = Object.values(resourcesOf(json, type));
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) expect(r.depends_on).toEqual(expect.arrayContaining(apiEdges(json, api)));
  });

  it('orders the KMS resources and the storage agent look-up after their APIs', () => {
    for (const type of ['google_kms_key_ring', 'google_kms_crypto_key', 'google_kms_crypto_key_iam_member'])
      for (const r of Object.values(resourcesOf(withKey, type)))
        expect(r.depends_on).toEqual(expect.arrayContaining(apiEdges(withKey, 'cloudkms.googleapis.com')));
    for (const d of Object.values(dataOf(withKey, 'google_storage_project_service_account')))
      expect(d.depends_on).toEqual(apiEdges(withKey, 'storage.googleapis.com'));
  });

  it('maps every Google resource type the lakehouse writes to an API (a new type must be added to API_OF_TYPE)', () => {
    const unmapped = everything(withKey)
      .concat(everything(json), everything(withDrift))
      .filter((r) => r.type.startsWith('google_') && r.type !== 'google_project_service' && !(r.type in API_OF_TYPE));
    expect([...new Set(unmapped.map((r) => r.type))]).toEqual([]);
    for (const r of everything(json).filter((x) => x.type in API_OF_TYPE)) {
      expect(r.config.depends_on, `${r.type}.${r.name}`).toEqual(expect.arrayContaining(apiEdges(json, API_OF_TYPE[r.type]!)));
    }
  });

  it('configures the hashicorp/time provider the delays need', () => {
    const terraform = json.terraform as { required_providers: Record<string, { source: string; version: string }> };
    expect(terraform.required_providers.time).toEqual({ source: 'hashicorp/time', version: '0.13.1' });
    expect((json.provider as Record<string, unknown>).time).toBeDefined();
  });
});

describe('gcp.manage_apis: false', () => {
  it('enables no API and adds no edge (APIs are managed centrally)', () => {
    const { json } = synthLakehouse(gcpEnvironment('  manage_apis: false\n'), shippedTemplates());
    expect(json.resource?.google_project_service).toBeUndefined();
    expect(Object.keys(resourcesOf(json, 'time_sleep')).filter((n) => n.includes('apis'))).toEqual([]);
    const edges = everything(json).flatMap((r) => (r.config.depends_on ?? []) as string[]);
    expect(edges.filter((e) => e.startsWith('google_project_service.') || e.includes('apis_activation'))).toEqual([]);
  });
});

describe('synthesizing twice', () => {
  it('adds each edge once', () => {
    const stack = gcpTestStack();
    new GcpLakehouse(stack, 'lakehouse', { environment: gcpEnvironment(), templates: shippedTemplates() });
    synthStack(stack);
    const json = synthStack(stack);
    const dataset = Object.values(resourcesOf(json, 'google_bigquery_dataset'))[0]!;
    expect(dataset.depends_on).toEqual(apiEdges(json, 'bigquery.googleapis.com'));
  });
});

describe('the shipped app path (validations resolve the stack before cdktf would invoke aspects)', () => {
  const tempDir = useTempDirs();
  it('writes the API edges into gcp-dev', () => {
    const dir = tempDir('lh-apis-');
    synthesizeLakehouseApp(
      buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: join(ENVIRONMENTS_DIR, 'gcp-dev.yaml'), outdir: dir }),
    );
    const json = JSON.parse(readFileSync(join(dir, 'stacks', 'gcp-dev', 'cdk.tf.json'), 'utf8')) as TfJson;
    for (const r of everything(json).filter((x) => x.type in API_OF_TYPE)) {
      expect(r.config.depends_on, `${r.type}.${r.name}`).toEqual(expect.arrayContaining(apiEdges(json, API_OF_TYPE[r.type]!)));
    }
  });
});
