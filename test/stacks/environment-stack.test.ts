import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing, type TerraformStack } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { LakehouseValidationError } from '../../lib/model';
import { buildLakehouseApp } from '../../stacks/app';
import { LakehouseStack } from '../../lib/stack/lakehouse-stack';
import { environmentStack } from '../../lib/stack/environment-stack';
import { ENVIRONMENTS_DIR, ROOT, TEMPLATES_DIR, environmentFromYaml, shippedTemplates, type TfJson } from '../support/synth';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs();

function stackJson(yaml: string): TfJson {
  const app = Testing.app();
  const stack = environmentStack(app, environmentFromYaml(yaml), shippedTemplates());
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

describe('one stack per environment', () => {
  it('creates one stack named after each shipped environment', () => {
    const app = buildLakehouseApp({
      templatesDir: TEMPLATES_DIR,
      environmentsDir: ENVIRONMENTS_DIR,
      outdir: tempDir('lh-'),
    });
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof LakehouseStack);
    expect(stacks.map((s) => s.node.id).sort()).toEqual(['dev', 'gcp-dev', 'prod', 'staging']);
  });

  it('configures the AWS provider with the region and default tags', () => {
    const json = stackJson(
      'name: qa\nproject: acme\ncloud: aws\ncatalog: glue\nregion: eu-central-1\ntags: { cost-center: data }\n',
    ) as any;
    expect(json.provider.aws).toEqual([
      expect.objectContaining({
        region: 'eu-central-1',
        default_tags: [
          { tags: { 'cost-center': 'data', 'lakehouse-environment': 'qa', 'lakehouse-project': 'acme', 'managed-by': 'cdktf-lakehouse' } },
        ],
      }),
    ]);
    expect(json.provider.google).toBeUndefined();
    // Beside the output folder (cdktf.out/stacks/qa/ → the project root), never inside it; workspaces too.
    expect(json.terraform.backend).toEqual({
      local: { path: '../../../terraform.qa.tfstate', workspace_dir: '../../../terraform.qa.tfstate.d' },
    });
  });

  it('configures the Google provider with labels whose keys keep their hyphens', () => {
    const json = stackJson(
      'name: qa\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west4\ntags: { cost-center: data }\ngcp: { project_id: acme-qa-123, accept_unenforced_append_only: true }\n',
    ) as any;
    const google = json.provider.google[0];
    expect(google.project).toBe('acme-qa-123');
    expect(google.region).toBe('europe-west4');
    expect(google.default_labels).toEqual({
      'cost-center': 'data',
      'lakehouse-environment': 'qa',
      'lakehouse-project': 'acme',
      'managed-by': 'cdktf-lakehouse',
    });
    expect(json.provider.aws).toBeUndefined();
  });

  it('uses an encrypted S3 backend with S3-native locking when configured', () => {
    const json = stackJson(
      'name: qa\nproject: acme\ncloud: aws\ncatalog: glue\nregion: us-east-1\nbackend: { s3: { bucket: acme-tfstate, key: lakehouse/qa.tfstate } }\n',
    ) as any;
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'acme-tfstate',
      key: 'lakehouse/qa.tfstate',
      region: 'us-east-1',
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('uses a GCS backend with a per-environment prefix', () => {
    const json = stackJson(
      'name: qa\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west4\ngcp: { project_id: acme-qa-123, accept_unenforced_append_only: true }\nbackend: { gcs: { bucket: acme-tfstate } }\n',
    ) as any;
    expect(json.terraform.backend.gcs).toEqual({ bucket: 'acme-tfstate', prefix: 'lakehouse/qa' });
  });

  it('builds nothing from invalid input and reports every problem', () => {
    const dir = tempDir('lh-bad-');
    mkdirSync(join(dir, 'envs'));
    writeFileSync(join(dir, 'envs', 'a.yaml'), 'name: a1\nproject: acme\ncloud: aws\ncatalog: biglake\nregion: us-east-1\n');
    writeFileSync(join(dir, 'envs', 'b.yaml'), 'name: b1\nproject: acme\ncloud: gcp\ncatalog: biglake\nregion: europe-west1\n');
    let error: unknown;
    try {
      buildLakehouseApp({ templatesDir: TEMPLATES_DIR, environmentsDir: join(dir, 'envs'), outdir: join(dir, 'out') });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LakehouseValidationError);
    expect((error as LakehouseValidationError).problems.map((p) => `${p.file.replace(dir, '')}:${p.field}`)).toEqual([
      '/envs/a.yaml:catalog',
      '/envs/b.yaml:',
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('the synth entry point prints the problems and exits 1 without a stack trace or output', () => {
    const dir = tempDir('lh-main-');
    writeFileSync(
      join(dir, 'bad.yaml'),
      'name: x1\nproject: acme\ncloud: aws\ncatalog: glue\nregion: us-east-1\nlogging: { retention_days: 2190 }\n',
    );
    const r = spawnSync(process.execPath, [join(ROOT, 'stacks', 'synth.cjs')], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LAKEHOUSE_ENVIRONMENTS: join(dir, 'bad.yaml'), CDKTF_OUTDIR: join(dir, 'out') },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:6:28: logging\.retention_days: CloudWatch Logs does not keep logs for 2190 days/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
