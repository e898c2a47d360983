/**
 * `iceberg-lakehouse-cdktf/gcp`: the shared API plus every GCP construct. Loads only the Google
 * provider, so a GCP-only app does not need `@cdktf/provider-aws` installed.
 */
export * from './common';
export * from '../gcp';
