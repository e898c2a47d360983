/**
 * Connecting to the catalog a function's settings name: the authenticator for SigV4 (the function's
 * own role), OAuth2 client credentials (secret read from Secrets Manager) or none, and the first
 * GET /v1/config with waits for IAM propagation. Shared by the table-provisioning and drift-check functions.
 */
import { noAuthentication, type RequestAuthenticator } from '../../lib/iceberg-rest/auth/authenticator';
import { OAuth2ClientCredentials } from '../../lib/iceberg-rest/auth/oauth2';
import { credentialsFromEnvironment, SigV4Authenticator } from '../../lib/iceberg-rest/auth/sigv4';
import { IcebergRestClient } from '../../lib/iceberg-rest/client';
import { fetchConnectingTo } from '../../lib/iceberg-rest/connect-to';
import { hasStatus } from '../../lib/iceberg-rest/errors';
import type { CatalogAuthSettings, CatalogSettings } from '../../lib/iceberg-rest/desired-table';
import { readClientSecret } from './secrets';

/** What the function takes from its environment; tests replace them. */
export interface RuntimeDeps {
  readonly fetch?: typeof fetch;
  readonly env?: NodeJS.ProcessEnv;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
  /** Extra trusted CA certificates (PEM) for a catalog reached with `connectTo`; tests only. */
  readonly ca?: string;
}

export function authenticatorFor(auth: CatalogAuthSettings, deps: RuntimeDeps): RequestAuthenticator {
  switch (auth.type) {
    case 'none':
      return noAuthentication;
    case 'sigv4':
      return new SigV4Authenticator({
        region: auth.region,
        service: auth.service,
        credentials: () => credentialsFromEnvironment(deps.env ?? process.env),
        ...(deps.now ? { now: deps.now } : {}),
      });
    case 'oauth2':
      return new OAuth2ClientCredentials({
        tokenUri: auth.tokenUri,
        clientId: auth.clientId,
        ...(auth.scope ? { scope: auth.scope } : {}),
        clientSecret: () => readClientSecret(auth.clientSecretArn, deps),
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
  }
}

/**
 * Waits after a 403 from a SigV4 catalog: the role's policy is created in the same apply as the
 * first invocation, and IAM changes take a few seconds to apply everywhere (eventual consistency).
 */
export const IAM_PROPAGATION_WAITS_MS = [2000, 4000, 8000, 8000] as const;

/** The fetch for catalog requests: through `connectTo` when the settings name one (never for the token endpoint). */
function catalogFetch(settings: CatalogSettings, deps: RuntimeDeps): typeof fetch | undefined {
  if (settings.connectTo === undefined) return deps.fetch;
  return fetchConnectingTo(new URL(settings.uri).hostname, settings.connectTo, {
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.ca !== undefined ? { ca: deps.ca } : {}),
  });
}

/** A client for the catalog the input names, after reading its configuration. */
export async function connectCatalog(settings: CatalogSettings, deps: RuntimeDeps = {}): Promise<IcebergRestClient> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const fetchForCatalog = catalogFetch(settings, deps);
  for (let attempt = 0; ; attempt++) {
    try {
      return await IcebergRestClient.connect({
        uri: settings.uri,
        ...(settings.warehouse !== undefined ? { warehouse: settings.warehouse } : {}),
        ...(settings.prefix !== undefined ? { prefix: settings.prefix } : {}),
        auth: authenticatorFor(settings.auth, deps),
        ...(fetchForCatalog ? { fetch: fetchForCatalog } : {}),
        sleep,
      });
    } catch (e) {
      const wait = IAM_PROPAGATION_WAITS_MS[attempt];
      if (settings.auth.type !== 'sigv4' || !hasStatus(e, 403) || wait === undefined) throw e;
      await sleep(wait);
    }
  }
}
