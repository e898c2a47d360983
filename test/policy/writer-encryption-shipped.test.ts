import { TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../lib/project';
import { outcomeStatus, StackIndex, type TerraformJson } from '../../lib/policy';
import { s3WriterEncryption } from '../../lib/policy/rules/s3/s3-writer-encryption';
import type { EnvironmentConfig } from '../../lib/model';
import { buildLakehouseApp } from '../../stacks/app';
import { ENVIRONMENTS_DIR, TEMPLATES_DIR } from '../support/synth';
import { findingsOf } from './fixtures';

/** LH-S3-009 on the stacks `cdktf synth` builds: every writer checked, none contradicts its bucket. */
describe('LH-S3-009 on the shipped stacks', () => {
  const stacks = new Map<string, TerraformJson>();
  const { environments, templates } = loadProject(TEMPLATES_DIR, ENVIRONMENTS_DIR);
  const env = (name: string): EnvironmentConfig => environments.find((e) => e.name === name)!;

  beforeAll(() => {
    const app = buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: ENVIRONMENTS_DIR });
    invokeAspects(app);
    for (const stack of app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack)) {
      stacks.set(stack.node.id, stack.toTerraform() as TerraformJson);
    }
  });

  it('finds the writers of every AWS stack and judges each compliant (not merely not applicable)', () => {
    const writers: string[] = [];
    for (const name of ['dev', 'prod', 'staging']) {
      const stack = new StackIndex(stacks.get(name)!, name);
      for (const writer of stack.ofType(...s3WriterEncryption.resourceTypes)) {
        const outcome = s3WriterEncryption.check(writer, { environment: env(name), stack, templates });
        expect(outcomeStatus(outcome), `${name} ${writer.address}: ${JSON.stringify(outcome)}`).toBe('compliant');
        writers.push(`${name} ${writer.type}`);
      }
    }
    // dev and prod: two Athena workgroups each (Glue); prod and staging: one trail each (dev has no audit).
    expect(writers.sort()).toEqual([
      'dev aws_athena_workgroup',
      'dev aws_athena_workgroup',
      'prod aws_athena_workgroup',
      'prod aws_athena_workgroup',
      'prod aws_cloudtrail',
      'staging aws_cloudtrail',
    ]);
  });

  it('would have caught the SSE_S3 workgroups dev shipped with, on results and on table data', () => {
    const json = structuredClone(stacks.get('dev')!) as any;
    for (const wg of Object.values(json.resource.aws_athena_workgroup) as any[]) {
      wg.configuration.result_configuration.encryption_configuration = { encryption_option: 'SSE_S3' };
    }
    const findings = findingsOf(s3WriterEncryption, json, env('dev'), templates);
    expect(findings).toHaveLength(2);
    for (const f of findings) {
      expect(f.severity).toBe('error');
      expect(f.message).toMatch(
        /query results to aws_s3_bucket\.lakehouse_bucket_storage_bucket_[0-9A-F]+ \(x-amz-server-side-encryption: AES256\)/,
      );
      expect(f.message).toMatch(/table data \(CTAS, INSERT, MERGE\) to aws_s3_bucket\.lakehouse_bucket_storage_bucket_[0-9A-F]+/);
      expect(f.message).toContain("statement 'DenyExplicitNonKmsEncryption'");
    }
  });
});
