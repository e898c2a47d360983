import { TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../lib/project';
import { evaluatePolicyPack, formatFinding, type PolicyReport, type TerraformJson } from '../../lib/policy';
import { buildLakehouseApp } from '../../stacks/app';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR } from '../support/synth';

/**
 * The shipped environments, built exactly as `cdktf synth` builds them, evaluated by the pack.
 * Evaluated directly (not through the synth-time validation) so a failure lists every finding.
 */
describe('shipped environments under the policy pack', () => {
  const reports = new Map<string, PolicyReport>();
  const { environments, templates } = loadProject(TEMPLATES_DIR, ENVIRONMENTS_DIR);

  beforeAll(() => {
    const app = buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR });
    invokeAspects(app);
    for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
      const environment = environments.find((e) => e.name === stack.node.id)!;
      const json = stack.toTerraform() as TerraformJson;
      reports.set(stack.node.id, evaluatePolicyPack(json, environment, { templates, stackName: stack.node.id }));
    }
  });

  it('builds one stack per environment file', () => {
    expect([...reports.keys()].sort()).toEqual(environments.map((e) => e.name).sort());
  });

  for (const environment of environments) {
    it(`${environment.name} (${environment.compliance}) has no error findings`, () => {
      const errors = reports.get(environment.name)!.findings.filter((f) => f.severity === 'error');
      expect(errors.map(formatFinding)).toEqual([]);
    });
  }

  it('prod runs under hipaa with zero findings and zero suppressions', () => {
    const prod = environments.find((e) => e.name === 'prod')!;
    expect(prod.compliance).toBe('hipaa');
    expect(prod.suppressions).toEqual([]);
    expect(reports.get('prod')!.findings.map(formatFinding)).toEqual([]);
  });
});
