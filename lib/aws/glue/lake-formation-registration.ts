import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LakeformationResource } from '@cdktf/provider-aws/lib/lakeformation-resource';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { assumeRolePolicy, policyJson } from '../policy-document';
import { s3ObjectsArn, type ArnScope } from './lakehouse-arns';
import { KMS_DATA_KEY_ACTIONS, listPrefixes } from './tier-policies';

export interface LakeFormationRegistrationProps {
  /** `<project>-<env>`: the role is `<prefix>-lakehouse-lf-register`. */
  readonly prefix: string;
  readonly scope: ArnScope;
  /** Key prefix of the warehouse (no slashes at either end); empty registers the whole bucket. */
  readonly warehousePrefix: string;
  /**
   * Register in hybrid access mode: principals opted in (`aws_lakeformation_opt_in`) are governed
   * by Lake Formation permissions even on tables where `IAMAllowedPrincipals` holds ALL (the
   * account's default), everyone else by IAM. AWS Lake Formation developer guide, "Hybrid access
   * mode" and "How hybrid access mode works".
   * @default false
   */
  readonly hybridAccess?: boolean;
  /**
   * Resources the registration must wait for.
   * @default - none
   */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export const REGISTRATION_OBJECT_ACTIONS = ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'] as const;

/**
 * Registers the warehouse prefix of the lakehouse bucket with Lake Formation, using a role of
 * our own trusted by `lakeformation.amazonaws.com` (a user-defined role is required for KMS keys
 * and cross-account use, and a registration cannot be switched to the service-linked role later).
 * Lake Formation vends credentials from this role to Athena, Glue and EMR for governed reads/writes.
 */
export class LakeFormationRegistration extends Construct {
  readonly role: IamRole;
  readonly resource: LakeformationResource;
  /** ARN of the registered location (a reference: grants on it wait for the registration). */
  readonly locationArn: string;

  constructor(scope: Construct, id: string, props: LakeFormationRegistrationProps) {
    super(scope, id);
    const s = props.scope;
    this.role = new IamRole(this, 'role', {
      name: `${props.prefix}-lakehouse-lf-register`,
      description: 'Assumed by Lake Formation to vend credentials for the lakehouse warehouse prefix',
      // Confused-deputy conditions in the form Lake Formation documents (it only supports
      // aws:SourceArn as arn:<partition>:lakeformation:<region>:<account>:*; Lake Formation
      // developer guide, "Cross-service confused deputy prevention").
      assumeRolePolicy: assumeRolePolicy(
        { Service: 'lakeformation.amazonaws.com' },
        {
          StringEquals: { 'aws:SourceAccount': s.account },
          ArnLike: { 'aws:SourceArn': `arn:${s.partition}:lakeformation:${s.region}:${s.account}:*` },
        },
      ),
    });
    const location = props.warehousePrefix === '' ? s.bucketArn : `${s.bucketArn}/${props.warehousePrefix}`;
    const objects = props.warehousePrefix === '' ? `${s.bucketArn}/*` : s3ObjectsArn(s, props.warehousePrefix);
    const prefixes = props.warehousePrefix === '' ? ['*'] : [props.warehousePrefix, `${props.warehousePrefix}/*`];
    const policy = new IamRolePolicy(this, 'policy', {
      name: 'warehouse-data',
      role: this.role.id,
      policy: policyJson([
        { Sid: 'WarehouseObjects', Effect: 'Allow', Action: [...REGISTRATION_OBJECT_ACTIONS], Resource: objects },
        { Sid: 'BucketLocation', Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: s.bucketArn },
        listPrefixes(s, prefixes),
        ...(s.kmsKeyArn !== undefined
          ? [{ Sid: 'DataKey', Effect: 'Allow' as const, Action: [...KMS_DATA_KEY_ACTIONS, 'kms:Encrypt'].sort(), Resource: s.kmsKeyArn }]
          : []),
      ]),
    });
    this.resource = new LakeformationResource(this, 'resource', {
      arn: location,
      roleArn: this.role.arn,
      useServiceLinkedRole: false,
      ...(props.hybridAccess ? { hybridAccessEnabled: true } : {}),
      // The role must be able to read the location before Lake Formation validates it.
      dependsOn: [policy, ...(props.dependsOn ?? [])],
    });
    this.locationArn = this.resource.arn;
  }
}
