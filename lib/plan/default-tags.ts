import type { EnvironmentConfig } from '../model/environment';

/**
 * Tags (AWS) and labels (Google Cloud) every resource of an environment carries: the
 * environment's own `tags` plus who owns it. Set them as the provider's default tags
 * (AwsLakehouseStack and GcpLakehouseStack do), so each taggable resource gets them.
 */
export function lakehouseDefaultTags(environment: EnvironmentConfig): Record<string, string> {
  return {
    ...environment.tags,
    'lakehouse-project': environment.project,
    'lakehouse-environment': environment.name,
    'managed-by': 'cdktf-lakehouse',
  };
}
