import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LakehousePropsError } from '../../errors';
import type { Construct } from 'constructs';
import { policyJson } from '../policy-document';
import { IAM_LIMITS, packPolicies } from '../glue/policy-packing';
import type { ArnScope } from '../glue/lakehouse-arns';
import { glueDatabaseStatements, type ArnContext } from './provisioner-statements';

/**
 * The function's per-database Glue permissions as customer-managed policies attached to its role,
 * split so that each stays within IAM's 6,144 characters (checked with every reference at its
 * longest): they grow with the databases, and a role's inline policies share one 10,240-character
 * quota, which some thirty databases would fill. Throws when more policies than a role may carry
 * would be needed.
 */
export function glueDatabasePolicies(
  scope: Construct,
  name: string,
  roleName: string,
  arns: ArnContext,
  databases: readonly string[],
  mayDrop: boolean,
  maxPolicies: number = IAM_LIMITS.managedPoliciesPerRole,
): IamRolePolicyAttachment[] {
  const arnScope: ArnScope = { partition: arns.partition, region: arns.region, account: arns.accountId, bucketArn: '' };
  const docs = packPolicies(
    `${name} Glue policy`,
    databases,
    (items, s) => glueDatabaseStatements({ partition: s.partition, region: s.region, accountId: s.account }, items, mayDrop),
    arnScope,
  );
  if (docs.length > maxPolicies) {
    throw new LakehousePropsError(scope, 'TableProvisioner', [
      `the Glue permissions of ${databases.length} databases need ${docs.length} managed policies for role ${name}, more than the ${maxPolicies} it may carry; raise IAM's "managed policies per role" quota, then access.max_managed_policies_per_role (maxManagedPoliciesPerRole in code; up to ${IAM_LIMITS.maxManagedPoliciesPerRoleQuota}), or use fewer namespaces`,
    ]);
  }
  return docs.map((statements, i) => {
    const policy = new IamPolicy(scope, `glue-policy-${i + 1}`, {
      name: `${name}-glue-${i + 1}`,
      description: `Table provisioning: Glue databases and their tables (part ${i + 1} of ${docs.length})`,
      policy: policyJson(statements),
    });
    return new IamRolePolicyAttachment(scope, `glue-policy-${i + 1}-attachment`, { role: roleName, policyArn: policy.arn });
  });
}
