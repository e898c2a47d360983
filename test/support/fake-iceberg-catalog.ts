/**
 * An in-process Iceberg REST catalog (node:http on 127.0.0.1, random port) implementing the routes
 * the table-provisioning client uses, with the specification's semantics: 404 NoSuchNamespace /
 * NoSuchTable, 409 on existing namespaces and tables and on failed commit requirements, errors as
 * `{ "error": ErrorModel }`. Every request body is validated against the project's request JSON
 * Schema; an invalid one is answered 400 and recorded in `invalidRequests`. Faults can be queued
 * (a transient 503, a commit answered 500 whether or not it was applied).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommitTableRequest, CreateNamespaceRequest, CreateTableRequest } from '../../lib/iceberg-rest/types';
import { applyCommit, CatalogProblem, newTableMetadata, type MutableMetadata } from './fake-catalog-tables';
import { requestProblems, type RequestKind } from './request-schema';

export interface FakeCatalogOptions {
  /** Sent as `overrides.prefix` from GET /v1/config. @default none */
  readonly prefix?: string;
  /** When set, GET /v1/config?warehouse= must name it (404 NoSuchWarehouse otherwise). */
  readonly warehouse?: string;
  /** Advertise Idempotency-Key support. */
  readonly idempotencyKeyLifetime?: string;
  /** Require `Authorization: Bearer <token>`; POST /oauth2/token issues it to `client`. */
  readonly oauth?: { readonly token: string; readonly clientId: string; readonly clientSecret: string; readonly expiresIn?: number };
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body?: unknown;
}

interface Fault {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  readonly retryAfter?: string;
  /** For a mutation: apply it, then answer with the fault (a lost answer). */
  readonly applyFirst?: boolean;
  remaining: number;
}

interface StoredTable {
  metadata: MutableMetadata;
  metadataLocation: string;
}

const BASE = '/iceberg';

export class FakeIcebergCatalog {
  readonly requests: RecordedRequest[] = [];
  readonly invalidRequests: { kind: RequestKind; problems: string[] }[] = [];
  readonly namespaces = new Map<string, Record<string, string>>();
  readonly tables = new Map<string, StoredTable>();
  readonly drops: { table: string; purgeRequested: string | null }[] = [];
  tokensIssued = 0;
  private readonly faults: Fault[] = [];
  private server?: Server;
  private port = 0;

  private constructor(private readonly options: FakeCatalogOptions) {}

  static async start(options: FakeCatalogOptions = {}): Promise<FakeIcebergCatalog> {
    const catalog = new FakeIcebergCatalog(options);
    await catalog.listen();
    return catalog;
  }

  /** Base URI of the REST API (with a base path, as Nessie's `/iceberg`). */
  get uri(): string {
    return `http://127.0.0.1:${this.port}${BASE}`;
  }

  get tokenUri(): string {
    return `http://127.0.0.1:${this.port}/oauth2/token`;
  }

  /** Answer the next `times` requests matching method and path with `status` instead of serving them. */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    options: { times?: number; retryAfter?: string; applyFirst?: boolean } = {},
  ): void {
    this.faults.push({
      method,
      path,
      status,
      retryAfter: options.retryAfter,
      applyFirst: options.applyFirst,
      remaining: options.times ?? 1,
    });
  }

  /** A table as another engine created it (its own ids, properties, maybe snapshots). */
  seedTable(namespace: string, request: CreateTableRequest, changes: Partial<MutableMetadata> = {}): MutableMetadata {
    if (!this.namespaces.has(namespace)) this.namespaces.set(namespace, {});
    const metadata = { ...newTableMetadata(request, `s3://warehouse/${namespace}/${request.name}`), ...changes };
    this.tables.set(`${namespace}.${request.name}`, { metadata, metadataLocation: this.nextMetadataLocation(metadata) });
    return metadata;
  }

  table(qualifiedName: string): MutableMetadata | undefined {
    return this.tables.get(qualifiedName)?.metadata;
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => (this.server ? this.server.close((e) => (e ? reject(e) : resolve())) : resolve()));
  }

  private listen(): Promise<void> {
    this.server = createServer((req, res) =>
      this.handle(req, res).catch((e: unknown) => sendError(res, 500, 'InternalServerError', `fake catalog: ${(e as Error).message}`)),
    );
    return new Promise((resolve) =>
      this.server!.listen(0, '127.0.0.1', () => {
        this.port = (this.server!.address() as AddressInfo).port;
        resolve();
      }),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const text = await readBody(req);
    const json = (req.headers['content-type'] ?? '').startsWith('application/json');
    const body = json && text !== '' ? (JSON.parse(text) as unknown) : undefined;
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body });
    try {
      if (url.pathname === '/oauth2/token') return this.token(req, text, res);
      this.authorize(req);
      const fault = this.takeFault(req.method ?? '', url.pathname);
      if (fault && !fault.applyFirst) return sendError(res, fault.status, 'ServiceFailureException', 'injected fault', fault.retryAfter);
      const answer = this.route(req.method ?? '', url, body);
      if (fault) return sendError(res, fault.status, 'CommitStateUnknownException', 'injected fault after applying', fault.retryAfter);
      send(res, answer.status, answer.body);
    } catch (e) {
      if (e instanceof CatalogProblem) return sendError(res, e.status, e.type, e.message);
      sendError(res, 500, 'InternalServerError', (e as Error).message);
    }
  }

  private route(method: string, url: URL, body: unknown): { status: number; body?: unknown } {
    const rest = this.pathAfterPrefix(url.pathname);
    if (rest === 'config' && method === 'GET') return this.config(url);
    const parts = rest.split('/').map(decodeURIComponent);
    if (parts[0] !== 'namespaces') throw new CatalogProblem(404, 'NotFoundException', `no route ${method} ${url.pathname}`);
    if (parts.length === 1 && method === 'POST') return this.createNamespace(this.valid('CreateNamespaceRequest', body));
    const namespace = (parts[1] ?? '').split('\u001f').join('.');
    if (parts.length === 2 && method === 'GET')
      return { status: 200, body: { namespace: namespace.split('.'), properties: this.namespaceOf(namespace) } };
    if (parts.length === 3 && parts[2] === 'tables' && method === 'POST')
      return this.createTable(namespace, this.valid('CreateTableRequest', body));
    if (parts.length === 4 && parts[2] === 'tables') {
      this.namespaceOf(namespace);
      return this.tableRoute(method, `${namespace}.${parts[3]}`, url, body);
    }
    throw new CatalogProblem(404, 'NotFoundException', `no route ${method} ${url.pathname}`);
  }

  private tableRoute(method: string, name: string, url: URL, body: unknown): { status: number; body?: unknown } {
    const stored = this.tables.get(name);
    if (!stored) throw new CatalogProblem(404, 'NoSuchTableException', `Table does not exist: ${name}`);
    if (method === 'HEAD') return { status: 204 };
    if (method === 'GET') return { status: 200, body: loadResult(stored) };
    if (method === 'DELETE') {
      this.tables.delete(name);
      this.drops.push({ table: name, purgeRequested: url.searchParams.get('purgeRequested') });
      return { status: 204 };
    }
    if (method === 'POST') {
      stored.metadata = applyCommit(stored.metadata, this.valid('CommitTableRequest', body) as CommitTableRequest);
      stored.metadataLocation = this.nextMetadataLocation(stored.metadata);
      return { status: 200, body: loadResult(stored) };
    }
    throw new CatalogProblem(405, 'MethodNotAllowed', method);
  }

  private config(url: URL): { status: number; body: unknown } {
    if (this.options.warehouse !== undefined && url.searchParams.get('warehouse') !== this.options.warehouse) {
      throw new CatalogProblem(404, 'NoSuchWarehouseException', `Warehouse not found: ${url.searchParams.get('warehouse')}`);
    }
    const overrides = this.options.prefix ? { prefix: this.options.prefix } : {};
    const lifetime = this.options.idempotencyKeyLifetime ? { 'idempotency-key-lifetime': this.options.idempotencyKeyLifetime } : {};
    return { status: 200, body: { defaults: {}, overrides, ...lifetime } };
  }

  private createNamespace(request: CreateNamespaceRequest): { status: number; body: unknown } {
    const name = request.namespace.join('.');
    if (this.namespaces.has(name)) throw new CatalogProblem(409, 'AlreadyExistsException', `Namespace already exists: ${name}`);
    this.namespaces.set(name, { ...request.properties });
    return { status: 200, body: { namespace: request.namespace, properties: request.properties ?? {} } };
  }

  private createTable(namespace: string, request: CreateTableRequest): { status: number; body: unknown } {
    this.namespaceOf(namespace);
    const name = `${namespace}.${request.name}`;
    if (this.tables.has(name)) throw new CatalogProblem(409, 'AlreadyExistsException', `Table already exists: ${name}`);
    const metadata = newTableMetadata(request, `s3://warehouse/${namespace}/${request.name}`);
    const stored = { metadata, metadataLocation: this.nextMetadataLocation(metadata) };
    this.tables.set(name, stored);
    return { status: 200, body: loadResult(stored) };
  }

  private namespaceOf(namespace: string): Record<string, string> {
    const found = this.namespaces.get(namespace);
    if (!found) throw new CatalogProblem(404, 'NoSuchNamespaceException', `Namespace does not exist: ${namespace}`);
    return found;
  }

  private valid(kind: RequestKind, body: unknown): any {
    const problems = requestProblems(kind, body);
    if (problems.length > 0) {
      this.invalidRequests.push({ kind, problems });
      throw new CatalogProblem(400, 'BadRequestException', `Invalid ${kind}: ${problems.join('; ')}`);
    }
    return body;
  }

  private pathAfterPrefix(pathname: string): string {
    const base = `${BASE}/v1/`;
    if (!pathname.startsWith(base)) throw new CatalogProblem(404, 'NotFoundException', `not under ${base}: ${pathname}`);
    const rest = pathname.slice(base.length);
    if (rest === 'config' || !this.options.prefix) return rest;
    const prefix = `${this.options.prefix}/`;
    if (!rest.startsWith(prefix))
      throw new CatalogProblem(404, 'NotFoundException', `path does not start with prefix ${prefix}: ${pathname}`);
    return rest.slice(prefix.length);
  }

  private authorize(req: IncomingMessage): void {
    if (!this.options.oauth) return;
    if (req.headers.authorization !== `Bearer ${this.options.oauth.token}`) {
      throw new CatalogProblem(401, 'NotAuthorizedException', 'Not authorized: missing or wrong bearer token');
    }
  }

  private token(req: IncomingMessage, text: string, res: ServerResponse): void {
    const oauth = this.options.oauth;
    const expected = oauth && `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`;
    const form = new URLSearchParams(text);
    if (!oauth || req.headers.authorization !== expected || form.get('grant_type') !== 'client_credentials') {
      return send(res, 401, { error: 'invalid_client', error_description: 'client authentication failed' });
    }
    this.tokensIssued++;
    send(res, 200, { access_token: oauth.token, token_type: 'Bearer', expires_in: oauth.expiresIn ?? 3600 });
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && f.method === method && f.path.test(path));
    if (fault) fault.remaining--;
    return fault;
  }

  private nextMetadataLocation(metadata: MutableMetadata): string {
    return `${metadata.location}/metadata/${randomUUID()}.metadata.json`;
  }
}

function loadResult(stored: StoredTable): unknown {
  return { 'metadata-location': stored.metadataLocation, metadata: stored.metadata, config: {} };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, type: string, message: string, retryAfter?: string): void {
  if (retryAfter !== undefined) res.setHeader('retry-after', retryAfter);
  send(res, status, { error: { message, type, code: status } });
}
