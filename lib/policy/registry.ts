/** Every rule of the pack, in documentation order. Ids must be unique (checked at load). */
import { albDeletionProtection } from './rules/alb/alb-deletion-protection';
import { albDropInvalidHeaders } from './rules/alb/alb-drop-invalid-headers';
import { albHttpRedirect } from './rules/alb/alb-http-redirect';
import { albHttpsTls13 } from './rules/alb/alb-https-tls13';
import { cloudtrailCloudWatch } from './rules/cloudtrail/cloudtrail-cloudwatch';
import { cloudtrailDataEvents } from './rules/cloudtrail/cloudtrail-data-events';
import { cloudtrailEncryption } from './rules/cloudtrail/cloudtrail-encryption';
import { cloudtrailLogValidation } from './rules/cloudtrail/cloudtrail-log-validation';
import { protectStatefulResources } from './rules/data/protect-stateful-resources';
import { dynamodbEncryption } from './rules/dynamodb/dynamodb-encryption';
import { dynamodbPointInTimeRecovery } from './rules/dynamodb/dynamodb-pitr';
import { ecsCircuitBreaker } from './rules/ecs/ecs-circuit-breaker';
import { ecsContainerLogging } from './rules/ecs/ecs-container-logging';
import { ecsNoPublicIp } from './rules/ecs/ecs-no-public-ip';
import { ecsPinnedImage } from './rules/ecs/ecs-pinned-image';
import { bigqueryRestrictedColumns } from './rules/gcp/bigquery-restricted-columns';
import { cloudKmsRotation } from './rules/gcp/cloud-kms-rotation';
import { gcpNoPrimitiveRoles } from './rules/gcp/gcp-no-primitive-roles';
import { gcsAuditRetention } from './rules/gcs/gcs-audit-retention';
import { gcsCmek } from './rules/gcs/gcs-cmek';
import { gcsPublicAccessPrevention } from './rules/gcs/gcs-public-access-prevention';
import { gcsUniformAccess } from './rules/gcs/gcs-uniform-access';
import { iamNoAdminPolicies } from './rules/iam/iam-no-admin-policies';
import { iamNoWildcardAction } from './rules/iam/iam-no-wildcard-action';
import { iamNoWildcardResourceWrite } from './rules/iam/iam-no-wildcard-resource-write';
import { iamServiceTrustConditions } from './rules/iam/iam-service-trust-conditions';
import { iamTrustConfiguredPrincipals } from './rules/iam/iam-trust-configured-principals';
import { kmsKeyRotation } from './rules/kms/kms-key-rotation';
import { logGroupKms } from './rules/logs/log-group-kms';
import { logGroupRetention } from './rules/logs/log-group-retention';
import { securityGroupDescriptions } from './rules/network/security-group-descriptions';
import { securityGroupOpenIngress } from './rules/network/security-group-open-ingress';
import { vpcDefaultSecurityGroupClosed } from './rules/network/vpc-default-security-group';
import { vpcFlowLogs } from './rules/network/vpc-flow-logs';
import { auditTrailRetention } from './rules/profile/audit-trail-retention';
import { customerManagedKeys } from './rules/profile/customer-managed-keys';
import { lakeFormationAdmins } from './rules/profile/lake-formation-admins';
import { logRetentionMinimum } from './rules/profile/log-retention-minimum';
import { nessieAuthentication } from './rules/profile/nessie-authentication';
import { nessieHttps } from './rules/profile/nessie-https';
import { nessieInternal } from './rules/profile/nessie-internal';
import { nessieIssuerHttps } from './rules/profile/nessie-issuer-https';
import { nessieTokensHttps } from './rules/profile/nessie-tokens-https';
import { protectDataOn } from './rules/profile/protect-data-on';
import { s3AccessLogging } from './rules/s3/s3-access-logging';
import { s3BucketKey } from './rules/s3/s3-bucket-key';
import { s3CustomerManagedKey } from './rules/s3/s3-customer-managed-key';
import { s3KmsEncryption } from './rules/s3/s3-kms-encryption';
import { s3NoAcls } from './rules/s3/s3-no-acls';
import { s3PublicAccessBlock } from './rules/s3/s3-public-access-block';
import { s3TlsOnly } from './rules/s3/s3-tls-only';
import { s3Versioning } from './rules/s3/s3-versioning';
import { s3WriterEncryption } from './rules/s3/s3-writer-encryption';
import type { PolicyRule } from './types';

export const POLICY_RULES: readonly PolicyRule[] = [
  s3KmsEncryption,
  s3BucketKey,
  s3PublicAccessBlock,
  s3TlsOnly,
  s3Versioning,
  s3NoAcls,
  s3AccessLogging,
  s3CustomerManagedKey,
  s3WriterEncryption,
  kmsKeyRotation,
  cloudtrailLogValidation,
  cloudtrailDataEvents,
  cloudtrailEncryption,
  cloudtrailCloudWatch,
  iamNoWildcardAction,
  iamNoWildcardResourceWrite,
  iamNoAdminPolicies,
  iamTrustConfiguredPrincipals,
  iamServiceTrustConditions,
  securityGroupOpenIngress,
  securityGroupDescriptions,
  albHttpsTls13,
  albHttpRedirect,
  albDropInvalidHeaders,
  albDeletionProtection,
  ecsNoPublicIp,
  ecsPinnedImage,
  ecsCircuitBreaker,
  ecsContainerLogging,
  dynamodbPointInTimeRecovery,
  dynamodbEncryption,
  logGroupRetention,
  logGroupKms,
  vpcFlowLogs,
  vpcDefaultSecurityGroupClosed,
  gcsUniformAccess,
  gcsPublicAccessPrevention,
  gcsCmek,
  gcsAuditRetention,
  cloudKmsRotation,
  bigqueryRestrictedColumns,
  gcpNoPrimitiveRoles,
  protectStatefulResources,
  auditTrailRetention,
  logRetentionMinimum,
  customerManagedKeys,
  nessieHttps,
  nessieInternal,
  protectDataOn,
  lakeFormationAdmins,
  nessieAuthentication,
  nessieTokensHttps,
  nessieIssuerHttps,
];

const duplicates = POLICY_RULES.map((r) => r.id).filter((id, i, all) => all.indexOf(id) !== i);
if (duplicates.length > 0) throw new Error(`duplicate policy rule ids: ${duplicates.join(', ')}`);
