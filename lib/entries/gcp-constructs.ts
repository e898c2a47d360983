/** The GCP constructs of the public API (values listed one by one, all types). */
export type * from '../gcp';

export {
  GcpLakehouse,
  LakehouseBucket,
  LakehouseEncryptionKey,
  StorageAuditTrail,
  NamespaceDatasets,
  BigLakeConnection,
  ColumnSecurity,
  BigLakeIcebergTable,
  LakehouseAccessGrant,
  LakehouseServiceAccounts,
  LakehouseCustomRoles,
  GCP_TIER_ROLES,
} from '../gcp';
