/**
 * The public API of `iceberg-lakehouse-cdktf`: the template and environment model, the composites
 * `AwsLakehouse` and `GcpLakehouse`, every building-block construct, the policy pack and the engine
 * client settings. It loads both providers; `iceberg-lakehouse-cdktf/aws` and `/gcp` load one each
 * (lib/entries/). See docs/library.md.
 *
 * Name collisions are resolved explicitly (an explicit re-export wins over `export *`):
 * - `LakehouseBucket` / `LakehouseBucketProps` are the AWS (S3) ones; the GCS ones are
 *   `GcpLakehouseBucket` / `GcpLakehouseBucketProps`, and also `gcp.LakehouseBucket`.
 * - `LakehouseStorageRef`, `GrantableRole` and `AccessTier` are declared structurally identical in
 *   several folders; the storage/Glue declarations are exported and accept the others' values.
 * - Every GCP export is also reachable under the `gcp` namespace.
 */
export * from './entries/aws';
export * from './gcp';

export { LakehouseBucket, type LakehouseBucketProps, type LakehouseStorageRef } from './aws/storage';
export { type AccessTier, type GrantableRole } from './aws/glue';
export { LakehouseBucket as GcpLakehouseBucket, type LakehouseBucketProps as GcpLakehouseBucketProps } from './gcp';
export * as gcp from './gcp';
