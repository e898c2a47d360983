/**
 * OAuth2 client-credentials bearer tokens (RFC 6749 §4.4), e.g. from an Amazon Cognito user pool's
 * `/oauth2/token` endpoint for a Nessie catalog with authentication on. The token is cached until
 * shortly before it expires; the secret is read through a callback, so it never sits in Terraform
 * state or in the function's configuration.
 */
import type { OutgoingRequest, RequestAuthenticator } from './authenticator';

export interface OAuth2ClientCredentialsOptions {
  /** The token endpoint, e.g. `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`. */
  readonly tokenUri: string;
  readonly clientId: string;
  /** Returns the client secret (e.g. read from AWS Secrets Manager); called once per token. */
  readonly clientSecret: () => Promise<string>;
  /** Space-separated scopes, e.g. `lakehouse/admin`. @default - none (the server's default scopes) */
  readonly scope?: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Milliseconds since the epoch. @default Date.now */
  readonly now?: () => number;
  /** A token is renewed this long before it expires. @default 60000 */
  readonly renewBeforeMs?: number;
}

/** Assumed lifetime when the token response has no `expires_in` (RFC 6749 makes it optional). */
const DEFAULT_LIFETIME_MS = 5 * 60_000;

export class OAuth2Error extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OAuth2Error';
  }
}

/** `Authorization: Bearer <token>` from the client-credentials grant. */
export class OAuth2ClientCredentials implements RequestAuthenticator {
  private cached?: { token: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(private readonly options: OAuth2ClientCredentialsOptions) {}

  async headersFor(_request: OutgoingRequest): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token()}` };
  }

  invalidate(): void {
    this.cached = undefined;
  }

  /** A valid access token, fetched once and shared by concurrent callers. */
  async token(): Promise<string> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && now < this.cached.renewAt) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const { tokenUri, clientId } = this.options;
    const secret = await this.options.clientSecret();
    // RFC 6749 §2.3.1: client id and secret form-encoded, then sent with HTTP Basic (Cognito requires Basic).
    const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64');
    const form = new URLSearchParams({ grant_type: 'client_credentials', ...(this.options.scope ? { scope: this.options.scope } : {}) });
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(tokenUri, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      });
    } catch (e) {
      throw new OAuth2Error(`could not reach the OAuth2 token endpoint ${tokenUri}: ${(e as Error).message}`);
    }
    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok) {
      const reason =
        typeof body?.error === 'string'
          ? `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`
          : text.slice(0, 200);
      throw new OAuth2Error(
        `token endpoint ${tokenUri} refused client '${clientId}' (HTTP ${response.status}): ${reason}`,
        response.status,
      );
    }
    if (typeof body?.access_token !== 'string' || body.access_token === '') {
      throw new OAuth2Error(`token endpoint ${tokenUri} answered without an access_token`, response.status);
    }
    const lifetimeMs = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : DEFAULT_LIFETIME_MS;
    const renewBefore = Math.min(this.options.renewBeforeMs ?? 60_000, lifetimeMs / 2);
    this.cached = { token: body.access_token, renewAt: (this.options.now ?? Date.now)() + lifetimeMs - renewBefore };
    return body.access_token;
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
