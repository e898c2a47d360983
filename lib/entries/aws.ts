/**
 * `iceberg-lakehouse-cdktf/aws`: the shared API plus every AWS construct. Loads only the AWS
 * provider, so an AWS-only app does not need `@cdktf/provider-google` installed.
 *
 * `LakehouseStorageRef`, `GrantableRole` and `AccessTier` are declared structurally identical in
 * the storage, Glue and Nessie folders; the storage/Glue declarations are exported.
 */
export * from './common';
export * from '../aws/aws-context';
export * from '../aws/policy-document';
export * from '../aws/storage';
export * from '../aws/glue';
export * from '../aws/nessie';
export * from '../aws/aws-lakehouse';

export { type LakehouseStorageRef } from '../aws/storage';
export { type AccessTier, type GrantableRole } from '../aws/glue';
