import { Token } from 'cdktf';
import { AWS_NAME_LENGTHS } from '../rules/names';

/**
 * Everything an ARN in this lakehouse is built from. The real scope holds Terraform references;
 * {@link worstCaseScope} swaps them for the longest values they can resolve to, so policy sizes
 * can be checked against IAM limits at synth time.
 */
export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /** `arn:<partition>:s3:::<bucket>`. */
  readonly bucketArn: string;
  readonly kmsKeyArn?: string;
}

const LONGEST_PARTITION = 'aws-us-gov';
const LONGEST_REGION = 'xx-xxxxxxxxxx-9'; // 15 characters, one more than the longest region today
const LONGEST_ACCOUNT = '123456789012';
const LONGEST_BUCKET = 'b'.repeat(AWS_NAME_LENGTHS.s3Bucket.max);

function worst(value: string, longest: string): string {
  return Token.isUnresolved(value) ? longest : value;
}

/** The same scope with every unresolved reference replaced by the longest value it can take. */
export function worstCaseScope(scope: ArnScope): ArnScope {
  const partition = worst(scope.partition, LONGEST_PARTITION);
  const region = worst(scope.region, LONGEST_REGION);
  return {
    partition,
    region,
    account: worst(scope.account, LONGEST_ACCOUNT),
    bucketArn: worst(scope.bucketArn, `arn:${LONGEST_PARTITION}:s3:::${LONGEST_BUCKET}`),
    ...(scope.kmsKeyArn !== undefined
      ? {
          kmsKeyArn: worst(scope.kmsKeyArn, `arn:${LONGEST_PARTITION}:kms:${LONGEST_REGION}:${LONGEST_ACCOUNT}:key/${'k'.repeat(36)}`),
        }
      : {}),
  };
}

function regional(s: ArnScope, service: string, resource: string): string {
  return `arn:${s.partition}:${service}:${s.region}:${s.account}:${resource}`;
}

export const glueCatalogArn = (s: ArnScope): string => regional(s, 'glue', 'catalog');
export const glueDatabaseArn = (s: ArnScope, database: string): string => regional(s, 'glue', `database/${database}`);
/** Every table of one database (scales with databases, not tables). */
export const glueTablesArn = (s: ArnScope, database: string): string => regional(s, 'glue', `table/${database}/*`);
export const athenaWorkgroupArn = (s: ArnScope, workgroup: string): string => regional(s, 'athena', `workgroup/${workgroup}`);
export const athenaDataCatalogArn = (s: ArnScope): string => regional(s, 'athena', 'datacatalog/AwsDataCatalog');
export const logGroupArn = (s: ArnScope, name: string): string => regional(s, 'logs', `log-group:${name}:*`);
/** Objects under a key prefix (given without slashes at either end). */
export const s3ObjectsArn = (s: ArnScope, keyPrefix: string): string => `${s.bucketArn}/${keyPrefix}/*`;
