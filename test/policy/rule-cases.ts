import type { EnvironmentConfig, LoadedTableTemplate } from '../../lib/model';
import type { PolicyRule, TerraformJson } from '../../lib/policy';

/** One rule, one passing and one failing stack. */
export interface RuleCase {
  readonly rule: PolicyRule;
  readonly name?: string;
  readonly env: () => EnvironmentConfig;
  readonly templates?: () => readonly LoadedTableTemplate[];
  readonly compliant: TerraformJson;
  readonly nonCompliant: TerraformJson;
  /** Address the finding must be on. */
  readonly address: string;
  /** What the finding message must say. */
  readonly message?: RegExp;
}
