import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Testing } from 'cdktf';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyJson } from '../../lib/aws/policy-document';
import type { EnvironmentConfig } from '../../lib/model';
import { applyPolicyPack, evaluatePolicyPack, POLICY_RULES, RULE_ERROR_ID, SUPPRESSION_ERROR_ID, type PolicyRule } from '../../lib/policy';
import { awsEnvironment, awsTestStack } from '../support/synth';
import { goodBucket, tf, without } from './fixtures';

const REASON = 'Access logs are collected by the organization-wide log archive account.';
const suppress = (rule: string, path: string, reason = REASON) =>
  `policy:\n  suppressions:\n    - rule: ${rule}\n      path: ${path}\n      reason: ${reason}\n`;
const noLogging = tf(without(goodBucket(), 'aws_s3_bucket_logging.logging'));
const suppressionErrors = (report: ReturnType<typeof evaluatePolicyPack>) =>
  report.findings.filter((f) => f.ruleId === SUPPRESSION_ERROR_ID);

describe('suppressions by construct path', () => {
  it('move a finding to the suppressed list with its reason', () => {
    const report = evaluatePolicyPack(noLogging, awsEnvironment('glue', suppress('LH-S3-007', 'data')));
    expect(report.findings.filter((f) => f.ruleId === 'LH-S3-007')).toEqual([]);
    expect(report.suppressed.map((s) => [s.finding.ruleId, s.finding.address, s.reason])).toEqual([
      ['LH-S3-007', 'aws_s3_bucket.data', REASON],
    ]);
  });

  it('cover every resource beneath a construct, and accept the path with the stack name in front', () => {
    const json = tf({ 'aws_s3_bucket.a': { bucket: 'a' }, 'aws_s3_bucket.b': { bucket: 'b' } });
    (json.resource!.aws_s3_bucket!.a!['//'] as any).metadata.path = 'test/lakehouse/one/bucket';
    (json.resource!.aws_s3_bucket!.b!['//'] as any).metadata.path = 'test/lakehouse/two/bucket';
    for (const path of ['lakehouse', 'test/lakehouse']) {
      const report = evaluatePolicyPack(json, awsEnvironment('glue', suppress('LH-S3-007', path)));
      expect(report.suppressed.filter((s) => s.finding.ruleId === 'LH-S3-007').map((s) => s.finding.address)).toEqual([
        'aws_s3_bucket.a',
        'aws_s3_bucket.b',
      ]);
    }
    const one = evaluatePolicyPack(json, awsEnvironment('glue', suppress('LH-S3-007', 'lakehouse/one')));
    expect(one.findings.filter((f) => f.ruleId === 'LH-S3-007').map((f) => f.address)).toEqual(['aws_s3_bucket.b']);
  });

  it('refuse a Terraform address (hashed, it changes on refactor), naming the construct path to use', () => {
    const report = evaluatePolicyPack(noLogging, awsEnvironment('glue', suppress('LH-S3-007', 'aws_s3_bucket.data')));
    expect(suppressionErrors(report).map((f) => [f.message, f.location])).toEqual([
      [
        "policy.suppressions[0].path: 'aws_s3_bucket.data' is a Terraform address, which changes when code is refactored; give the construct path instead; its construct path is 'data'",
        { file: 'test.yaml', path: ['policy', 'suppressions', 0, 'path'] },
      ],
    ]);
    expect(report.suppressed).toEqual([]);
  });

  it('reject an unknown rule id with the closest ids', () => {
    const report = evaluatePolicyPack(noLogging, awsEnvironment('glue', suppress('LH-S3-0007', 'data')));
    const errors = suppressionErrors(report);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.severity).toBe('error');
    expect(errors[0]!.message).toMatch(
      /^policy\.suppressions\[0\]\.rule: unknown rule id 'LH-S3-0007'; did you mean 'LH-S3-007'\? \(every id: docs\/policy\.md\)$/,
    );
    expect(report.findings.some((f) => f.ruleId === 'LH-S3-007')).toBe(true);
  });

  it('reject a path that is not in the stack, listing the nearest construct paths', () => {
    const report = evaluatePolicyPack(noLogging, awsEnvironment('glue', suppress('LH-S3-007', 'dta')));
    expect(suppressionErrors(report)[0]?.message).toMatch(
      /^policy\.suppressions\[0\]\.path: no construct 'dta' in stack 'test'; did you mean 'data'/,
    );
    expect(report.suppressed).toEqual([]);
  });

  it('reject a placeholder reason even when the environment was built in code', () => {
    const env: EnvironmentConfig = {
      ...awsEnvironment(),
      suppressions: [{ rule: 'LH-S3-007', path: 'data', reason: 'todo' }],
    };
    const report = evaluatePolicyPack(noLogging, env);
    expect(suppressionErrors(report)[0]?.message).toMatch(/^policy\.suppressions\[0\]\.reason: 'todo' is not a real reason/);
    expect(report.suppressed).toEqual([]);
  });

  it('report suppressions that no longer match a finding', () => {
    const report = evaluatePolicyPack(tf(goodBucket()), awsEnvironment('glue', suppress('LH-S3-007', 'data')));
    expect(report.unusedSuppressions).toEqual(['policy.suppressions[0]: LH-S3-007 on data: no such finding (remove the suppression)']);
  });

  it('target stack-wide findings by the stack name', () => {
    const env = awsEnvironment(
      'glue',
      'compliance: soc2\n' + suppress('LH-PRF-007', 'test', 'Lake Formation is administered by the data platform account.'),
    );
    const report = evaluatePolicyPack(tf({}), env);
    expect(report.suppressed.map((s) => `${s.finding.ruleId} ${s.finding.address}`)).toEqual(['LH-PRF-007 test']);
  });
});

describe('a rule that throws', () => {
  const broken: PolicyRule = {
    ...POLICY_RULES[0]!,
    id: 'LH-TEST-001',
    check: () => {
      throw new Error('boom');
    },
  };

  it('becomes an LH-RULE-ERROR finding and the other rules still run', () => {
    const json = tf(without(goodBucket(), 'aws_s3_bucket_versioning.versioning'));
    const report = evaluatePolicyPack(json, awsEnvironment(), { rules: [broken, ...POLICY_RULES] });
    const error = report.findings.find((f) => f.ruleId === RULE_ERROR_ID)!;
    expect(error).toMatchObject({ severity: 'error', address: 'aws_s3_bucket.data' });
    expect(error.message).toMatch(/LH-TEST-001 .* threw: boom/);
    expect(report.findings.map((f) => f.ruleId)).toContain('LH-S3-005');
  });

  it('covers uninspectable input: a policy rendered with jsonencode', () => {
    const json = tf({ 'aws_iam_role_policy.p': { role: 'r', policy: '${jsonencode({"Statement" = []})}' } });
    const errors = evaluatePolicyPack(json, awsEnvironment()).findings.filter((f) => f.ruleId === RULE_ERROR_ID);
    expect(errors.map((e) => e.message.slice(0, 10)).sort()).toEqual(['LH-IAM-001', 'LH-IAM-002']);
    expect(errors[0]!.message).toMatch(/not plain JSON/);
  });
});

describe('compliance profiles', () => {
  const severityOf = (env: EnvironmentConfig, id: string) =>
    evaluatePolicyPack(noLogging, env).findings.find((f) => f.ruleId === id)?.severity;

  it('turn a warning under none into an error under hipaa', () => {
    expect(severityOf(awsEnvironment(), 'LH-S3-007')).toBe('warning');
    expect(severityOf(awsEnvironment('glue', 'compliance: soc2\n'), 'LH-S3-007')).toBe('warning');
    expect(severityOf(awsEnvironment('glue', 'compliance: hipaa\n'), 'LH-S3-007')).toBe('error');
  });

  it('run profile-only rules only under their profiles', () => {
    const ids = (env: EnvironmentConfig) => evaluatePolicyPack(tf({}), env).findings.map((f) => f.ruleId);
    expect(ids(awsEnvironment('glue', 'protect_data: false\n'))).toEqual([]);
    expect(ids(awsEnvironment('glue', 'compliance: soc2\nprotect_data: false\n'))).toEqual(['LH-PRF-001', 'LH-PRF-006', 'LH-PRF-007']);
    expect(ids(awsEnvironment('glue', 'compliance: hipaa\nprotect_data: false\nencryption:\n  customer_managed_key: false\n'))).toEqual([
      'LH-PRF-001',
      'LH-PRF-003',
      'LH-PRF-006',
      'LH-PRF-007',
    ]);
  });
});

describe('applyPolicyPack on a deliberately insecure stack', () => {
  let message = '';
  const logged: string[] = [];

  beforeAll(() => {
    const stack = awsTestStack();
    const bucket = new S3Bucket(stack, 'public-bucket', { bucket: 'acme-test-lakehouse' });
    new SecurityGroup(stack, 'open-sg', {
      name: 'open',
      description: 'Deliberately open for the test',
      ingress: [{ description: 'HTTPS from anywhere', fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
    });
    new SecurityGroupRule(stack, 'undescribed-rule', {
      type: 'egress',
      securityGroupId: 'sg-123',
      fromPort: 443,
      toPort: 443,
      protocol: 'tcp',
      cidrBlocks: ['10.0.0.0/8'],
    });
    new IamRolePolicy(stack, 'wildcard-policy', {
      role: 'r',
      policy: policyJson([{ Effect: 'Allow', Action: '*', Resource: bucket.arn }]),
    });
    new KmsKey(stack, 'key', { enableKeyRotation: true });
    const environment = awsEnvironment('glue', 'protect_data: false\n');
    applyPolicyPack(stack, { environment, log: (line) => logged.push(line) });
    applyPolicyPack(stack, { environment, log: (line) => logged.push(line) }); // no-op
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
  });

  it('fails synthesis with the expected rule ids', () => {
    for (const id of ['LH-S3-001', 'LH-S3-003', 'LH-S3-004', 'LH-S3-005', 'LH-S3-006', 'LH-SG-001', 'LH-IAM-001']) {
      expect(message).toContain(id);
    }
    expect(message).not.toContain('LH-KMS-001');
  });

  it('names the resource address, the construct path and the fix', () => {
    const line = message.split('\n').find((l) => l.includes('LH-SG-001'))!;
    expect(line).toContain('aws_security_group.open-sg');
    expect(line).toContain('[test/open-sg]');
    expect(line).toMatch(/Ingress allowed from 0\.0\.0\.0\/0\. Fix: Allow the specific CIDRs/);
    expect(message).toMatch(/aws_iam_role_policy\.wildcard-policy \[test\/wildcard-policy\]: 1 Allow statement\(s\) grant every action/);
  });

  it('reports each finding once although the pack was applied twice', () => {
    expect(message.match(/LH-SG-001/g)).toHaveLength(1);
  });

  it('prints warnings instead of failing on them', () => {
    expect(logged.some((l) => /policy warning: LH-SG-002 .*aws_security_group_rule\.undescribed-rule/.test(l))).toBe(true);
    expect(message).not.toContain('LH-SG-002');
  });
});

describe('applyPolicyPack on a compliant stack', () => {
  it('synthesizes and prints the applied suppressions', () => {
    const stack = awsTestStack();
    new KmsKey(stack, 'key', { enableKeyRotation: true, lifecycle: { preventDestroy: true } });
    new SecurityGroupRule(stack, 'rule', {
      type: 'egress',
      securityGroupId: 'sg-1',
      fromPort: 443,
      toPort: 443,
      protocol: 'tcp',
      cidrBlocks: ['10.0.0.0/8'],
    });
    const logged: string[] = [];
    const reason = 'Rule description is set by the network team in their own module.';
    applyPolicyPack(stack, {
      environment: awsEnvironment('glue', suppress('LH-SG-002', 'rule', reason)),
      log: (l) => logged.push(l),
    });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    expect(logged).toEqual([`[test] policy suppressed: LH-SG-002 on aws_security_group_rule.rule — ${reason}`]);
  });
});

describe('applyPolicyPack without a log', () => {
  it('reports warnings as warning annotations (cdktf synth prints WARN, not [ERROR]), nothing on standard error, each once', () => {
    const stack = awsTestStack();
    new KmsKey(stack, 'key', { enableKeyRotation: true, lifecycle: { preventDestroy: true } });
    new SecurityGroupRule(stack, 'rule', {
      type: 'egress',
      securityGroupId: 'sg-1',
      fromPort: 443,
      toPort: 443,
      protocol: 'tcp',
      cidrBlocks: ['10.0.0.0/8'],
    });
    applyPolicyPack(stack, { environment: awsEnvironment() });
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      Testing.synth(stack, true);
      Testing.synth(stack, true); // validations run again: still one annotation per warning
    } finally {
      process.stderr.write = write;
    }
    expect(written).toEqual([]);
    const annotations = stack.node.metadata.filter((m) => m.type.startsWith('@cdktf/'));
    expect(annotations.map((m) => [m.type, String(m.data).replace(/ Fix: .*/, '')])).toEqual([
      [
        '@cdktf/warn',
        'policy warning: LH-SG-002 (warning) aws_security_group_rule.rule [test/rule]: A security group or rule has no description.',
      ],
    ]);
  });
});
