import { CognitoResourceServer } from '@cdktf/provider-aws/lib/cognito-resource-server';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import { CognitoUserPoolClient } from '@cdktf/provider-aws/lib/cognito-user-pool-client';
import { CognitoUserPoolDomain } from '@cdktf/provider-aws/lib/cognito-user-pool-domain';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretPolicy } from '@cdktf/provider-aws/lib/secretsmanager-secret-policy';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Fn, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  NESSIE_CLIENT_TIER,
  NESSIE_OAUTH_CLIENTS,
  NESSIE_RESOURCE_SERVER,
  NESSIE_TIERS,
  nessieOAuthNames,
  nessieScope,
  type NessieOAuthClient,
  type NessieTier,
} from '../../model/nessie-auth';
import { policyJson, type PolicyStatement } from '../policy-document';
import { throwIfPropsProblems } from '../../errors';
import { arnProblems } from '../prop-checks';
import type { GrantableRole } from '../grantable-role';

export interface NessieIdentityProps {
  /** `<project>-<env>`: pool `<prefix>-nessie`, clients `<prefix>-nessie-<client>`, secrets `<prefix>/nessie/oauth/<client>`. */
  readonly prefix: string;
  /** Region of the stack (the token endpoint's host). */
  readonly region: string;
  /** Prefix of the Cognito domain `<domain>.auth.<region>.amazoncognito.com` (unique in the region). */
  readonly cognitoDomain: string;
  /**
   * IAM role or user ARNs allowed to read each tier's client secret; everybody else is denied
   * `GetSecretValue` by the secret's resource policy. Add stack roles later with `grantSecretRead`.
   * @default - nobody but the deployer
   */
  readonly secretReaders?: Partial<Readonly<Record<NessieTier, readonly string[]>>>;
  /** Customer-managed key of the secrets. @default - the AWS managed key `aws/secretsmanager` */
  readonly kmsKeyArn?: string;
  /** Deletion protection on the user pool; 30 days of recovery for deleted secrets (0 when off). @default true */
  readonly protectData?: boolean;
  /** Lifetime of access tokens in minutes (Cognito allows 5 to 1440). @default 60 */
  readonly accessTokenMinutes?: number;
}

/** Where clients get tokens for one app client: e.g. `provisioner` for the provisioning and drift functions. */
export interface NessieOAuthClientRef {
  readonly tokenEndpoint: string;
  /** The app client's id (not a secret). */
  readonly clientId: string;
  readonly scope: string;
  /** Secret holding `client_id`, `client_secret`, `credential` (`id:secret`), `scope`, `token_endpoint`. */
  readonly secretArn: string;
  readonly secretName: string;
}

const SECRET_READ_ACTIONS = ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'];

/**
 * The identity provider of an authenticated Nessie: an Amazon Cognito user pool that only issues
 * machine tokens (no sign-up, no users), its domain (token endpoint `/oauth2/token`), a resource
 * server `nessie` with one scope per tier, and one app client per tier plus `provisioner` (admin
 * scope), each allowed only the `client_credentials` grant and its own scope. Each client's id
 * and secret go to a Secrets Manager secret by reference (the synthesized JSON holds no secret
 * value; Terraform state does, as for any Cognito client), encrypted with the environment's key,
 * whose resource policy denies `GetSecretValue` to every principal but the tier's readers and the
 * deployer (whose Terraform refresh reads the value).
 */
export class NessieIdentity extends Construct {
  readonly userPoolId: string;
  readonly userPoolArn: string;
  /** `https://cognito-idp.<region>.amazonaws.com/<pool id>`: the OIDC issuer Nessie verifies tokens against. */
  readonly issuerUrl: string;
  /** `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token` (known before apply). */
  readonly tokenEndpoint: string;
  readonly clientIds: Readonly<Record<NessieOAuthClient, string>>;
  readonly secretArns: Readonly<Record<NessieOAuthClient, string>>;
  readonly secretNames: Readonly<Record<NessieOAuthClient, string>>;
  /** The scope each client requests (`nessie/<tier>`). */
  readonly scopes: Readonly<Record<NessieOAuthClient, string>>;
  /** Role value of each tier in Nessie's rules: the scope, as tokens carry it in `scope`. */
  readonly tierRoles: Readonly<Record<NessieTier, string>>;
  private readonly readers: Record<NessieOAuthClient, string[]>;
  private readonly kmsKeyArn?: string;
  private readonly region: string;

  constructor(scope: Construct, id: string, props: NessieIdentityProps) {
    super(scope, id);
    const minutes = props.accessTokenMinutes ?? 60;
    const protectData = props.protectData ?? true;
    throwIfPropsProblems(this, 'NessieIdentity', [
      ...arnProblems('kmsKeyArn', props.kmsKeyArn, 'kmsKey'),
      ...(Token.isUnresolved(minutes) || (Number.isInteger(minutes) && minutes >= 5 && minutes <= 1440)
        ? []
        : [`accessTokenMinutes is ${minutes}; Cognito accepts 5 to 1440`]),
      ...(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(props.cognitoDomain) && !/aws|amazon|cognito/.test(props.cognitoDomain)
        ? []
        : [
            `cognitoDomain '${props.cognitoDomain}' is not a Cognito domain prefix (lowercase letters, digits, '-'; no aws/amazon/cognito)`,
          ]),
    ]);
    this.kmsKeyArn = props.kmsKeyArn;
    this.region = props.region;
    const names = nessieOAuthNames(props.prefix, props.region, props.cognitoDomain);
    const pool = new CognitoUserPool(this, 'pool', {
      name: `${props.prefix}-nessie`,
      // Machine clients only: nobody can sign up, and there are no users to protect with MFA.
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      mfaConfiguration: 'OFF',
      deletionProtection: protectData ? 'ACTIVE' : 'INACTIVE',
    });
    new CognitoUserPoolDomain(this, 'domain', { domain: props.cognitoDomain, userPoolId: pool.id });
    const server = new CognitoResourceServer(this, 'resource-server', {
      userPoolId: pool.id,
      identifier: NESSIE_RESOURCE_SERVER,
      name: `${props.prefix}-nessie`,
      scope: NESSIE_TIERS.map((tier) => ({ scopeName: tier, scopeDescription: `Nessie ${tier} tier` })),
    });

    this.readers = { reader: [], writer: [], admin: [], provisioner: [] };
    for (const tier of NESSIE_TIERS) this.readers[tier].push(...(props.secretReaders?.[tier] ?? []));
    const deployer = new DataAwsIamSessionContext(this, 'deployer', { arn: new DataAwsCallerIdentity(this, 'caller').arn }).issuerArn;
    const clientIds = {} as Record<NessieOAuthClient, string>;
    const secretArns = {} as Record<NessieOAuthClient, string>;
    for (const client of NESSIE_OAUTH_CLIENTS) {
      const scope = nessieScope(NESSIE_CLIENT_TIER[client]);
      const app = this.appClient(client, props.prefix, pool.id, scope, minutes, server);
      const secret = this.clientSecret(client, names.secretName(client), protectData, deployer);
      new SecretsmanagerSecretVersion(this, `${client}-secret-value`, {
        secretId: secret.id,
        // References only: Terraform fills in the values at apply time.
        secretString: Fn.jsonencode({
          client_id: app.id,
          client_secret: app.clientSecret,
          credential: `${app.id}:${app.clientSecret}`,
          scope,
          token_endpoint: names.tokenEndpoint,
        }),
      });
      clientIds[client] = app.id;
      secretArns[client] = secret.arn;
    }

    this.userPoolId = pool.id;
    this.userPoolArn = pool.arn;
    this.issuerUrl = `https://${pool.endpoint}`;
    this.tokenEndpoint = names.tokenEndpoint;
    this.clientIds = clientIds;
    this.secretArns = secretArns;
    this.secretNames = Object.fromEntries(NESSIE_OAUTH_CLIENTS.map((c) => [c, names.secretName(c)])) as Record<NessieOAuthClient, string>;
    this.scopes = Object.fromEntries(NESSIE_OAUTH_CLIENTS.map((c) => [c, nessieScope(NESSIE_CLIENT_TIER[c])])) as Record<
      NessieOAuthClient,
      string
    >;
    this.tierRoles = { reader: nessieScope('reader'), writer: nessieScope('writer'), admin: nessieScope('admin') };
  }

  /** Token endpoint, scope and secret of one client. */
  clientRef(client: NessieOAuthClient): NessieOAuthClientRef {
    return {
      tokenEndpoint: this.tokenEndpoint,
      clientId: this.clientIds[client],
      scope: this.scopes[client],
      secretArn: this.secretArns[client],
      secretName: this.secretNames[client],
    };
  }

  /**
   * Lets a role of your stack read a client's secret: adds it to the secret's allowed readers and
   * attaches `GetSecretValue` on that secret (and `kms:Decrypt` through Secrets Manager with a CMK).
   * Use `provisioner` for the table-provisioning and drift functions.
   */
  grantSecretRead(role: GrantableRole, client: NessieOAuthClient, id = `${client}-secret-read`): IamRolePolicy {
    this.readers[client].push(role.roleArn);
    const statements: PolicyStatement[] = [
      { Sid: 'ReadNessieClientSecret', Effect: 'Allow', Action: [...SECRET_READ_ACTIONS], Resource: this.secretArns[client] },
    ];
    if (this.kmsKeyArn)
      statements.push({
        Sid: 'DecryptThroughSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: this.kmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${this.region}.amazonaws.com` } },
      });
    return new IamRolePolicy(this, id, { role: role.roleName, name: `nessie-oauth-${client}-secret`, policy: policyJson(statements) });
  }

  private appClient(
    client: NessieOAuthClient,
    prefix: string,
    poolId: string,
    scope: string,
    minutes: number,
    server: CognitoResourceServer,
  ): CognitoUserPoolClient {
    return new CognitoUserPoolClient(this, `${client}-client`, {
      name: `${prefix}-nessie-${client}`,
      userPoolId: poolId,
      // client_credentials needs a secret and excludes the code and implicit flows; only custom scopes.
      generateSecret: true,
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthFlows: ['client_credentials'],
      allowedOauthScopes: [scope],
      supportedIdentityProviders: ['COGNITO'],
      explicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      accessTokenValidity: minutes,
      tokenValidityUnits: [{ accessToken: 'minutes' }],
      enableTokenRevocation: true,
      preventUserExistenceErrors: 'ENABLED',
      // The scopes must exist before a client may be allowed them.
      dependsOn: [server],
    });
  }

  private clientSecret(client: NessieOAuthClient, name: string, protectData: boolean, deployer: string): SecretsmanagerSecret {
    const secret = new SecretsmanagerSecret(this, `${client}-secret`, {
      name,
      description: `OAuth2 client credentials of the Nessie ${client} client (client_id, client_secret, scope, token_endpoint)`,
      kmsKeyId: this.kmsKeyArn,
      recoveryWindowInDays: protectData ? 30 : 0,
    });
    new SecretsmanagerSecretPolicy(this, `${client}-secret-policy`, {
      secretArn: secret.arn,
      blockPublicPolicy: true,
      policy: Lazy.stringValue({ produce: () => policyJson([this.denyOthers(client, deployer)]) }),
    });
    return secret;
  }

  /** Deny reading the value to every principal but the client's readers and the deployer (Terraform refresh reads it). */
  private denyOthers(client: NessieOAuthClient, deployer: string): PolicyStatement {
    const allowed = [...new Set(this.readers[client])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      Sid: 'OnlyTierReadersGetTheSecret',
      Effect: 'Deny',
      Principal: '*',
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [...allowed, deployer] } },
    };
  }
}
