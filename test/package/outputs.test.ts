import { TerraformOutput } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { AwsLakehouse, GcpLakehouse } from '../../lib';
import {
  awsEnvironment,
  awsTestStack,
  environmentFromYaml,
  gcpEnvironment,
  gcpTestStack,
  shippedTemplates,
  synthStack,
} from '../support/synth';

const second = environmentFromYaml('name: test2\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-west-1\n', 'test2.yaml');

describe('stack outputs of two lakehouses in one stack', () => {
  it('a second lakehouse without its own outputPrefix is an error naming the output and the fix', () => {
    const stack = awsTestStack();
    new AwsLakehouse(stack, 'one', { environment: awsEnvironment(), templates: shippedTemplates() });
    expect(() => new AwsLakehouse(stack, 'two', { environment: second, templates: shippedTemplates() })).toThrow(
      /test\/two: stack 'test' already has the output 'lakehouse_bucket_name' \(from test\/one\); .*outputPrefix: 'two_'/,
    );
  });

  it('with outputPrefix both lakehouses keep all their outputs, each pointing at its own resources', () => {
    const stack = awsTestStack();
    new AwsLakehouse(stack, 'one', { environment: awsEnvironment(), templates: shippedTemplates() });
    new AwsLakehouse(stack, 'two', { environment: second, templates: shippedTemplates(), outputPrefix: 'two_' });
    const outputs = synthStack(stack).output!;
    const plain = Object.keys(outputs).filter((k) => k.startsWith('lakehouse_'));
    expect(plain.length).toBeGreaterThan(8);
    for (const name of plain) expect(outputs[`two_${name}`], `two_${name}`).toBeDefined();
    expect(Object.keys(outputs)).toHaveLength(plain.length * 2);
    expect(outputs.lakehouse_bucket_name!.value).not.toEqual(outputs.two_lakehouse_bucket_name!.value);
  });

  it('suggests a prefix that is itself valid, whatever the construct id', () => {
    const stack = awsTestStack();
    new AwsLakehouse(stack, 'one', { environment: awsEnvironment(), templates: shippedTemplates() });
    expect(() => new AwsLakehouse(stack, '2-eu', { environment: second, templates: shippedTemplates() })).toThrow(/outputPrefix: '_2_eu_'/);
  });

  it("fails synthesis when the app's own output takes a lakehouse output name", () => {
    const stack = awsTestStack();
    new AwsLakehouse(stack, 'one', { environment: awsEnvironment(), templates: shippedTemplates() });
    new TerraformOutput(stack, 'mine', { value: 'x' }).overrideLogicalId('lakehouse_bucket_name');
    expect(() => synthStack(stack)).toThrow(
      /declares the output 'lakehouse_bucket_name' 2 times \(test\/one\/lakehouse_bucket_name, test\/mine\)/,
    );
  });

  it('rejects a prefix that cannot start a Terraform output name', () => {
    expect(
      () => new AwsLakehouse(awsTestStack(), 'one', { environment: awsEnvironment(), templates: shippedTemplates(), outputPrefix: '2nd.' }),
    ).toThrow(/outputPrefix '2nd\.' cannot start a Terraform output name/);
    expect(
      () => new GcpLakehouse(gcpTestStack(), 'one', { environment: gcpEnvironment(), templates: shippedTemplates(), outputPrefix: 'a b' }),
    ).toThrow(/outputPrefix 'a b' cannot start a Terraform output name/);
  });

  it('works the same on GCP', () => {
    const stack = gcpTestStack();
    const other = environmentFromYaml(
      'name: test2\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\ngcp:\n  project_id: acme-test-1\n  accept_unenforced_append_only: true\n',
      'test2.yaml',
    );
    new GcpLakehouse(stack, 'one', { environment: gcpEnvironment(), templates: shippedTemplates() });
    expect(() => new GcpLakehouse(stack, 'two', { environment: other, templates: shippedTemplates() })).toThrow(
      /already has the output 'lakehouse_bucket'/,
    );
    const ok = gcpTestStack();
    new GcpLakehouse(ok, 'one', { environment: gcpEnvironment(), templates: shippedTemplates() });
    new GcpLakehouse(ok, 'two', { environment: other, templates: shippedTemplates(), outputPrefix: 'two_' });
    const outputs = synthStack(ok).output!;
    expect(outputs.two_lakehouse_bucket).toBeDefined();
    expect(outputs.lakehouse_bucket!.value).not.toEqual(outputs.two_lakehouse_bucket!.value);
  });
});
