import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/drift-check/index';
import { createTableRequestFor } from '../../../lib/iceberg-rest/table-requests';
import { FakeIcebergCatalog } from '../../support/fake-iceberg-catalog';
import { template } from '../../support/extra-templates';
import { nessieCatalog, ORDERS_V1, ORDERS_V2_SAFE } from '../table-provisioner/helpers';
import { expectedTables, metricValues, monitoringFetch, RUNTIME_ENV, type MonitoringCall } from './helpers';

let catalog: FakeIcebergCatalog;
let logs: Record<string, unknown>[];
let calls: MonitoringCall[];

const CUSTOMERS = () => template('customers', ['{ name: id, type: long, required: true }', '{ name: email, type: string }']);
const LOCATION = (name: string) => `s3://lakehouse/warehouse/sales/${name}`;

beforeEach(async () => {
  catalog = await FakeIcebergCatalog.start({ warehouse: 'lakehouse' });
  logs = [];
  calls = [];
});
afterEach(async () => {
  expect(catalog.invalidRequests).toEqual([]);
  await catalog.close();
});

function handler(catalogSettings = nessieCatalog(catalog.uri)) {
  return createHandler({
    tables: expectedTables(ORDERS_V1(), CUSTOMERS()),
    env: { ...RUNTIME_ENV, LAKEHOUSE_CATALOG: JSON.stringify(catalogSettings) },
    fetch: monitoringFetch(calls),
    sleep: async () => {},
    log: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
}
const byEvent = (event: string) => logs.filter((l) => l.event === event);

describe('the scheduled run', () => {
  it('all tables as their templates: SchemaDriftTables = 0, one summary line, no difference lines', async () => {
    catalog.seedTable('sales', createTableRequestFor(ORDERS_V1(), LOCATION('orders')));
    catalog.seedTable('sales', createTableRequestFor(CUSTOMERS(), LOCATION('customers')));
    const result = await handler()({ source: 'lakehouse.drift-check' });
    expect(result).toEqual({ trigger: 'schedule', checked: 2, drifted: [], unchecked: [] });
    expect(metricValues(calls)).toEqual(['SchemaDriftTables=0']);
    expect(calls[0]!.form.get('Namespace')).toBe('Lakehouse/acme-test');
    expect(byEvent('schema-drift')).toEqual([]);
    expect(byEvent('drift-check')).toEqual([
      { lakehouse: 'acme-test', level: 'info', event: 'drift-check', trigger: 'schedule', checked: 2, drifted: [], unchecked: [] },
    ]);
    // Only reads reached the catalog.
    expect(catalog.requests.every((r) => r.method === 'GET' || r.method === 'HEAD')).toBe(true);
  });

  it('a drifted table and a missing one: SchemaDriftTables = 2 and one structured line per difference', async () => {
    // The live orders table is what a later template would make: 8 differences from ORDERS_V1.
    catalog.seedTable('sales', createTableRequestFor(ORDERS_V2_SAFE(), LOCATION('orders')));
    const result = await handler()({});
    expect(result.drifted).toEqual(['sales.orders', 'sales.customers']);
    expect(metricValues(calls)).toEqual(['SchemaDriftTables=2']);
    const lines = byEvent('schema-drift');
    expect(lines.filter((l) => l.table === 'sales.customers')).toEqual([
      {
        lakehouse: 'acme-test',
        level: 'warn',
        event: 'schema-drift',
        table: 'sales.customers',
        kind: 'table-missing',
        path: '',
        message: 'table sales.customers is not in the catalog (dropped outside Terraform?)',
      },
    ]);
    const orders = lines.filter((l) => l.table === 'sales.orders');
    expect(orders.map((l) => `${l.kind} ${l.path}`)).toEqual([
      'type-mismatch qty',
      'type-mismatch amount',
      'type-mismatch customer.age',
      'column-extra customer.email',
      'column-extra channel',
      'partition-spec id',
      'sort-order ts',
      'sort-order id',
      'property commit.retry.num-retries',
      'property write.format.default',
    ]);
    expect(orders.every((l) => typeof l.message === 'string' && l.lakehouse === 'acme-test')).toBe(true);
  });

  it('a table the catalog cannot answer for: the others are still checked and published, then the run fails', async () => {
    catalog.seedTable('sales', createTableRequestFor(ORDERS_V1(), LOCATION('orders')));
    catalog.failNext('GET', /tables\/customers$/, 500, { times: 10 });
    await expect(handler()({})).rejects.toThrow(/drift check incomplete: 1 table\(s\) could not be loaded \(sales\.customers\)/);
    expect(metricValues(calls)).toEqual(['SchemaDriftTables=0']);
    expect(byEvent('drift-check-failed')).toEqual([
      expect.objectContaining({ level: 'error', table: 'sales.customers', message: expect.stringMatching(/HTTP 500/) }),
    ]);
  });

  it('a catalog that is down fails the run and publishes nothing (the alarm keeps its state)', async () => {
    await catalog.close();
    const down = nessieCatalog('http://127.0.0.1:9/iceberg');
    await expect(handler(down)({})).rejects.toThrow(/no answer from the catalog/);
    expect(calls).toEqual([]);
    catalog = await FakeIcebergCatalog.start();
  });

  it('authenticates with OAuth2 client credentials when the catalog asks for them (the Nessie provisioner client)', async () => {
    await catalog.close();
    catalog = await FakeIcebergCatalog.start({
      warehouse: 'lakehouse',
      oauth: { token: 't0k', clientId: 'drift', clientSecret: 's3cret' },
    });
    catalog.seedTable('sales', createTableRequestFor(ORDERS_V1(), LOCATION('orders')));
    catalog.seedTable('sales', createTableRequestFor(CUSTOMERS(), LOCATION('customers')));
    const secretArn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:acme/nessie/oauth/provisioner-AbCdEf';
    const settings = nessieCatalog(catalog.uri, {
      auth: { type: 'oauth2', tokenUri: catalog.tokenUri, clientId: 'drift', clientSecretArn: secretArn, scope: 'nessie/admin' },
    });
    const base = monitoringFetch(calls);
    const withSecrets: typeof fetch = async (input, init) =>
      String(input).startsWith('https://secretsmanager.')
        ? new Response(JSON.stringify({ SecretString: JSON.stringify({ client_id: 'drift', client_secret: 's3cret' }) }), { status: 200 })
        : base(input, init);
    const run = createHandler({
      tables: expectedTables(ORDERS_V1(), CUSTOMERS()),
      env: { ...RUNTIME_ENV, LAKEHOUSE_CATALOG: JSON.stringify(settings) },
      fetch: withSecrets,
      sleep: async () => {},
      log: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
    });
    expect((await run({})).drifted).toEqual([]);
    expect(catalog.tokensIssued).toBe(1);
  });

  it('refuses to start without its settings, naming each missing one', async () => {
    const run = createHandler({ tables: expectedTables(ORDERS_V1()), env: {}, fetch: monitoringFetch(calls), log: () => {} });
    await expect(run({})).rejects.toThrow(
      /LAKEHOUSE_CATALOG must hold the catalog settings as JSON[\s\S]*LAKEHOUSE_METRIC_NAMESPACE[\s\S]*LAKEHOUSE_PREFIX must be set/,
    );
  });
});

describe('a Glue table change by an unexpected principal (CloudTrail through EventBridge)', () => {
  const changeEvent = (database: string, table: string) => ({
    version: '0',
    id: 'e1',
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.glue',
    detail: {
      eventSource: 'glue.amazonaws.com',
      eventName: 'UpdateTable',
      eventTime: '2030-01-02T03:04:05Z',
      eventID: 'abc-123',
      sourceIPAddress: '203.0.113.7',
      userAgent: 'aws-cli/2.15',
      userIdentity: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/analyst/jane',
        sessionContext: { sessionIssuer: { type: 'Role', arn: 'arn:aws:iam::111122223333:role/analyst' } },
      },
      requestParameters: { databaseName: database, tableInput: { name: table } },
    },
  });

  it('logs who changed what, publishes UnexpectedTableChanges = 1 and checks that table at once', async () => {
    catalog.seedTable('sales', createTableRequestFor(ORDERS_V2_SAFE(), LOCATION('orders')));
    const result = await handler()(changeEvent('sales', 'orders'));
    expect(result).toEqual({ trigger: 'table-change', checked: 1, drifted: ['sales.orders'], unchecked: [] });
    expect(metricValues(calls)).toEqual(['UnexpectedTableChanges=1']);
    expect(byEvent('unexpected-table-change')).toEqual([
      {
        lakehouse: 'acme-test',
        level: 'warn',
        event: 'unexpected-table-change',
        eventName: 'UpdateTable',
        eventTime: '2030-01-02T03:04:05Z',
        eventId: 'abc-123',
        database: 'sales',
        tables: ['orders'],
        principal: 'arn:aws:iam::111122223333:role/analyst',
        sessionArn: 'arn:aws:sts::111122223333:assumed-role/analyst/jane',
        sourceIp: '203.0.113.7',
        userAgent: 'aws-cli/2.15',
      },
    ]);
    expect(byEvent('schema-drift').length).toBeGreaterThan(0);
  });

  it('publishes the metric even when the catalog is down, and does not fail (the schedule reports drift)', async () => {
    await catalog.close();
    const result = await handler(nessieCatalog('http://127.0.0.1:9/iceberg'))(changeEvent('sales', 'orders'));
    expect(result.unchecked).toEqual(['sales.orders']);
    expect(metricValues(calls)).toEqual(['UnexpectedTableChanges=1']);
    expect(byEvent('drift-check-failed')).toHaveLength(1);
    catalog = await FakeIcebergCatalog.start();
  });

  it('a table that is not one of the templates is only logged', async () => {
    const result = await handler()(changeEvent('sales', 'scratch'));
    expect(result).toEqual({ trigger: 'table-change', checked: 0, drifted: [], unchecked: [] });
    expect(catalog.requests).toEqual([]);
  });
});
