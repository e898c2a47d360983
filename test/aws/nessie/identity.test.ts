import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { NessieIdentity } from '../../../lib/aws/nessie';
import { awsEnvironment, awsTestStack, parsePolicy, resourcesOf, synthStack, type TfJson } from '../../support/synth';
import { byId, CERT, KMS_KEY, ref, synthNessie, type Synthesized } from './nessie-fixtures';

const ANALYST = 'arn:aws:iam::111122223333:role/analyst';
const ETL = 'arn:aws:iam::111122223333:role/etl';
const cognitoEnv = () =>
  awsEnvironment(
    'nessie',
    `nessie:\n  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  auth:\n    secret_readers:\n      reader: [${ANALYST}]\n      writer: [${ETL}, ${ANALYST}]\n`,
  ).nessie;

/** Every string in the JSON with the path that leads to it. */
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe('NessieIdentity (nessie.auth.mode: cognito)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthNessie({ nessie: cognitoEnv(), kmsKeyArn: KMS_KEY, protectData: true });
  });

  it('creates a machine-only user pool with deletion protection and a domain for the token endpoint', () => {
    const pool = byId(s.json, 'aws_cognito_user_pool')['pool']!;
    expect(pool).toMatchObject({
      name: 'acme-test-nessie',
      admin_create_user_config: { allow_admin_create_user_only: true },
      deletion_protection: 'ACTIVE',
    });
    expect(byId(s.json, 'aws_cognito_user_pool_domain')['domain']).toEqual({
      domain: 'acme-test-nessie',
      user_pool_id: ref(s.json, 'aws_cognito_user_pool', 'pool'),
    });
    expect(s.lakehouse.identity!.tokenEndpoint).toBe('https://acme-test-nessie.auth.eu-west-1.amazoncognito.com/oauth2/token');
    expect(s.lakehouse.identity!.issuerUrl).toMatch(/^https:\/\/\$\{TfToken/);
  });

  it('has one resource server scope per tier and four client_credentials clients, each with one scope', () => {
    const server = byId(s.json, 'aws_cognito_resource_server')['resource-server']!;
    expect(server.identifier).toBe('nessie');
    expect(server.scope.map((x: { scope_name: string }) => x.scope_name)).toEqual(['reader', 'writer', 'admin']);
    const clients = byId(s.json, 'aws_cognito_user_pool_client');
    expect(Object.keys(clients).sort()).toEqual(['admin-client', 'provisioner-client', 'reader-client', 'writer-client']);
    const scopes = Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, c.allowed_oauth_scopes]));
    expect(scopes).toEqual({
      'reader-client': ['nessie/reader'],
      'writer-client': ['nessie/writer'],
      'admin-client': ['nessie/admin'],
      'provisioner-client': ['nessie/admin'],
    });
    for (const c of Object.values(clients)) {
      expect(c).toMatchObject({
        generate_secret: true,
        allowed_oauth_flows: ['client_credentials'],
        allowed_oauth_flows_user_pool_client: true,
        access_token_validity: 60,
        token_validity_units: [{ access_token: 'minutes' }],
      });
      expect(c.depends_on).toEqual([expect.stringMatching(/^aws_cognito_resource_server\./)]);
    }
  });

  it('keeps client secrets out of the synthesized JSON: only secret versions reference them', () => {
    const secretRefs = strings(s.json).filter(([, v]) => /\.client_secret\b/.test(v));
    expect(secretRefs.length).toBe(4);
    for (const [path] of secretRefs) expect(path).toMatch(/^\.resource\.aws_secretsmanager_secret_version\.[^.]+\.secret_string$/);
    for (const version of Object.values(resourcesOf(s.json, 'aws_secretsmanager_secret_version'))) {
      const value = version.secret_string as string;
      // One interpolation, built from references and fixed, public fields only.
      expect(value).toMatch(
        /^\$\{jsonencode\(\{"client_id" = aws_cognito_user_pool_client\.[^.]+\.id, "client_secret" = aws_cognito_user_pool_client\.[^.]+\.client_secret, /,
      );
      expect(value.replace(/aws_cognito_user_pool_client\.[\w-]+\.(id|client_secret)/g, '')).not.toMatch(/[A-Za-z0-9+/]{32,}/);
    }
    const container = JSON.stringify(resourcesOf(s.json, 'aws_ecs_task_definition'));
    expect(container).not.toMatch(/client_secret|secretsmanager/);
    expect(JSON.stringify((s.json as TfJson).output ?? {})).not.toMatch(/client_secret/);
  });

  it('stores each client in its own secret, encrypted with the CMK', () => {
    const secrets = byId(s.json, 'aws_secretsmanager_secret');
    expect(Object.fromEntries(Object.entries(secrets).map(([k, v]) => [k, [v.name, v.kms_key_id, v.recovery_window_in_days]]))).toEqual({
      'reader-secret': ['acme-test/nessie/oauth/reader', KMS_KEY, 30],
      'writer-secret': ['acme-test/nessie/oauth/writer', KMS_KEY, 30],
      'admin-secret': ['acme-test/nessie/oauth/admin', KMS_KEY, 30],
      'provisioner-secret': ['acme-test/nessie/oauth/provisioner', KMS_KEY, 30],
    });
  });

  it("denies GetSecretValue to everybody but the tier's readers and the deployer", () => {
    const policies = byId(s.json, 'aws_secretsmanager_secret_policy');
    const deployer = expect.stringMatching(/^\$\{data\.aws_iam_session_context\.[^.]+\.issuer_arn\}$/);
    const allowed = (key: string) => {
      const p = policies[key]!;
      expect(p.block_public_policy).toBe(true);
      const [statement, ...rest] = parsePolicy(p.policy).Statement;
      expect(rest).toEqual([]);
      expect(statement).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' });
      return statement!.Condition.ArnNotLike['aws:PrincipalArn'];
    };
    // Each tier's own role reads its tier's secret too (the tier roles of NessieLakehouse).
    const tierRole = (tier: string) => expect.stringMatching(new RegExp(`^\\$\\{aws_iam_role\\.nessie_tiers_${tier}_\\w+\\.arn\\}$`));
    expect(allowed('reader-secret-policy')).toEqual([tierRole('reader'), ANALYST, deployer]);
    expect(allowed('writer-secret-policy')).toEqual([tierRole('writer'), ANALYST, ETL, deployer]);
    expect(allowed('admin-secret-policy')).toEqual([tierRole('admin'), deployer]);
    expect(allowed('provisioner-secret-policy')).toEqual([deployer]);
  });

  it('exposes the provisioner client for the provisioning and drift functions', () => {
    const p = s.lakehouse.provisionerOAuth!;
    expect(p.scope).toBe('nessie/admin');
    expect(p.tokenEndpoint).toBe('https://acme-test-nessie.auth.eu-west-1.amazoncognito.com/oauth2/token');
    expect(p.secretName).toBe('acme-test/nessie/oauth/provisioner');
    expect(p.secretArn).toMatch(/TfToken/);
  });

  it('gives clientSettings for the reader tier, naming its secret, never a secret value', () => {
    const c = s.lakehouse.clientSettings;
    expect(c.pyiceberg).toMatchObject({
      'oauth2-server-uri': 'https://acme-test-nessie.auth.eu-west-1.amazoncognito.com/oauth2/token',
      scope: 'nessie/reader',
      credential:
        '<credential from: aws secretsmanager get-secret-value --region eu-west-1 --secret-id acme-test/nessie/oauth/reader --query SecretString --output text | jq -r .credential>',
    });
    expect(c.sparkIcebergRest['spark.sql.catalog.nessie.scope']).toBe('nessie/reader');
    expect(c.sparkIcebergRest['spark.sql.catalog.nessie.token-exchange-enabled']).toBe('false');
    expect(JSON.stringify(c)).not.toMatch(/client_secret\b(?!>)/);
  });
});

describe('NessieIdentity.grantSecretRead', () => {
  it('adds a stack role to the allowed readers and attaches GetSecretValue and KMS decrypt through Secrets Manager', () => {
    const stack = awsTestStack(Testing.app());
    const identity = new NessieIdentity(stack, 'id', {
      prefix: 'acme-test',
      region: 'eu-west-1',
      cognitoDomain: 'acme-test-nessie',
      kmsKeyArn: KMS_KEY,
    });
    const fn = new IamRole(stack, 'provisioning', { name: 'provisioning', assumeRolePolicy: '{}' });
    identity.grantSecretRead({ roleName: fn.name, roleArn: fn.arn }, 'provisioner');
    const json = synthStack(stack);
    const grant = Object.values(resourcesOf(json, 'aws_iam_role_policy')).find((p) => p.name === 'nessie-oauth-provisioner-secret')!;
    expect(grant.role).toBe('${aws_iam_role.provisioning.name}');
    expect(parsePolicy(grant.policy).Statement).toEqual([
      {
        Sid: 'ReadNessieClientSecret',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: ref(json, 'aws_secretsmanager_secret', 'provisioner-secret', 'arn'),
      },
      {
        Sid: 'DecryptThroughSecretsManager',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: KMS_KEY,
        Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
      },
    ]);
    const policy = byId(json, 'aws_secretsmanager_secret_policy')['provisioner-secret-policy']!;
    expect(parsePolicy(policy.policy).Statement[0]!.Condition.ArnNotLike['aws:PrincipalArn'][0]).toBe('${aws_iam_role.provisioning.arn}');
  });

  it('refuses a domain prefix Cognito would reject and token lifetimes outside 5..1440 minutes', () => {
    const build = (cognitoDomain: string, accessTokenMinutes?: number) => () =>
      new NessieIdentity(awsTestStack(Testing.app()), 'id', { prefix: 'p', region: 'eu-west-1', cognitoDomain, accessTokenMinutes });
    expect(build('my-aws-catalog')).toThrow(/cognitoDomain 'my-aws-catalog' is not a Cognito domain prefix/);
    expect(build('Upper')).toThrow(/not a Cognito domain prefix/);
    expect(build('ok-domain', 2)).toThrow(/accessTokenMinutes is 2; Cognito accepts 5 to 1440/);
  });
});
