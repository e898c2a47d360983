import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { LakehousePropsError } from '../../errors';
import { compare } from '../../model/compare';
import { ACCESS_TIERS, TIER_SUMMARY, type AccessTier } from '../../plan/tiers';
import { trimSlashes } from '../../plan/storage-paths';
import { AwsContext } from '../aws-context';
import { integerProblems } from '../prop-checks';
import type { ArnScope } from '../glue/lakehouse-arns';
import { IAM_LIMITS, packPolicies } from '../glue/policy-packing';
import type { GrantableRole } from '../grantable-role';
import { assumeRolePolicy, policyJson, type PolicyStatement } from '../policy-document';
import {
  appendOnlyPrefixes,
  nessieAppendOnlyDeny,
  nessieReaderStatements,
  nessieWarehouseStatements,
  readableTables,
  type NessieTableAccess,
} from './nessie-tier-policies';
import type { LakehouseStorageRef } from './storage-ref';

export interface NessieTierRolesProps {
  /** `<project>-<env>`: roles `<prefix>-lakehouse-<tier>`, policies `<prefix>-lakehouse-nessie-<tier>-<n>`. */
  readonly prefix: string;
  readonly storage: LakehouseStorageRef;
  /** The tables of the templates: readers read those without restricted columns; admins may not delete append-only ones. */
  readonly tables: readonly NessieTableAccess[];
  /**
   * Principals allowed to assume each tier's role, and only that role.
   * @default - the account root for every tier (IAM decides)
   */
  readonly trust?: Partial<Readonly<Record<AccessTier, readonly string[]>>>;
  /**
   * Managed policies one role may carry (IAM's default quota is 10).
   * @default 10
   */
  readonly maxManagedPoliciesPerRole?: number;
}

/**
 * The reader, writer and admin roles of the Nessie path, each trusted by its own principals, with
 * managed policies shared by `grantRead`, `grantWrite` and `grantAdmin`:
 * - reader: `s3:GetObject` on the tables without restricted columns only (Nessie cannot filter
 *   columns and Iceberg files hold every column, so a reader reads no table with restricted columns);
 * - writer: read and write (no delete) on the warehouse prefix;
 * - admin: read, write and delete on the warehouse prefix, deletes denied on append-only tables.
 * Catalog access is a separate matter (Nessie's OAuth2 scopes and authorization rules).
 */
export class NessieTierRoles extends Construct {
  readonly roles: Readonly<Record<AccessTier, IamRole>>;
  readonly roleArns: Readonly<Record<AccessTier, string>>;
  /** Managed policies of each tier. */
  readonly policies: Readonly<Record<AccessTier, readonly IamPolicy[]>>;
  private readonly grantIds = new Set<string>();

  constructor(scope: Construct, id: string, props: NessieTierRolesProps) {
    super(scope, id);
    const ctx = AwsContext.of(this);
    const arns: ArnScope = {
      partition: ctx.partition,
      region: ctx.region,
      account: ctx.accountId,
      bucketArn: props.storage.bucketArn,
      ...(props.storage.kmsKeyArn !== undefined ? { kmsKeyArn: props.storage.kmsKeyArn } : {}),
    };
    const documents = tierDocuments(props, arns);
    const max = props.maxManagedPoliciesPerRole ?? IAM_LIMITS.managedPoliciesPerRole;
    const tooMany = ACCESS_TIERS.filter((tier) => documents[tier].length > max);
    const maxProblems = integerProblems('maxManagedPoliciesPerRole', max, 1, IAM_LIMITS.maxManagedPoliciesPerRoleQuota);
    if (maxProblems.length > 0) throw new LakehousePropsError(this, 'NessieTierRoles', maxProblems);
    if (tooMany.length > 0) {
      throw new LakehousePropsError(
        this,
        'NessieTierRoles',
        tooMany.map(
          (tier) =>
            `tables: the ${tier} tier needs ${documents[tier].length} managed policies but a role may carry ${max}; raise IAM's "managed policies per role" quota, then access.max_managed_policies_per_role (maxManagedPoliciesPerRole in code; up to ${IAM_LIMITS.maxManagedPoliciesPerRoleQuota})${tier === 'reader' ? '' : ', or make whole namespaces append-only'}`,
        ),
      );
    }
    const policies = {} as Record<AccessTier, IamPolicy[]>;
    const roles = {} as Record<AccessTier, IamRole>;
    for (const tier of ACCESS_TIERS) {
      const docs = documents[tier];
      policies[tier] = docs.map(
        (statements, i) =>
          new IamPolicy(this, `${tier}-managed-${i + 1}`, {
            name: `${props.prefix}-lakehouse-nessie-${tier}-${i + 1}`,
            description: `Lakehouse ${tier} on the Nessie warehouse (part ${i + 1} of ${docs.length})`,
            policy: policyJson(statements),
          }),
      );
      const trusted = [...new Set(props.trust?.[tier]?.length ? props.trust[tier] : [ctx.rootArn])].sort(compare);
      roles[tier] = new IamRole(this, tier, {
        name: `${props.prefix}-lakehouse-${tier}`,
        description: `Lakehouse ${tier} (Nessie): ${TIER_SUMMARY[tier]}`,
        assumeRolePolicy: assumeRolePolicy({ AWS: trusted.length === 1 ? trusted[0]! : trusted }),
      });
    }
    this.policies = policies;
    this.roles = roles;
    for (const tier of ACCESS_TIERS) this.attach(this, `${tier}-`, tier, { roleName: roles[tier].name, roleArn: roles[tier].arn });
    this.roleArns = { reader: roles.reader.arn, writer: roles.writer.arn, admin: roles.admin.arn };
  }

  /**
   * Gives another role one tier's managed policies (the same set as the tier role). `id` names the
   * grant; it is required when `roleName` is a Terraform reference.
   */
  grant(tier: AccessTier, role: GrantableRole, id?: string): Construct {
    const name = id ?? (Token.isUnresolved(role.roleName) ? undefined : role.roleName);
    if (name === undefined) throw new Error(`grant ${tier}: roleName is a Terraform reference, so pass an id naming this grant`);
    const scopeId = `grant-${tier}-${name}`;
    if (this.grantIds.has(scopeId)) throw new Error(`the ${tier} tier is already granted under id '${name}'; use another id`);
    this.grantIds.add(scopeId);
    const scope = new Construct(this, scopeId);
    this.attach(scope, '', tier, role);
    return scope;
  }

  private attach(scope: Construct, idPrefix: string, tier: AccessTier, role: GrantableRole): void {
    this.policies[tier].forEach((policy, i) => {
      new IamRolePolicyAttachment(scope, `${idPrefix}policy-${i + 1}`, { role: role.roleName, policyArn: policy.arn });
    });
  }
}

/** The statements of every managed policy of each tier, packed within IAM's size limit. */
function tierDocuments(props: NessieTierRolesProps, arns: ArnScope): Record<AccessTier, PolicyStatement[][]> {
  const scope = { arns, warehousePrefix: trimSlashes(props.storage.warehousePrefix) };
  const readable = readableTables(props.tables);
  const reader = packPolicies('Nessie reader policy', readable, (chunk, s, first) => nessieReaderStatements(chunk, s, first), arns);
  const deny = packPolicies(
    'Nessie append-only deny',
    appendOnlyPrefixes(props.tables),
    (chunk, s) => nessieAppendOnlyDeny(chunk, s),
    arns,
  );
  const admin = [nessieWarehouseStatements('admin', scope), ...deny].filter((d) => d.length > 0);
  return {
    // A reader of no table still gets the key statement (or nothing): an empty document is left out.
    reader: reader.filter((d) => d.length > 0),
    writer: [nessieWarehouseStatements('writer', scope)],
    admin,
  };
}
