import type { Construct } from 'constructs';
import { AwsLakehouseStack } from '../aws/aws-lakehouse-stack';
import { GcpLakehouseStack } from '../gcp/gcp-lakehouse-stack';
import type { EnvironmentConfig, LoadedTableTemplate } from '../model';
import type { LakehouseStack } from './lakehouse-stack';

/**
 * One environment file = one stack named after the environment, of its cloud. Environment stacks
 * never refer to each other (each is built from its own file), so they are isolated.
 */
export function environmentStack(
  scope: Construct,
  environment: EnvironmentConfig,
  templates: readonly LoadedTableTemplate[],
): LakehouseStack {
  const props = { environment, templates, isolated: true };
  return environment.cloud === 'aws'
    ? new AwsLakehouseStack(scope, environment.name, props)
    : new GcpLakehouseStack(scope, environment.name, props);
}
