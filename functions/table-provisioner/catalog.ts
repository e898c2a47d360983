import { noAuthentication, type RequestAuthenticator } from '../../lib/iceberg-rest/auth/authenticator';
import { OAuth2ClientCredentials } from '../../lib/iceberg-rest/auth/oauth2';
import { credentialsFromEnvironment, SigV4Authenticator } from '../../lib/iceberg-rest/auth/sigv4';
import { IcebergRestClient } from '../../lib/iceberg-rest/client';
import type { CatalogAuthSettings, CatalogSettings } from '../../lib/iceberg-rest/desired-table';
import { readClientSecret } from './secrets';

/** What the function takes from its environment; tests replace them. */
export interface RuntimeDeps {
  readonly fetch?: typeof fetch;
  readonly env?: NodeJS.ProcessEnv;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
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

/** A client for the catalog the input names, after reading its configuration. */
export function connectCatalog(settings: CatalogSettings, deps: RuntimeDeps = {}): Promise<IcebergRestClient> {
  return IcebergRestClient.connect({
    uri: settings.uri,
    ...(settings.warehouse !== undefined ? { warehouse: settings.warehouse } : {}),
    ...(settings.prefix !== undefined ? { prefix: settings.prefix } : {}),
    auth: authenticatorFor(settings.auth, deps),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
}
