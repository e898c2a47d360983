import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { evaluatePolicyPack, formatFinding, type TerraformJson } from '../../lib/policy';
import { environmentStack } from '../../lib/stack/environment-stack';
import { environmentFromYaml, onlyResource, resourcesOf, shippedTemplates, type TfJson } from '../support/synth';

/**
 * The smallest AWS environment a user can write (name, project, cloud, catalog, region) must
 * synthesize and pass the policy pack: secure defaults, not a list of settings to discover.
 */
describe.each(['glue', 'nessie'] as const)('a minimal AWS environment on %s', (catalog) => {
  const yaml = `name: qa\nproject: acme\ncloud: aws\ncatalog: ${catalog}\nregion: eu-central-1\n`;

  it('synthesizes with every validation, the policy pack included', () => {
    const stack = environmentStack(Testing.app(), environmentFromYaml(yaml), shippedTemplates());
    const json = JSON.parse(Testing.synth(stack, true)) as TfJson;
    // The defaults that make it pass: a customer-managed key, the audit trail encrypted with it.
    const key = Object.keys(resourcesOf(json, 'aws_kms_key'));
    expect(key).toHaveLength(1);
    expect(onlyResource(json, 'aws_cloudtrail').kms_key_id).toBe(`\${aws_kms_key.${key[0]}.arn}`);
  });

  it('has no error finding in the policy pack', () => {
    const environment = environmentFromYaml(yaml);
    const stack = environmentStack(Testing.app(), environment, shippedTemplates());
    const report = evaluatePolicyPack(JSON.parse(Testing.synth(stack)) as TerraformJson, environment, { templates: shippedTemplates() });
    expect(report.findings.filter((f) => f.severity === 'error').map(formatFinding)).toEqual([]);
  });

  it('synthesizes with a short audit retention (no archive class it would not use)', () => {
    const stack = environmentStack(Testing.app(), environmentFromYaml(`${yaml}audit:\n  retention_days: 90\n`), shippedTemplates());
    const json = JSON.parse(Testing.synth(stack, true)) as TfJson;
    const rules = Object.values(resourcesOf(json, 'aws_s3_bucket_lifecycle_configuration')).flatMap((c) => c.rule as any[]);
    const archive = rules.find((r) => r.id === 'archive-and-expire-logs');
    expect(archive.expiration).toEqual([{ days: 90 }]);
    expect(archive.transition).toBeUndefined();
  });
});
