/**
 * When a catalog request is sent again, following the REST specification's response semantics
 * (rest-catalog-open-api.yaml, apache-iceberg-1.11.0):
 * - 429: nothing was done; any request may be retried.
 * - 503 (ServiceUnavailableResponse): "request could have been partially processed … a non
 *   idempotent request should only be retried by the client when the Retry-After header is present".
 * - 500/502/504 on a commit: "the commit state is unknown" (CommitStateUnknownException): never
 *   retried blindly; the caller reloads the table and checks.
 * Reads (GET/HEAD) are idempotent and retried on any 5xx or network error. A mutation is retried
 * after a network error only when it cannot have arrived (connection refused, name not resolved),
 * or when the catalog supports Idempotency-Key and the same key is sent again.
 */

export interface RetryPolicy {
  /** Attempts in total, the first included. @default 5 */
  readonly maxAttempts: number;
  /** Delay before the first retry; doubled for each next one. @default 250 */
  readonly baseDelayMs: number;
  /** Upper bound of one delay, Retry-After included. @default 8000 */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8000 };

/** How a request may be repeated. */
export type RequestKind = 'read' | 'mutation' | 'keyed-mutation';

/** Whether an answer with this status is worth sending again. */
export function retryableStatus(status: number, kind: RequestKind, hasRetryAfter: boolean): boolean {
  if (status === 429) return true;
  if (status === 503) return kind !== 'mutation' || hasRetryAfter;
  if (status >= 500) return kind !== 'mutation';
  return false;
}

/** A mutation answered like this may have taken effect (CommitStateUnknown, a gateway that lost the answer). */
export function outcomeUnknownStatus(status: number, kind: RequestKind): boolean {
  return kind !== 'read' && (status === 500 || status === 502 || status === 504);
}

/** Exponential backoff with equal jitter: half the step fixed, half random. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Retry-After as milliseconds (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The error code of a network failure (fetch wraps it as `cause`), e.g. `ECONNREFUSED`. */
export function networkErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A connection that was never made: the request cannot have reached the catalog. */
export function neverSent(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

/**
 * A UUIDv7 (RFC 9562) for the Idempotency-Key header, which the specification requires in that
 * form: 48 bits of Unix milliseconds, version 7, variant 10, random bits.
 */
export function uuidV7(now: number, randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(16);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
