/**
 * The lakehouse bucket as the Nessie path sees it. Declared here with exactly the fields of
 * `lib/aws/storage/lakehouse-storage-ref.ts` (TypeScript is structural, so either satisfies the
 * other) until the two are unified.
 */
export interface LakehouseStorageRef {
  /** Bucket name (a Terraform reference when the bucket is created in the same stack). */
  readonly bucketName: string;
  /** `arn:<partition>:s3:::<bucket>`. */
  readonly bucketArn: string;
  /** ARN of the customer-managed key encrypting the bucket; undefined when `aws/s3` is used. */
  readonly kmsKeyArn?: string;
  /** Key prefix under which table data lives, without leading or trailing slash, e.g. `warehouse`. */
  readonly warehousePrefix: string;
  /** `s3://<bucket>/<warehousePrefix>`: the Iceberg warehouse location. */
  readonly warehouseLocation: string;
}
