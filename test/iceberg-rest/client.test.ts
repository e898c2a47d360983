import { afterEach, describe, expect, it } from 'vitest';
import { OAuth2ClientCredentials, OAuth2Error } from '../../lib/iceberg-rest/auth/oauth2';
import { IcebergRestClient, type IcebergRestClientOptions } from '../../lib/iceberg-rest/client';
import { IcebergRestError } from '../../lib/iceberg-rest/errors';
import type { CreateTableRequest } from '../../lib/iceberg-rest/types';
import { FakeIcebergCatalog, type FakeCatalogOptions } from '../support/fake-iceberg-catalog';

const TABLE: CreateTableRequest = {
  name: 'events',
  location: 's3://bucket/warehouse/analytics/events',
  schema: { type: 'struct', 'schema-id': 0, fields: [{ id: 1, name: 'id', type: 'long', required: true }] },
  'partition-spec': { 'spec-id': 0, fields: [{ 'source-id': 1, 'field-id': 1000, name: 'id_bucket', transform: 'bucket[16]' }] },
  'write-order': { 'order-id': 1, fields: [{ 'source-id': 1, transform: 'identity', direction: 'asc', 'null-order': 'nulls-first' }] },
  properties: { 'format-version': '2', 'write.format.default': 'parquet' },
};
const ID = { namespace: ['analytics'], name: 'events' };

let catalog: FakeIcebergCatalog | undefined;
afterEach(async () => {
  await catalog?.close();
  catalog = undefined;
});

async function connect(fake: FakeCatalogOptions = {}, options: Partial<IcebergRestClientOptions> = {}) {
  catalog = await FakeIcebergCatalog.start(fake);
  const delays: number[] = [];
  const client = await IcebergRestClient.connect({
    uri: catalog.uri,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
    ...options,
  });
  return { client, delays, catalog };
}

describe('IcebergRestClient: configuration and paths', () => {
  it('reads /v1/config with the warehouse and puts the overridden prefix (slashes kept) in every path', async () => {
    const { client, catalog } = await connect(
      { prefix: 'catalogs/123456789012', warehouse: '123456789012' },
      { warehouse: '123456789012' },
    );
    expect(client.properties.prefix).toBe('catalogs/123456789012');
    expect(await client.namespaceExists(['analytics'])).toBe(false);
    expect(catalog.requests[0]).toMatchObject({ method: 'GET', path: '/iceberg/v1/config' });
    expect(catalog.requests[0]!.query.get('warehouse')).toBe('123456789012');
    expect(catalog.requests[1]!.path).toBe('/iceberg/v1/catalogs/123456789012/namespaces/analytics');
  });

  it('uses an advertised prefix verbatim, as the Java reference client does (no second encoding)', async () => {
    const { client, catalog } = await connect({ prefix: 'main%7Clakehouse' });
    await client.namespaceExists(['analytics']);
    expect(catalog.requests[1]!.path).toBe('/iceberg/v1/main%7Clakehouse/namespaces/analytics');
  });

  it('uses the client prefix when the server sets none, and fails clearly on an unknown warehouse', async () => {
    const { client, catalog } = await connect({}, { prefix: 'main' });
    expect(client.properties.prefix).toBe('main');
    await expect(IcebergRestClient.connect({ uri: catalog.uri, warehouse: 'x' })).resolves.toBeDefined();
    const strict = await FakeIcebergCatalog.start({ warehouse: 'lakehouse' });
    try {
      await expect(IcebergRestClient.connect({ uri: strict.uri, warehouse: 'other', sleep: async () => {} })).rejects.toThrow(
        /load catalog configuration failed with HTTP 404: NoSuchWarehouseException/,
      );
    } finally {
      await strict.close();
    }
  });
});

describe('IcebergRestClient: namespaces and tables', () => {
  it('creates, loads, commits and drops with the specification routes and bodies', async () => {
    const { client, catalog } = await connect();
    await client.createNamespace({ namespace: ['analytics'] });
    expect(await client.namespaceExists(['analytics'])).toBe(true);
    expect(await client.tableExists(ID)).toBe(false);
    const created = await client.createTable(['analytics'], TABLE);
    expect(created.metadata['format-version']).toBe(2);
    expect(await client.tableExists(ID)).toBe(true);
    const loaded = await client.loadTable(ID);
    const committed = await client.commitTable(ID, {
      requirements: [{ type: 'assert-table-uuid', uuid: loaded.metadata['table-uuid'] }],
      updates: [{ action: 'set-properties', updates: { owner: 'data' } }],
    });
    expect(committed.metadata.properties?.owner).toBe('data');
    await client.dropTable(ID);
    expect(catalog.drops).toEqual([{ table: 'analytics.events', purgeRequested: 'false' }]);
    expect(catalog.invalidRequests).toEqual([]);
  });

  it('turns error answers into IcebergRestError with status and the ErrorModel', async () => {
    const { client } = await connect();
    const error = await client.loadTable(ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IcebergRestError);
    expect(error).toMatchObject({ status: 404, type: 'NoSuchNamespaceException', outcomeUnknown: false });
    expect((error as IcebergRestError).error).toEqual({
      message: 'Namespace does not exist: analytics',
      type: 'NoSuchNamespaceException',
      code: 404,
    });
    await client.createNamespace({ namespace: ['analytics'] });
    await expect(client.createNamespace({ namespace: ['analytics'] })).rejects.toMatchObject({
      status: 409,
      type: 'AlreadyExistsException',
    });
    await client.createTable(['analytics'], TABLE);
    const stale = client.commitTable(ID, {
      requirements: [{ type: 'assert-table-uuid', uuid: 'other' }],
      updates: [{ action: 'remove-properties', removals: ['x'] }],
    });
    await expect(stale).rejects.toMatchObject({ status: 409, type: 'CommitFailedException', outcomeUnknown: false });
  });
});

describe('IcebergRestClient: retries', () => {
  it('retries a read on 503 with growing backoff, then succeeds', async () => {
    const { client, delays, catalog } = await connect();
    catalog.failNext('GET', /namespaces\/analytics$/, 503, { times: 2 });
    expect(await client.namespaceExists(['analytics'])).toBe(false);
    expect(catalog.requestsTo('GET', /namespaces\/analytics$/)).toHaveLength(3);
    expect(delays).toEqual([188, 375]); // equal jitter at random() = 0.5: 3/4 of 250 ms, then of 500 ms
  });

  it('does not resend a mutation answered 503 without Retry-After (it may have been processed)', async () => {
    const { client, catalog } = await connect();
    catalog.failNext('POST', /namespaces$/, 503);
    await expect(client.createNamespace({ namespace: ['analytics'] })).rejects.toMatchObject({ status: 503, attempts: 1 });
    expect(catalog.requestsTo('POST', /namespaces$/)).toHaveLength(1);
  });

  it('resends a mutation after 503 with Retry-After, waiting at least that long, and after 429', async () => {
    const { client, delays, catalog } = await connect();
    catalog.failNext('POST', /namespaces$/, 503, { retryAfter: '2' });
    catalog.failNext('POST', /namespaces$/, 429);
    await client.createNamespace({ namespace: ['analytics'] });
    expect(catalog.requestsTo('POST', /namespaces$/)).toHaveLength(3);
    expect(delays[0]).toBe(2000);
    expect(catalog.namespaces.has('analytics')).toBe(true);
  });

  it('never resends a commit answered 500: the state is unknown and the error says so', async () => {
    const { client, catalog } = await connect();
    await client.createNamespace({ namespace: ['analytics'] });
    const created = await client.createTable(['analytics'], TABLE);
    catalog.failNext('POST', /tables\/events$/, 500, { applyFirst: true });
    const commit = client.commitTable(ID, {
      requirements: [{ type: 'assert-table-uuid', uuid: created.metadata['table-uuid'] }],
      updates: [{ action: 'set-properties', updates: { a: 'b' } }],
    });
    await expect(commit).rejects.toMatchObject({ status: 500, outcomeUnknown: true });
    await expect(commit).rejects.toThrow(/commit state is unknown/);
    expect(catalog.requestsTo('POST', /tables\/events$/)).toHaveLength(1);
  });

  it('with Idempotency-Key support, resends a mutation with the same UUIDv7 key', async () => {
    const { client, catalog } = await connect({ idempotencyKeyLifetime: 'PT30M' });
    catalog.failNext('POST', /namespaces$/, 503);
    await client.createNamespace({ namespace: ['analytics'] });
    const keys = catalog.requestsTo('POST', /namespaces$/).map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('gives up on an unreachable catalog after the attempts allowed, naming the address and the cause', async () => {
    const fake = await FakeIcebergCatalog.start();
    const uri = fake.uri;
    await fake.close();
    const delays: number[] = [];
    const attempt = IcebergRestClient.connect({
      uri,
      sleep: async (ms) => void delays.push(ms),
      random: () => 0,
      retry: { maxAttempts: 3 },
    });
    await expect(attempt).rejects.toThrow(
      /load catalog configuration: no answer from the catalog at http:\/\/127\.0\.0\.1:\d+ after 3 attempt\(s\) \(ECONNREFUSED\)/,
    );
    expect(delays).toEqual([125, 250]);
  });
});

describe('OAuth2 client credentials', () => {
  const oauth = { token: 'tok-1', clientId: 'provisioner', clientSecret: 's3cr3t' };

  it('fetches one token with HTTP Basic client authentication and reuses it until it nearly expires', async () => {
    catalog = await FakeIcebergCatalog.start({ oauth: { ...oauth, expiresIn: 3600 } });
    let now = 1_000_000;
    const auth = new OAuth2ClientCredentials({
      tokenUri: catalog.tokenUri,
      clientId: 'provisioner',
      clientSecret: async () => 's3cr3t',
      scope: 'lakehouse/admin',
      now: () => now,
    });
    const client = await IcebergRestClient.connect({ uri: catalog.uri, auth });
    await client.namespaceExists(['a']);
    await client.namespaceExists(['b']);
    expect(catalog.tokensIssued).toBe(1);
    expect(catalog.requests.find((r) => r.path === '/oauth2/token')!.body).toBeUndefined(); // form body, not JSON
    now += 3600_000 - 30_000; // inside the renewal window (60 s before expiry)
    await client.namespaceExists(['c']);
    expect(catalog.tokensIssued).toBe(2);
  });

  it('a catalog without the token answers 401; a wrong secret fails naming the client and the reason', async () => {
    catalog = await FakeIcebergCatalog.start({ oauth });
    await expect(IcebergRestClient.connect({ uri: catalog.uri })).rejects.toMatchObject({ status: 401, type: 'NotAuthorizedException' });
    const auth = new OAuth2ClientCredentials({ tokenUri: catalog.tokenUri, clientId: 'provisioner', clientSecret: async () => 'wrong' });
    const error = await IcebergRestClient.connect({ uri: catalog.uri, auth }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuth2Error);
    expect((error as Error).message).toMatch(/refused client 'provisioner' \(HTTP 401\): invalid_client: client authentication failed/);
  });
});
