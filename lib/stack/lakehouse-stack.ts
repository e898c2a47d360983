import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../model/environment';
import type { LoadedTableTemplate } from '../model/table-template';
import { applyPolicyPack } from '../policy/apply-policy-pack';
import { configureStateBackend } from './state-backend';

export interface LakehouseStackProps {
  /** The environment the stack deploys (its `name` is a good stack id). */
  readonly environment: EnvironmentConfig;
  /** Validated table templates. */
  readonly templates: readonly LoadedTableTemplate[];
  /**
   * No other stack refers to this one: skip cdktf's cross-stack preparation, a full extra resolve
   * of every element (about a fifth of a synthesis). Leave it off when another stack reads this
   * stack's values.
   * @default false
   */
  readonly isolated?: boolean;
}

/**
 * What every lakehouse stack has besides its cloud's provider and composite: the environment's
 * state backend (local state beside the output folder by default) and the security policy pack,
 * run on every synthesis. AwsLakehouseStack and GcpLakehouseStack add the rest.
 */
export abstract class LakehouseStack extends TerraformStack {
  readonly environment: EnvironmentConfig;
  private readonly isolated: boolean;

  protected constructor(scope: Construct, id: string, props: LakehouseStackProps) {
    super(scope, id);
    this.environment = props.environment;
    this.isolated = props.isolated ?? false;
    configureStateBackend(this, props.environment);
    applyPolicyPack(this, { environment: props.environment, templates: props.templates });
  }

  /**
   * cdktf prepares a stack by resolving every element once more, only to discover references to
   * other stacks. An isolated stack has none, so that resolve is skipped (test/stacks/references.test.ts
   * checks the output is byte for byte what cdktf's own preparation gives).
   */
  override prepareStack(): void {
    if (this.isolated) this.ensureBackendExists();
    else super.prepareStack();
  }
}
