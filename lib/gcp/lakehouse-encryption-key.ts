import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { Construct } from 'constructs';
import { throwIfPropsProblems } from '../errors';
import { IamPropagation } from './iam-propagation';
import { kmsLocationFor } from './locations';

/** 90 days: the rotation period the lakehouse keys use unless told otherwise. */
export const DEFAULT_KEY_ROTATION = '7776000s';

export interface LakehouseEncryptionKeyProps {
  /** Google Cloud project of the key ring and of the Cloud Storage service agent. */
  readonly projectId: string;
  /**
   * Location of the buckets the key encrypts (`europe-west1`, `EU`, ...). The key ring is created
   * in the matching Cloud KMS location, because Cloud Storage only uses keys from its own location.
   */
  readonly storageLocation: string;
  /** Key ring name (1-63 letters, digits, `_` or `-`). Key rings can never be deleted, so the name stays taken. */
  readonly keyRingName: string;
  /**
   * Crypto key name (1-63 letters, digits, `_` or `-`).
   * @default 'lakehouse-storage'
   */
  readonly keyName?: string;
  /**
   * Automatic rotation period in seconds, written `<n>s`, at least one day.
   * @default '7776000s' (90 days)
   */
  readonly rotationPeriod?: string;
  /**
   * Keep Terraform from destroying the key (`prevent_destroy`): destroying it schedules the key
   * material for destruction, after which every object it encrypted is unreadable.
   * @default true
   */
  readonly protectData?: boolean;
}

const KMS_NAME = /^[a-zA-Z0-9_-]{1,63}$/;

/**
 * A customer-managed key for Cloud Storage: key ring in the buckets' location, a rotating
 * ENCRYPT_DECRYPT key, and `cryptoKeyEncrypterDecrypter` granted on the key (not the project) to
 * the project's Cloud Storage service agent. Buckets using the key must depend on
 * `storageGrantPropagated`: Cloud Storage refuses a default key its agent cannot use yet, and a new
 * grant takes minutes to propagate.
 */
export class LakehouseEncryptionKey extends Construct {
  readonly keyRing: KmsKeyRing;
  readonly key: KmsCryptoKey;
  /** Full key id (`projects/.../cryptoKeys/...`) for `encryption.default_kms_key_name`. */
  readonly keyId: string;
  /** The key-level grant to the Cloud Storage service agent. */
  readonly storageGrant: KmsCryptoKeyIamMember;
  /** Created once `storageGrant` has had time to propagate; buckets using the key depend on it. */
  readonly storageGrantPropagated: IamPropagation;

  constructor(scope: Construct, id: string, props: LakehouseEncryptionKeyProps) {
    super(scope, id);
    const keyName = props.keyName ?? 'lakehouse-storage';
    const rotationPeriod = props.rotationPeriod ?? DEFAULT_KEY_ROTATION;
    const problems: string[] = [];
    if (!KMS_NAME.test(props.keyRingName)) problems.push(`keyRingName '${props.keyRingName}': use 1-63 letters, digits, '_' or '-'`);
    if (!KMS_NAME.test(keyName)) problems.push(`keyName '${keyName}': use 1-63 letters, digits, '_' or '-'`);
    const seconds = /^(\d+)s$/.exec(rotationPeriod);
    if (!seconds || Number(seconds[1]) < 86400) {
      problems.push(`rotationPeriod '${rotationPeriod}': write whole seconds with an 's' suffix, at least '86400s' (one day)`);
    }
    throwIfPropsProblems(this, 'LakehouseEncryptionKey', problems);

    const lifecycle = { preventDestroy: props.protectData ?? true };
    this.keyRing = new KmsKeyRing(this, 'key-ring', {
      project: props.projectId,
      name: props.keyRingName,
      location: kmsLocationFor(props.storageLocation),
      lifecycle,
    });
    this.key = new KmsCryptoKey(this, 'key', {
      name: keyName,
      keyRing: this.keyRing.id,
      purpose: 'ENCRYPT_DECRYPT',
      rotationPeriod,
      lifecycle,
    });
    this.keyId = this.key.id;
    const storageAgent = new DataGoogleStorageProjectServiceAccount(this, 'storage-agent', { project: props.projectId });
    this.storageGrant = new KmsCryptoKeyIamMember(this, 'storage-agent-grant', {
      cryptoKeyId: this.key.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: storageAgent.member,
    });
    this.storageGrantPropagated = new IamPropagation(this, 'storage-agent-grant-propagation', { grants: [this.storageGrant] });
  }
}
