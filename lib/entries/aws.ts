/**
 * `iceberg-lakehouse-cdktf/aws`: the shared API plus the AWS constructs. Loads only the AWS
 * provider, so an AWS-only app does not need `@cdktf/provider-google` installed.
 */
export * from './common';
export * from './aws-constructs';
