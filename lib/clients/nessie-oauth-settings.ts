/**
 * OAuth2 client settings for an authenticated Nessie (`nessie.auth.mode` cognito or external). Never
 * a secret value: the credential is a placeholder naming the Secrets Manager secret and the command
 * that prints it, so an engine given the file unchanged fails at the token endpoint.
 *
 * Keys, per engine documentation: PyIceberg REST catalog `credential`, `oauth2-server-uri`, `scope`
 * (iceberg-python mkdocs/docs/configuration.md); Iceberg's REST catalog in Spark the same keys under
 * `spark.sql.catalog.<name>.` (Iceberg OAuth2Properties); Trino `iceberg.rest-catalog.security=OAUTH2`,
 * `iceberg.rest-catalog.oauth2.credential`, `.server-uri`, `.scope` (Trino Iceberg connector, REST
 * catalog); Iceberg's NessieCatalog `authentication.type=OAUTH2`, `authentication.oauth2.token-endpoint`,
 * `.client-id`, `.client-secret`, `.client-scopes` (Nessie client_config.md, NessieConfigConstants at
 * nessie-0.108.4). Nessie's own `/iceberg/v1/oauth/tokens` answers 501 and asks clients to set
 * `oauth2-server-uri` (IcebergApiV1GenericResource at nessie-0.108.4), so the token endpoint is always given.
 * Iceberg's REST client (Spark, Trino) refreshes tokens with the token-exchange grant unless
 * `token-exchange-enabled` is false (OAuth2Properties, AuthSession); Cognito's token endpoint only
 * knows authorization_code, refresh_token and client_credentials, so exchange is turned off and the
 * client fetches a new token with its credential instead. PyIceberg never exchanges.
 */
import type { EnvironmentConfig } from '../model/environment';
import { resourcePrefix } from '../model/naming';
import { NESSIE_OAUTH_CLIENTS, NESSIE_TIERS, nessieOAuthNames, type NessieOAuthClient, type NessieTier } from '../model/nessie-auth';
import type { Properties } from './engine-settings-types';

/** The tier the exported settings authenticate as; switch `scope` and the secret for another tier. */
export const NESSIE_SETTINGS_TIER: NessieTier = 'reader';

/** Where each tier's client lives (identifiers.json, stack outputs). */
export interface NessieOAuthIdentifiers {
  readonly mode: 'cognito' | 'external';
  readonly token_endpoint: string;
  /** The settings' tier (`reader`). */
  readonly settings_tier: NessieTier;
  /** Scope and (Cognito) Secrets Manager secret name per client; `provisioner` is the admin-scope client of the provisioning functions. */
  readonly clients: Readonly<Partial<Record<NessieOAuthClient, { readonly scope: string; readonly secret_name?: string }>>>;
}

export interface NessieOAuthSettings {
  readonly pyiceberg: Properties;
  readonly sparkRest: (spark: string) => Properties;
  readonly sparkNessie: (spark: string) => Properties;
  readonly trino: Properties;
  readonly identifiers: NessieOAuthIdentifiers;
}

/** `<credential from: aws secretsmanager get-secret-value ...>`: what to put there and the command that prints it. */
export function secretPlaceholder(field: 'credential' | 'client_id' | 'client_secret', secretName: string, region: string): string {
  return `<${field} from: aws secretsmanager get-secret-value --region ${region} --secret-id ${secretName} --query SecretString --output text | jq -r .${field}>`;
}

/** The OAuth2 settings of the environment, or undefined when Nessie runs without authentication. */
export function nessieOAuthSettings(env: EnvironmentConfig): NessieOAuthSettings | undefined {
  const auth = env.nessie.auth;
  if (auth.mode === 'none') return undefined;
  const tier = NESSIE_SETTINGS_TIER;
  let tokenEndpoint: string;
  let field: (f: 'credential' | 'client_id' | 'client_secret') => string;
  let clients: NessieOAuthIdentifiers['clients'];
  if (auth.mode === 'cognito') {
    const names = nessieOAuthNames(resourcePrefix(env.project, env.name), env.region, auth.cognitoDomain);
    tokenEndpoint = names.tokenEndpoint;
    field = (f) => secretPlaceholder(f, names.secretName(tier), env.region);
    clients = Object.fromEntries(
      NESSIE_OAUTH_CLIENTS.map((c) => [c, { scope: auth.tierRoles[c === 'provisioner' ? 'admin' : c], secret_name: names.secretName(c) }]),
    );
  } else {
    tokenEndpoint = `<token_endpoint of ${auth.issuerUrl ?? 'your issuer'}: see its /.well-known/openid-configuration>`;
    field = (f) => `<${f} of a ${tier} client registered with ${auth.issuerUrl ?? 'your issuer'}>`;
    clients = Object.fromEntries(NESSIE_TIERS.map((t) => [t, { scope: auth.tierRoles[t] }]));
  }
  // With Cognito (and issuers whose tiers are scopes) the tier's role is the scope to request.
  const scope =
    auth.mode === 'cognito' || auth.rolesClaim === 'scope' ? auth.tierRoles[tier] : `<scope your issuer needs for the ${tier} tier>`;
  return {
    pyiceberg: { credential: field('credential'), 'oauth2-server-uri': tokenEndpoint, scope },
    sparkRest: (spark) => ({
      [`${spark}.credential`]: field('credential'),
      [`${spark}.oauth2-server-uri`]: tokenEndpoint,
      [`${spark}.scope`]: scope,
      [`${spark}.token-exchange-enabled`]: 'false',
    }),
    sparkNessie: (spark) => ({
      [`${spark}.authentication.type`]: 'OAUTH2',
      [`${spark}.authentication.oauth2.token-endpoint`]: tokenEndpoint,
      [`${spark}.authentication.oauth2.client-id`]: field('client_id'),
      [`${spark}.authentication.oauth2.client-secret`]: field('client_secret'),
      [`${spark}.authentication.oauth2.client-scopes`]: scope,
    }),
    trino: {
      'iceberg.rest-catalog.security': 'OAUTH2',
      'iceberg.rest-catalog.oauth2.credential': field('credential'),
      'iceberg.rest-catalog.oauth2.server-uri': tokenEndpoint,
      'iceberg.rest-catalog.oauth2.scope': scope,
      'iceberg.rest-catalog.oauth2.token-exchange-enabled': 'false',
    },
    identifiers: { mode: auth.mode, token_endpoint: tokenEndpoint, settings_tier: tier, clients },
  };
}
