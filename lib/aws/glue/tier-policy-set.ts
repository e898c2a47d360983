import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import { policyJson } from '../policy-document';
import type { ArnScope } from './lakehouse-arns';
import type { LakehouseLayout } from './lakehouse-layout';
import { IAM_LIMITS, packPolicies } from './policy-packing';
import { appendOnlyDenyStatements, appendOnlyTargets, tierStatements, type TierPolicyContext } from './tier-policies';
import { ACCESS_TIERS, type AccessTier } from '../../plan/tiers';

export interface TierPolicySetProps extends TierPolicyContext {
  /** `<project>-<env>`: policies are named `<prefix>-lakehouse-<tier>-<n>` and `<prefix>-lakehouse-append-only-<n>`. */
  readonly prefix: string;
  readonly layout: LakehouseLayout;
  readonly scope: ArnScope;
  /**
   * Managed policies one role may carry (IAM's default quota is 10; raise the quota first, up to 20).
   * @default 10
   */
  readonly maxManagedPoliciesPerRole?: number;
}

/**
 * The managed policies of each tier, shared by the tier's own role and every role granted the
 * tier later (`grantRead` & co.), so a permission set is defined once. Each document stays within
 * IAM's 6,144-character limit by splitting across several policies; a tier needing more
 * policies than a role may carry is an error at synth time.
 */
export class TierPolicySet extends Construct {
  /** Access policies of each tier. */
  readonly accessPolicies: Readonly<Record<AccessTier, readonly IamPolicy[]>>;
  /** Deny of S3 deletes on append-only tables, attached to writers and admins. */
  readonly appendOnlyDenyPolicies: readonly IamPolicy[];

  constructor(scope: Construct, id: string, props: TierPolicySetProps) {
    super(scope, id);
    const max = props.maxManagedPoliciesPerRole ?? IAM_LIMITS.managedPoliciesPerRole;
    const targets = appendOnlyTargets(props.layout.namespaces);
    const deny = packPolicies(`append-only delete deny`, targets, (chunk, s) => appendOnlyDenyStatements(chunk, s), props.scope);
    this.appendOnlyDenyPolicies = deny.map(
      (statements, i) =>
        new IamPolicy(this, `append-only-${i + 1}`, {
          name: `${props.prefix}-lakehouse-append-only-${i + 1}`,
          description: `Denies S3 deletes on append-only lakehouse tables (part ${i + 1} of ${deny.length})`,
          policy: policyJson(statements),
        }),
    );

    const access = {} as Record<AccessTier, IamPolicy[]>;
    const problems: string[] = [];
    for (const tier of ACCESS_TIERS) {
      const docs = packPolicies(
        `${tier} access policy`,
        props.layout.namespaces,
        (chunk, s, first) => tierStatements(tier, props, chunk, s, first),
        props.scope,
      );
      const total = docs.length + (tier === 'reader' ? 0 : deny.length);
      if (total > max) {
        problems.push(
          `the ${tier} role needs ${total} managed policies (${docs.length} access + ${total - docs.length} append-only deny) but maxManagedPoliciesPerRole is ${max}; ` +
            `raise IAM's "managed policies per role" quota, then access.max_managed_policies_per_role (maxManagedPoliciesPerRole in code; up to ${IAM_LIMITS.maxManagedPoliciesPerRoleQuota}), or use fewer namespaces / make whole namespaces append-only`,
        );
      }
      access[tier] = docs.map(
        (statements, i) =>
          new IamPolicy(this, `${tier}-${i + 1}`, {
            name: `${props.prefix}-lakehouse-${tier}-${i + 1}`,
            description: `Lakehouse ${tier} access (part ${i + 1} of ${docs.length}); Lake Formation grants narrow it per table`,
            policy: policyJson(statements),
          }),
      );
    }
    if (problems.length > 0) throw new Error(`Lakehouse IAM policies exceed limits:\n  - ${problems.join('\n  - ')}`);
    this.accessPolicies = access;
  }

  /** Every managed policy a role of this tier carries. */
  policiesFor(tier: AccessTier): IamPolicy[] {
    return [...this.accessPolicies[tier], ...(tier === 'reader' ? [] : this.appendOnlyDenyPolicies)];
  }
}
