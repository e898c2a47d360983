import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { desiredTableStateProblems, type DesiredTableState } from '../../../lib/iceberg-rest/desired-table';
import { toIcebergTableJson } from '../../../lib/model/mappings/iceberg-json';
import { environmentStack } from '../../../lib/stack/environment-stack';
import { requestProblems } from '../../support/request-schema';
import { ENVIRONMENTS_DIR, environmentFromYaml, parsePolicy, resourcesOf, shippedTemplates, type TfJson } from '../../support/synth';

function synthYaml(yaml: string, file = 'test.yaml'): TfJson {
  return JSON.parse(Testing.synth(environmentStack(Testing.app(), environmentFromYaml(yaml, file), shippedTemplates()))) as TfJson;
}

const inputs = (json: TfJson) =>
  Object.values(resourcesOf(json, 'aws_lambda_invocation')).map((r) => JSON.parse(r.input as string) as DesiredTableState);
const idOf = (json: TfJson, type: string, match: (r: Record<string, any>) => boolean) =>
  `${type}.${Object.entries(resourcesOf(json, type)).find(([, r]) => match(r))![0]}`;
const rulesOf = (json: TfJson, type: string, group: string) =>
  Object.values(resourcesOf(json, type)).filter((r) => r.security_group_id === `\${${group}.id}`);

describe('staging (Nessie, HTTPS, Cognito): every template becomes a table through Nessie’s Iceberg REST API', () => {
  let json: TfJson;
  beforeAll(() => {
    const file = join(ENVIRONMENTS_DIR, 'staging.yaml');
    json = synthYaml(readFileSync(file, 'utf8'), file);
  });

  it('invokes the function once per template with a valid CreateTableRequest carrying the partition spec and sort order', () => {
    const states = inputs(json);
    expect(states.map((s) => `${s.namespace.join('.')}.${s.table.name}`).sort()).toEqual(
      shippedTemplates()
        .map((t) => `${t.namespace}.${t.name}`)
        .sort(),
    );
    for (const state of states) {
      expect(desiredTableStateProblems(state)).toEqual([]);
      expect(requestProblems('CreateTableRequest', state.table)).toEqual([]);
      const template = shippedTemplates().find((t) => t.name === state.table.name)!;
      const iceberg = toIcebergTableJson(template);
      expect(state.table['partition-spec']).toEqual(iceberg['partition-spec']);
      expect(state.table['write-order']).toEqual(iceberg['sort-order']);
      expect(state.table.schema).toEqual(iceberg.schema);
      // No location: Nessie 0.108 would ignore it and place the table at <warehouse>/<ns>/<name>_<uuid>,
      // and a location in the input would make every later update see a moved table.
      expect(state.table.location).toBeUndefined();
      expect(state.protectData).toBe(true);
    }
  });

  it('asks for https://<host_name>/iceberg, connects to the load balancer’s own name, and authenticates as the provisioner client', () => {
    const lb = idOf(json, 'aws_lb', () => true);
    const client = idOf(json, 'aws_cognito_user_pool_client', (c) => String(c.name).endsWith('-nessie-provisioner'));
    const secret = idOf(json, 'aws_secretsmanager_secret', (s) => String(s.name).endsWith('/nessie/oauth/provisioner'));
    expect(inputs(json)[0]!.catalog).toEqual({
      kind: 'nessie',
      uri: 'https://nessie.staging.acme-lake.example.com/iceberg',
      connectTo: `\${${lb}.dns_name}`,
      warehouse: 'warehouse',
      auth: {
        type: 'oauth2',
        tokenUri: 'https://acme-lake-staging-nessie.auth.us-east-1.amazoncognito.com/oauth2/token',
        clientId: `\${${client}.id}`,
        clientSecretArn: `\${${secret}.arn}`,
        scope: 'nessie/admin',
      },
      createNamespaces: true,
    });
  });

  it('runs in the private subnets with a group allowed to the HTTPS listener, and out on 443 for Cognito and Secrets Manager', () => {
    const fn = Object.values(resourcesOf(json, 'aws_lambda_function'))[0]!;
    const group = idOf(json, 'aws_security_group', (g) => g.name === 'acme-lake-staging-table-provisioner');
    const albGroup = idOf(json, 'aws_security_group', (g) => g.name === 'acme-lake-staging-nessie-alb');
    const privateSubnets = Object.entries(resourcesOf(json, 'aws_subnet'))
      .filter(([, s]) => /private/.test(String(s.tags?.Name)))
      .map(([id]) => `\${aws_subnet.${id}.id}`);
    expect(fn.vpc_config).toEqual({ subnet_ids: privateSubnets, security_group_ids: [`\${${group}.id}`] });
    const egress = rulesOf(json, 'aws_vpc_security_group_egress_rule', group).map((r) => [
      r.from_port,
      r.referenced_security_group_id ?? r.cidr_ipv4,
    ]);
    expect(egress).toHaveLength(2);
    expect(egress).toEqual(
      expect.arrayContaining([
        [443, '0.0.0.0/0'],
        [443, `\${${albGroup}.id}`],
      ]),
    );
    const intoAlb = rulesOf(json, 'aws_vpc_security_group_ingress_rule', albGroup).filter(
      (r) => r.referenced_security_group_id === `\${${group}.id}`,
    );
    expect(intoAlb.map((r) => [r.from_port, r.to_port, r.ip_protocol])).toEqual([[443, 443, 'tcp']]);
  });

  it('creates tables only once the service is steady and the role may read the provisioner secret', () => {
    const service = Object.entries(resourcesOf(json, 'aws_ecs_service'))[0]!;
    expect(service[1].wait_for_steady_state).toBe(true);
    const role = idOf(json, 'aws_iam_role', (r) => r.name === 'acme-lake-staging-table-provisioner');
    const read = idOf(json, 'aws_iam_role_policy', (p) => p.name === 'nessie-oauth-provisioner-secret' && p.role === `\${${role}.name}`);
    for (const invocation of Object.values(resourcesOf(json, 'aws_lambda_invocation'))) {
      expect(invocation.depends_on).toEqual(expect.arrayContaining([`aws_ecs_service.${service[0]}`, read]));
      expect(invocation.lifecycle).toEqual({ prevent_destroy: true });
    }
    const secretPolicy = Object.values(resourcesOf(json, 'aws_secretsmanager_secret_policy')).find((p) =>
      String(p.secret_arn).includes('provisioner-secret'),
    )!;
    const deny = parsePolicy(secretPolicy.policy).Statement[0]!;
    expect(deny.Condition.ArnNotLike['aws:PrincipalArn']).toContain(`\${${role}.arn}`);
  });
});

const BASE = 'name: qa\nproject: acme\ncloud: aws\ncatalog: nessie\nregion: eu-west-1\n';

describe('Nessie without a certificate (development)', () => {
  let json: TfJson;
  beforeAll(() => {
    json = synthYaml(BASE);
  });

  it('talks plain HTTP to the load balancer, without credentials, and opens nothing but port 80 to it', () => {
    const lb = idOf(json, 'aws_lb', () => true);
    expect(inputs(json)[0]!.catalog).toEqual({
      kind: 'nessie',
      uri: `http://\${${lb}.dns_name}/iceberg`,
      warehouse: 'warehouse',
      auth: { type: 'none' },
      createNamespaces: true,
    });
    const group = idOf(json, 'aws_security_group', (g) => g.name === 'acme-qa-table-provisioner');
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule', group).map((r) => [r.from_port, r.cidr_ipv4 ?? 'alb'])).toEqual([
      [80, 'alb'],
    ]);
  });
});

describe('provisioning_revision on Nessie', () => {
  it('reaches every invocation input', () => {
    expect(inputs(synthYaml(`${BASE}provisioning_revision: 3\n`)).map((s) => s.revision)).toEqual(shippedTemplates().map(() => 3));
  });
});

describe('Nessie with an external issuer', () => {
  it('authenticates as nessie.auth.provisioner_client, its secret by ARN', () => {
    const json = synthYaml(
      `${BASE}nessie:\n  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc\n  host_name: nessie.qa.example.com\n  auth:\n    mode: external\n    issuer_url: https://id.example.com\n    audience: nessie\n    provisioner_client:\n      token_endpoint: https://id.example.com/oauth2/token\n      client_id: lakehouse-provisioner\n      client_secret_arn: arn:aws:secretsmanager:eu-west-1:111122223333:secret:nessie-provisioner-AbCdEf\n      scope: nessie/admin\n`,
    );
    expect(inputs(json)[0]!.catalog.auth).toEqual({
      type: 'oauth2',
      tokenUri: 'https://id.example.com/oauth2/token',
      clientId: 'lakehouse-provisioner',
      clientSecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:nessie-provisioner-AbCdEf',
      scope: 'nessie/admin',
    });
    const policy = parsePolicy(
      Object.values(resourcesOf(json, 'aws_iam_role_policy')).find((p) => p.name === 'table-provisioning')!.policy,
    );
    expect(policy.Statement.find((s) => s.Sid === 'OAuth2ClientSecret')!.Resource).toBe(
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:nessie-provisioner-AbCdEf',
    );
  });
});
