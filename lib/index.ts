/**
 * The public API of `iceberg-lakehouse-cdktf`: the template and environment model, the composites
 * `AwsLakehouse` and `GcpLakehouse`, every building-block construct, the policy pack and the engine
 * client settings. It loads both providers; `iceberg-lakehouse-cdktf/aws` and `/gcp` load one each.
 * The lists live in lib/entries/; docs/library.md names every exported value.
 *
 * Name collisions are resolved explicitly (an explicit re-export wins over `export *`):
 * - `LakehouseBucket` / `LakehouseBucketProps` are the AWS (S3) ones; the GCS ones are
 *   `GcpLakehouseBucket` / `GcpLakehouseBucketProps`, and also `gcp.LakehouseBucket`.
 * - `LakehouseStorageRef` and `GrantableRole` are the AWS ones (`AccessTier` comes from the plan).
 * - Every GCP export is also reachable under the `gcp` namespace.
 */
export * from './entries/common';
export * from './entries/aws-constructs';
export * from './entries/gcp-constructs';
export * as gcp from './entries/gcp-constructs';

export { LakehouseBucket, type LakehouseBucketProps, type LakehouseStorageRef, type GrantableRole } from './entries/aws-constructs';
export { LakehouseBucket as GcpLakehouseBucket, type LakehouseBucketProps as GcpLakehouseBucketProps } from './entries/gcp-constructs';
