import { NESSIE_API_PORT, NESSIE_MANAGEMENT_PORT } from './nessie-ports';

/** Nessie's images are published to GitHub's registry (and quay.io), not Docker Hub. */
export const NESSIE_IMAGE_REPOSITORY = 'ghcr.io/projectnessie/nessie';
export const NESSIE_CONTAINER_NAME = 'nessie';
/**
 * Name of the Nessie warehouse. Plain lowercase letters: the warehouse name is a map key inside an
 * environment variable name, and such keys cannot carry dots or dashes.
 */
export const NESSIE_WAREHOUSE_NAME = 'warehouse';

export interface NessieContainerSettings {
  /** Release tag of the Nessie image. */
  readonly imageTag: string;
  readonly region: string;
  /** DynamoDB table prefix (`<prefix>_refs`, `<prefix>_objs`). */
  readonly tablePrefix: string;
  /** `s3://<bucket>/<prefix>`: where Iceberg REST places new tables. */
  readonly warehouseLocation: string;
  /** Let Nessie sign clients' S3 requests with its own role. */
  readonly s3RequestSigning: boolean;
  readonly logGroupName: string;
  /** More variables (authentication, forwarded headers); may not replace the ones above. @default {} */
  readonly extraEnvironment?: Readonly<Record<string, string>>;
}

/**
 * Nessie's configuration as environment variables (property names upper-cased, `.` and `-` → `_`),
 * sorted by name so the task definition only changes when a value does.
 */
export function nessieEnvironment(s: NessieContainerSettings): Array<{ name: string; value: string }> {
  const wh = NESSIE_WAREHOUSE_NAME.toUpperCase();
  const env: Record<string, string> = {
    // DYNAMODB2 (Nessie >= 0.96) replaces the deprecated DYNAMODB layout.
    NESSIE_VERSION_STORE_TYPE: 'DYNAMODB2',
    NESSIE_VERSION_STORE_PERSIST_DYNAMODB_TABLE_PREFIX: s.tablePrefix,
    // The image's built-in default region is us-west-2; always pin it.
    QUARKUS_DYNAMODB_AWS_REGION: s.region,
    NESSIE_CATALOG_DEFAULT_WAREHOUSE: NESSIE_WAREHOUSE_NAME,
    [`NESSIE_CATALOG_WAREHOUSES_${wh}_LOCATION`]: s.warehouseLocation,
    NESSIE_CATALOG_SERVICE_S3_DEFAULT_OPTIONS_REGION: s.region,
    // The task role through the AWS SDK's default chain; the default (STATIC) wants access keys.
    NESSIE_CATALOG_SERVICE_S3_DEFAULT_OPTIONS_AUTH_TYPE: 'APPLICATION_GLOBAL',
    // Off: clients then read and write with their own IAM identity instead of Nessie's role.
    NESSIE_CATALOG_SERVICE_S3_DEFAULT_OPTIONS_REQUEST_SIGNING_ENABLED: String(s.s3RequestSigning),
    AWS_REGION: s.region,
  };
  for (const [name, value] of Object.entries(s.extraEnvironment ?? {})) {
    if (name in env) throw new Error(`Nessie environment variable ${name} is set twice`);
    env[name] = value;
  }
  return Object.keys(env)
    .sort()
    .map((name) => ({ name, value: env[name]! }));
}

/** The `container_definitions` JSON of the Nessie task (rendered with JSON.stringify). */
export function nessieContainerDefinitions(s: NessieContainerSettings): string {
  return JSON.stringify([
    {
      name: NESSIE_CONTAINER_NAME,
      image: `${NESSIE_IMAGE_REPOSITORY}:${s.imageTag}`,
      essential: true,
      portMappings: [
        { name: 'api', containerPort: NESSIE_API_PORT, protocol: 'tcp' },
        { name: 'management', containerPort: NESSIE_MANAGEMENT_PORT, protocol: 'tcp' },
      ],
      environment: nessieEnvironment(s),
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': s.logGroupName, 'awslogs-region': s.region, 'awslogs-stream-prefix': 'nessie' },
      },
    },
  ]);
}
