import { GcsBackend, LocalBackend, S3Backend, type TerraformStack } from 'cdktf';
import type { EnvironmentConfig } from '../model/environment';

/**
 * Local state beside the synthesis output folder, not in it: Terraform runs in
 * `<outdir>/stacks/<env>/`, so three levels up is the folder holding `cdktf.out` (the project
 * root by default), which is not deleted with the output. The path is relative, so the
 * synthesized JSON is the same on every machine.
 */
export function localStatePath(environmentName: string): string {
  return `../../../terraform.${environmentName}.tfstate`;
}

/** Where `terraform workspace new` keeps the stack's other workspaces: beside the output folder too. */
export function localWorkspaceDir(environmentName: string): string {
  return `../../../terraform.${environmentName}.tfstate.d`;
}

/** The environment's `backend` (S3 with encryption and locking, GCS), or local state. */
export function configureStateBackend(stack: TerraformStack, env: EnvironmentConfig): void {
  const s3 = env.backend?.s3;
  const gcs = env.backend?.gcs;
  if (s3) {
    const backend = new S3Backend(stack, {
      bucket: s3.bucket,
      key: s3.key,
      region: s3.region ?? env.region,
      encrypt: true,
      dynamodbTable: s3.dynamodbTable,
      kmsKeyId: s3.kmsKeyId,
    });
    // S3-native locking (Terraform >= 1.10) is not in cdktf 0.21's S3Backend props.
    if (s3.useLockfile ?? !s3.dynamodbTable) backend.addOverride('use_lockfile', true);
  } else if (gcs) {
    new GcsBackend(stack, { bucket: gcs.bucket, prefix: gcs.prefix ?? `lakehouse/${env.name}` });
  } else {
    // Workspaces beside it too: Terraform's default workspace_dir is inside the stack folder.
    new LocalBackend(stack, { path: localStatePath(env.name), workspaceDir: localWorkspaceDir(env.name) });
  }
}
