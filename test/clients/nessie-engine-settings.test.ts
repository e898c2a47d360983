import { beforeAll, describe, expect, it } from 'vitest';
import { planLakehouse } from '../../lib/plan';
import { NESSIE_WAREHOUSE_NAME } from '../../lib/aws/nessie/nessie-container';
import { hasPlaceholder, NESSIE_WAREHOUSE, nessieEngineSettings, type NessieEngineSettings } from '../../lib/clients';
import { shippedTemplates } from '../support/synth';
import { SHIPPED_NAMESPACES, SHIPPED_TABLE_KEYS, shippedEnvironment } from './fixtures';

const PLACEHOLDER = '<lakehouse_nessie_api_url from: cdktf output staging>';
const TOKEN_ENDPOINT = 'https://acme-lake-staging-nessie.auth.us-east-1.amazoncognito.com/oauth2/token';
const secret = (field: string) =>
  `<${field} from: aws secretsmanager get-secret-value --region us-east-1 --secret-id acme-lake-staging/nessie/oauth/reader --query SecretString --output text | jq -r .${field}>`;

/** The shipped staging environment without its host name: the URL is only known after apply. */
function stagingWithoutHostName() {
  const env = shippedEnvironment('staging');
  return { ...env, nessie: { ...env.nessie, hostName: undefined } };
}

describe('Nessie engine settings with a configured host name', () => {
  it('uses https://<host_name>, known before apply, and leaves nothing pending', () => {
    const known = nessieEngineSettings({ plan: planLakehouse(shippedEnvironment('staging'), shippedTemplates()) });
    expect(known.pyiceberg.uri).toBe('https://nessie.staging.acme-lake.example.com/iceberg');
    expect(known.pendingOutputs).toEqual([]);
  });
});

describe('Nessie engine settings for environments/staging.yaml (without host_name) before apply', () => {
  let s: NessieEngineSettings;
  beforeAll(() => {
    s = nessieEngineSettings({ plan: planLakehouse(stagingWithoutHostName(), shippedTemplates()) });
  });

  it('points PyIceberg at Iceberg REST under the placeholder, with the server warehouse name', () => {
    expect(s.pyiceberg).toEqual({
      type: 'rest',
      uri: `${PLACEHOLDER}/iceberg`,
      warehouse: 'warehouse',
      's3.region': 'us-east-1',
      credential: secret('credential'),
      'oauth2-server-uri': TOKEN_ENDPOINT,
      scope: 'nessie/reader',
    });
    expect(hasPlaceholder(s.pyiceberg.uri!)).toBe(true);
    expect(s.pendingOutputs).toEqual(['lakehouse_nessie_api_url']);
  });

  it('uses the warehouse name the Nessie server is configured with', () => {
    expect(NESSIE_WAREHOUSE).toBe(NESSIE_WAREHOUSE_NAME);
  });

  it('gives Spark the Iceberg REST catalog', () => {
    expect(s.spark).toEqual({
      'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      'spark.sql.catalog.lakehouse': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.lakehouse.type': 'rest',
      'spark.sql.catalog.lakehouse.uri': `${PLACEHOLDER}/iceberg`,
      'spark.sql.catalog.lakehouse.warehouse': 'warehouse',
      'spark.sql.catalog.lakehouse.io-impl': 'org.apache.iceberg.aws.s3.S3FileIO',
      'spark.sql.catalog.lakehouse.client.region': 'us-east-1',
      'spark.sql.catalog.lakehouse.credential': secret('credential'),
      'spark.sql.catalog.lakehouse.oauth2-server-uri': TOKEN_ENDPOINT,
      'spark.sql.catalog.lakehouse.scope': 'nessie/reader',
      'spark.sql.catalog.lakehouse.token-exchange-enabled': 'false',
    });
  });

  it("gives Spark Iceberg's NessieCatalog on API v2, branch main, the S3 warehouse and both SQL extensions", () => {
    expect(s.sparkNessieCatalog).toEqual({
      'spark.sql.extensions':
        'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,org.projectnessie.spark.extensions.NessieSparkSessionExtensions',
      'spark.sql.catalog.lakehouse': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.lakehouse.catalog-impl': 'org.apache.iceberg.nessie.NessieCatalog',
      'spark.sql.catalog.lakehouse.uri': `${PLACEHOLDER}/api/v2`,
      'spark.sql.catalog.lakehouse.ref': 'main',
      'spark.sql.catalog.lakehouse.warehouse': 's3://acme-lake-staging-lakehouse/warehouse',
      'spark.sql.catalog.lakehouse.io-impl': 'org.apache.iceberg.aws.s3.S3FileIO',
      'spark.sql.catalog.lakehouse.client.region': 'us-east-1',
      'spark.sql.catalog.lakehouse.authentication.type': 'OAUTH2',
      'spark.sql.catalog.lakehouse.authentication.oauth2.token-endpoint': TOKEN_ENDPOINT,
      'spark.sql.catalog.lakehouse.authentication.oauth2.client-id': secret('client_id'),
      'spark.sql.catalog.lakehouse.authentication.oauth2.client-secret': secret('client_secret'),
      'spark.sql.catalog.lakehouse.authentication.oauth2.client-scopes': 'nessie/reader',
    });
  });

  it('gives Trino the REST catalog with native S3 and no credential vending', () => {
    expect(s.trino).toEqual({
      'connector.name': 'iceberg',
      'iceberg.catalog.type': 'rest',
      'iceberg.rest-catalog.uri': `${PLACEHOLDER}/iceberg`,
      'iceberg.rest-catalog.warehouse': 'warehouse',
      'fs.native-s3.enabled': 'true',
      's3.region': 'us-east-1',
      'iceberg.rest-catalog.security': 'OAUTH2',
      'iceberg.rest-catalog.oauth2.credential': secret('credential'),
      'iceberg.rest-catalog.oauth2.server-uri': TOKEN_ENDPOINT,
      'iceberg.rest-catalog.oauth2.scope': 'nessie/reader',
      'iceberg.rest-catalog.oauth2.token-exchange-enabled': 'false',
    });
  });

  it('names every client, its scope and its secret, but never a secret value', () => {
    expect(s.identifiers.oauth).toEqual({
      mode: 'cognito',
      token_endpoint: TOKEN_ENDPOINT,
      settings_tier: 'reader',
      clients: {
        reader: { scope: 'nessie/reader', secret_name: 'acme-lake-staging/nessie/oauth/reader' },
        writer: { scope: 'nessie/writer', secret_name: 'acme-lake-staging/nessie/oauth/writer' },
        admin: { scope: 'nessie/admin', secret_name: 'acme-lake-staging/nessie/oauth/admin' },
        provisioner: { scope: 'nessie/admin', secret_name: 'acme-lake-staging/nessie/oauth/provisioner' },
      },
    });
  });

  it('keeps template namespaces as Iceberg namespaces (one Nessie server per environment)', () => {
    expect(s.identifiers.namespaces).toEqual(SHIPPED_NAMESPACES);
    expect(Object.keys(s.identifiers.tables)).toEqual(SHIPPED_TABLE_KEYS);
    expect(s.identifiers.tables['analytics.event_stream']).toEqual({
      namespace: 'analytics',
      table: 'event_stream',
      pyiceberg: 'analytics.event_stream',
      spark: 'lakehouse.analytics.event_stream',
      trino: 'iceberg.analytics.event_stream',
    });
    expect(s.identifiers.warehouse).toEqual({ name: 'warehouse', location: 's3://acme-lake-staging-lakehouse/warehouse' });
    expect(s.identifiers.nessie_uri).toBe(`${PLACEHOLDER}/api/v2`);
  });
});

describe('Nessie engine settings after apply', () => {
  it('puts the given URL in every engine and reports nothing pending', () => {
    const s = nessieEngineSettings({
      plan: planLakehouse(shippedEnvironment('staging'), shippedTemplates()),
      apiUrl: 'https://nessie.staging.example.com',
    });
    const rest = 'https://nessie.staging.example.com/iceberg';
    expect([s.pyiceberg.uri, s.spark['spark.sql.catalog.lakehouse.uri'], s.trino['iceberg.rest-catalog.uri']]).toEqual([rest, rest, rest]);
    expect(s.identifiers.iceberg_rest_uri).toBe(rest);
    expect(s.identifiers.nessie_api_url).toBe('https://nessie.staging.example.com');
    expect(s.pendingOutputs).toEqual([]);
    expect(JSON.stringify(s).includes('cdktf output')).toBe(false);
  });
});

describe('Nessie engine settings without authentication', () => {
  it('carry no OAuth2 keys', () => {
    const env = shippedEnvironment('staging');
    const s = nessieEngineSettings({
      plan: planLakehouse({ ...env, nessie: { ...env.nessie, auth: { ...env.nessie.auth, mode: 'none' } } }, []),
    });
    const keys = [s.pyiceberg, s.spark, s.sparkNessieCatalog, s.trino].flatMap((p) => Object.keys(p));
    expect(keys.filter((k) => /credential|oauth|scope|security|authentication|token/.test(k))).toEqual([]);
    expect(s.identifiers.oauth).toBeUndefined();
  });

  it('external issuers: the issuer named, scope from the tier role when roles are scopes', () => {
    const env = shippedEnvironment('staging');
    const auth = { ...env.nessie.auth, mode: 'external' as const, issuerUrl: 'https://id.example.com/realms/data', audience: 'nessie' };
    const s = nessieEngineSettings({ plan: planLakehouse({ ...env, nessie: { ...env.nessie, auth } }, []) });
    expect(s.pyiceberg.scope).toBe('nessie/reader');
    expect(s.pyiceberg['oauth2-server-uri']).toBe(
      '<token_endpoint of https://id.example.com/realms/data: see its /.well-known/openid-configuration>',
    );
    expect(s.pyiceberg.credential).toBe('<credential of a reader client registered with https://id.example.com/realms/data>');
  });
});
