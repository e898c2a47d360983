import { Annotations, TerraformProvider, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../model/environment';

/**
 * Warns at synthesis when the stack's provider of `providerType` does not carry the lakehouse
 * default tags (labels on Google Cloud): a consumer composing a lakehouse in their own stack then
 * learns how to get them instead of silently going without. AwsLakehouseStack and
 * GcpLakehouseStack set them.
 */
export function warnWithoutDefaultTags(composite: Construct, environment: EnvironmentConfig, providerType: 'aws' | 'google'): void {
  composite.node.addValidation({
    validate: () => {
      const providers = TerraformStack.of(composite)
        .node.findAll()
        .filter((c): c is TerraformProvider => c instanceof TerraformProvider && c.terraformResourceType === providerType);
      const tagged = providers.some((p) => JSON.stringify(p.toTerraform()).includes(`"lakehouse-environment":"${environment.name}"`));
      if (!tagged) {
        const setting =
          providerType === 'aws'
            ? 'defaultTags: [{ tags: lakehouseDefaultTags(environment) }]'
            : "addOverride('default_labels', lakehouseDefaultTags(environment))";
        Annotations.of(composite).addWarning(
          `the ${providerType} provider of this stack does not carry the lakehouse ${providerType === 'aws' ? 'default tags' : 'default labels'} of environment '${environment.name}'; ` +
            `set ${setting} on the provider, or use ${providerType === 'aws' ? 'AwsLakehouseStack' : 'GcpLakehouseStack'}`,
        );
      }
      return [];
    },
  });
}
