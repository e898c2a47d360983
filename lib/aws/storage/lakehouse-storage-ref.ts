/**
 * What the catalog constructs (Glue, Nessie, Lake Formation) need to know about the lakehouse
 * bucket. `LakehouseBucket` implements it; a consumer can also build one for a bucket created
 * elsewhere.
 */
export interface LakehouseStorageRef {
  /** Bucket name (a Terraform reference when created here, so consumers are ordered after the bucket). */
  readonly bucketName: string;
  /** `arn:<partition>:s3:::<bucket>`. */
  readonly bucketArn: string;
  /** ARN of the customer-managed key encrypting the bucket; undefined when the AWS-managed key `aws/s3` is used. */
  readonly kmsKeyArn?: string;
  /** Key prefix under which table data lives, without leading or trailing slash, e.g. `warehouse`. */
  readonly warehousePrefix: string;
  /** `s3://<bucket>/<warehousePrefix>`: the Iceberg warehouse location. */
  readonly warehouseLocation: string;
}
