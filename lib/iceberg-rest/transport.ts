import { randomBytes } from 'node:crypto';
import { encodeQuery, noAuthentication, type OutgoingRequest, type RequestAuthenticator } from './auth/authenticator';
import { IcebergRestError, parseErrorModel } from './errors';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  neverSent,
  networkErrorCode,
  outcomeUnknownStatus,
  retryableStatus,
  retryAfterMs,
  uuidV7,
  type RequestKind,
  type RetryPolicy,
} from './retry';

export interface TransportOptions {
  /** Catalog base URI, e.g. `https://glue.eu-west-1.amazonaws.com/iceberg` or `https://nessie.internal/iceberg`. */
  readonly uri: string;
  /** @default no credentials */
  readonly auth?: RequestAuthenticator;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retry?: Partial<RetryPolicy>;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Time allowed for one attempt. @default 20000 */
  readonly timeoutMs?: number;
}

export interface SendOptions {
  readonly operation: string;
  readonly method: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  /** Path segments after the base path, each already encoded. */
  readonly segments: readonly string[];
  readonly query?: readonly (readonly [string, string])[];
  readonly body?: unknown;
  readonly kind: RequestKind;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** HTTP with authentication, timeouts and the specification's retry rules (see retry.ts). */
export class Transport {
  readonly origin: string;
  private readonly host: string;
  private readonly basePath: string;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: TransportOptions) {
    const url = new URL(options.uri);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`catalog URI must be http(s): ${options.uri}`);
    this.origin = url.origin;
    this.host = url.host;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  async send(options: SendOptions): Promise<Answer> {
    const request = this.outgoing(options);
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      // Outside the try: a credentials failure (token endpoint, missing keys) is not a network error.
      const auth = await (this.options.auth ?? noAuthentication).headersFor(request);
      let response: Response;
      try {
        response = await this.once(request, auth);
      } catch (e) {
        const retryable = options.kind !== 'mutation' || neverSent(e);
        if (retryable && attempt < this.policy.maxAttempts) {
          await this.pause(attempt, undefined);
          continue;
        }
        throw this.networkError(options, attempt, e, !retryable);
      }
      if (response.ok) return { status: response.status, body: await readJson(response) };
      const text = await response.text();
      const retryAfter = retryAfterMs(response.headers.get('retry-after'), this.now());
      if (retryableStatus(response.status, options.kind, retryAfter !== undefined) && attempt < this.policy.maxAttempts) {
        await this.pause(attempt, retryAfter);
        continue;
      }
      if ((response.status === 401 || response.status === 419) && this.options.auth?.invalidate && !reauthenticated) {
        this.options.auth.invalidate();
        reauthenticated = true;
        continue;
      }
      throw this.statusError(options, response.status, text, attempt);
    }
  }

  private outgoing(options: SendOptions): OutgoingRequest {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    // One key for every attempt of this mutation: the catalog then applies it at most once.
    if (options.kind === 'keyed-mutation') headers['idempotency-key'] = uuidV7(this.now(), randomBytes);
    return {
      method: options.method,
      origin: this.origin,
      host: this.host,
      path: `${this.basePath}/${options.segments.join('/')}`,
      query: options.query ?? [],
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    };
  }

  private once(request: OutgoingRequest, auth: Record<string, string>): Promise<Response> {
    const query = request.query.length > 0 ? `?${encodeQuery(request.query)}` : '';
    return (this.options.fetch ?? fetch)(`${request.origin}${request.path}${query}`, {
      method: request.method,
      headers: { ...request.headers, ...auth },
      body: request.body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000),
    });
  }

  private pause(attempt: number, retryAfter: number | undefined): Promise<void> {
    const backoff = backoffDelay(attempt, this.policy, this.options.random ?? Math.random);
    return (this.options.sleep ?? realSleep)(Math.min(this.policy.maxDelayMs, Math.max(backoff, retryAfter ?? 0)));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private networkError(options: SendOptions, attempts: number, cause: unknown, outcomeUnknown: boolean): IcebergRestError {
    const reason = networkErrorCode(cause) ?? (cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
    const effect = outcomeUnknown ? '; the request may or may not have taken effect' : '';
    return new IcebergRestError(
      `${options.operation}: no answer from the catalog at ${this.origin} after ${attempts} attempt(s) (${reason})${effect}`,
      { operation: options.operation, outcomeUnknown, attempts, cause },
    );
  }

  private statusError(options: SendOptions, status: number, text: string, attempts: number): IcebergRestError {
    const error = parseErrorModel(text);
    const detail = error ? `${error.type}: ${error.message}` : text.trim().slice(0, 200) || '(no body)';
    const outcomeUnknown = outcomeUnknownStatus(status, options.kind);
    const effect = outcomeUnknown ? ' (the commit state is unknown)' : '';
    return new IcebergRestError(`${options.operation} failed with HTTP ${status}${effect}: ${detail}`, {
      operation: options.operation,
      status,
      error,
      outcomeUnknown,
      attempts,
    });
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`catalog answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
}
