import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { LakehousePropsError } from '../../lib/errors';
import { BigLakeConnection, GcpLakehouse } from '../../lib/gcp';
import { IAM_PROPAGATION_DELAY } from '../../lib/gcp/iam-propagation';
import { gcpEnvironment, gcpTestStack, resourcesOf, shippedTemplates, synthStack, type TfJson } from '../support/synth';
import { addressOf, synthLakehouse, templateFromYaml } from './helpers';

const external = templateFromYaml(
  'name: orders\nnamespace: sales\ncolumns:\n  - { name: id, type: long }\ngcp:\n  metadata_uri: gs://other-bucket/orders/metadata/v3.metadata.json\n',
);

function sleepAt(json: TfJson, fragment: string): Record<string, any> {
  return resourcesOf(json, 'time_sleep')[addressOf(json, 'time_sleep', fragment).split('.')[1]!]!;
}

describe('IAM propagation on the first apply (grant → time_sleep → first use)', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthLakehouse(gcpEnvironment('encryption:\n  customer_managed_key: true\n'), shippedTemplates()).json;
  });

  it('waits for the Cloud Storage agent key grant before creating either bucket', () => {
    const grant = addressOf(json, 'google_kms_crypto_key_iam_member', 'storage-agent-grant');
    const sleep = sleepAt(json, 'storage-agent-grant-propagation');
    expect(sleep.create_duration).toBe(IAM_PROPAGATION_DELAY);
    expect(sleep.depends_on).toEqual([grant]);
    // A replaced grant (another member) sleeps again.
    expect(sleep.triggers).toEqual({ grant_0: `\${${grant}.id}` });
    const sleepAddress = addressOf(json, 'time_sleep', 'storage-agent-grant-propagation');
    for (const bucket of Object.values(resourcesOf(json, 'google_storage_bucket'))) expect(bucket.depends_on).toContain(sleepAddress);
  });

  it("waits for the connection's bucket grants before creating any table", () => {
    const grants = Object.keys(resourcesOf(json, 'google_storage_bucket_iam_member'))
      .filter((n) => n.includes('biglake'))
      .map((n) => `google_storage_bucket_iam_member.${n}`);
    expect(grants).toHaveLength(2);
    const sleep = sleepAt(json, 'biglake_grant-propagation');
    expect([...sleep.depends_on].sort()).toEqual(grants.sort());
    const sleepAddress = addressOf(json, 'time_sleep', 'biglake_grant-propagation');
    const tables = Object.values(resourcesOf(json, 'google_bigquery_table'));
    expect(tables.length).toBe(shippedTemplates().length);
    for (const table of tables) expect(table.depends_on).toContain(sleepAddress);
  });

  it('does the same for external tables, whose creation reads the metadata file as the connection', () => {
    const { json: ext } = synthLakehouse(gcpEnvironment(), [external]);
    const sleepAddress = addressOf(ext, 'time_sleep', 'biglake_grant-propagation');
    expect(sleepAt(ext, 'biglake_grant-propagation').depends_on).toHaveLength(2); // lakehouse bucket + other-bucket
    expect(Object.values(resourcesOf(ext, 'google_bigquery_table'))[0]!.depends_on).toContain(sleepAddress);
  });

  it('puts no delay behind the sink writer grant: no resource uses it, and the sink writes hourly batches', () => {
    const sinkGrant = addressOf(json, 'google_storage_bucket_iam_member', 'sink-writer');
    for (const sleep of Object.values(resourcesOf(json, 'time_sleep'))) expect(sleep.depends_on).not.toContain(sinkGrant);
  });

  it('creates no delay for a connection without grants', () => {
    const stack = gcpTestStack();
    const connection = new BigLakeConnection(stack, 'c', { projectId: 'p-1', connectionId: 'c', location: 'EU', bucketName: 'b' });
    expect(connection.grantsPropagated).toEqual([]);
    expect(synthStack(stack).resource?.time_sleep).toBeUndefined();
  });

  it('refuses a connection id BigQuery would reject, as a props error naming the construct', () => {
    const stack = gcpTestStack();
    expect(
      () => new BigLakeConnection(stack, 'c', { projectId: 'p-1', connectionId: 'my connection', location: 'EU', bucketName: 'b' }),
    ).toThrow(LakehousePropsError);
    expect(
      () => new BigLakeConnection(gcpTestStack(), 'c', { projectId: 'p-1', connectionId: 'a.b', location: 'EU', bucketName: 'b' }),
    ).toThrow(/Invalid BigLakeConnection props at .*c:\n  - connectionId 'a\.b' is not a BigQuery connection id/);
  });

  it('configures the time provider once, reusing one the stack already has', () => {
    expect(Object.keys(json.provider as Record<string, unknown>).sort()).toEqual(['google', 'time']);
    const stack = gcpTestStack();
    new TimeProvider(stack, 'my-time', {});
    new GcpLakehouse(stack, 'lakehouse', { environment: gcpEnvironment(), templates: shippedTemplates() });
    expect((synthStack(stack).provider as Record<string, unknown[]>).time).toHaveLength(1);
  });
});
