import { TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { buildLakehouseApp } from '../../stacks/app';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR, type TfJson } from '../support/synth';

/**
 * Settings Checkov checks on every Lambda function (CI runs it on the shipped stacks; it cannot
 * run here): tracing stated (CKV_AWS_50), logs in the library's own log group.
 */
describe('Lambda functions of the shipped stacks', () => {
  const app = buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR });
  const functions = app.node.children
    .filter((c): c is TerraformStack => c instanceof TerraformStack)
    .flatMap((s) => {
      const json = s.toTerraform() as TfJson;
      return Object.entries(json.resource?.aws_lambda_function ?? {}).map(([id, config]) => ({ at: `${s.node.id} ${id}`, config }));
    });

  it('include both functions of every AWS stack', () => {
    expect(functions.length).toBeGreaterThanOrEqual(4);
  });

  it.each(functions.map((f) => [f.at, f.config] as const))('%s states its X-Ray tracing mode (CKV_AWS_50)', (_at, config) => {
    expect((config as { tracing_config?: { mode?: string } }).tracing_config?.mode).toMatch(/^(PassThrough|Active)$/);
  });

  it.each(functions.map((f) => [f.at, f.config] as const))('%s logs to its own log group', (_at, config) => {
    expect((config as { logging_config?: { log_group?: string } }).logging_config?.log_group).toMatch(/^\$\{aws_cloudwatch_log_group\./);
  });
});
