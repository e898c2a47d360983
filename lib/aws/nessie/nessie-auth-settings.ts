/**
 * Environment variables of the Nessie task for authentication, authorization and the TLS-terminating
 * load balancer. Property names become variable names by upper-casing and `.`/`-` → `_`
 * (site/in-dev/configuration.md at nessie-0.108.4); map keys (rule ids) are kept to plain lowercase
 * words so that the mapping back is unambiguous. Every variable is listed with its source in
 * docs/aws-nessie.md ("Nessie settings, exactly"); a test checks the task definition against it.
 */
import { NESSIE_TIERS, type NessieAuthMode, type NessieAuthSettings, type NessieTier } from '../../model/nessie-auth';
import { arnProblem } from '../rules/arns';
import { nessieAuthorizationRules } from './nessie-authorization';

export interface NessieAuthEnvironmentInput {
  readonly mode: NessieAuthMode;
  /** OIDC issuer: Cognito's `https://cognito-idp.<region>.amazonaws.com/<pool>` or the external issuer. */
  readonly issuerUrl: string;
  /** `aud` every token must carry; Cognito access tokens have none, so undefined there. */
  readonly audience?: string;
  /** Claim that becomes the principal name (Nessie's `role`). */
  readonly principalClaim: string;
  /** Claim that becomes the identity's roles (Nessie's `roles`). */
  readonly rolesClaim: string;
  readonly tierRoles: Readonly<Record<NessieTier, string>>;
  readonly writerBranches: readonly string[];
}

/**
 * Authentication on (Quarkus OIDC bearer tokens, `service` application type: tokens are verified
 * against the issuer's JWKS, no client secret on the server) and authorization on with the tier rules.
 * The management port (health, metrics) stays unauthenticated: it is a separate Quarkus interface
 * that Nessie's authentication does not cover (TestHealthCheckNoAuthentication at nessie-0.108.4).
 */
export function nessieAuthEnvironment(input: NessieAuthEnvironmentInput): Record<string, string> {
  if (input.mode === 'none') return {};
  const rules = nessieAuthorizationRules({ tierRoles: input.tierRoles, writerBranches: input.writerBranches });
  return {
    NESSIE_SERVER_AUTHENTICATION_ENABLED: 'true',
    QUARKUS_OIDC_AUTH_SERVER_URL: input.issuerUrl,
    QUARKUS_OIDC_TOKEN_PRINCIPAL_CLAIM: input.principalClaim,
    QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH: input.rolesClaim,
    // Quarkus checks an access token's `aud` only when an audience is configured (OidcTenantConfig).
    ...(input.audience !== undefined ? { QUARKUS_OIDC_TOKEN_AUDIENCE: input.audience } : {}),
    NESSIE_SERVER_AUTHORIZATION_ENABLED: 'true',
    NESSIE_SERVER_AUTHORIZATION_RULES_READER: rules.reader,
    NESSIE_SERVER_AUTHORIZATION_RULES_WRITER: rules.writer,
    NESSIE_SERVER_AUTHORIZATION_RULES_ADMIN: rules.admin,
  };
}

/**
 * Behind the HTTPS listener Nessie sees plain HTTP from the ALB. It builds the URIs it returns
 * (`/iceberg/v1/config` `overrides.uri`, `nessie.iceberg-base-uri`) from the request, so without
 * forwarded-header handling clients are sent to `http://` and their POSTs hit the redirect.
 * `X-Forwarded-Proto`/`-Port` (set by the ALB) are honoured only from the VPC's addresses, where the
 * ALB's nodes live; the Host header already carries the client's host name (the ALB passes it on),
 * so `X-Forwarded-Host` and `-Prefix` stay off (Quarkus ForwardedParser, Nessie's reverse-proxy guide).
 */
export function nessieProxyEnvironment(vpcCidr: string): Record<string, string> {
  return {
    QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING: 'true',
    QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED: 'true',
    QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: vpcCidr,
  };
}

/**
 * Who reads each tier's Cognito client secret besides the tier role: the tier's
 * `nessie.auth.secret_readers` where written, otherwise the IAM roles and users of its access list
 * (`access.readers` ...). Account ids and roots are left out: the secret's resource policy names
 * callers by `aws:PrincipalArn`, which is never an account.
 */
export function nessieSecretReaders(
  auth: Pick<NessieAuthSettings, 'secretReaders'>,
  tierPrincipals: Partial<Readonly<Record<NessieTier, readonly string[]>>>,
): Record<NessieTier, readonly string[]> {
  const callers = (tier: NessieTier) => (tierPrincipals[tier] ?? []).filter((p) => arnProblem('iamRoleOrUser', p) === undefined);
  return Object.fromEntries(NESSIE_TIERS.map((tier) => [tier, auth.secretReaders[tier] ?? callers(tier)])) as Record<
    NessieTier,
    readonly string[]
  >;
}
