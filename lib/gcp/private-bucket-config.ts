import type { StorageBucketConfig } from '@cdktf/provider-google/lib/storage-bucket';
import type { LakehouseEncryptionKey } from './lakehouse-encryption-key';

export interface PrivateBucketBasics {
  readonly projectId?: string;
  readonly bucketName: string;
  readonly location: string;
  readonly encryptionKey?: LakehouseEncryptionKey;
  readonly labels?: Record<string, string>;
  /** @default true */
  readonly protectData?: boolean;
}

/**
 * The settings every bucket of the lakehouse shares, so the data and audit buckets cannot drift
 * apart: uniform bucket-level access, public access prevention enforced, never force-destroyed,
 * CMEK when a key is given, and `prevent_destroy` while protected.
 */
export function privateBucketConfig(props: PrivateBucketBasics): StorageBucketConfig {
  return {
    project: props.projectId,
    name: props.bucketName,
    location: props.location,
    storageClass: 'STANDARD',
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
    forceDestroy: false,
    encryption: props.encryptionKey ? { defaultKmsKeyName: props.encryptionKey.keyId } : undefined,
    labels: { ...props.labels },
    // Cloud Storage refuses a default key its service agent cannot use yet: wait for the grant to propagate.
    dependsOn: props.encryptionKey ? [props.encryptionKey.storageGrantPropagated.sleep] : undefined,
    lifecycle: { preventDestroy: props.protectData ?? true },
  };
}
