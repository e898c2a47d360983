import { rfc3986 } from './auth/authenticator';
import { hasStatus } from './errors';
import { Transport, type TransportOptions } from './transport';
import type {
  CatalogConfig,
  CommitTableRequest,
  CreateNamespaceRequest,
  CreateTableRequest,
  LoadTableResult,
  Namespace,
  TableIdentifier,
} from './types';
import type { RequestKind } from './retry';

export interface IcebergRestClientOptions extends TransportOptions {
  /** Sent as `?warehouse=` to GET /v1/config: the Glue catalog id (account id) or the Nessie warehouse name. */
  readonly warehouse?: string;
  /**
   * The `{prefix}` path segment(s) when the server's configuration does not override it, e.g.
   * `catalogs/123456789012` for AWS Glue. @default - the server's `defaults.prefix`, else none
   */
  readonly prefix?: string;
}

/**
 * An Iceberg REST catalog client: configuration, namespaces, and create/load/commit/drop of tables.
 * Runs in Node 20+ (global fetch). Call {@link IcebergRestClient.connect} first: the catalog's
 * configuration decides the path prefix and whether mutations carry an Idempotency-Key.
 *
 * The server's `uri` override is deliberately not adopted: the client keeps talking to the endpoint
 * it was given (Nessie behind a TLS-terminating load balancer advertises a plain-HTTP URI unless
 * forwarded headers are trusted).
 */
export class IcebergRestClient {
  readonly config: CatalogConfig;
  /** The effective properties: server defaults, then client settings, then server overrides (the specification's order). */
  readonly properties: Readonly<Record<string, string>>;
  private readonly transport: Transport;
  private readonly prefixSegments: readonly string[];
  private readonly separator: string;
  private readonly mutationKind: RequestKind;

  private constructor(transport: Transport, config: CatalogConfig, options: IcebergRestClientOptions) {
    this.transport = transport;
    this.config = config;
    const client: Record<string, string> = {};
    if (options.warehouse !== undefined) client.warehouse = options.warehouse;
    if (options.prefix !== undefined) client.prefix = options.prefix;
    this.properties = { ...config.defaults, ...client, ...config.overrides };
    // Used verbatim, as the Java reference client does (ResourcePaths): a server advertises a prefix
    // ready for its paths, e.g. Glue's `catalogs/<catalog id>` (slash included) or Nessie's encoded ref.
    const prefix = (this.properties.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.prefixSegments = prefix === '' ? [] : [prefix];
    // Already URL-encoded, per the specification (default: the unit separator 0x1F).
    this.separator = this.properties['namespace-separator'] ?? '%1F';
    this.mutationKind = config['idempotency-key-lifetime'] ? 'keyed-mutation' : 'mutation';
  }

  /** GET /v1/config, then a client that uses the resulting prefix. */
  static async connect(options: IcebergRestClientOptions): Promise<IcebergRestClient> {
    const transport = new Transport(options);
    const answer = await transport.send({
      operation: 'load catalog configuration',
      method: 'GET',
      segments: ['v1', 'config'],
      query: options.warehouse !== undefined ? [['warehouse', options.warehouse]] : [],
      kind: 'read',
    });
    const body = (answer.body ?? {}) as Partial<CatalogConfig>;
    const config: CatalogConfig = { ...body, defaults: body.defaults ?? {}, overrides: body.overrides ?? {} };
    return new IcebergRestClient(transport, config, options);
  }

  async loadNamespace(namespace: Namespace): Promise<{ namespace: Namespace; properties?: Record<string, string> }> {
    const answer = await this.transport.send({
      operation: `load namespace ${show(namespace)}`,
      method: 'GET',
      segments: this.namespacePath(namespace),
      kind: 'read',
    });
    return answer.body as { namespace: Namespace; properties?: Record<string, string> };
  }

  /** Through GET (LoadNamespaceMetadata): AWS Glue lists no HEAD route for namespaces. */
  async namespaceExists(namespace: Namespace): Promise<boolean> {
    return this.loadNamespace(namespace).then(
      () => true,
      (e: unknown) => (hasStatus(e, 404) ? false : Promise.reject(e)),
    );
  }

  async createNamespace(request: CreateNamespaceRequest): Promise<void> {
    await this.transport.send({
      operation: `create namespace ${show(request.namespace)}`,
      method: 'POST',
      segments: [...this.base(), 'namespaces'],
      body: request,
      kind: this.mutationKind,
    });
  }

  async tableExists(table: TableIdentifier): Promise<boolean> {
    return this.transport
      .send({ operation: `check table ${showTable(table)}`, method: 'HEAD', segments: this.tablePath(table), kind: 'read' })
      .then(
        () => true,
        (e: unknown) => (hasStatus(e, 404) ? false : Promise.reject(e)),
      );
  }

  async loadTable(table: TableIdentifier): Promise<LoadTableResult> {
    const answer = await this.transport.send({
      operation: `load table ${showTable(table)}`,
      method: 'GET',
      segments: this.tablePath(table),
      kind: 'read',
    });
    return answer.body as LoadTableResult;
  }

  /** The table, or undefined when the catalog answers 404. */
  async loadTableIfExists(table: TableIdentifier): Promise<LoadTableResult | undefined> {
    return this.loadTable(table).catch((e: unknown) => (hasStatus(e, 404) ? undefined : Promise.reject(e)));
  }

  async createTable(namespace: Namespace, request: CreateTableRequest): Promise<LoadTableResult> {
    const answer = await this.transport.send({
      operation: `create table ${show(namespace)}.${request.name}`,
      method: 'POST',
      segments: [...this.namespacePath(namespace), 'tables'],
      body: request,
      kind: this.mutationKind,
    });
    return answer.body as LoadTableResult;
  }

  /**
   * POST /v1/{prefix}/namespaces/{ns}/tables/{table}. A 409 means a requirement failed; an error
   * with `outcomeUnknown` (500/502/504) means the commit may have been applied: reload and check.
   */
  async commitTable(table: TableIdentifier, request: CommitTableRequest): Promise<LoadTableResult> {
    const answer = await this.transport.send({
      operation: `commit to table ${showTable(table)}`,
      method: 'POST',
      segments: this.tablePath(table),
      body: request,
      kind: this.mutationKind,
    });
    return answer.body as LoadTableResult;
  }

  /** Removes the catalog entry; with `purgeRequested: false` (the default) the data and metadata files stay. */
  async dropTable(table: TableIdentifier, options: { purgeRequested?: boolean } = {}): Promise<void> {
    await this.transport.send({
      operation: `drop table ${showTable(table)}`,
      method: 'DELETE',
      segments: this.tablePath(table),
      query: [['purgeRequested', String(options.purgeRequested ?? false)]],
      kind: this.mutationKind,
    });
  }

  private base(): string[] {
    return ['v1', ...this.prefixSegments];
  }

  private namespacePath(namespace: Namespace): string[] {
    return [...this.base(), 'namespaces', namespace.map(rfc3986).join(this.separator)];
  }

  private tablePath(table: TableIdentifier): string[] {
    return [...this.namespacePath(table.namespace), 'tables', rfc3986(table.name)];
  }
}

function show(namespace: Namespace): string {
  return namespace.join('.');
}

function showTable(table: TableIdentifier): string {
  return `${show(table.namespace)}.${table.name}`;
}
