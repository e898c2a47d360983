import { TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../lib/project';
import { outcomeStatus, policyStatements, StackIndex, type TerraformJson } from '../../lib/policy';
import { iamServiceTrustConditions } from '../../lib/policy/rules/iam/iam-service-trust-conditions';
import { buildLakehouseApp } from '../../stacks/app';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR } from '../support/synth';

/** Every service trust the library writes into the shipped stacks, with its confused-deputy conditions. */
describe('service trust policies of the shipped stacks', () => {
  const trusts = new Map<string, { status: string; condition: unknown }>();
  const { environments, templates } = loadProject(TEMPLATES_DIR, ENVIRONMENTS_DIR);

  beforeAll(() => {
    const app = buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR });
    invokeAspects(app);
    for (const s of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
      const environment = environments.find((e) => e.name === s.node.id)!;
      if (environment.cloud !== 'aws') continue;
      const stack = new StackIndex(s.toTerraform() as TerraformJson, s.node.id);
      for (const role of stack.ofType('aws_iam_role')) {
        for (const statement of policyStatements(role.config.assume_role_policy, stack)) {
          for (const service of (statement.principals ?? []).filter((p) => p.type === 'Service').flatMap((p) => p.values)) {
            const status = outcomeStatus(iamServiceTrustConditions.check(role, { environment, stack, templates }));
            const raw = JSON.parse(String(role.config.assume_role_policy)).Statement[0].Condition;
            trusts.set(`${s.node.id} ${service} ${String(role.config.name)}`, {
              status,
              condition: raw === undefined ? undefined : scrub(raw),
            });
          }
        }
      }
    }
  });

  it('pins every service trust to the account, in the form each service documents', () => {
    const account = '<account>';
    // Lake Formation documents both keys, aws:SourceArn only as arn:<partition>:lakeformation:<region>:<account>:*.
    const lakeFormation = {
      status: 'compliant',
      condition: {
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': 'arn:<partition>:lakeformation:<region>:<account>:*' },
      },
    };
    // Glue does not document the keys for optimizer roles: enforced when sent, never breaking.
    const glue = { status: 'compliant', condition: { StringEqualsIfExists: { 'aws:SourceAccount': account } } };
    // Documented as unsupported for this role; exempt because a trail of the stack uses it.
    const cloudTrail = { status: 'compliant', condition: undefined };
    expect(Object.fromEntries(trusts)).toEqual({
      'dev lakeformation.amazonaws.com acme-lake-dev-lakehouse-lf-register': lakeFormation,
      'prod lakeformation.amazonaws.com acme-lake-prod-lakehouse-lf-register': lakeFormation,
      'dev glue.amazonaws.com acme-lake-dev-lakehouse-optimizer': glue,
      'prod glue.amazonaws.com acme-lake-prod-lakehouse-optimizer': glue,
      'prod cloudtrail.amazonaws.com acme-lake-prod-trail-to-cloudwatch': cloudTrail,
      'staging cloudtrail.amazonaws.com acme-lake-staging-trail-to-cloudwatch': cloudTrail,
      'staging vpc-flow-logs.amazonaws.com acme-lake-staging-vpc-flow-logs': {
        status: 'compliant',
        condition: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': 'arn:<partition>:ec2:<region>:<account>:vpc-flow-log/*' },
        },
      },
      'staging ecs-tasks.amazonaws.com acme-lake-staging-nessie-task': {
        status: 'compliant',
        condition: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': 'arn:<partition>:ecs:<region>:<account>:*' },
        },
      },
      'staging ecs-tasks.amazonaws.com acme-lake-staging-nessie-execution': {
        status: 'compliant',
        condition: { StringEquals: { 'aws:SourceAccount': account } },
      },
      // The schema drift check (drift.enabled where alarms.sns_topic_arn is set): its function and schedule.
      ...Object.fromEntries(
        ['prod', 'staging'].flatMap((env) => [
          [
            `${env} lambda.amazonaws.com acme-lake-${env}-schema-drift`,
            { status: 'compliant', condition: { StringEquals: { 'aws:SourceAccount': account } } },
          ],
          [
            `${env} scheduler.amazonaws.com acme-lake-${env}-schema-drift-scheduler`,
            { status: 'compliant', condition: { StringEquals: { 'aws:SourceAccount': account } } },
          ],
        ]),
      ),
      // The table-provisioning function of every AWS stack.
      ...Object.fromEntries(
        ['dev', 'prod', 'staging'].map((env) => [
          `${env} lambda.amazonaws.com acme-lake-${env}-table-provisioner`,
          { status: 'compliant', condition: { StringEquals: { 'aws:SourceAccount': account } } },
        ]),
      ),
    });
  });
});

/** Replaces the context data-source references with placeholders, so the expectation reads like the docs. */
function scrub(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/\$\{data\.aws_caller_identity\.[^}]+\}/g, '<account>')
      .replace(/\$\{data\.aws_partition\.[^}]+\}/g, '<partition>')
      .replace(/\$\{data\.aws_region\.[^}]+\}/g, '<region>'),
  );
}
