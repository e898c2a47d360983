import { afterEach, describe, expect, it } from 'vitest';
import { FakeIcebergCatalog } from '../support/fake-iceberg-catalog';

/** The fake catalog the handler tests rely on must itself follow the specification. */
let catalog: FakeIcebergCatalog | undefined;
afterEach(async () => {
  await catalog?.close();
  catalog = undefined;
});

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as { error?: { type: string; code: number; message: string } },
  }));

const TABLE = {
  name: 't',
  schema: { type: 'struct', 'schema-id': 0, fields: [{ id: 1, name: 'a', type: 'int', required: false }] },
};

describe('fake Iceberg REST catalog', () => {
  it('answers a request that is not valid against the request JSON Schema with 400 and records it', async () => {
    catalog = await FakeIcebergCatalog.start();
    await post(`${catalog.uri}/v1/namespaces`, { namespace: ['n'] });
    const bad = await post(`${catalog.uri}/v1/namespaces/n/tables`, {
      ...TABLE,
      schema: { ...TABLE.schema, fields: [{ id: 1, name: 'a', type: 'integer', required: false }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: 'BadRequestException', code: 400 });
    expect(catalog.invalidRequests.map((r) => r.kind)).toEqual(['CreateTableRequest']);
    expect(catalog.tables.size).toBe(0);
  });

  it('404 for unknown namespaces and tables, 409 for existing ones, 409 for a failed requirement', async () => {
    catalog = await FakeIcebergCatalog.start();
    expect((await post(`${catalog.uri}/v1/namespaces/n/tables`, TABLE)).body.error?.type).toBe('NoSuchNamespaceException');
    await post(`${catalog.uri}/v1/namespaces`, { namespace: ['n'] });
    expect((await post(`${catalog.uri}/v1/namespaces`, { namespace: ['n'] })).status).toBe(409);
    expect((await post(`${catalog.uri}/v1/namespaces/n/tables`, TABLE)).status).toBe(200);
    expect((await post(`${catalog.uri}/v1/namespaces/n/tables`, TABLE)).body.error?.type).toBe('AlreadyExistsException');
    const uuid = catalog.table('n.t')!['table-uuid'];
    const stale = await post(`${catalog.uri}/v1/namespaces/n/tables/t`, {
      requirements: [
        { type: 'assert-table-uuid', uuid },
        { type: 'assert-current-schema-id', 'current-schema-id': 7 },
      ],
      updates: [{ action: 'set-properties', updates: { a: 'b' } }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.type).toBe('CommitFailedException');
    expect(catalog.table('n.t')!.properties).toEqual({});
    expect((await fetch(`${catalog.uri}/v1/namespaces/n/tables/x`)).status).toBe(404);
  });
});
