import { afterEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/table-provisioner/index';
import { readClientSecret, secretsManagerEndpoint } from '../../../functions/shared/secrets';
import { FakeIcebergCatalog } from '../../support/fake-iceberg-catalog';
import { TEST_TLS_CERT, TEST_TLS_HOST, TlsFront } from '../../support/tls-front';
import { crudEvent, desiredState, nessieCatalog, ORDERS_V1 } from './helpers';

const ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session' };
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:lakehouse/provisioner-AbCdEf';

let catalog: FakeIcebergCatalog | undefined;
afterEach(async () => {
  expect(catalog?.invalidRequests ?? []).toEqual([]);
  await catalog?.close();
  catalog = undefined;
});

/** Real fetch for the fake catalog; a Secrets Manager stand-in for its HTTPS endpoint. */
function fetchWithSecrets(secretString: string, seen: { headers: Headers; body: string }[]): typeof fetch {
  return async (input, init) => {
    const url = String(input);
    if (!url.startsWith('https://secretsmanager.')) return fetch(input, init);
    seen.push({ headers: new Headers(init?.headers), body: String(init?.body) });
    return new Response(JSON.stringify({ ARN: SECRET_ARN, Name: 'lakehouse/provisioner', SecretString: secretString }), { status: 200 });
  };
}

describe('Glue: SigV4-signed requests under the catalogs/<account id> prefix', () => {
  it('signs every catalog request for service glue with the execution role credentials', async () => {
    catalog = await FakeIcebergCatalog.start({ prefix: 'catalogs/123456789012', warehouse: '123456789012' });
    const settings = {
      kind: 'glue' as const,
      uri: catalog.uri,
      warehouse: '123456789012',
      prefix: 'catalogs/123456789012',
      auth: { type: 'sigv4' as const, region: 'eu-west-1', service: 'glue' },
      createNamespaces: false,
    };
    catalog.namespaces.set('sales', {});
    const handler = createHandler({ env: ENV, sleep: async () => {} }, () => {});
    expect((await handler(crudEvent('create', desiredState(ORDERS_V1(), settings)))).outcome).toBe('created');
    expect(catalog.requests.length).toBeGreaterThan(2);
    for (const r of catalog.requests) {
      expect(r.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/glue\/aws4_request, SignedHeaders=/,
      );
      expect(r.headers['x-amz-security-token']).toBe('session');
    }
    expect(catalog.requestsTo('POST', /^\/iceberg\/v1\/catalogs\/123456789012\/namespaces\/sales\/tables$/)).toHaveLength(1);
  });

  it('waits for IAM to propagate when the catalog first answers 403 (role and policy created in the same apply)', async () => {
    catalog = await FakeIcebergCatalog.start();
    catalog.namespaces.set('sales', {});
    catalog.failNext('GET', /\/v1\/config$/, 403, { times: 2 });
    const waits: number[] = [];
    const settings = {
      kind: 'glue' as const,
      uri: catalog.uri,
      auth: { type: 'sigv4' as const, region: 'eu-west-1', service: 'glue' },
      createNamespaces: false,
    };
    const handler = createHandler({ env: ENV, sleep: async (ms) => void waits.push(ms) }, () => {});
    expect((await handler(crudEvent('create', desiredState(ORDERS_V1(), settings)))).outcome).toBe('created');
    expect(waits).toEqual([2000, 4000]);
  });

  it('does not create a missing Glue database (Terraform owns it) and says what is wrong', async () => {
    catalog = await FakeIcebergCatalog.start();
    const settings = { kind: 'glue' as const, uri: catalog.uri, auth: { type: 'none' as const }, createNamespaces: false };
    await expect(
      createHandler({ sleep: async () => {} }, () => {})(crudEvent('create', desiredState(ORDERS_V1(), settings))),
    ).rejects.toThrow(/namespace sales does not exist in the glue catalog, and this stack creates it with Terraform/);
    expect(catalog.requestsTo('POST', /namespaces$/)).toEqual([]);
  });
});

describe('Nessie behind OAuth2: client secret from Secrets Manager, then a bearer token', () => {
  it('reads the secret with a signed GetSecretValue, gets a token once, and sends it with every request', async () => {
    catalog = await FakeIcebergCatalog.start({ oauth: { token: 'tok', clientId: 'provisioner', clientSecret: 's3cr3t' } });
    const seen: { headers: Headers; body: string }[] = [];
    const auth = {
      type: 'oauth2' as const,
      tokenUri: catalog.tokenUri,
      clientId: 'provisioner',
      clientSecretArn: SECRET_ARN,
      scope: 'lakehouse/admin',
    };
    const handler = createHandler(
      { env: ENV, fetch: fetchWithSecrets('{"client_id":"provisioner","client_secret":"s3cr3t"}', seen), sleep: async () => {} },
      () => {},
    );
    expect((await handler(crudEvent('create', desiredState(ORDERS_V1(), nessieCatalog(catalog.uri, { auth }))))).outcome).toBe('created');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.get('x-amz-target')).toBe('secretsmanager.GetSecretValue');
    expect(seen[0]!.headers.get('authorization')).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request/);
    expect(JSON.parse(seen[0]!.body)).toEqual({ SecretId: SECRET_ARN });
    expect(catalog.tokensIssued).toBe(1);
    const api = catalog.requests.filter((r) => r.path.startsWith('/iceberg/'));
    expect(api.every((r) => r.headers.authorization === 'Bearer tok')).toBe(true);
  });

  it('a wrong secret fails with the token endpoint answer, naming the table', async () => {
    catalog = await FakeIcebergCatalog.start({ oauth: { token: 'tok', clientId: 'provisioner', clientSecret: 's3cr3t' } });
    const auth = { type: 'oauth2' as const, tokenUri: catalog.tokenUri, clientId: 'provisioner', clientSecretArn: SECRET_ARN };
    const handler = createHandler({ env: ENV, fetch: fetchWithSecrets('not-it', []), sleep: async () => {} }, () => {});
    await expect(handler(crudEvent('create', desiredState(ORDERS_V1(), nessieCatalog(catalog.uri, { auth }))))).rejects.toThrow(
      /^table sales\.orders: create failed: token endpoint .* refused client 'provisioner' \(HTTP 401\): invalid_client/,
    );
  });
});

describe('Secrets Manager reader', () => {
  it('derives the endpoint from the ARN (China partition included) and rejects other ARNs', () => {
    expect(secretsManagerEndpoint(SECRET_ARN)).toEqual({ host: 'secretsmanager.eu-west-1.amazonaws.com', region: 'eu-west-1' });
    expect(secretsManagerEndpoint('arn:aws-cn:secretsmanager:cn-north-1:1:secret:x').host).toBe(
      'secretsmanager.cn-north-1.amazonaws.com.cn',
    );
    expect(() => secretsManagerEndpoint('arn:aws:s3:::bucket')).toThrow(/not a Secrets Manager secret ARN/);
  });

  it('returns a plain string secret as is and reports an AWS error by its type', async () => {
    expect(await readClientSecret(SECRET_ARN, { env: ENV, fetch: fetchWithSecrets('plain', []) })).toBe('plain');
    const denied: typeof fetch = async () =>
      new Response(JSON.stringify({ __type: 'AccessDeniedException', message: 'not allowed' }), { status: 400 });
    await expect(readClientSecret(SECRET_ARN, { env: ENV, fetch: denied })).rejects.toThrow(
      `could not read secret ${SECRET_ARN}: AccessDeniedException: not allowed`,
    );
  });
});

describe('Nessie behind its load balancer’s certificate, reached by the load balancer’s DNS name', () => {
  it('creates the table over TLS verified for the host name, with the bearer token, through connectTo', async () => {
    catalog = await FakeIcebergCatalog.start({ oauth: { token: 'tok', clientId: 'provisioner', clientSecret: 's3cr3t' } });
    const front = await TlsFront.start(catalog.uri.replace(/\/iceberg$/, ''));
    try {
      const auth = { type: 'oauth2' as const, tokenUri: catalog.tokenUri, clientId: 'provisioner', clientSecretArn: SECRET_ARN };
      const settings = nessieCatalog(`https://${TEST_TLS_HOST}:${front.port}/iceberg`, { auth, connectTo: 'localhost' });
      const handler = createHandler(
        { env: ENV, fetch: fetchWithSecrets('{"client_secret":"s3cr3t"}', []), ca: TEST_TLS_CERT, sleep: async () => {} },
        () => {},
      );
      expect((await handler(crudEvent('create', desiredState(ORDERS_V1(), settings)))).outcome).toBe('created');
      expect(front.seen.length).toBeGreaterThan(2);
      for (const r of front.seen) {
        expect(r).toMatchObject({ servername: TEST_TLS_HOST, host: `${TEST_TLS_HOST}:${front.port}`, authorization: 'Bearer tok' });
      }
      expect(catalog.table('sales.orders')).toBeDefined();
    } finally {
      await front.close();
    }
  });
});
