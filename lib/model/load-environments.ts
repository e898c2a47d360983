import { existsSync, readFileSync, statSync } from 'node:fs';
import { checkEnvironment, type RawEnvironment } from './check-environment';
import { NESSIE_DEFAULT_IMAGE_TAG, NESSIE_DEFAULTS, type EnvironmentConfig } from './environment';
import { yamlFilesIn } from './load-templates';
import { lakehouseNames, resourcePrefix, underscorePrefix } from './naming';
import { driftSettings } from './drift';
import { nessieAuthSettings } from './nessie-auth';
import { LakehouseValidationError, sortProblems, type Problem } from './problems';
import { notCoveredBy, schemaProblems, shapePreserved, validateEnvironmentSchema } from './schema-check';
import environmentSchema from './schemas/environment.schema.json';
import { YamlSource } from './yaml-source';

/** The JSON Schema of an environment file (draft 2020-12). */
export const ENVIRONMENT_SCHEMA: object = environmentSchema;

/** Applies every default: the settings the constructs receive. */
function toConfig(raw: RawEnvironment, file: string): EnvironmentConfig {
  const names = lakehouseNames(raw.project, raw.name, raw.storage?.bucket_name);
  return {
    file,
    name: raw.name,
    project: raw.project,
    cloud: raw.cloud,
    catalog: raw.catalog,
    region: raw.region,
    allowUnlistedRegion: raw.allow_unlisted_region ?? false,
    tags: raw.tags ?? {},
    compliance: raw.compliance ?? 'none',
    protectData: raw.protect_data ?? true,
    ...(raw.provisioning_revision !== undefined ? { provisioningRevision: raw.provisioning_revision } : {}),
    backend: backendConfig(raw),
    // Secure by default on AWS: without a CMK the audit trail cannot meet LH-CT-003/LH-S3-001 (the
    // trail's key policy needs a key you own). GCP keeps Google-managed encryption by default.
    customerManagedKey: raw.encryption?.customer_managed_key ?? raw.cloud === 'aws',
    storage: {
      bucketName: names.lakehouseBucket,
      warehousePrefix: raw.storage?.warehouse_prefix ?? 'warehouse',
      versioning: raw.storage?.versioning ?? raw.cloud === 'aws',
      abortIncompleteMultipartDays: raw.storage?.abort_incomplete_multipart_days ?? 7,
      tiering: raw.storage?.tiering ?? 'automatic',
      infrequentAccessDays: raw.storage?.infrequent_access_days ?? 90,
      noncurrentExpirationDays: raw.storage?.noncurrent_expiration_days ?? 30,
    },
    audit: {
      enabled: raw.audit?.enabled ?? true,
      retentionDays: raw.audit?.retention_days ?? 2557,
      objectLock: raw.audit?.object_lock ?? 'none',
      accessAlerts: raw.audit?.access_alerts ?? raw.alarms?.sns_topic_arn !== undefined,
    },
    logging: { retentionDays: raw.logging?.retention_days ?? 365, accessLogBucket: raw.logging?.access_log_bucket },
    access: {
      lakeFormationAdmins: raw.access?.lake_formation_admins ?? [],
      readers: raw.access?.readers ?? [],
      writers: raw.access?.writers ?? [],
      admins: raw.access?.admins ?? [],
      manageAccountSettings: raw.access?.manage_account_settings ?? false,
      ...(raw.access?.max_managed_policies_per_role !== undefined
        ? { maxManagedPoliciesPerRole: raw.access.max_managed_policies_per_role }
        : {}),
    },
    nessie: nessieConfig(raw),
    snsTopicArn: raw.alarms?.sns_topic_arn,
    notificationChannel: raw.alarms?.notification_channel,
    drift: driftSettings(raw),
    gcp: raw.gcp
      ? {
          projectId: raw.gcp.project_id,
          location: raw.gcp.location ?? raw.region,
          manageApis: raw.gcp.manage_apis ?? true,
          acceptUnenforcedAppendOnly: raw.gcp.accept_unenforced_append_only ?? false,
        }
      : undefined,
    suppressions: raw.policy?.suppressions ?? [],
  };
}

/** The Terraform state backend, in camelCase. */
function backendConfig(raw: RawEnvironment): EnvironmentConfig['backend'] {
  if (!raw.backend) return undefined;
  const s3 = raw.backend.s3;
  return {
    s3: s3 && {
      bucket: s3.bucket,
      key: s3.key,
      region: s3.region,
      dynamodbTable: s3.dynamodb_table,
      useLockfile: s3.use_lockfile,
      kmsKeyId: s3.kms_key_id,
    },
    gcs: raw.backend.gcs,
  };
}

/** The Nessie server's settings (read on AWS with `catalog: nessie`; defaulted for every environment). */
function nessieConfig(raw: RawEnvironment): EnvironmentConfig['nessie'] {
  const nessie = raw.nessie;
  return {
    imageTag: nessie?.image_tag ?? NESSIE_DEFAULT_IMAGE_TAG,
    cpu: nessie?.cpu ?? NESSIE_DEFAULTS.cpu,
    memory: nessie?.memory ?? NESSIE_DEFAULTS.memory,
    minCount: nessie?.min_count ?? NESSIE_DEFAULTS.minCount,
    maxCount: nessie?.max_count ?? NESSIE_DEFAULTS.maxCount,
    internal: nessie?.internal ?? true,
    allowedCidrs: nessie?.allowed_cidrs ?? [...NESSIE_DEFAULTS.allowedCidrs],
    certificateArn: nessie?.certificate_arn,
    vpcCidr: nessie?.vpc_cidr ?? NESSIE_DEFAULTS.vpcCidr,
    natGateways: nessie?.nat_gateways ?? 'single',
    tablePrefix: nessie?.table_prefix ?? `${underscorePrefix(raw.project, raw.name)}_nessie`,
    accessLogBucket: nessie?.access_log_bucket,
    hostName: nessie?.host_name,
    route53ZoneId: nessie?.route53_zone_id,
    auth: nessieAuthSettings(nessie?.auth, nessie?.certificate_arn, resourcePrefix(raw.project, raw.name)),
  };
}

export interface EnvironmentParseResult {
  /** The settings, when the file has no problem. */
  readonly environment?: EnvironmentConfig;
  /**
   * The settings even when the file has problems that leave the rest meaningful (an unknown key,
   * a bad branch name), so the cloud's rules can report their problems in the same run; absent
   * when the shape, the cloud or the catalog is wrong (anything checked against it would be noise).
   */
  readonly checkable?: EnvironmentConfig;
  readonly problems: Problem[];
}

/** Problems after which nothing cloud-specific is worth checking. */
const FOUNDATIONS = new Set(['cloud', 'name', 'project', 'catalog', 'gcp', 'region']);

/** Parses and validates one environment file's text; never throws for bad input. */
export function parseEnvironment(file: string, text: string): EnvironmentParseResult {
  const source = new YamlSource(file, text);
  if (source.syntaxProblems.length > 0) return { problems: source.syntaxProblems };
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    return {
      problems: [
        {
          file,
          line: 1,
          column: 1,
          field: '',
          message: 'an environment must be a YAML mapping (name, project, cloud, catalog, region, ...)',
        },
      ],
    };
  }
  const fromSchema = schemaProblems(validateEnvironmentSchema, source.data);
  const raw = source.data as RawEnvironment;
  // A bad cloud, name or project leaves nothing sound to check the rest against (every derived name
  // would be wrong too); other shape-preserving problems (unknown keys, bad values elsewhere) are
  // reported together with the semantic ones.
  const foundational = fromSchema.some((p) => p.path.length === 1 && ['cloud', 'name', 'project'].includes(String(p.path[0])));
  if (!shapePreserved(fromSchema) || foundational) return { problems: fromSchema.map((p) => source.locate(p)) };
  const problems = [...fromSchema, ...notCoveredBy(fromSchema, checkEnvironment(raw))];
  const config = toConfig(raw, file);
  if (problems.length === 0) return { problems: [], environment: config, checkable: config };
  const checkable = problems.some((p) => p.path.length <= 1 && FOUNDATIONS.has(String(p.path[0] ?? 'cloud'))) ? undefined : config;
  return { problems: sortProblems(problems.map((p) => source.locate(p))), checkable };
}

/** The environment files `checkEnvironments` reads: one file, or the YAML files of a folder. */
export function environmentFiles(path: string): string[] {
  return statSync(path).isDirectory() ? yamlFilesIn(path) : [path];
}

/** Validates one environment file, or every `*.yaml` in a folder; collects every problem. */
export function checkEnvironments(path: string): {
  environments: EnvironmentConfig[];
  checkable: EnvironmentConfig[];
  problems: Problem[];
} {
  if (!existsSync(path))
    return {
      environments: [],
      checkable: [],
      problems: [{ file: path, line: 0, column: 0, field: '', message: 'environment file or folder does not exist' }],
    };
  const files = environmentFiles(path);
  if (files.length === 0)
    return {
      environments: [],
      checkable: [],
      problems: [{ file: path, line: 0, column: 0, field: '', message: 'no environment files (*.yaml) in this folder' }],
    };
  const environments: EnvironmentConfig[] = [];
  const checkable: EnvironmentConfig[] = [];
  const problems: Problem[] = [];
  const owners = new Map<string, string>();
  for (const file of files) {
    const result = parseEnvironment(file, readFileSync(file, 'utf8'));
    problems.push(...result.problems);
    if (result.checkable && !owners.has(result.checkable.name)) checkable.push(result.checkable);
    const env = result.environment;
    if (!env) continue;
    const owner = owners.get(env.name);
    if (owner) {
      problems.push({
        ...new YamlSource(file, readFileSync(file, 'utf8')).locate({ path: ['name'], message: '' }),
        message: `environment name '${env.name}' is already used by ${owner}; each environment is one stack and needs a unique name`,
      });
      continue;
    }
    owners.set(env.name, file);
    environments.push(env);
  }
  return { environments, checkable, problems: sortProblems(problems) };
}

/**
 * Loads and validates environment files (a folder of `*.yaml` or one file).
 * @throws LakehouseValidationError listing every problem in every file
 */
export function loadEnvironments(path: string): EnvironmentConfig[] {
  const { environments, problems } = checkEnvironments(path);
  if (problems.length > 0) throw new LakehouseValidationError(problems);
  return environments;
}
