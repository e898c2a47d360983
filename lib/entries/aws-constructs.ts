/**
 * The AWS constructs and helpers of the public API (values listed one by one, all types).
 * `LakehouseStorageRef` and `GrantableRole` are declared once each (storage, grantable-role.ts).
 */
export type * from '../aws/aws-context';
export type * from '../aws/policy-document';
export type * from '../aws/storage';
export type * from '../aws/glue';
export type * from '../aws/nessie';
export type * from '../aws/drift';
export type * from '../aws/nessie/nessie-function-access';
export type * from '../aws/aws-lakehouse';
export type * from '../aws/aws-lakehouse-stack';
export type { LakehouseStack, LakehouseStackProps } from '../stack/lakehouse-stack';
export type * from '../aws/grantable-role';
export type * from '../aws/provisioning/table-provisioner';
export type * from '../aws/provisioning/provisioned-tables';
export type { LakehouseStorageRef } from '../aws/storage';
export type { GrantableRole } from '../aws/grantable-role';

export { AwsContext } from '../aws/aws-context';
export { policyJson, assumeRolePolicy } from '../aws/policy-document';
export { LakehouseKey, LakehouseBucket, PrivateBucket, AuditTrail, AccessDeniedAlarm } from '../aws/storage';
export {
  GlueLakehouse,
  GlueCatalogTables,
  LakehouseAccessRoles,
  TierPolicySet,
  LakeFormationTierGrants,
  LakeFormationRegistration,
  LakeFormationAccountSettings,
  AthenaWorkspace,
  GlueTableMaintenance,
  ProvisionerLakeFormationGrants,
} from '../aws/glue';
export { TableProvisioner } from '../aws/provisioning/table-provisioner';
export {
  NessieLakehouse,
  NessieNetwork,
  NessieVersionStore,
  NessieSecurityGroups,
  NessieLoadBalancer,
  NessieTaskRoles,
  NessieService,
  NessieAlarms,
  NessieIdentity,
  NessieDnsRecord,
  NessieTierRoles,
  NessieTableProvisioning,
  nessieAuthorizationRules,
  nessieAuthEnvironment,
  nessieProxyEnvironment,
} from '../aws/nessie';
export { SchemaDriftCheck, GlueTableChangeAlarm, ScheduledInvocation } from '../aws/drift';
export { NessieFunctionAccess } from '../aws/nessie/nessie-function-access';
export { AwsLakehouse } from '../aws/aws-lakehouse';
export { AwsLakehouseStack } from '../aws/aws-lakehouse-stack';
