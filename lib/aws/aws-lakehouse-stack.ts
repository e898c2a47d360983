import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { Construct } from 'constructs';
import { lakehouseDefaultTags } from '../plan/default-tags';
import { LakehouseStack, type LakehouseStackProps } from '../stack/lakehouse-stack';
import { AwsLakehouse } from './aws-lakehouse';

export type AwsLakehouseStackProps = LakehouseStackProps;

/**
 * One AWS environment as a stack: the AWS provider in the environment's region with the
 * lakehouse default tags on every resource, the state backend, the AwsLakehouse composite and
 * the policy pack. The shipped stacks are these; compose your own resources into `this` too.
 */
export class AwsLakehouseStack extends LakehouseStack {
  readonly provider: AwsProvider;
  readonly lakehouse: AwsLakehouse;

  constructor(scope: Construct, id: string, props: AwsLakehouseStackProps) {
    super(scope, id, props);
    const env = props.environment;
    this.provider = new AwsProvider(this, 'aws', { region: env.region, defaultTags: [{ tags: lakehouseDefaultTags(env) }] });
    this.lakehouse = new AwsLakehouse(this, 'lakehouse', { environment: env, templates: props.templates });
  }
}
