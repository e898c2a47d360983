/**
 * Authentication and authorization of the Nessie catalog (`nessie.auth` in an environment file):
 * the settings with their defaults, the checks the JSON Schema cannot express, and the names
 * derived from them (Cognito domain, scopes, Secrets Manager secret names). No cloud code.
 */
import type { PathProblem } from './problems';
import type { RawEnvironment } from './schemas/environment.generated';

/** `cognito`: a user pool created by the stack; `external`: your OIDC issuer; `none`: no authentication. */
export type NessieAuthMode = 'cognito' | 'external' | 'none';

/** The three access tiers Nessie's authorization rules distinguish. */
export const NESSIE_TIERS = ['reader', 'writer', 'admin'] as const;
export type NessieTier = (typeof NESSIE_TIERS)[number];

/** Cognito app clients: one per tier, plus `provisioner` (admin scope) for the table-provisioning and drift functions. */
export const NESSIE_OAUTH_CLIENTS = ['reader', 'writer', 'admin', 'provisioner'] as const;
export type NessieOAuthClient = (typeof NESSIE_OAUTH_CLIENTS)[number];

/** The tier whose scope each app client gets. */
export const NESSIE_CLIENT_TIER: Readonly<Record<NessieOAuthClient, NessieTier>> = {
  reader: 'reader',
  writer: 'writer',
  admin: 'admin',
  provisioner: 'admin',
};

/** Identifier of the Cognito resource server; scopes are `<identifier>/<tier>`. */
export const NESSIE_RESOURCE_SERVER = 'nessie';

/** Nessie's default branch (`nessie.server.default-branch`, `main` in the image's application.properties). */
export const NESSIE_MAIN_BRANCH = 'main';

export interface NessieAuthSettings {
  /** @default 'cognito' when `nessie.certificate_arn` is set, otherwise 'none' */
  readonly mode: NessieAuthMode;
  /** Branches writers may create, reset and commit to besides `main`. @default [] */
  readonly writerBranches: readonly string[];
  /**
   * Principals allowed to read each Cognito client secret besides the tier's own role, for the
   * tiers `nessie.auth.secret_readers` lists. A tier it does not list gets the callers of its access
   * list (the AWS side decides which principals those are: lib/aws/nessie/nessie-auth-settings.ts).
   * @default {}
   */
  readonly secretReaders: Partial<Readonly<Record<NessieTier, readonly string[]>>>;
  /** Prefix of the Cognito domain `<prefix>.auth.<region>.amazoncognito.com`. @default `<project>-<env>-nessie` */
  readonly cognitoDomain: string;
  /** External OIDC issuer (`https://...`; discovery at `/.well-known/openid-configuration`). Required for `external`. */
  readonly issuerUrl?: string;
  /** The `aud` value tokens of the external issuer must carry. Required for `external`. */
  readonly audience?: string;
  /** Claim naming the caller (Nessie's `role` variable and the audit log). @default 'client_id' (cognito), 'sub' (external) */
  readonly principalClaim: string;
  /** Claim holding the tier roles (a space-separated string or an array). @default 'scope' */
  readonly rolesClaim: string;
  /** Value of `rolesClaim` that grants each tier. @default `nessie/<tier>` (the Cognito scopes) */
  readonly tierRoles: Readonly<Record<NessieTier, string>>;
  /** `external`: the OAuth2 client the table-provisioning function authenticates as. @default - none */
  readonly provisionerClient?: NessieProvisionerClient;
}

/** An OAuth2 client of an external issuer (client credentials); the secret is named by its Secrets Manager ARN. */
export interface NessieProvisionerClient {
  readonly tokenEndpoint: string;
  readonly clientId: string;
  readonly clientSecretArn: string;
  /** @default - the client's default scopes */
  readonly scope?: string;
}

/** `nessie.auth` as written in the environment file (generated from the JSON Schema). */
export type RawNessieAuth = NonNullable<NonNullable<RawEnvironment['nessie']>['auth']>;

/** The Cognito scope of a tier, `nessie/<tier>`. */
export function nessieScope(tier: NessieTier): string {
  return `${NESSIE_RESOURCE_SERVER}/${tier}`;
}

/** Every default applied. `certificateArn` decides the default mode; `prefix` is `<project>-<env>`. */
export function nessieAuthSettings(raw: RawNessieAuth | undefined, certificateArn: string | undefined, prefix: string): NessieAuthSettings {
  const mode = raw?.mode ?? (certificateArn ? 'cognito' : 'none');
  const cognito = mode === 'cognito';
  return {
    mode,
    writerBranches: raw?.writer_branches ?? [],
    secretReaders: { ...raw?.secret_readers },
    cognitoDomain: raw?.cognito_domain ?? `${prefix}-nessie`,
    issuerUrl: raw?.issuer_url,
    audience: raw?.audience,
    principalClaim: raw?.principal_claim ?? (cognito ? 'client_id' : 'sub'),
    rolesClaim: raw?.roles_claim ?? 'scope',
    tierRoles: {
      reader: raw?.tier_roles?.reader ?? nessieScope('reader'),
      writer: raw?.tier_roles?.writer ?? nessieScope('writer'),
      admin: raw?.tier_roles?.admin ?? nessieScope('admin'),
    },
    ...(raw?.provisioner_client
      ? {
          provisionerClient: {
            tokenEndpoint: raw.provisioner_client.token_endpoint,
            clientId: raw.provisioner_client.client_id,
            clientSecretArn: raw.provisioner_client.client_secret_arn,
            ...(raw.provisioner_client.scope !== undefined ? { scope: raw.provisioner_client.scope } : {}),
          },
        }
      : {}),
  };
}

/**
 * Nessie's reference-name rule (`Validation.REF_NAME_RAW_REGEX` in api/model at nessie-0.108.4): a
 * letter, then letters, digits, `.`, `/`, `_`, `-`, no `..`, not ending in `.` or `/`; `HEAD` and
 * `DETACHED` are reserved. Such names are also safe inside a CEL string literal.
 */
const REF_NAME = /^[A-Za-z](?:(?:(?![.][.])[A-Za-z0-9./_-])*[A-Za-z0-9_-])?$/;
const RESERVED_REF_NAMES = ['HEAD', 'DETACHED'];
/** Role and claim values that can be quoted in a CEL string literal without escapes. */
const ROLE_VALUE = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;
const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_:.-]{0,127}$/;

const COGNITO_ONLY = ['secret_readers', 'cognito_domain'] as const;
const EXTERNAL_ONLY = ['issuer_url', 'audience', 'principal_claim', 'roles_claim', 'tier_roles', 'provisioner_client'] as const;

/**
 * Checks of `nessie.auth` that the JSON Schema cannot express and no cloud decides (which keys go
 * with which mode, branch and claim names); AWS's own rules (Cognito domains, IAM ARNs) are in
 * lib/aws/rules/nessie-auth-checks.ts. Paths start at `nessie`.
 */
export function nessieAuthProblems(raw: RawNessieAuth | undefined, certificateArn: string | undefined, prefix: string): PathProblem[] {
  const auth = nessieAuthSettings(raw, certificateArn, prefix);
  const at = (...path: (string | number)[]) => ['nessie', 'auth', ...path];
  const problems: PathProblem[] = [];
  if (auth.mode !== 'none' && !certificateArn) {
    problems.push({
      path: at('mode'),
      message: `nessie.auth.mode '${auth.mode}' needs nessie.certificate_arn: tokens must never cross plain HTTP; set a certificate or mode: none`,
    });
  }
  for (const key of COGNITO_ONLY)
    if (raw?.[key] !== undefined && auth.mode !== 'cognito')
      problems.push({ path: at(key), atKey: true, message: `${key} only applies to mode: cognito` });
  for (const key of EXTERNAL_ONLY)
    if (raw?.[key] !== undefined && auth.mode !== 'external')
      problems.push({ path: at(key), atKey: true, message: `${key} only applies to mode: external` });
  const tokenEndpoint = raw?.provisioner_client?.token_endpoint;
  if (tokenEndpoint !== undefined && auth.mode === 'external' && !/^https:\/\/[^/\s]+/.test(tokenEndpoint))
    problems.push({
      path: at('provisioner_client', 'token_endpoint'),
      message: `'${tokenEndpoint}' must be an https:// URL: the client secret must never cross plain HTTP`,
    });
  if (raw?.writer_branches !== undefined && auth.mode === 'none')
    problems.push({
      path: at('writer_branches'),
      atKey: true,
      message: 'writer_branches needs authentication (mode: cognito or external)',
    });

  auth.writerBranches.forEach((b, i) => {
    if (b === NESSIE_MAIN_BRANCH)
      problems.push({
        path: at('writer_branches', i),
        message: `writers always commit to '${NESSIE_MAIN_BRANCH}'; list only other branches`,
      });
    else if (!REF_NAME.test(b) || RESERVED_REF_NAMES.includes(b))
      problems.push({
        path: at('writer_branches', i),
        message: `'${b}' is not a Nessie branch name (a letter, then letters, digits, '.', '/', '_', '-'; no '..', not HEAD or DETACHED)`,
      });
  });
  if (auth.mode === 'external') problems.push(...externalProblems(raw ?? {}, at));
  return problems;
}

function externalProblems(raw: RawNessieAuth, at: (...path: (string | number)[]) => (string | number)[]): PathProblem[] {
  const problems: PathProblem[] = [];
  if (raw.issuer_url === undefined)
    problems.push({ path: at('mode'), message: 'mode: external needs nessie.auth.issuer_url (https://...) and nessie.auth.audience' });
  else if (!/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(raw.issuer_url))
    problems.push({
      path: at('issuer_url'),
      message: `'${raw.issuer_url}' is not an https:// URL; an OIDC issuer must be reached over HTTPS`,
    });
  if (raw.audience === undefined)
    problems.push({ path: at('mode'), message: 'mode: external needs nessie.auth.audience (the aud claim Nessie accepts)' });
  for (const key of ['principal_claim', 'roles_claim'] as const) {
    const v = raw[key];
    if (v !== undefined && !CLAIM_NAME.test(v)) problems.push({ path: at(key), message: `'${v}' is not a claim name` });
  }
  for (const tier of NESSIE_TIERS) {
    const v = raw.tier_roles?.[tier];
    if (v !== undefined && !ROLE_VALUE.test(v))
      problems.push({
        path: at('tier_roles', tier),
        message: `'${v}' is not a role value this library quotes in rules (letters, digits, '.', '_', ':', '/', '@', '+', '-')`,
      });
  }
  const values = NESSIE_TIERS.map((t) => raw.tier_roles?.[t] ?? nessieScope(t));
  if (new Set(values).size !== values.length) problems.push({ path: at('tier_roles'), message: 'each tier needs its own role value' });
  return problems;
}

/** Names a Cognito deployment derives from the environment; all known before apply. */
export interface NessieOAuthNames {
  /** `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`. */
  readonly tokenEndpoint: string;
  /** Secrets Manager secret holding each client's id and secret: `<prefix>/nessie/oauth/<client>`. */
  readonly secretName: (client: NessieOAuthClient) => string;
}

export function nessieOAuthNames(prefix: string, region: string, cognitoDomain: string): NessieOAuthNames {
  return {
    tokenEndpoint: `https://${cognitoDomain}.auth.${region}.amazoncognito.com/oauth2/token`,
    secretName: (client) => `${prefix}/nessie/oauth/${client}`,
  };
}
