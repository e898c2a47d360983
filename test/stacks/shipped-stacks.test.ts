import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLakehouseApp, synthesizeLakehouseApp } from '../../stacks/app';
import { desiredTableStateProblems, type DesiredTableState } from '../../lib/iceberg-rest/desired-table';
import { toIcebergTableJson } from '../../lib/model/mappings/iceberg-json';
import { requestProblems } from '../support/request-schema';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR, shippedTemplates, type TfJson } from '../support/synth';
import { stackDigest } from '../support/stack-digest';
import { useTempDirs } from '../support/temp-dirs';

const STACKS = ['dev', 'gcp-dev', 'prod', 'staging'];
const tempDir = useTempDirs();

function synthAll(): { dir: string; json: Record<string, TfJson>; text: Record<string, string> } {
  const dir = tempDir('lh-shipped-');
  synthesizeLakehouseApp(buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR, outdir: dir }));
  const text = Object.fromEntries(STACKS.map((s) => [s, readFileSync(join(dir, 'stacks', s, 'cdk.tf.json'), 'utf8')]));
  return { dir, text, json: Object.fromEntries(STACKS.map((s) => [s, JSON.parse(text[s]!) as TfJson])) };
}

describe('shipped environment stacks', () => {
  let first: ReturnType<typeof synthAll>;
  beforeAll(() => {
    first = synthAll();
  });

  it('synthesize byte-identical JSON on a second run (no timestamps, no random ids, stable order)', () => {
    const second = synthAll();
    for (const s of STACKS) expect(second.text[s], s).toBe(first.text[s]);
  });

  it('wire the catalog of each environment and nothing of the others', () => {
    const types = (s: string) => Object.keys(first.json[s]!.resource ?? {});
    expect(types('dev')).toEqual(expect.arrayContaining(['aws_glue_catalog_database', 'aws_lambda_invocation']));
    expect(types('dev')).not.toContain('aws_glue_catalog_table');
    expect(types('dev').some((t) => t.startsWith('aws_ecs') || t.startsWith('aws_lb'))).toBe(false);
    expect(types('prod')).toContain('aws_lakeformation_data_lake_settings');
    expect(types('staging')).toEqual(expect.arrayContaining(['aws_ecs_service', 'aws_lb', 'aws_dynamodb_table']));
    expect(types('staging').some((t) => t.startsWith('aws_glue') || t.startsWith('aws_athena') || t.startsWith('aws_lakeformation'))).toBe(
      false,
    );
    expect(types('gcp-dev')).toEqual(expect.arrayContaining(['google_bigquery_table', 'google_storage_bucket', 'google_kms_crypto_key']));
    expect(types('gcp-dev').some((t) => t.startsWith('aws_'))).toBe(false);
  });

  it('wire the environment settings into the AWS storage and audit constructs', () => {
    const prod = first.json.prod!.resource!;
    expect(Object.keys(prod.aws_kms_key ?? {})).toHaveLength(1);
    expect(Object.keys(prod.aws_cloudtrail ?? {})).toHaveLength(1);
    // Both buckets log to the environment's access-log bucket.
    const logging = Object.values(prod.aws_s3_bucket_logging ?? {}).map((l) => l.target_bucket);
    expect(logging).toEqual(['acme-lake-prod-s3-access-logs', 'acme-lake-prod-s3-access-logs']);
    const lock = Object.values(prod.aws_s3_bucket_object_lock_configuration ?? {})[0] as any;
    expect(lock.rule.default_retention).toEqual({ mode: 'GOVERNANCE', days: 2557 });
    const trail = Object.values(prod.aws_cloudtrail ?? {})[0] as any;
    expect(trail.cloud_watch_logs_group_arn).toMatch(/:\*$/);
    const alarms = Object.values(prod.aws_cloudwatch_metric_alarm ?? {}) as any[];
    expect(alarms.every((a) => a.alarm_actions.includes('arn:aws:sns:us-east-1:111122223333:lakehouse-prod-alerts'))).toBe(true);
    // dev: no CMK, no audit trail, data not protected.
    const dev = first.json.dev!.resource!;
    expect(dev.aws_kms_key).toBeUndefined();
    expect(dev.aws_cloudtrail).toBeUndefined();
    const devBucket = Object.values(dev.aws_s3_bucket ?? {})[0] as any;
    expect(devBucket.bucket).toBe('acme-lake-dev-lakehouse');
    expect(devBucket.lifecycle?.prevent_destroy ?? false).toBe(false);
  });

  it('publish the outputs clients need', () => {
    const outputs = (s: string) => Object.keys((first.json[s] as any).output ?? {}).sort();
    expect(outputs('prod')).toEqual(
      expect.arrayContaining([
        'lakehouse_bucket_name',
        'lakehouse_bucket_arn',
        'lakehouse_kms_key_arn',
        'lakehouse_audit_bucket_name',
        'lakehouse_audit_trail_arn',
        'lakehouse_warehouse_location',
        'lakehouse_glue_databases',
        'lakehouse_glue_tables',
        'lakehouse_role_arns',
        'lakehouse_athena_workgroup',
        'lakehouse_engine_settings',
        'lakehouse_identifiers',
      ]),
    );
    expect(outputs('staging')).toEqual(
      expect.arrayContaining([
        'lakehouse_role_arns',
        'lakehouse_nessie_api_url',
        'lakehouse_nessie_iceberg_rest_uri',
        'lakehouse_vpc_id',
        'lakehouse_private_subnet_ids',
      ]),
    );
    const prodOut = (first.json.prod as any).output;
    expect(prodOut.lakehouse_warehouse_location.value).toMatch(/^s3:\/\/\$\{aws_s3_bucket\.[^}]+\.bucket\}\/warehouse$/);
  });

  // The digest is what a reviewer reads: who may do what, encryption, exposure, protection.
  it.each(STACKS)('%s matches its reviewed digest (addresses and security-relevant attributes)', async (stack) => {
    await expect(stackDigest(first.json[stack]!, stack)).toMatchFileSnapshot(`__snapshots__/${stack}.digest.txt`);
  });

  it.each(['dev', 'prod', 'staging'])(
    '%s: one table-provisioning invocation per template, a valid CreateTableRequest with its partition spec and sort order',
    (stack) => {
      const invocations = Object.values(first.json[stack]!.resource!.aws_lambda_invocation ?? {});
      expect(invocations).toHaveLength(shippedTemplates().length);
      for (const invocation of invocations) {
        const state = JSON.parse(invocation.input as string) as DesiredTableState;
        expect(desiredTableStateProblems(state)).toEqual([]);
        expect(requestProblems('CreateTableRequest', state.table)).toEqual([]);
        const template = shippedTemplates().find((t) => t.name === state.table.name)!;
        expect(state.namespace).toEqual([stack === 'staging' ? template.namespace : `acme_lake_${stack}_${template.namespace}`]);
        expect(state.table['partition-spec']).toEqual(toIcebergTableJson(template)['partition-spec']);
        expect(state.table['write-order']).toEqual(toIcebergTableJson(template)['sort-order']);
        expect(state.catalog.kind).toBe(stack === 'staging' ? 'nessie' : 'glue');
      }
    },
  );

  it.each(['dev', 'prod'])('%s: grants, optimizers and named queries that name a table wait for its invocation', (stack) => {
    const resources = first.json[stack]!.resource!;
    const invocationOf = new Map(
      Object.entries(resources.aws_lambda_invocation ?? {}).map(([id, r]) => {
        const state = JSON.parse(r.input as string) as DesiredTableState;
        return [`${state.namespace[0]}.${state.table.name}`, `aws_lambda_invocation.${id}`];
      }),
    );
    const databases = new Map(
      Object.entries(resources.aws_glue_catalog_database ?? {}).map(([id, d]) => [`\${aws_glue_catalog_database.${id}.name}`, d.name]),
    );
    const waits = (r: Record<string, any>, database: string, table: string) =>
      expect(r.depends_on, `${database}.${table}`).toContain(invocationOf.get(`${databases.get(database)}.${table}`));
    let naming = 0;
    for (const g of Object.values(resources.aws_lakeformation_permissions ?? {}) as Record<string, any>[]) {
      const block = g.table_with_columns ?? g.table;
      if (!block?.name) continue; // database, data location and all-tables grants name no table
      waits(g, block.database_name, block.name);
      naming++;
    }
    for (const o of Object.values(resources.aws_glue_catalog_table_optimizer ?? {}) as Record<string, any>[]) {
      waits(o, o.database_name, o.table_name);
      naming++;
    }
    for (const q of Object.values(resources.aws_athena_named_query ?? {}) as Record<string, any>[]) {
      const table = /^\S+\.(\w+) /.exec(q.name)![1]!;
      waits(q, q.database, table);
      naming++;
    }
    expect(naming).toBeGreaterThan(3 * shippedTemplates().length);
  });

  it.each(STACKS)('%s matches its reviewed snapshot', (stack) => {
    expect(first.json[stack]).toMatchSnapshot();
  });
});
