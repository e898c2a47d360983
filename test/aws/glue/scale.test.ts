import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTemplateYamls } from '../../../bench/generate-templates';
import { GlueLakehouse, IAM_LIMITS } from '../../../lib/aws/glue';
import { parseTableTemplate, type LoadedTableTemplate } from '../../../lib/model';
import { awsTestStack, resourcesOf, synthStack, type TfJson } from '../../support/synth';
import { bucketInStack, glueProps } from './glue-fixtures';

/**
 * A policy as IAM will count it: Terraform references replaced by the longest values they can
 * resolve to (partition, 15-character region, account id, 63-character bucket, key ARN).
 */
function resolvedLength(policy: string): number {
  return policy
    .replace(/\$\{data\.aws_partition\.[^}]+\}/g, 'aws-us-gov')
    .replace(/\$\{data\.aws_region\.[^}]+\}/g, 'x'.repeat(15))
    .replace(/\$\{data\.aws_caller_identity\.[^}]+\}/g, '123456789012')
    .replace(/\$\{aws_s3_bucket\.[^}]+\.arn\}/g, `arn:aws-us-gov:s3:::${'b'.repeat(63)}`)
    .replace(/\$\{aws_s3_bucket\.[^}]+\.bucket\}/g, 'b'.repeat(63))
    .replace(/\$\{aws_kms_key\.[^}]+\.arn\}/g, `arn:aws-us-gov:kms:${'x'.repeat(15)}:123456789012:key/${'k'.repeat(36)}`).length;
}

function parse(yamls: Map<string, string>): LoadedTableTemplate[] {
  return [...yamls].map(([file, text]) => {
    const r = parseTableTemplate(file, text);
    if (!r.template) throw new Error(`${file}: ${r.problems.map((p) => p.message).join('; ')}`);
    return r.template;
  });
}

function synthScale(templates: LoadedTableTemplate[], max?: number): { json: TfJson; lakehouse: GlueLakehouse } {
  const stack = awsTestStack();
  const key = new KmsKey(stack, 'key', { enableKeyRotation: true });
  const storage = { ...bucketInStack(stack), kmsKeyArn: key.arn };
  const lakehouse = new GlueLakehouse(stack, 'glue', glueProps({ templates, storage, maxManagedPoliciesPerRole: max }));
  return { json: synthStack(stack), lakehouse };
}

function checkLimits(json: TfJson): void {
  for (const [id, p] of Object.entries(resourcesOf(json, 'aws_iam_policy'))) {
    expect(resolvedLength(p.policy), `managed policy ${id}`).toBeLessThanOrEqual(IAM_LIMITS.managedPolicyChars);
  }
  const inline = new Map<string, number>();
  for (const p of Object.values(resourcesOf(json, 'aws_iam_role_policy'))) {
    inline.set(p.role, (inline.get(p.role) ?? 0) + resolvedLength(p.policy));
  }
  for (const [role, total] of inline) expect(total, `inline policies of ${role}`).toBeLessThanOrEqual(IAM_LIMITS.inlinePolicyCharsPerRole);
  for (const [id, r] of Object.entries(resourcesOf(json, 'aws_iam_role'))) {
    expect(resolvedLength(r.assume_role_policy), `trust policy of ${id}`).toBeLessThanOrEqual(IAM_LIMITS.trustPolicyChars);
  }
  const perRole = new Map<string, number>();
  for (const a of Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment'))) perRole.set(a.role, (perRole.get(a.role) ?? 0) + 1);
  for (const [role, n] of perRole) expect(n, `managed policies on ${role}`).toBeLessThanOrEqual(IAM_LIMITS.managedPoliciesPerRole);
}

describe('1,000 tables in 20 namespaces', () => {
  let json: TfJson;
  let lakehouse: GlueLakehouse;
  beforeAll(() => {
    const templates = parse(generateTemplateYamls(1000, 20));
    expect(templates).toHaveLength(1000);
    ({ json, lakehouse } = synthScale(templates));
  });

  it('synthesizes every table and a reader grant for each', () => {
    expect(Object.keys(resourcesOf(json, 'aws_lambda_invocation'))).toHaveLength(1000);
    expect(lakehouse.databaseNames).toHaveLength(20);
    const selects = Object.values(resourcesOf(json, 'aws_lakeformation_permissions')).filter((g) => g.permissions.join() === 'SELECT');
    expect(selects.length).toBeGreaterThanOrEqual(1000);
  });

  it('keeps every IAM policy within AWS limits, with references at their longest', () => {
    checkLimits(json);
  });

  it('splits the per-table append-only deny across several policies instead of growing one', () => {
    const deny = Object.values(resourcesOf(json, 'aws_iam_policy')).filter((p) => p.name.includes('append-only'));
    expect(deny.length).toBeGreaterThan(1);
    const denied = deny.flatMap((p) => JSON.parse(p.policy).Statement.flatMap((s: any) => s.Resource));
    expect(denied).toHaveLength(334); // every third table of namespaces that also hold mutable tables
    expect(new Set(denied).size).toBe(334);
  });
});

describe('many namespaces', () => {
  it('split the table-provisioning function’s Glue permissions over managed policies that fit IAM’s limits', () => {
    const { json } = synthScale(parse(generateTemplateYamls(120, 60)));
    const provisioner = Object.values(resourcesOf(json, 'aws_iam_policy')).filter((p) =>
      String(p.name).includes('-table-provisioner-glue-'),
    );
    expect(provisioner.length).toBeGreaterThan(1);
    const databases = provisioner.flatMap((p) =>
      JSON.parse(p.policy as string)
        .Statement.filter((st: any) => st.Sid === 'GlueDatabases')
        .flatMap((st: any) => st.Resource.slice(1)),
    );
    expect(databases).toHaveLength(60);
    checkLimits(json);
  });

  it('hold the function’s role to maxManagedPoliciesPerRole too, refusing with the key to raise', () => {
    const templates = parse(generateTemplateYamls(120, 60));
    expect(() => synthScale(templates, 1)).toThrow(
      /Invalid TableProvisioner props[\s\S]*need \d+ managed policies for role .*access\.max_managed_policies_per_role/,
    );
  });
});

describe('namespaces that are entirely append-only', () => {
  it('deny per namespace, so append-only tables need one small policy however many there are', () => {
    const yamls = new Map(
      [...generateTemplateYamls(200, 20)].map(([f, t]) => [
        f,
        t.includes('append_only') ? t : t.replace('columns:', 'append_only: true\ncolumns:'),
      ]),
    );
    const { json } = synthScale(parse(yamls));
    const deny = Object.values(resourcesOf(json, 'aws_iam_policy')).filter((p) => p.name.includes('append-only'));
    expect(deny).toHaveLength(1);
    expect(JSON.parse(deny[0]!.policy).Statement[0].Resource).toHaveLength(20);
    checkLimits(json);
  });
});

describe('too many policies for a role', () => {
  it('fails at synth time with the way out', () => {
    // 200 tables: 67 append-only ones spread over mixed namespaces need 2 deny policies + 1 access policy.
    const templates = parse(generateTemplateYamls(200, 20));
    expect(() => synthScale(templates, 2)).toThrow(
      /the writer role needs \d+ managed policies .* but maxManagedPoliciesPerRole is 2; raise IAM's "managed policies per role" quota/,
    );
  });
});
