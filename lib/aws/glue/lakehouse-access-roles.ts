import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LakehousePropsError } from '../../errors';
import { compare } from '../../model/compare';
import type { GrantableRole } from '../grantable-role';
import { assumeRolePolicy } from '../policy-document';
import type { CatalogRefs } from './catalog-refs';
import { LakeFormationTierGrants } from './lake-formation-grants';
import type { ArnScope } from './lakehouse-arns';
import type { LakehouseLayout } from './lakehouse-layout';
import { TierPolicySet } from './tier-policy-set';
import { ACCESS_TIERS, TIER_SUMMARY, type AccessTier } from '../../plan/tiers';
import type { TierPolicyContext } from './tier-policies';

export interface LakehouseAccessRolesProps extends TierPolicyContext {
  /** `<project>-<env>`: roles are `<prefix>-lakehouse-reader|writer|admin`. */
  readonly prefix: string;
  readonly layout: LakehouseLayout;
  readonly catalog: CatalogRefs;
  readonly scope: ArnScope;
  /**
   * Principals (ARNs or account ids) allowed to assume each tier's role, and only that role; no
   * list may be empty (pass the account root for "IAM decides").
   */
  readonly trust: Readonly<Record<AccessTier, readonly string[]>>;
  /**
   * Opt every tier role (and every role granted a tier) in to Lake Formation permissions on each
   * database and table (hybrid access mode; see LakeFormationTierGrantsProps.optIn).
   * @default false
   */
  readonly optIn?: boolean;
  /**
   * Resources the Lake Formation grants must wait for.
   * @default - none
   */
  readonly grantsDependOn?: readonly ITerraformDependable[];
  /**
   * Managed policies one role may carry.
   * @default 10
   */
  readonly maxManagedPoliciesPerRole?: number;
}

/**
 * The reader, writer and admin roles: IAM (managed policies from {@link TierPolicySet}) plus Lake
 * Formation grants. `grantRead`, `grantWrite` and `grantAdmin` give another role the very same
 * permission set, so consumers never rebuild it.
 */
export class LakehouseAccessRoles extends Construct {
  readonly policies: TierPolicySet;
  readonly roles: Readonly<Record<AccessTier, IamRole>>;
  /** Role ARNs by tier. */
  readonly roleArns: Readonly<Record<AccessTier, string>>;
  private readonly props: LakehouseAccessRolesProps;
  private readonly grantIds = new Set<string>();

  constructor(scope: Construct, id: string, props: LakehouseAccessRolesProps) {
    super(scope, id);
    this.props = props;
    this.policies = new TierPolicySet(this, 'policies', props);
    const empty = ACCESS_TIERS.filter((tier) => props.trust[tier].length === 0);
    if (empty.length > 0) {
      throw new LakehousePropsError(this, 'LakehouseAccessRoles', [
        `trust.${empty.join(', trust.')}: empty; pass the account root ARN for "IAM decides who may assume the role"`,
      ]);
    }
    const roles = {} as Record<AccessTier, IamRole>;
    for (const tier of ACCESS_TIERS) {
      // Each tier's own list: a principal trusted by the reader role cannot assume the admin role.
      const principals = [...new Set(props.trust[tier])].sort(compare);
      const role = new IamRole(this, tier, {
        name: `${props.prefix}-lakehouse-${tier}`,
        description: `Lakehouse ${tier}: ${TIER_SUMMARY[tier]}`,
        assumeRolePolicy: assumeRolePolicy({ AWS: principals.length === 1 ? principals[0]! : principals }),
      });
      roles[tier] = role;
      this.attach(this, `${tier}-`, tier, { roleName: role.name, roleArn: role.arn });
    }
    this.roles = roles;
    this.roleArns = { reader: roles.reader.arn, writer: roles.writer.arn, admin: roles.admin.arn };
  }

  /** Gives `role` the reader permission set (IAM policies + Lake Formation grants). */
  grantRead(role: GrantableRole, id?: string): LakeFormationTierGrants {
    return this.grant('reader', role, id);
  }

  /** Gives `role` the writer permission set, append-only deny included. */
  grantWrite(role: GrantableRole, id?: string): LakeFormationTierGrants {
    return this.grant('writer', role, id);
  }

  /** Gives `role` the admin permission set, append-only deny included. */
  grantAdmin(role: GrantableRole, id?: string): LakeFormationTierGrants {
    return this.grant('admin', role, id);
  }

  private grant(tier: AccessTier, role: GrantableRole, id: string | undefined): LakeFormationTierGrants {
    const name = id ?? (Token.isUnresolved(role.roleName) ? undefined : role.roleName);
    if (name === undefined) {
      throw new Error(
        `grant${tier === 'reader' ? 'Read' : tier === 'writer' ? 'Write' : 'Admin'}: roleName is a Terraform reference, so pass an id (second argument) naming this grant`,
      );
    }
    const scopeId = `grant-${tier}-${name}`;
    if (this.grantIds.has(scopeId)) throw new Error(`the ${tier} tier is already granted under id '${name}'; use another id`);
    this.grantIds.add(scopeId);
    const scope = new Construct(this, scopeId);
    return this.attach(scope, '', tier, role);
  }

  private attach(scope: Construct, idPrefix: string, tier: AccessTier, role: GrantableRole): LakeFormationTierGrants {
    this.policies.policiesFor(tier).forEach((policy, i) => {
      new IamRolePolicyAttachment(scope, `${idPrefix}policy-${i + 1}`, { role: role.roleName, policyArn: policy.arn });
    });
    return new LakeFormationTierGrants(scope, `${idPrefix}grants`, {
      principal: role.roleArn,
      tier,
      layout: this.props.layout,
      catalog: this.props.catalog,
      optIn: this.props.optIn,
      dependsOn: this.props.grantsDependOn,
    });
  }
}
