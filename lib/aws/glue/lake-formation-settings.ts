import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { LakeformationDataLakeSettings } from '@cdktf/provider-aws/lib/lakeformation-data-lake-settings';
import { Construct } from 'constructs';
import { compare } from '../../model/compare';

export interface LakeFormationAccountSettingsProps {
  /**
   * Data lake administrators besides the principal running Terraform (IAM role or user ARNs). The
   * resource replaces the account's list with these plus the deployer.
   * @default [] (the deployer alone)
   */
  readonly admins?: readonly string[];
}

/**
 * The account-wide Lake Formation settings: the given administrators plus the principal running
 * Terraform, and no default permissions for `IAMAllowedPrincipals` on new databases and tables
 * (both lists are left out, which Lake Formation reads as "Lake Formation permissions govern"), so
 * Lake Formation grants (column exclusions included) take effect.
 *
 * The deployer is kept an administrator because the resource is authoritative: a principal that
 * is not an administrator cannot grant Lake Formation permissions, so every grant after it would
 * fail. It is the IAM role behind the caller's session (`aws_iam_session_context.issuer_arn`: an
 * assumed-role ARN names the session, which Lake Formation does not accept as an administrator).
 *
 * This resource is authoritative for the whole account and region: only one stack per account
 * may create it. Everything it does not set is reset at every apply (see docs/aws-glue.md,
 * "What the account settings reset"). Databases and tables must depend on it, because the
 * defaults apply at creation.
 */
export class LakeFormationAccountSettings extends Construct {
  readonly resource: LakeformationDataLakeSettings;
  /** ARN of the IAM role (or user) running Terraform, a data lake administrator. */
  readonly deployerArn: string;

  constructor(scope: Construct, id: string, props: LakeFormationAccountSettingsProps = {}) {
    super(scope, id);
    const caller = new DataAwsCallerIdentity(this, 'caller');
    this.deployerArn = new DataAwsIamSessionContext(this, 'deployer', { arn: caller.arn }).issuerArn;
    const listed = [...new Set(props.admins ?? [])].sort(compare);
    this.resource = new LakeformationDataLakeSettings(this, 'settings', { admins: [...listed, this.deployerArn] });
  }
}
