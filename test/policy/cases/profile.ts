import { protectStatefulResources } from '../../../lib/policy/rules/data/protect-stateful-resources';
import { auditTrailRetention } from '../../../lib/policy/rules/profile/audit-trail-retention';
import { customerManagedKeys } from '../../../lib/policy/rules/profile/customer-managed-keys';
import { lakeFormationAdmins } from '../../../lib/policy/rules/profile/lake-formation-admins';
import { logRetentionMinimum } from '../../../lib/policy/rules/profile/log-retention-minimum';
import { nessieHttps } from '../../../lib/policy/rules/profile/nessie-https';
import { nessieAuthentication } from '../../../lib/policy/rules/profile/nessie-authentication';
import { nessieInternal } from '../../../lib/policy/rules/profile/nessie-internal';
import { nessieIssuerHttps } from '../../../lib/policy/rules/profile/nessie-issuer-https';
import { nessieTokensHttps } from '../../../lib/policy/rules/profile/nessie-tokens-https';
import { protectDataOn } from '../../../lib/policy/rules/profile/protect-data-on';
import type { EnvironmentConfig } from '../../../lib/model';
import { awsEnvironment } from '../../support/synth';
import { ENV, tf } from '../fixtures';
import type { RuleCase } from '../rule-cases';

const ADMIN = 'arn:aws:iam::111122223333:role/lakehouse-platform-admin';
const hipaa = (extra = '') =>
  awsEnvironment(
    'glue',
    `compliance: hipaa\nprotect_data: true\nencryption:\n  customer_managed_key: true\naudit:\n  enabled: true\n  retention_days: 2557\naccess:\n  lake_formation_admins:\n    - ${ADMIN}\n${extra}`,
  );
const soc2Nessie = (nessie: string) => () => awsEnvironment('nessie', `compliance: soc2\nnessie:\n${nessie}`);
const CERT = '  certificate_arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc-123\n';

const auditStack = (expirationDays: number) => ({
  'aws_s3_bucket.audit': { bucket: 'acme-test-audit-trail' },
  'aws_cloudtrail.trail': { name: 't', s3_bucket_name: '${aws_s3_bucket.audit.id}' },
  'aws_s3_bucket_lifecycle_configuration.audit': {
    bucket: '${aws_s3_bucket.audit.id}',
    rule: [{ id: 'expire', status: 'Enabled', expiration: { days: expirationDays } }],
  },
});

const lb = (https: boolean) => ({
  'aws_lb.nessie': { internal: true },
  'aws_lb_listener.main': {
    load_balancer_arn: '${aws_lb.nessie.arn}',
    protocol: https ? 'HTTPS' : 'HTTP',
    default_action: [{ type: 'forward' }],
  },
});

/** A Nessie task definition with the given environment variables. */
const nessieTask = (env: Record<string, string>) => ({
  'aws_ecs_task_definition.nessie': {
    family: 'acme-test-nessie',
    container_definitions: JSON.stringify([
      {
        name: 'nessie',
        image: 'ghcr.io/projectnessie/nessie:0.108.4',
        environment: Object.entries(env).map(([name, value]) => ({ name, value })),
      },
    ]),
  },
});
const AUTH_ON = {
  NESSIE_SERVER_AUTHENTICATION_ENABLED: 'true',
  NESSIE_SERVER_AUTHORIZATION_ENABLED: 'true',
  QUARKUS_OIDC_AUTH_SERVER_URL: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_example',
};
/** A soc2 Nessie environment built in code, as `defineEnvironment()` users could, with other auth settings. */
const soc2NessieWithAuth =
  (auth: Partial<EnvironmentConfig['nessie']['auth']>, certificate = true) =>
  (): EnvironmentConfig => {
    const env = soc2Nessie(CERT)();
    const certificateArn = certificate ? env.nessie.certificateArn : undefined;
    return { ...env, nessie: { ...env.nessie, certificateArn, auth: { ...env.nessie.auth, ...auth } } };
  };

export const PROFILE_CASES: RuleCase[] = [
  {
    rule: protectStatefulResources,
    env: ENV.basic,
    compliant: tf({
      'aws_s3_bucket.data': { bucket: 'b', lifecycle: { prevent_destroy: true } },
      'aws_dynamodb_table.refs': { name: 't', lifecycle: { prevent_destroy: true } },
    }),
    nonCompliant: tf({ 'aws_s3_bucket.data': { bucket: 'b', force_destroy: true, lifecycle: { prevent_destroy: true } } }),
    address: 'aws_s3_bucket.data',
    message: /force_destroy is true/,
  },
  {
    rule: protectStatefulResources,
    name: 'BigQuery table',
    env: ENV.basic,
    compliant: tf({ 'google_bigquery_table.t': { table_id: 't', lifecycle: { prevent_destroy: true } } }),
    nonCompliant: tf({ 'google_bigquery_table.t': { table_id: 't', deletion_protection: false } }),
    address: 'google_bigquery_table.t',
    message: /prevent_destroy is not true; deletion_protection is false/,
  },
  {
    rule: protectStatefulResources,
    name: 'table-provisioning invocation (its destroy drops the table)',
    env: ENV.basic,
    compliant: tf({ 'aws_lambda_invocation.t': { function_name: 'f', input: '{}', lifecycle: { prevent_destroy: true } } }),
    nonCompliant: tf({ 'aws_lambda_invocation.t': { function_name: 'f', input: '{}' } }),
    address: 'aws_lambda_invocation.t',
    message: /prevent_destroy is not true/,
  },
  {
    rule: auditTrailRetention,
    env: hipaa,
    compliant: tf(auditStack(2557)),
    nonCompliant: tf(auditStack(365)),
    address: 'test',
    message: /expires audit objects after 365 days/,
  },
  {
    rule: logRetentionMinimum,
    env: hipaa,
    compliant: tf({ 'aws_cloudwatch_log_group.logs': { retention_in_days: 2192 } }),
    nonCompliant: tf({ 'aws_cloudwatch_log_group.logs': { retention_in_days: 365 } }),
    address: 'aws_cloudwatch_log_group.logs',
    message: /365, below 2192/,
  },
  {
    rule: nessieHttps,
    env: soc2Nessie(CERT),
    compliant: tf(lb(true)),
    nonCompliant: tf(lb(false)),
    address: 'test',
    message: /aws_lb\.nessie/,
  },
  {
    rule: nessieInternal,
    env: soc2Nessie(CERT),
    compliant: tf(lb(true)),
    nonCompliant: tf({ 'aws_lb.nessie': { internal: false } }),
    address: 'aws_lb.nessie',
  },
  {
    rule: nessieAuthentication,
    env: soc2Nessie(CERT),
    compliant: tf(nessieTask(AUTH_ON)),
    nonCompliant: tf(nessieTask({ ...AUTH_ON, NESSIE_SERVER_AUTHORIZATION_ENABLED: 'false' })),
    address: 'test',
    message: /Authentication or authorization is off in aws_ecs_task_definition\.nessie/,
  },
  {
    rule: nessieTokensHttps,
    env: soc2Nessie(CERT),
    compliant: tf({ ...lb(true), ...nessieTask(AUTH_ON) }),
    nonCompliant: tf({ ...lb(false), ...nessieTask(AUTH_ON) }),
    address: 'test',
    message: /Tokens would cross plain HTTP on aws_lb\.nessie/,
  },
  {
    rule: nessieIssuerHttps,
    env: soc2Nessie(CERT),
    compliant: tf(nessieTask(AUTH_ON)),
    nonCompliant: tf(nessieTask({ ...AUTH_ON, QUARKUS_OIDC_AUTH_SERVER_URL: 'http://id.example.com/realms/data' })),
    address: 'test',
    message: /sets QUARKUS_OIDC_AUTH_SERVER_URL to http:\/\/id\.example\.com/,
  },
  {
    rule: lakeFormationAdmins,
    env: hipaa,
    compliant: tf({ 'aws_lakeformation_data_lake_settings.settings': { admins: [ADMIN] } }),
    nonCompliant: tf({ 'aws_lakeformation_data_lake_settings.settings': { admins: ['arn:aws:iam::111122223333:role/someone-else'] } }),
    address: 'test',
    message: /lacks arn:aws:iam::111122223333:role\/lakehouse-platform-admin/,
  },
];

/** Stack-wide rules whose failing input is the environment itself: compliant env vs. non-compliant env. */
export const PROFILE_ENV_CASES = [
  {
    rule: customerManagedKeys,
    json: tf({}),
    good: hipaa,
    bad: () => awsEnvironment('glue', 'compliance: hipaa\nencryption:\n  customer_managed_key: false\n'),
    message: /customer_managed_key is false/,
  },
  {
    rule: protectDataOn,
    json: tf({}),
    good: hipaa,
    bad: () => awsEnvironment('glue', 'compliance: soc2\nprotect_data: false\n'),
    message: /protect_data is false/,
  },
  {
    rule: lakeFormationAdmins,
    json: tf({}),
    good: hipaa,
    bad: () => awsEnvironment('glue', 'compliance: soc2\n'),
    message: /lake_formation_admins is empty/,
  },
  {
    rule: nessieAuthentication,
    json: tf(nessieTask(AUTH_ON)),
    good: soc2Nessie(CERT),
    bad: soc2Nessie(`${CERT}  auth: { mode: none }\n`),
    message: /nessie\.auth\.mode is none/,
  },
  {
    rule: nessieTokensHttps,
    json: tf({ ...lb(true), ...nessieTask(AUTH_ON) }),
    good: soc2Nessie(CERT),
    bad: soc2NessieWithAuth({ mode: 'cognito' }, false),
    message: /nessie\.auth\.mode is cognito but nessie\.certificate_arn is not set/,
  },
  {
    rule: nessieIssuerHttps,
    json: tf(nessieTask(AUTH_ON)),
    good: soc2Nessie(CERT),
    bad: soc2NessieWithAuth({ mode: 'external', issuerUrl: 'http://id.example.com', audience: 'nessie' }),
    message: /nessie\.auth\.issuer_url is http:\/\/id\.example\.com/,
  },
  {
    rule: nessieHttps,
    json: tf(lb(true)),
    good: soc2Nessie(CERT),
    bad: soc2Nessie('  internal: true\n'),
    message: /certificate_arn is not set/,
  },
  {
    rule: auditTrailRetention,
    json: tf(auditStack(2557)),
    good: hipaa,
    bad: () => awsEnvironment('glue', 'compliance: soc2\naudit:\n  enabled: true\n  retention_days: 180\n'),
    message: /audit.retention_days is 180, below 365/,
  },
  {
    rule: auditTrailRetention,
    json: tf(auditStack(2557)),
    good: hipaa,
    bad: () => awsEnvironment('glue', 'compliance: soc2\naudit:\n  enabled: false\n'),
    message: /audit.enabled is false/,
  },
];
