import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import type { Construct } from 'constructs';
import { LakehousePropsError } from '../errors';
import { lakehouseDefaultTags } from '../plan/default-tags';
import { LakehouseStack, type LakehouseStackProps } from '../stack/lakehouse-stack';
import { GcpLakehouse } from './gcp-lakehouse';

export type GcpLakehouseStackProps = LakehouseStackProps;

/**
 * One Google Cloud environment as a stack: the Google provider for the environment's project and
 * region with the lakehouse labels as default labels, the state backend, the GcpLakehouse
 * composite and the policy pack.
 */
export class GcpLakehouseStack extends LakehouseStack {
  readonly provider: GoogleProvider;
  readonly lakehouse: GcpLakehouse;

  constructor(scope: Construct, id: string, props: GcpLakehouseStackProps) {
    super(scope, id, props);
    const env = props.environment;
    const gcp = env.gcp;
    if (gcp === undefined) throw new LakehousePropsError(this, 'GcpLakehouseStack', ["environment: has no 'gcp' block (gcp.project_id)"]);
    this.provider = new GoogleProvider(this, 'google', { project: gcp.projectId, region: env.region, addTerraformAttributionLabel: false });
    // Set through an override: cdktf 0.21 rewrites hyphens in this map's keys to underscores.
    this.provider.addOverride('default_labels', lakehouseDefaultTags(env));
    this.lakehouse = new GcpLakehouse(this, 'lakehouse', { environment: env, templates: props.templates });
  }
}
