/** The GCP constructs of the public API (values listed one by one, all types). */
export type * from '../gcp';

export {
  GcpLakehouse,
  GcpLakehouseStack,
  LakehouseBucket,
  LakehouseEncryptionKey,
  StorageAuditTrail,
  NamespaceDatasets,
  BigLakeConnection,
  ColumnSecurity,
  BigLakeIcebergTable,
  LakehouseAccessGrant,
  LakehouseServiceAccounts,
  SchemaDriftQuery,
  LakehouseCustomRoles,
  GCP_TIER_ROLES,
  ProjectServices,
  LAKEHOUSE_APIS,
  API_OF_TYPE,
  API_ACTIVATION_DELAY,
  IamPropagation,
  IAM_PROPAGATION_DELAY,
  gcpResourceLocations,
} from '../gcp';
