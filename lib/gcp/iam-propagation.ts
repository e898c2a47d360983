import { TimeProvider } from '@cdktf/provider-time/lib/provider';
import { Sleep } from '@cdktf/provider-time/lib/sleep';
import { TerraformProvider, TerraformStack, type ITerraformDependable } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';

/**
 * How long an IAM grant takes to be usable. Google: "Changes to allow or deny policies typically
 * propagate in 2 minutes, but could potentially take 7 minutes or longer"
 * (https://cloud.google.com/iam/docs/access-change-propagation). Two minutes covers the typical
 * case on the first apply; a rarer slower propagation fails that apply and the next apply finishes.
 */
export const IAM_PROPAGATION_DELAY = '120s';

export interface IamPropagationProps {
  /** The grants a later resource relies on. */
  readonly grants: readonly (ITerraformDependable & { readonly id: string })[];
  /** @default IAM_PROPAGATION_DELAY */
  readonly delay?: string;
}

/**
 * A `time_sleep` between IAM grants and the first resource that uses them, so the first apply does
 * not fail on a grant that exists but has not propagated. The sleep runs when it is created and
 * again whenever a grant is replaced (its ids are the triggers), never on other applies.
 */
export class IamPropagation extends Construct {
  readonly sleep: Sleep;

  constructor(scope: Construct, id: string, props: IamPropagationProps) {
    super(scope, id);
    ensureTimeProvider(this);
    this.sleep = new Sleep(this, 'sleep', {
      createDuration: props.delay ?? IAM_PROPAGATION_DELAY,
      triggers: Object.fromEntries(props.grants.map((g, i) => [`grant_${i}`, g.id])),
      dependsOn: [...props.grants],
    });
  }
}

/**
 * The hashicorp/time provider must be configured in a stack that uses `time_sleep` (cdktf refuses to
 * synthesize a resource without its provider). Adds one at the stack root unless the stack has one.
 */
export function ensureTimeProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  const present = stack.node
    .findAll()
    .some((c) => c instanceof TerraformProvider && c.terraformResourceType === TimeProvider.tfResourceType);
  if (!present) new TimeProvider(stack, 'time');
}
