import { asStringList } from '../../terraform-json';
import type { PolicyRule } from '../../types';
import { fail, STACK_RESOURCE_TYPE } from '../../types';

export const lakeFormationAdmins: PolicyRule = {
  id: 'LH-PRF-007',
  title: 'Explicit Lake Formation administrators',
  problem: 'No Lake Formation administrators are configured, or the data lake settings do not list them.',
  rationale: 'Lake Formation admins can grant themselves any table; the list must be a reviewed decision, not whoever ran the first apply.',
  fix: 'List the admin role ARNs in access.lake_formation_admins (and let the stack manage the data lake settings).',
  severity: 'error',
  resourceTypes: [STACK_RESOURCE_TYPE],
  profiles: ['soc2', 'hipaa'],
  check(_stack, { environment, stack }) {
    if (environment.cloud !== 'aws' || environment.catalog !== 'glue') return 'not-applicable';
    const admins = environment.access.lakeFormationAdmins;
    if (admins.length === 0) return fail('access.lake_formation_admins is empty.');
    const missing = stack
      .ofType('aws_lakeformation_data_lake_settings')
      .flatMap((s) => admins.filter((a) => !asStringList(s.config.admins).includes(a)).map((a) => `${s.address} lacks ${a}`));
    return missing.length === 0 ? 'compliant' : fail(`${missing.join('; ')}.`);
  },
};
