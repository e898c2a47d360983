/** A request the client is about to send, in the form an authenticator signs it. */
export interface OutgoingRequest {
  readonly method: string;
  /** `https://host[:port]`, no trailing slash. */
  readonly origin: string;
  /** `host[:port]` as the Host header carries it. */
  readonly host: string;
  /** The path exactly as sent (segments already percent-encoded). */
  readonly path: string;
  /** Query parameters, decoded, in the order sent. */
  readonly query: readonly (readonly [string, string])[];
  /** Headers the client sends (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Adds credentials to catalog requests: SigV4 for AWS Glue, a bearer token for an OAuth2-protected catalog. */
export interface RequestAuthenticator {
  /** Headers to add to the request (lower-case names). */
  headersFor(request: OutgoingRequest): Promise<Record<string, string>>;
  /** Forget cached credentials (after a 401 or 419), so the next request fetches fresh ones. */
  invalidate?(): void;
}

/** No credentials: a catalog reachable only from a private network, or a test server. */
export const noAuthentication: RequestAuthenticator = {
  headersFor: () => Promise.resolve({}),
};

/** RFC 3986 percent-encoding of everything but unreserved characters (what SigV4 and form bodies need). */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `a=1&b=2`, each part RFC 3986-encoded, in the given order. */
export function encodeQuery(query: readonly (readonly [string, string])[]): string {
  return query.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
}
