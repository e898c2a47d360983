import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { TerraformStack } from 'cdktf';
import { parseTableTemplate, type EnvironmentConfig, type LoadedTableTemplate } from '../../../lib/model';
import { planLakehouse } from '../../../lib/plan';
import {
  GlueLakehouse,
  lakehouseLayout,
  type GlueLakehouseProps,
  type LakehouseLayout,
  type LakehouseStorageRef,
} from '../../../lib/aws/glue';
import { awsEnvironment, awsTestStack, parsePolicy, resourcesOf, shippedTemplates, synthStack, type TfJson } from '../../support/synth';

export const BUCKET = 'acme-test-lakehouse';
export const STORAGE: LakehouseStorageRef = {
  bucketName: BUCKET,
  bucketArn: `arn:aws:s3:::${BUCKET}`,
  warehousePrefix: 'warehouse',
  warehouseLocation: `s3://${BUCKET}/warehouse`,
};
export const KMS_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';

/** A template from YAML text (the path users take); throws with the problems if invalid. */
export function template(yaml: string, file = 'test.yaml'): LoadedTableTemplate {
  const result = parseTableTemplate(file, yaml);
  if (!result.template) throw new Error(result.problems.map((p) => `${p.field}: ${p.message}`).join('\n'));
  return result.template;
}

/** Nested types at every level: struct in list, list in map, struct in struct. */
export const NESTED = template(
  `name: orders_nested
namespace: sales
description: Orders with nested line items
columns:
  - { name: order_id, type: long, required: true, description: "Order id" }
  - { name: placed_at, type: timestamptz, required: true }
  - { name: customer, type: "struct<id:string,email:string,address:struct<city:string,zip:string>>", access_level: restricted }
  - { name: items, type: "list<struct<sku:string,qty:int,price:decimal(10,2)>>" }
  - { name: attributes, type: "map<string,list<long>>" }
  - { name: ref, type: uuid }
partition_spec:
  - { column: placed_at, transform: day }
`,
  'orders_nested.yaml',
);

/** A table with bucket, truncate, day and identity partitions. */
export const PARTITIONED = template(
  `name: payments
namespace: finance
columns:
  - { name: payment_id, type: string, required: true }
  - { name: account_no, type: string }
  - { name: paid_at, type: timestamptz, required: true }
  - { name: currency, type: string }
  - { name: amount, type: "decimal(18,2)" }
partition_spec:
  - { column: payment_id, transform: "bucket[16]" }
  - { column: account_no, transform: "truncate[4]" }
  - { column: paid_at, transform: day }
  - { column: currency, transform: identity }
properties:
  format-version: 2
  write.format.default: parquet
  write.parquet.compression-codec: snappy
  write.delete.mode: merge-on-read
  history.expire.max-snapshot-age-ms: 86400500
  history.expire.min-snapshots-to-keep: 3
`,
  'payments.yaml',
);

export const ALL_TEMPLATES = (): LoadedTableTemplate[] => [...shippedTemplates(), NESTED, PARTITIONED];

/** What a Glue test varies: the templates and the environment settings GlueLakehouse reads. */
export interface GlueFixture {
  readonly templates?: readonly LoadedTableTemplate[];
  /** @default 'acme' (prefix `acme-test`) */
  readonly project?: string;
  readonly storage?: LakehouseStorageRef;
  readonly protectData?: boolean;
  /** `access.readers`, `access.writers`, `access.admins`. */
  readonly readers?: readonly string[];
  readonly writers?: readonly string[];
  readonly admins?: readonly string[];
  readonly lakeFormationAdmins?: readonly string[];
  readonly manageAccountSettings?: boolean;
  readonly maxManagedPoliciesPerRole?: number;
  readonly provisioningRevision?: number;
}

/** The `acme`/`test` Glue environment (prefix `acme-test`) with the fixture's settings. */
export function glueEnvironment(f: GlueFixture = {}): EnvironmentConfig {
  const base = awsEnvironment('glue');
  return {
    ...base,
    project: f.project ?? base.project,
    protectData: f.protectData ?? base.protectData,
    ...(f.provisioningRevision !== undefined ? { provisioningRevision: f.provisioningRevision } : {}),
    access: {
      ...base.access,
      ...(f.readers ? { readers: f.readers } : {}),
      ...(f.writers ? { writers: f.writers } : {}),
      ...(f.admins ? { admins: f.admins } : {}),
      ...(f.lakeFormationAdmins ? { lakeFormationAdmins: f.lakeFormationAdmins } : {}),
      ...(f.manageAccountSettings !== undefined ? { manageAccountSettings: f.manageAccountSettings } : {}),
    },
  };
}

export function glueProps(f: GlueFixture = {}): GlueLakehouseProps {
  return {
    plan: planLakehouse(glueEnvironment(f), f.templates ?? ALL_TEMPLATES()),
    storage: f.storage ?? STORAGE,
    ...(f.maxManagedPoliciesPerRole !== undefined ? { maxManagedPoliciesPerRole: f.maxManagedPoliciesPerRole } : {}),
  };
}

/** Where the Glue path places these templates in the fixture's bucket. */
export function layoutOf(templates: readonly LoadedTableTemplate[]): LakehouseLayout {
  return lakehouseLayout(planLakehouse(glueEnvironment(), templates), STORAGE);
}

export interface Synthesized {
  readonly json: TfJson;
  readonly lakehouse: GlueLakehouse;
  readonly stack: TerraformStack;
}

export function synthGlue(overrides: GlueFixture = {}, extend?: (l: GlueLakehouse, stack: TerraformStack) => void): Synthesized {
  const stack = awsTestStack();
  const lakehouse = new GlueLakehouse(stack, 'glue', glueProps(overrides));
  extend?.(lakehouse, stack);
  return { json: synthStack(stack), lakehouse, stack };
}

/** A bucket created in the stack, so every S3 ARN is a Terraform reference (worst case for sizes). */
export function bucketInStack(stack: TerraformStack): LakehouseStorageRef {
  const bucket = new S3Bucket(stack, 'bucket', { bucket: BUCKET });
  return {
    bucketName: bucket.bucket,
    bucketArn: bucket.arn,
    warehousePrefix: 'warehouse',
    warehouseLocation: `s3://${bucket.bucket}/warehouse`,
  };
}

/** Resources of a type keyed by their `name` attribute. */
export function byName(json: TfJson, type: string): Record<string, Record<string, any>> {
  return Object.fromEntries(Object.values(resourcesOf(json, type)).map((r) => [r.name as string, r]));
}

/** Logical id (`type.name` → name) of a resource whose config satisfies `match`. */
export function logicalId(json: TfJson, type: string, match: (r: Record<string, any>) => boolean): string {
  const hit = Object.entries(resourcesOf(json, type)).find(([, r]) => match(r));
  if (!hit) throw new Error(`no ${type} matches`);
  return hit[0];
}

/** Every statement of every managed policy attached to the role with this logical id. */
export function roleStatements(json: TfJson, roleLogicalId: string): Array<Record<string, any>> {
  const attachments = Object.values(resourcesOf(json, 'aws_iam_role_policy_attachment')).filter(
    (a) => a.role === `\${aws_iam_role.${roleLogicalId}.name}`,
  );
  const policies = resourcesOf(json, 'aws_iam_policy');
  return attachments.flatMap((a) => {
    const id = /^\$\{aws_iam_policy\.([^.]+)\.arn\}$/.exec(a.policy_arn)![1]!;
    return parsePolicy(policies[id]!.policy).Statement;
  });
}

export const asList = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : v === undefined ? [] : [v as string]);
