import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { AwsContext } from '../aws-context';
import { policyJson, type PolicyStatement } from '../policy-document';
import { defaultAuditTrailName, defaultKeyAlias, kmsAliasProblems, trailNameProblems } from './storage-names';
import { integerProblems, nameProblems } from '../prop-checks';
import { throwIfPropsProblems } from '../../errors';

export interface LakehouseKeyProps {
  /** `<project>-<env>`: the prefix of every name. */
  readonly prefix: string;
  /** Adds `prevent_destroy` to the key (a deleted key makes every object encrypted with it unreadable). @default true */
  readonly protectData?: boolean;
  /** @default `alias/<prefix>-lakehouse` */
  readonly aliasName?: string;
  /** Days between scheduling deletion and the key being deleted, 7 to 30. @default 30 */
  readonly deletionWindowDays?: number;
  /**
   * The trail allowed to encrypt its log files with the key (named in `aws:SourceArn`). Must match
   * `AuditTrailProps.trailName`.
   * @default `<prefix>-lakehouse-audit` (the AuditTrail default)
   */
  readonly trailName?: string;
  /** Where the values come from (e.g. the environment file), named in error messages. @default - not named */
  readonly origin?: string;
}

/**
 * The customer-managed KMS key of an environment: lakehouse bucket default encryption, the audit
 * trail's log files and the trail's CloudWatch Logs group. Rotation on, 30-day deletion window, an
 * alias, and a key policy that delegates use to IAM plus the two service principals that cannot
 * get IAM permissions (CloudTrail and CloudWatch Logs).
 */
export class LakehouseKey extends Construct {
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: LakehouseKeyProps) {
    super(scope, id);
    const aliasName = props.aliasName ?? defaultKeyAlias(props.prefix);
    const trailName = props.trailName ?? defaultAuditTrailName(props.prefix);
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    throwIfPropsProblems(
      this,
      'LakehouseKey',
      [
        ...nameProblems('aliasName', aliasName, kmsAliasProblems),
        ...nameProblems('trailName', trailName, trailNameProblems),
        ...integerProblems('deletionWindowDays', deletionWindowDays, 7, 30),
      ],
      props.origin,
    );

    const context = AwsContext.of(this);
    const key = new KmsKey(this, 'key', {
      description: `Lakehouse ${props.prefix}: data bucket, audit trail and its CloudWatch Logs`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: policyJson(lakehouseKeyPolicy(context, trailName)),
      lifecycle: (props.protectData ?? true) ? { preventDestroy: true } : undefined,
    });
    new KmsAlias(this, 'alias', { name: aliasName, targetKeyId: key.keyId });

    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = aliasName;
  }
}

/** The key policy statements, in a fixed order. */
export function lakehouseKeyPolicy(context: AwsContext, trailName: string): PolicyStatement[] {
  const trailArn = context.arn('cloudtrail', `trail/${trailName}`);
  return [
    {
      // The lakehouse roles get kms:Decrypt / GenerateDataKey through their IAM policies, which
      // only take effect because the key policy trusts the account. Naming the roles here instead
      // would fail: KMS rejects a key policy whose principal does not exist yet, and the roles are
      // created after the key (their policies reference its ARN).
      Sid: 'EnableIamPolicies',
      Effect: 'Allow',
      Principal: { AWS: context.rootArn },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'AllowCloudTrailEncryptLogs',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': context.arn('cloudtrail', 'trail/*', { region: '*' }) },
        StringEquals: { 'aws:SourceArn': trailArn },
      },
    },
    {
      // CloudTrail checks the key's properties when the trail is created or updated.
      Sid: 'AllowCloudTrailDescribeKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
    },
    {
      // CloudWatch Logs encrypts with the key of the log group; the encryption context names the
      // log group, so only this account's groups in this region can use it.
      Sid: 'AllowCloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: `logs.${context.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': context.arn('logs', 'log-group:*') } },
    },
  ];
}
