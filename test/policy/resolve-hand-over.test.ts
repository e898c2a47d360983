import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { applyPolicyPack } from '../../lib/policy';
import { awsEnvironment, awsTestStack } from '../support/synth';

describe('policy pack hand-over of the resolved stack', () => {
  it('serves its JSON to the synthesis right after validation only once; later calls resolve afresh', () => {
    const stack = awsTestStack();
    applyPolicyPack(stack, { environment: awsEnvironment(), log: () => undefined });
    new SsmParameter(stack, 'first', { name: '/first', type: 'String', value: '1' });
    const synthesized = JSON.parse(Testing.synth(stack, true)) as { resource: Record<string, Record<string, unknown>> };
    expect(Object.keys(synthesized.resource.aws_ssm_parameter!)).toEqual(['first']);
    new SsmParameter(stack, 'second', { name: '/second', type: 'String', value: '2' });
    const later = stack.toTerraform() as { resource: Record<string, Record<string, unknown>> };
    expect(Object.keys(later.resource.aws_ssm_parameter!).sort()).toEqual(['first', 'second']);
  });
});
