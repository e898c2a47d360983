import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { GcsBackend, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsLakehouse } from '../lib/aws/aws-lakehouse';
import { GcpLakehouse } from '../lib/gcp/gcp-lakehouse';
import type { EnvironmentConfig, LoadedTableTemplate } from '../lib/model';
import { applyPolicyPack } from '../lib/policy';

export interface EnvironmentStackProps {
  readonly environment: EnvironmentConfig;
  readonly templates: readonly LoadedTableTemplate[];
}

/** Tags every resource of an environment carries, on top of the environment's own. */
export function defaultTags(env: EnvironmentConfig): Record<string, string> {
  return { ...env.tags, 'lakehouse-project': env.project, 'lakehouse-environment': env.name, 'managed-by': 'cdktf-lakehouse' };
}

/**
 * One environment file = one stack (named after the environment): provider, backend, default
 * tags, then the lakehouse composite for the environment's cloud. Nothing else lives here.
 */
export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, props: EnvironmentStackProps) {
    const env = props.environment;
    super(scope, env.name);
    this.configureBackend(env);
    if (env.cloud === 'aws') {
      new AwsProvider(this, 'aws', { region: env.region, defaultTags: [{ tags: defaultTags(env) }] });
      new AwsLakehouse(this, 'lakehouse', { environment: env, templates: props.templates });
    } else {
      const google = new GoogleProvider(this, 'google', {
        project: env.gcp!.projectId,
        region: env.region,
        addTerraformAttributionLabel: false,
      });
      // Set through an override: cdktf 0.21 rewrites hyphens in this map's keys to underscores.
      google.addOverride('default_labels', defaultTags(env));
      new GcpLakehouse(this, 'lakehouse', { environment: env, templates: props.templates });
    }
    applyPolicyPack(this, { environment: env, templates: props.templates });
  }

  /**
   * cdktf prepares a stack by resolving every element once more, only to discover references to
   * other stacks. An environment stack never refers to another stack (each is built from its own
   * environment file), so that full resolve is skipped: about a fifth of `app.synth()`, 0.1 s for
   * the shipped environments.
   * test/stacks/references.test.ts checks that the output is byte for byte what cdktf's own
   * preparation gives, and that every reference names something the stack itself declares.
   */
  override prepareStack(): void {
    this.ensureBackendExists();
  }

  private configureBackend(env: EnvironmentConfig): void {
    const s3 = env.backend?.s3;
    const gcs = env.backend?.gcs;
    if (s3) {
      const backend = new S3Backend(this, {
        bucket: s3.bucket,
        key: s3.key,
        region: s3.region ?? env.region,
        encrypt: true,
        dynamodbTable: s3.dynamodbTable,
        kmsKeyId: s3.kmsKeyId,
      });
      // S3-native locking (Terraform ≥ 1.10) is not in cdktf 0.21's S3Backend props.
      if (s3.useLockfile ?? !s3.dynamodbTable) backend.addOverride('use_lockfile', true);
    } else if (gcs) {
      new GcsBackend(this, { bucket: gcs.bucket, prefix: gcs.prefix ?? `lakehouse/${env.name}` });
    } else {
      new LocalBackend(this, { path: `terraform.${env.name}.tfstate` });
    }
  }
}
