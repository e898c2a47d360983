import { LakeformationDataLakeSettings } from '@cdktf/provider-aws/lib/lakeformation-data-lake-settings';
import { Construct } from 'constructs';

export interface LakeFormationAccountSettingsProps {
  /**
   * Data lake administrators (IAM role or user ARNs). The list replaces the account's current
   * administrators, so it must include the principal that runs Terraform.
   */
  readonly admins: readonly string[];
}

/**
 * The account-wide Lake Formation settings: the given administrators, and no default
 * permissions for `IAMAllowedPrincipals` on new databases and tables (both lists are left out,
 * which clears them), so Lake Formation grants (column exclusions included) take effect.
 *
 * This resource is authoritative for the whole account and region: only one stack per account
 * may create it. Databases and tables must depend on it, because the defaults apply at creation.
 */
export class LakeFormationAccountSettings extends Construct {
  readonly resource: LakeformationDataLakeSettings;

  constructor(scope: Construct, id: string, props: LakeFormationAccountSettingsProps) {
    super(scope, id);
    if (props.admins.length === 0) {
      throw new Error(
        'LakeFormationAccountSettings: admins is empty; the settings replace the account’s administrators, so list at least the role that runs Terraform',
      );
    }
    this.resource = new LakeformationDataLakeSettings(this, 'settings', { admins: [...new Set(props.admins)].sort() });
  }
}
