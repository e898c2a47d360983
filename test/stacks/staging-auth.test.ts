import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { environmentStack } from '../../lib/stack/environment-stack';
import { ENVIRONMENTS_DIR, environmentFromYaml, shippedTemplates, type TfJson } from '../support/synth';

/** Every string in the JSON with the path that leads to it. */
function strings(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe('shipped staging: Nessie with Cognito-backed OAuth2 and per-tier rules', () => {
  let json: TfJson & { output: Record<string, { value: unknown }> };
  beforeAll(() => {
    const file = join(ENVIRONMENTS_DIR, 'staging.yaml');
    const environment = environmentFromYaml(readFileSync(file, 'utf8'), file);
    const stack = environmentStack(Testing.app(), environment, shippedTemplates());
    json = JSON.parse(Testing.synth(stack));
  });

  it('runs the task with authentication, authorization and forwarded headers from the VPC', () => {
    const task = Object.values(json.resource!.aws_ecs_task_definition!)[0] as { container_definitions: string };
    const env = Object.fromEntries(
      JSON.parse(task.container_definitions)[0].environment.map((e: { name: string; value: string }) => [e.name, e.value]),
    );
    expect(env).toMatchObject({
      NESSIE_SERVER_AUTHENTICATION_ENABLED: 'true',
      NESSIE_SERVER_AUTHORIZATION_ENABLED: 'true',
      QUARKUS_OIDC_TOKEN_PRINCIPAL_CLAIM: 'client_id',
      QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH: 'scope',
      QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: '10.40.0.0/16',
    });
    expect(env.NESSIE_SERVER_AUTHORIZATION_RULES_WRITER).toContain("ref in ['main', 'ingest']");
  });

  it('references client secrets only from the secret versions, never in outputs or the task', () => {
    const refs = strings(json).filter(([, v]) => /aws_cognito_user_pool_client\.[\w-]+\.client_secret\b/.test(v));
    expect(refs.map(([p]) => p.replace(/\.resource\.aws_secretsmanager_secret_version\.[^.]+\./, 'VERSION.'))).toEqual(
      Array(4).fill('VERSION.secret_string'),
    );
    const settings = JSON.stringify(json.output.lakehouse_engine_settings!.value);
    expect(settings).toContain('--secret-id acme-lake-staging/nessie/oauth/reader');
    expect(settings).toContain('https://acme-lake-staging-nessie.auth.us-east-1.amazoncognito.com/oauth2/token');
  });

  it('publishes the token endpoint and the secret ARNs, and points host_name at the ALB', () => {
    expect(json.output.lakehouse_nessie_oauth_token_endpoint!.value).toBe(
      'https://acme-lake-staging-nessie.auth.us-east-1.amazoncognito.com/oauth2/token',
    );
    expect(Object.keys(json.output.lakehouse_nessie_oauth_secret_arns!.value as object).sort()).toEqual([
      'admin',
      'provisioner',
      'reader',
      'writer',
    ]);
    const record = Object.values(json.resource!.aws_route53_record!)[0] as Record<string, unknown>;
    expect(record).toMatchObject({ name: 'nessie.staging.acme-lake.example.com', type: 'A', zone_id: 'Z0123456789ABCDEFGHIJ' });
  });
});
