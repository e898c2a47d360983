/**
 * `iceberg-lakehouse-cdktf/gcp`: the shared API plus the GCP constructs. Loads only the Google
 * provider, so a GCP-only app does not need `@cdktf/provider-aws` installed.
 */
export * from './common';
export * from './gcp-constructs';
export { LakehouseBucket as GcpLakehouseBucket, type LakehouseBucketProps as GcpLakehouseBucketProps } from './gcp-constructs';
