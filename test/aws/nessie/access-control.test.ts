import { describe, expect, it } from 'vitest';
import type { NessieSettings } from '../../../lib/model';
import { parseEnvironment, sortProblems } from '../../../lib/model';
import { lakehouseProblems } from '../../../lib/project';
import { awsEnvironment, onlyResource, resourcesOf, shippedTemplates } from '../../support/synth';
import { CERT, nessieDefaults, ref, synthNessie, TOPIC, type Synthesized } from './nessie-fixtures';

const envOf = (s: Synthesized): Record<string, string> => {
  const [container] = JSON.parse(onlyResource(s.json, 'aws_ecs_task_definition').container_definitions as string);
  return Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
};
const nessie = (yaml: string): NessieSettings => awsEnvironment('nessie', `nessie:\n${yaml}`).nessie;
const EXTERNAL = `  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  auth:\n    mode: external\n    issuer_url: https://id.example.com/realms/data\n    audience: lakehouse-nessie\n`;

describe('forwarded headers behind the HTTPS listener', () => {
  it.each([
    ['Cognito', nessie(`  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n`)],
    ['an external issuer', nessie(EXTERNAL)],
    ['authentication off', nessie(`  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  auth: { mode: none }\n`)],
  ])('are trusted from the VPC only, with %s', (_name, settings) => {
    const env = envOf(synthNessie({ nessie: { ...settings, vpcCidr: '10.40.0.0/16' } }));
    expect(env).toMatchObject({
      QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING: 'true',
      QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED: 'true',
      QUARKUS_HTTP_PROXY_TRUSTED_PROXIES: '10.40.0.0/16',
    });
    // The ALB keeps the client's Host header; trusting X-Forwarded-Host would only add a spoofing path.
    expect(Object.keys(env).filter((k) => /FORWARDED_(HOST|PREFIX)/.test(k))).toEqual([]);
  });

  it('are not configured without a certificate (plain HTTP, development)', () => {
    expect(Object.keys(envOf(synthNessie())).filter((k) => k.startsWith('QUARKUS_HTTP_PROXY'))).toEqual([]);
  });
});

describe('authentication settings of the task', () => {
  it('Cognito: issuer from the pool, client_id as principal, scopes as roles, no audience (Cognito access tokens have none)', () => {
    const s = synthNessie({ nessie: nessie(`  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n`) });
    const env = envOf(s);
    expect(env.NESSIE_SERVER_AUTHENTICATION_ENABLED).toBe('true');
    expect(env.NESSIE_SERVER_AUTHORIZATION_ENABLED).toBe('true');
    expect(env.QUARKUS_OIDC_AUTH_SERVER_URL).toBe(`https://${ref(s.json, 'aws_cognito_user_pool', 'pool', 'endpoint')}`);
    expect(env.QUARKUS_OIDC_TOKEN_PRINCIPAL_CLAIM).toBe('client_id');
    expect(env.QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH).toBe('scope');
    expect(env.QUARKUS_OIDC_TOKEN_AUDIENCE).toBeUndefined();
  });

  it('external issuer: its URL and audience, the configured claims, and no Cognito resources', () => {
    const s = synthNessie({ nessie: nessie(`${EXTERNAL}    principal_claim: azp\n    roles_claim: groups\n`) });
    expect(envOf(s)).toMatchObject({
      QUARKUS_OIDC_AUTH_SERVER_URL: 'https://id.example.com/realms/data',
      QUARKUS_OIDC_TOKEN_AUDIENCE: 'lakehouse-nessie',
      QUARKUS_OIDC_TOKEN_PRINCIPAL_CLAIM: 'azp',
      QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH: 'groups',
    });
    const types = Object.keys((s.json as { resource: Record<string, unknown> }).resource);
    expect(types.filter((t) => /cognito|secretsmanager/.test(t))).toEqual([]);
    expect(s.lakehouse.identity).toBeUndefined();
  });

  it('refuses authentication without a certificate and a non-https issuer in code-built settings', () => {
    const withAuth = (auth: Partial<NessieSettings['auth']>, certificateArn?: string) => () =>
      synthNessie({ nessie: { ...nessieDefaults(), certificateArn, auth: { ...nessieDefaults().auth, ...auth } } });
    expect(withAuth({ mode: 'cognito' })).toThrow(/nessie\.auth\.mode 'cognito' needs nessie\.certificate_arn/);
    expect(withAuth({ mode: 'external', issuerUrl: 'http://id.example.com', audience: 'a' }, CERT)).toThrow(
      /nessie\.auth\.issuer_url 'http:\/\/id\.example\.com' must be an https:\/\/ URL/,
    );
  });
});

/** An external issuer's client for the table-provisioning function, in YAML flow style. */
const CLIENT =
  '{ token_endpoint: "https://id.example.com/oauth2/token", client_id: lakehouse-provisioner, client_secret_arn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:nessie-provisioner-AbCdEf" }';

describe('environment file refusals', () => {
  // What `lakehouse validate` reports: the file's own problems and AWS's rules, in one run.
  const problems = (nessieYaml: string) => {
    const parsed = parseEnvironment(
      'env.yaml',
      `name: test\nproject: acme\ncloud: aws\ncatalog: nessie\nregion: eu-west-1\nnessie:\n${nessieYaml}`,
    );
    const cloud = parsed.checkable ? lakehouseProblems(parsed.checkable, shippedTemplates()) : [];
    return sortProblems([...parsed.problems, ...cloud]).map((p) => `${p.field}: ${p.message}`);
  };

  it('auth without a certificate names the keys to change', () => {
    expect(problems('  auth: { mode: cognito }\n')).toEqual([
      "nessie.auth.mode: nessie.auth.mode 'cognito' needs nessie.certificate_arn: tokens must never cross plain HTTP; set a certificate or mode: none",
    ]);
  });

  it('an external issuer that is not https, and one without audience', () => {
    expect(
      problems(
        `  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  auth: { mode: external, issuer_url: "http://id.example.com", audience: x, provisioner_client: ${CLIENT} }\n`,
      ),
    ).toEqual(["nessie.auth.issuer_url: 'http://id.example.com' is not an https:// URL; an OIDC issuer must be reached over HTTPS"]);
    expect(
      problems(
        `  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  auth: { mode: external, issuer_url: "https://id.example.com", provisioner_client: ${CLIENT} }\n`,
      ),
    ).toEqual(['nessie.auth.mode: mode: external needs nessie.auth.audience (the aud claim Nessie accepts)']);
  });

  it('an external issuer needs the client the table-provisioning function authenticates as, over https, with its secret by ARN', () => {
    const external = (client: string) =>
      problems(
        `  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  auth: { mode: external, issuer_url: "https://id.example.com", audience: x${client} }\n`,
      );
    expect(external('')).toEqual([
      'nessie.auth.mode: external needs nessie.auth.provisioner_client (token_endpoint, client_id, client_secret_arn): the table-provisioning function authenticates as that client to create the tables',
    ]);
    expect(
      external(
        ', provisioner_client: { token_endpoint: "http://id.example.com/token", client_id: c, client_secret_arn: "arn:aws:s3:::x" }',
      ),
    ).toEqual([
      "nessie.auth.provisioner_client.client_secret_arn: 'arn:aws:s3:::x' is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)",
      "nessie.auth.provisioner_client.token_endpoint: 'http://id.example.com/token' must be an https:// URL: the client secret must never cross plain HTTP",
    ]);
    expect(external(`, provisioner_client: ${CLIENT}`)).toEqual([]);
  });

  it('writer branches Nessie would refuse or that would open main, and keys of the other mode', () => {
    expect(
      problems(
        `  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  auth:\n    writer_branches: [main, "bad..name", HEAD, ingest]\n    audience: x\n    secret_readers: { reader: ["arn:aws:iam::111122223333:root"] }\n`,
      ),
    ).toEqual([
      // AWS's rules first: the file is not on disk, so they have no line (validate gives them theirs).
      "nessie.auth.secret_readers.reader[0]: 'arn:aws:iam::111122223333:root' is not an IAM role or user ARN (arn:aws:iam::<account>:role/<name> or arn:aws:iam::<account>:user/<name>)",
      "nessie.auth.writer_branches[0]: writers always commit to 'main'; list only other branches",
      "nessie.auth.writer_branches[1]: 'bad..name' is not a Nessie branch name (a letter, then letters, digits, '.', '/', '_', '-'; no '..', not HEAD or DETACHED)",
      "nessie.auth.writer_branches[2]: 'HEAD' is not a Nessie branch name (a letter, then letters, digits, '.', '/', '_', '-'; no '..', not HEAD or DETACHED)",
      'nessie.auth.audience: audience only applies to mode: external',
    ]);
  });

  it('a Cognito domain prefix Cognito would refuse, and a zone without a host name', () => {
    expect(problems(`  certificate_arn: ${CERT}\n  auth: { cognito_domain: my-aws-nessie }\n  route53_zone_id: Z0123456789ABC\n`)).toEqual([
      "nessie.auth.cognito_domain: Cognito domain prefix 'my-aws-nessie' is invalid: up to 63 lowercase letters, digits and '-', without 'aws', 'amazon' or 'cognito'; set nessie.auth.cognito_domain",
      'nessie.certificate_arn: needs nessie.host_name, the name the certificate covers: the table-provisioning function (and every client) verifies the certificate against it; the load balancer’s own DNS name is not in it',
      'nessie.route53_zone_id: route53_zone_id needs nessie.host_name (the record to create)',
    ]);
  });

  it('defaults: Cognito with a certificate, none without', () => {
    expect(nessie(`  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n`).auth.mode).toBe('cognito');
    expect(awsEnvironment('nessie').nessie.auth.mode).toBe('none');
  });
});

describe('DNS record and the auth-failure alarm', () => {
  it('points host_name at the load balancer with an alias record', () => {
    const s = synthNessie({
      nessie: nessie(`  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n  route53_zone_id: Z0123456789ABC\n`),
    });
    expect(onlyResource(s.json, 'aws_route53_record')).toEqual({
      zone_id: 'Z0123456789ABC',
      name: 'nessie.example.com',
      type: 'A',
      alias: {
        name: ref(s.json, 'aws_lb', 'alb', 'dns_name'),
        zone_id: ref(s.json, 'aws_lb', 'alb', 'zone_id'),
        evaluate_target_health: true,
      },
    });
    expect(resourcesOf(synthNessie().json, 'aws_route53_record')).toEqual({});
  });

  it('alarms on a burst of 4xx from Nessie when authentication is on, notifying the topic', () => {
    const s = synthNessie({ nessie: nessie(`  certificate_arn: ${CERT}\n  host_name: nessie.example.com\n`), snsTopicArn: TOPIC });
    const alarm = Object.values(resourcesOf(s.json, 'aws_cloudwatch_metric_alarm')).find(
      (a) => a.alarm_name === 'acme-test-nessie-auth-failures',
    )!;
    expect(alarm).toMatchObject({
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_Target_4XX_Count',
      statistic: 'Sum',
      threshold: 100,
      period: 300,
      evaluation_periods: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      alarm_actions: [TOPIC],
      ok_actions: [TOPIC],
      dimensions: {
        LoadBalancer: ref(s.json, 'aws_lb', 'alb', 'arn_suffix'),
        TargetGroup: ref(s.json, 'aws_lb_target_group', 'targets', 'arn_suffix'),
      },
    });
    const without = Object.values(resourcesOf(synthNessie().json, 'aws_cloudwatch_metric_alarm')).map((a) => a.alarm_name);
    expect(without).not.toContain('acme-test-nessie-auth-failures');
  });
});
